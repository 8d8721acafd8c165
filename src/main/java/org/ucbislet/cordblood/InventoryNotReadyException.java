package org.ucbislet.cordblood;

/**
 * The inventory is not in memory yet (being loaded or generated at start-up, or loading failed): a search is
 * answered 503 and the stage 1 search task fails (its job is retried). Nothing is wrong with the request.
 */
public class InventoryNotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InventoryNotReadyException(String message) {
    super(message);
  }
}

package org.ucbislet.cordblood;

/**
 * An inventory file whose every data row was rejected: loading it would empty the bank, so it is refused as a
 * whole (HTTP 400 with the rejected rows) and the inventory is unchanged. A file with only the header, on the other
 * hand, deliberately empties the inventory.
 */
public class InventoryRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient InventoryImport outcome;

  public InventoryRejectedException(InventoryImport outcome) {
    super("every one of the " + outcome.received() + " data rows was rejected; the inventory is unchanged");
    this.outcome = outcome;
  }

  public InventoryImport outcome() {
    return outcome;
  }
}

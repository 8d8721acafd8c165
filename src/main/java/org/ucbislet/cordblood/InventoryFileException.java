package org.ucbislet.cordblood;

/**
 * An inventory file that cannot be read at all (empty, wrong header, not UTF-8 text): nothing of it is loaded and
 * the inventory is unchanged. {@code field} names what is wrong ({@code body}, {@code header}).
 */
public class InventoryFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InventoryFileException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}

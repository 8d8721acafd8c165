package org.ucbislet.cordbloodtransplant;

/** A unit selection that breaks a reservation rule; names the form field (variable) at fault. */
public class UnitSelectionException extends IllegalArgumentException {

  private final String field;

  public UnitSelectionException(String field, String problem) {
    super(problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}

package org.ucbislet.clinical;

/** One broken form rule: the field's key (the variable name), its label and what is wrong. */
public record FieldViolation(String field, String label, String problem) {

  @Override
  public String toString() {
    return label == null || label.isBlank() || label.equals(field)
        ? field + ": " + problem
        : field + " (" + label + "): " + problem;
  }
}

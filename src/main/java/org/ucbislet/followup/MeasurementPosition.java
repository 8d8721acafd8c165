package org.ucbislet.followup;

/**
 * How the child's length or height was measured. The WHO 2006 standards are for recumbent length before
 * 731 days and standing height from 731 days; a measurement taken the other way is corrected by 0.7 cm
 * (WHO {@code anthro}). The 2007 reference (from 5 years) is for standing height.
 */
public enum MeasurementPosition {
  RECUMBENT("recumbent"),
  STANDING("standing");

  private final String variableValue;

  MeasurementPosition(String variableValue) {
    this.variableValue = variableValue;
  }

  public String variableValue() {
    return variableValue;
  }

  /** The form value ({@code recumbent}, {@code standing}); null when not recorded. */
  public static MeasurementPosition fromVariable(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (MeasurementPosition p : values()) {
      if (p.variableValue.equals(value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("heightMeasurement must be 'recumbent' or 'standing', was '" + value + "'");
  }
}

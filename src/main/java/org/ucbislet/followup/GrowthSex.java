package org.ucbislet.followup;

import java.util.Locale;

/** Sex as the WHO tables code it (1 male, 2 female) and as the enrolment form records it (contract: female, male). */
public enum GrowthSex {
  MALE(1, "male"),
  FEMALE(2, "female");

  private final int whoCode;
  private final String variableValue;

  GrowthSex(int whoCode, String variableValue) {
    this.whoCode = whoCode;
    this.variableValue = variableValue;
  }

  public int whoCode() {
    return whoCode;
  }

  /** The value of the contract variable {@code sex}: {@code female} or {@code male}. */
  public static GrowthSex fromVariable(String sex) {
    for (GrowthSex s : values()) {
      if (s.variableValue.equals(sex == null ? null : sex.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("sex must be 'female' or 'male', was '" + sex + "'");
  }

  static GrowthSex fromWhoCode(int code) {
    for (GrowthSex s : values()) {
      if (s.whoCode == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("WHO sex code must be 1 or 2, was " + code);
  }
}

package org.ucbislet.followup;

/**
 * The three WHO growth indicators of the follow-up visits (domain.md Part A "growth", B 8), each with
 * its table and WHO's rules: weight-for-age is defined up to 10 years only, and weight and BMI use the
 * restricted application beyond ±3 SD (height-for-age does not).
 */
public enum GrowthIndicator {
  HEIGHT_FOR_AGE("height-for-age.csv", 228, false),
  WEIGHT_FOR_AGE("weight-for-age.csv", 120, true),
  BMI_FOR_AGE("bmi-for-age.csv", 228, true);

  private final String table;
  private final int maxAgeMonths;
  private final boolean restrictedBeyond3Sd;

  GrowthIndicator(String table, int maxAgeMonths, boolean restrictedBeyond3Sd) {
    this.table = table;
    this.maxAgeMonths = maxAgeMonths;
    this.restrictedBeyond3Sd = restrictedBeyond3Sd;
  }

  /** The file under {@code who-growth/} on the classpath. */
  public String table() {
    return table;
  }

  /** The oldest age in months (WHO 2007 reference) for which WHO defines the indicator. */
  public int maxAgeMonths() {
    return maxAgeMonths;
  }

  public boolean restrictedBeyond3Sd() {
    return restrictedBeyond3Sd;
  }
}

package org.ucbislet.followup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Height-for-age, weight-for-age and BMI-for-age z-scores by the LMS method against the WHO references
 * (domain.md Part A "growth", Part B 8; tables and their sources in {@code who-growth/README.md}). Plain
 * Java, no Camunda imports.
 *
 * <ul>
 *   <li>Age and table: {@link WhoGrowthReference} (2006 standards by day to 1826 days, 2007 reference by
 *       interpolated month from 1827 days; weight-for-age not defined beyond 120 months).</li>
 *   <li>Length or height (2006 standards only): measured standing before 731 days +0.7 cm, measured
 *       lying from 731 days -0.7 cm, as WHO {@code anthro}; BMI uses the corrected value. From 5 years the
 *       height is used as measured (the 2007 reference is for standing height).</li>
 *   <li>z = ((X/M)^L - 1)/(L·S), ln(X/M)/S when L = 0 (B 8, V). Height-for-age uses it as it is (L = 1).</li>
 *   <li>Weight and BMI beyond ±3 SD: WHO's restricted application, z = 3 + (X - SD3pos)/(SD3pos - SD2pos),
 *       z = -3 + (X - SD3neg)/(SD2neg - SD3neg), with SDk = M·(1 + L·S·k)^(1/L) (B 8: the restriction V,
 *       the exact formula U; flagged on the result and in the README's sign-off list).</li>
 * </ul>
 */
public final class GrowthZScores {

  /** First day of the 2006 standards' height rows (731 days = 24 months); before it they are for length. */
  public static final int FIRST_STANDING_HEIGHT_DAY = 731;
  /** WHO's length/height correction between lying and standing, in cm. */
  public static final double LYING_STANDING_DIFFERENCE_CM = 0.7;

  private final WhoGrowthReference reference;

  public GrowthZScores(WhoGrowthReference reference) {
    this.reference = reference;
  }

  /** With the WHO tables of the classpath. */
  public static GrowthZScores who() {
    return new GrowthZScores(WhoGrowthReference.fromClasspath());
  }

  /**
   * The three z-scores of a child measured on {@code measuredOn}.
   *
   * @param position how the length or height was measured; null = as the table expects at that age
   * @throws IllegalArgumentException when the measurement date is before the date of birth or a value is not positive
   */
  public GrowthAssessment assess(GrowthSex sex, LocalDate dateOfBirth, LocalDate measuredOn, double heightCm,
                                 double weightKg, MeasurementPosition position) {
    if (measuredOn.isBefore(dateOfBirth)) {
      throw new IllegalArgumentException("Measurement date " + measuredOn + " is before the date of birth " + dateOfBirth);
    }
    if (!(heightCm > 0) || !(weightKg > 0)) {
      throw new IllegalArgumentException("Height and weight must be positive, were " + heightCm + " cm, " + weightKg + " kg");
    }
    long ageDays = ChronoUnit.DAYS.between(dateOfBirth, measuredOn);
    double height = correctedHeight(heightCm, ageDays, position);
    double bmi = weightKg / Math.pow(height / 100, 2);
    return new GrowthAssessment(ageDays, ageDays / WhoGrowthReference.DAYS_PER_MONTH, height, bmi,
        zScore(GrowthIndicator.HEIGHT_FOR_AGE, sex, ageDays, height),
        zScore(GrowthIndicator.WEIGHT_FOR_AGE, sex, ageDays, weightKg),
        zScore(GrowthIndicator.BMI_FOR_AGE, sex, ageDays, bmi));
  }

  /** The z-score of one measurement (height in cm, weight in kg, BMI in kg/m²) at an age in completed days. */
  public ZScore zScore(GrowthIndicator indicator, GrowthSex sex, long ageDays, double value) {
    return reference.row(indicator, sex, ageDays)
        .map(row -> score(indicator, row, value))
        .orElseGet(() -> ZScore.notDefined(indicator == GrowthIndicator.WEIGHT_FOR_AGE
            ? "weight-for-age is not defined beyond 10 years (WHO Growth Reference 2007)"
            : "not defined beyond 19 years (WHO Growth Reference 2007)"));
  }

  private static ZScore score(GrowthIndicator indicator, WhoGrowthReference.ReferenceRow row, double value) {
    Lms lms = row.lms();
    double z = lms.z(value);
    if (!indicator.restrictedBeyond3Sd() || Math.abs(z) <= 3) {
      return new ZScore(z, row.reference(), false, "LMS");
    }
    return new ZScore(restricted(lms, value, z), row.reference(), true,
        "beyond 3 SD: WHO restricted application (exact formula tagged U in domain.md B 8)");
  }

  /** WHO's restricted application beyond ±3 SD (domain.md B 8). */
  static double restricted(Lms lms, double value, double z) {
    if (z > 3) {
      double sd3 = lms.valueAt(3);
      return 3 + (value - sd3) / (sd3 - lms.valueAt(2));
    }
    double sd3 = lms.valueAt(-3);
    return -3 + (value - sd3) / (lms.valueAt(-2) - sd3);
  }

  private static double correctedHeight(double heightCm, long ageDays, MeasurementPosition position) {
    if (position == null || ageDays > WhoGrowthReference.LAST_DAY_ROW) {
      return heightCm;
    }
    if (ageDays < FIRST_STANDING_HEIGHT_DAY && position == MeasurementPosition.STANDING) {
      return heightCm + LYING_STANDING_DIFFERENCE_CM;
    }
    if (ageDays >= FIRST_STANDING_HEIGHT_DAY && position == MeasurementPosition.RECUMBENT) {
      return heightCm - LYING_STANDING_DIFFERENCE_CM;
    }
    return heightCm;
  }
}

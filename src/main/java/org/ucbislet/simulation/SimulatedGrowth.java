package org.ucbislet.simulation;

import java.time.LocalDate;
import org.ucbislet.followup.GrowthIndicator;
import org.ucbislet.followup.GrowthSex;
import org.ucbislet.followup.GrowthZScores;
import org.ucbislet.followup.Lms;
import org.ucbislet.followup.WhoGrowthReference;
import org.ucbislet.followup.ZScore;

/**
 * A simulated child's height and weight on any day, growing along the WHO references (WHO 2006 standards to 5 years,
 * WHO 2007 reference to 19 years; src/main/resources/who-growth): the child keeps the height-for-age and BMI-for-age
 * z-scores it had at referral, so its height and weight follow its own centile as it ages, as the LMS method gives
 * them ({@code X = M (1 + L S z)^(1/L)}). A weighing varies by up to +-1 % around that (scale, clothing, time of day),
 * drawn from the child's seed and the day, so the same day always gives the same weight and the child's other draws do
 * not change.
 */
final class SimulatedGrowth {

  private final WhoGrowthReference reference;
  private final GrowthZScores zScores;

  SimulatedGrowth(WhoGrowthReference reference) {
    this.reference = reference;
    this.zScores = new GrowthZScores(reference);
  }

  /** Height (cm, one decimal) on that day. */
  double heightCm(SyntheticChild child, LocalDate day) {
    return round1(heightOn(child, day));
  }

  /** Weight (kg, one decimal) measured on that day. */
  double weightKg(SyntheticChild child, LocalDate day) {
    double height = heightOn(child, day) / 100;
    double bmi = lms(GrowthIndicator.BMI_FOR_AGE, child, day).valueAt(z(GrowthIndicator.BMI_FOR_AGE, child,
        child.weightKg() / Math.pow(child.heightCm() / 100, 2)));
    long noise = new java.util.SplittableRandom(child.randomSeed() ^ day.toEpochDay() * 0x9E3779B97F4A7C15L).nextLong();
    double variation = 1 + 0.01 * ((noise >>> 11) * 0x1.0p-53 * 2 - 1);
    return Math.min(149.0, round1(bmi * height * height * variation));
  }

  private double heightOn(SyntheticChild child, LocalDate day) {
    return lms(GrowthIndicator.HEIGHT_FOR_AGE, child, day).valueAt(z(GrowthIndicator.HEIGHT_FOR_AGE, child,
        child.heightCm()));
  }

  /** The child's z-score at referral for this indicator (0 when the reference gives none). */
  private double z(GrowthIndicator indicator, SyntheticChild child, double valueAtReferral) {
    LocalDate referral = child.referredAt().atZone(org.ucbislet.clinical.ClinicalTimeZone.get()).toLocalDate();
    ZScore z = zScores.zScore(indicator, sex(child), ageDays(child, referral), valueAtReferral);
    return z.defined() ? Math.max(-3, Math.min(3, z.value())) : 0;
  }

  private Lms lms(GrowthIndicator indicator, SyntheticChild child, LocalDate day) {
    long age = Math.min(ageDays(child, day), 19L * 365);
    return reference.row(indicator, sex(child), age).orElseThrow(() -> new IllegalStateException(
        "No WHO " + indicator + " reference for " + child.subjectId() + " at day " + age)).lms();
  }

  private static long ageDays(SyntheticChild child, LocalDate day) {
    return day.toEpochDay() - child.dateOfBirth().toEpochDay();
  }

  private static GrowthSex sex(SyntheticChild child) {
    return "male".equals(child.sex()) ? GrowthSex.MALE : GrowthSex.FEMALE;
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

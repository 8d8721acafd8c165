package org.ucbislet.followup;

/**
 * The growth z-scores of one visit (domain.md Part A "growth", B 8).
 *
 * @param ageDays completed days from birth to the measurement
 * @param ageMonths ageDays / 30.4375
 * @param heightUsedCm the length or height the 2006 standards were applied to (after WHO's ±0.7 cm
 *     correction for the measuring position), else the height as measured
 * @param bmi weight / (heightUsedCm / 100)², kg/m²
 */
public record GrowthAssessment(long ageDays, double ageMonths, double heightUsedCm, double bmi,
                               ZScore heightForAge, ZScore weightForAge, ZScore bmiForAge) {
}

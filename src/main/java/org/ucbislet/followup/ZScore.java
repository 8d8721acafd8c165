package org.ucbislet.followup;

/**
 * One growth z-score, or why there is none.
 *
 * @param value the z-score; null when WHO does not define the indicator at this age
 * @param reference {@link WhoGrowthReference#WHO_2006} or {@link WhoGrowthReference#WHO_2007}; null when undefined
 * @param restricted true when WHO's restricted application beyond ±3 SD replaced the plain LMS value
 *     (weight and BMI only; domain.md B 8 tags the exact formula U)
 * @param note why the value is missing or how it was obtained, for the visit record
 */
public record ZScore(Double value, String reference, boolean restricted, String note) {

  public static ZScore notDefined(String why) {
    return new ZScore(null, null, false, why);
  }

  public boolean defined() {
    return value != null;
  }
}

package org.ucbislet.cordbloodtransplant;

/**
 * The ASTCT engraftment definitions as numbers (domain.md Part A, B 2.1), set by configuration
 * ({@code ucbi.engraftment.*}, {@link EngraftmentSettings}), never Java constants.
 *
 * @param ancThresholdE9PerL neutrophil recovery: ANC at or above this (default 0.5 x 10^9/L)
 * @param plateletThresholdE9PerL platelet recovery: platelets at or above this (default 20 x 10^9/L)
 * @param consecutiveDays on this many consecutive days (default 3); the first of them is the engraftment day
 * @param plateletTransfusionFreeDays no platelet transfusion in this many days before the first day (default 7)
 */
public record EngraftmentCriteria(double ancThresholdE9PerL, double plateletThresholdE9PerL, int consecutiveDays,
                                  int plateletTransfusionFreeDays) {

  public EngraftmentCriteria {
    if (!(ancThresholdE9PerL > 0) || !(plateletThresholdE9PerL > 0)) {
      throw new IllegalArgumentException("Engraftment thresholds must be positive: ANC " + ancThresholdE9PerL
          + ", platelets " + plateletThresholdE9PerL);
    }
    if (consecutiveDays < 1 || plateletTransfusionFreeDays < 0) {
      throw new IllegalArgumentException("Consecutive days must be >= 1 and transfusion-free days >= 0, were "
          + consecutiveDays + " and " + plateletTransfusionFreeDays);
    }
  }
}

package org.ucbislet.islettransplant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The dosing weight rule as the islet infusion applies it (domain.md Part A "dosing weight", tagged U): every per-kg
 * decision uses a weight measured at most {@code ucbi.dosing-weight.max-age-days} days before it (default 7). The
 * setting is shared with the child's current-weight mechanism (same name); this small class only reads it.
 */
@Component
public class DosingWeightSettings {

  private final int maxAgeDays;

  public DosingWeightSettings(@Value("${ucbi.dosing-weight.max-age-days:7}") int maxAgeDays) {
    if (maxAgeDays < 0) {
      throw new IllegalArgumentException("ucbi.dosing-weight.max-age-days must be 0 or more, was " + maxAgeDays);
    }
    this.maxAgeDays = maxAgeDays;
  }

  /** The default of domain.md Part A, for code and tests without Spring. */
  public static DosingWeightSettings defaults() {
    return new DosingWeightSettings(7);
  }

  public int maxAgeDays() {
    return maxAgeDays;
  }
}

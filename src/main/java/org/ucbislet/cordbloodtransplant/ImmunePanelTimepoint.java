package org.ucbislet.cordbloodtransplant;

import java.time.Period;

/**
 * An immune panel due a number of months after the cord blood infusion, with its window either side
 * (domain.md Part A, B 2.4: month 3 +/- 2 weeks, months 6 and 12 +/- 4 weeks).
 */
public record ImmunePanelTimepoint(int month, Period window) {

  public ImmunePanelTimepoint {
    if (month < 1 || window == null || window.isNegative()) {
      throw new IllegalArgumentException("Immune panel at month " + month + " with window " + window);
    }
  }
}

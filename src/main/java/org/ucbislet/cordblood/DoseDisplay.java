package org.ucbislet.cordblood;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How cell doses are shown (search answer, process variables, option labels): cut, not rounded, to two decimals
 * ({@code 4.9999 -> 4.99}, {@code 9.7468 -> 9.74}). Ranking and acceptance always use the unrounded values. Cutting
 * keeps what is shown consistent with the decision for every threshold with at most two decimals (5.0 x 10^7/kg,
 * 1.5 x 10^5/kg): a shown value is at or above such a threshold exactly when the true value is, so a unit shown
 * "TNC 5.00" is never one that failed TNC >= 5.0 (rounding half up would show 4.996 as 5.00 on a rejected unit).
 */
public final class DoseDisplay {

  public static final int DECIMALS = 2;

  private DoseDisplay() {
  }

  public static double shown(double dose) {
    return BigDecimal.valueOf(dose).setScale(DECIMALS, RoundingMode.FLOOR).doubleValue();
  }

  /** As text with exactly two decimals ({@code 9.70}). */
  public static String text(double dose) {
    return BigDecimal.valueOf(dose).setScale(DECIMALS, RoundingMode.FLOOR).toPlainString();
  }
}

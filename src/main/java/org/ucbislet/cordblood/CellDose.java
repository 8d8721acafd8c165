package org.ucbislet.cordblood;

/**
 * Cell dose of a cord blood unit per kg of recipient weight, in the units the decision
 * {@code cordBloodUnitAcceptance} and the search answer use (design.md section 3 and 6):
 * TNC in 10^7 cells/kg, CD34+ in 10^5 cells/kg. The same code serves the bank search (pre-freeze
 * totals) and the post-thaw counts at infusion. Plain Java, no engine.
 *
 * <p>Nothing is rounded here: a rounded dose could cross a threshold of the acceptance table
 * (domain.md Part A: TNC >= 5.0 x 10^7/kg, CD34 >= 1.5 x 10^5/kg). Round for display only.
 */
public final class CellDose {

  private static final double E7 = 1.0e7;
  private static final double E5 = 1.0e5;

  private CellDose() {
  }

  /** Total nucleated cells per kg, in units of 10^7/kg: {@code tncTotal / weightKg / 10^7}. */
  public static double tncPerKgE7(double tncTotal, double weightKg) {
    return perKg("tncTotal", tncTotal, weightKg) / E7;
  }

  /** CD34+ cells per kg, in units of 10^5/kg: {@code cd34Total / weightKg / 10^5}. */
  public static double cd34PerKgE5(double cd34Total, double weightKg) {
    return perKg("cd34Total", cd34Total, weightKg) / E5;
  }

  private static double perKg(String field, double cells, double weightKg) {
    if (!Double.isFinite(cells) || cells < 0) {
      throw new IllegalArgumentException(field + " must be a number of cells >= 0, was " + cells);
    }
    if (!Double.isFinite(weightKg) || weightKg <= 0) {
      throw new IllegalArgumentException("weightKg must be a positive number of kilograms, was " + weightKg);
    }
    return cells / weightKg;
  }
}

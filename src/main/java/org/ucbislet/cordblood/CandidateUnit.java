package org.ucbislet.cordblood;

import java.util.Comparator;

/**
 * A cord blood unit found for a recipient: identity, match grade and cell doses for the recipient's weight,
 * unrounded (rounding is for display only: {@link DoseDisplay}).
 *
 * @param tncTotal pre-freeze total nucleated cells of the unit
 * @param cd34Total pre-freeze CD34+ cells of the unit
 * @param tncPerKgE7 {@code tncTotal / weightKg / 10^7} ({@link CellDose})
 * @param cd34PerKgE5 {@code cd34Total / weightKg / 10^5} ({@link CellDose})
 */
public record CandidateUnit(String bank, String unitId, MatchGrade grade, double tncTotal, double cd34Total,
                            double tncPerKgE7, double cd34PerKgE5) {

  /**
   * The ranking of domain.md Part A (B 1.3) as a total order, best first: {@code alleleMatches8} desc, then
   * {@code antigenMatches6} desc, then TNC/kg desc, then CD34/kg desc, then bank asc, then unit ID asc (String
   * order; bank and unit IDs are ASCII). Bank + unit ID is unique in an inventory, so no two units tie and a search
   * answers the same order every time. For one recipient every unit is divided by the same weight, so TNC/kg and
   * CD34/kg are compared on the totals: that is the exact comparison of the per-kg doses, which floating-point
   * division could otherwise turn into a false tie.
   */
  public static final Comparator<CandidateUnit> RANKING = Comparator
      .comparingInt((CandidateUnit u) -> -u.grade().alleleMatches8())
      .thenComparingInt(u -> -u.grade().antigenMatches6())
      .thenComparing(CandidateUnit::tncTotal, Comparator.reverseOrder())
      .thenComparing(CandidateUnit::cd34Total, Comparator.reverseOrder())
      .thenComparing(CandidateUnit::bank)
      .thenComparing(CandidateUnit::unitId);

  /** {@code <bank>/<unitId>}: how the stage 1 process refers to a unit. */
  public String unitKey() {
    return bank + "/" + unitId;
  }
}

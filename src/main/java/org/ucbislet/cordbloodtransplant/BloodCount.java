package org.ucbislet.cordbloodtransplant;

import java.time.LocalDate;

/**
 * One day's blood count after the cord blood infusion, as the transplant physician records it.
 *
 * @param date the day the blood was drawn
 * @param ancE9PerL absolute neutrophil count in 10^9/L
 * @param plateletsE9PerL platelet count in 10^9/L
 * @param plateletTransfusion whether a platelet transfusion was given since the previous recorded count
 *     (for the first count: since the infusion)
 */
public record BloodCount(LocalDate date, double ancE9PerL, double plateletsE9PerL, boolean plateletTransfusion) {

  public BloodCount {
    if (date == null) {
      throw new IllegalArgumentException("A blood count needs its date");
    }
    if (!(ancE9PerL >= 0) || !(plateletsE9PerL >= 0)) {
      throw new IllegalArgumentException("Counts must be >= 0, were ANC " + ancE9PerL + ", platelets " + plateletsE9PerL);
    }
  }
}

package org.ucbislet.followup;

import java.time.LocalDate;

/**
 * One visit of a child's follow-up plan, on absolute dates from the clinical anchor.
 *
 * @param visitNumber SDTM VISITNUM: 1, 2, ... in date order
 * @param visit SDTM VISIT: "Day +7", "Month 6", "Year 3", "Month 3 immune panel", "Day +75 MMTT"
 * @param studyDay days from the anchor (day 0) to the target date
 * @param windowStart first day on which the visit counts as in window
 * @param windowEnd last day on which the visit counts as in window
 * @param reminderDate day on which an open visit is overdue and goes to the trial coordinator (target + grace,
 *     never after the window's last day)
 * @param epoch SDTM EPOCH (CDISC CT): FOLLOW-UP for the listed visits, LONG-TERM FOLLOW-UP for the yearly ones
 */
public record PlannedVisit(int visitNumber, String visit, VisitKind kind, long studyDay, LocalDate targetDate,
                           LocalDate windowStart, LocalDate windowEnd, LocalDate reminderDate, String epoch) {

  public static final String EPOCH_FOLLOW_UP = "FOLLOW-UP";
  public static final String EPOCH_LONG_TERM_FOLLOW_UP = "LONG-TERM FOLLOW-UP";

  /** The first day after the window: the window closes at the start of it. */
  public LocalDate windowClosedDate() {
    return windowEnd.plusDays(1);
  }
}

package org.ucbislet.islettransplant;

import java.util.List;

/**
 * How often the child is seen after an islet infusion: the configurable part of the follow-up
 * (ucbi.islet settings). Plain Java.
 *
 * @param troughWeeklyMonths tacrolimus trough levels weekly for this many months after the infusion
 * @param troughMonthlyUntilMonth then monthly up to and including this month
 * @param taperMonth month of the immunosuppression taper (the trough target falls at month 3,
 *     decision tacrolimusTroughTarget)
 * @param insulinReviewDays days after the infusion with an insulin review (domain.md Part A: +7, +14, +28)
 * @param insulinReviewMonths months after the infusion with an insulin review (domain.md Part A: 6)
 */
public record FollowUpPlan(int troughWeeklyMonths, int troughMonthlyUntilMonth, int taperMonth,
                           List<Integer> insulinReviewDays, List<Integer> insulinReviewMonths) {

  public FollowUpPlan {
    if (troughWeeklyMonths < 0 || troughMonthlyUntilMonth < troughWeeklyMonths) {
      throw new IllegalArgumentException("Trough schedule: weekly months " + troughWeeklyMonths
          + " must be >= 0 and <= the last monthly month " + troughMonthlyUntilMonth);
    }
    if (taperMonth < 1) {
      throw new IllegalArgumentException("Taper month must be 1 or later, was " + taperMonth);
    }
    insulinReviewDays = List.copyOf(insulinReviewDays);
    insulinReviewMonths = List.copyOf(insulinReviewMonths);
    if (insulinReviewDays.stream().anyMatch(d -> d < 1) || insulinReviewMonths.stream().anyMatch(m -> m < 1)) {
      throw new IllegalArgumentException("Insulin reviews must be on day 1 or later: days " + insulinReviewDays
          + ", months " + insulinReviewMonths);
    }
  }
}

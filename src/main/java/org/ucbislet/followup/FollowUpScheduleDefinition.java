package org.ucbislet.followup;

import java.time.Period;
import java.util.List;

/**
 * A follow-up schedule (domain.md Part A: after cord blood infusion, B 2.4; after islet infusion, B 5.5):
 * the listed visits, then yearly visits on the anniversaries of the anchor up to the end of the follow-up.
 *
 * @param name {@code afterCordBloodInfusion} or {@code afterIsletInfusion} (the caller's {@code followUpSchedule})
 * @param visits the listed visits (epoch FOLLOW-UP)
 * @param yearlyFromYear first anniversary with a yearly glucose and growth visit (epoch LONG-TERM FOLLOW-UP)
 * @param yearlyWindow its window either side
 * @param yearlyImmuneFromYear first anniversary with a yearly immune panel; 0 = none
 * @param yearlyImmuneWindow its window either side
 */
public record FollowUpScheduleDefinition(String name, List<VisitTimepoint> visits, int yearlyFromYear, Period yearlyWindow,
                                         int yearlyImmuneFromYear, Period yearlyImmuneWindow) {

  public FollowUpScheduleDefinition {
    visits = List.copyOf(visits);
    if (yearlyFromYear < 1 || yearlyImmuneFromYear < 0) {
      throw new IllegalArgumentException("Schedule " + name + ": yearly visits start in year 1 or later (immune: 0 = none)");
    }
    if (yearlyWindow == null || yearlyWindow.isNegative() || yearlyImmuneWindow == null || yearlyImmuneWindow.isNegative()) {
      throw new IllegalArgumentException("Schedule " + name + ": yearly windows must not be negative");
    }
  }
}

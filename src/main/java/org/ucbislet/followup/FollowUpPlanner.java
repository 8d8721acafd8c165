package org.ucbislet.followup;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A child's follow-up plan: every visit of a schedule on absolute dates from the clinical anchor
 * (style.md: never repeating cycles, which shift after engine downtime), up to the end of the follow-up.
 * Plain Java.
 */
public final class FollowUpPlanner {

  private FollowUpPlanner() {
  }

  /**
   * @param anchor day 0: the cord blood infusion day or the islet infusion date
   * @param endDate the last day of the follow-up: visits whose target date is after it are not planned
   * @param reminderGrace days after the target date after which an open visit is overdue
   */
  public static List<PlannedVisit> plan(FollowUpScheduleDefinition schedule, LocalDate anchor, LocalDate endDate,
                                        Period reminderGrace) {
    return plan(schedule, anchor, null, endDate, reminderGrace);
  }

  /**
   * The plan from {@code from} on: visits whose window ended before {@code from} are left out (a caller that starts
   * the follow-up late passes it because those visits were covered elsewhere, e.g. by the stage's own monitoring).
   * VISITNUM stays that of the whole plan. Without {@code from} every visit is planned, and one whose window has
   * already closed is recorded as missed at once.
   */
  public static List<PlannedVisit> plan(FollowUpScheduleDefinition schedule, LocalDate anchor, LocalDate from,
                                        LocalDate endDate, Period reminderGrace) {
    if (endDate.isBefore(anchor)) {
      throw new IllegalArgumentException("The follow-up ends (" + endDate + ") before its anchor date " + anchor);
    }
    if (reminderGrace == null || reminderGrace.isNegative()) {
      throw new IllegalArgumentException("The reminder grace period must not be negative, was " + reminderGrace);
    }
    List<Draft> drafts = new ArrayList<>();
    for (VisitTimepoint t : schedule.visits()) {
      drafts.add(new Draft(t.name(), t.kind(), anchor.plus(t.offset()), t.window(), PlannedVisit.EPOCH_FOLLOW_UP));
    }
    for (int year = schedule.yearlyFromYear(); !anchor.plusYears(year).isAfter(endDate); year++) {
      drafts.add(new Draft("Year " + year, VisitKind.GLUCOSE_AND_GROWTH, anchor.plusYears(year), schedule.yearlyWindow(),
          PlannedVisit.EPOCH_LONG_TERM_FOLLOW_UP));
    }
    if (schedule.yearlyImmuneFromYear() > 0) {
      for (int year = schedule.yearlyImmuneFromYear(); !anchor.plusYears(year).isAfter(endDate); year++) {
        drafts.add(new Draft("Year " + year + " immune panel", VisitKind.IMMUNE_FUNCTION, anchor.plusYears(year),
            schedule.yearlyImmuneWindow(), PlannedVisit.EPOCH_LONG_TERM_FOLLOW_UP));
      }
    }
    drafts.sort(Comparator.comparing(Draft::target).thenComparing(Draft::kind));
    List<PlannedVisit> plan = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Draft d : drafts) {
      if (d.target().isAfter(endDate) || !seen.add(d.kind() + "@" + d.target())) {
        continue; // beyond the end of the follow-up, or the same assessment twice on one day
      }
      LocalDate start = d.target().minus(d.window());
      LocalDate end = d.target().plus(d.window());
      LocalDate reminder = d.target().plus(reminderGrace);
      plan.add(new PlannedVisit(plan.size() + 1, d.name(), d.kind(), ChronoUnit.DAYS.between(anchor, d.target()),
          d.target(), start, end, reminder.isAfter(end) ? end : reminder, d.epoch()));
    }
    return from == null ? plan : plan.stream().filter(v -> !v.windowEnd().isBefore(from)).toList();
  }

  /** The plan without the immune-function visits whose target is on or before {@code until} (the caller does them). */
  public static List<PlannedVisit> withoutImmunePanelsUntil(List<PlannedVisit> plan, LocalDate until) {
    return plan.stream().filter(v -> v.kind() != VisitKind.IMMUNE_FUNCTION || v.targetDate().isAfter(until)).toList();
  }

  /**
   * As {@link #plan(FollowUpScheduleDefinition, LocalDate, LocalDate, LocalDate, Period)}, and without the visits whose
   * target date is on or before {@code visitsAfter} (when given): the caller did those visits itself.
   */
  public static List<PlannedVisit> plan(FollowUpScheduleDefinition schedule, LocalDate anchor, LocalDate from,
                                        LocalDate visitsAfter, LocalDate endDate, Period reminderGrace) {
    List<PlannedVisit> plan = plan(schedule, anchor, from, endDate, reminderGrace);
    return visitsAfter == null ? plan : plan.stream().filter(v -> v.targetDate().isAfter(visitsAfter)).toList();
  }

  private record Draft(String name, VisitKind kind, LocalDate target, Period window, String epoch) {
  }
}

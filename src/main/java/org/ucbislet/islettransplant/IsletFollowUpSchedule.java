package org.ucbislet.islettransplant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Every follow-up date after one islet infusion, computed from the infusion date (day 0), the clinical
 * anchor. Absolute dates, never repeating cycles (style.md): a timer cycle would shift after engine
 * downtime or a late task. Plain Java.
 *
 * @param troughLevels tacrolimus trough levels: weekly (day 7, 14, ...) up to the end of the weekly
 *     months, then monthly on the monthly anniversary of the infusion
 * @param insulinReviews insulin reviews on the plan's days and months, in date order
 * @param basiliximabSecondDose day +4 (domain.md Part A, B 4.5: dose 2 on day 4, label)
 * @param immunosuppressionTaper the plan's taper month
 * @param mmttDay75 day +75 (domain.md Part A, B 5.5: MMTT day 75 +/- 5)
 * @param mmttDay365 day +365 (domain.md Part A, B 5.5: MMTT day 365 +/- 14 after the last infusion)
 */
public record IsletFollowUpSchedule(LocalDate infusionDate, List<LocalDate> troughLevels, List<LocalDate> insulinReviews,
                                    LocalDate basiliximabSecondDose, LocalDate immunosuppressionTaper,
                                    LocalDate mmttDay75, LocalDate mmttDay365) {

  /** Basiliximab dose 2 on day 4 after the transplant (domain.md Part A, B 4.5). */
  public static final int BASILIXIMAB_SECOND_DOSE_DAY = 4;
  /** Mixed-meal tolerance tests (domain.md Part A, B 5.5); the BPMN timers are named after these days. */
  public static final int MMTT_FIRST_DAY = 75;
  public static final int MMTT_FINAL_DAY = 365;

  public IsletFollowUpSchedule {
    troughLevels = List.copyOf(troughLevels);
    insulinReviews = List.copyOf(insulinReviews);
  }

  /** The immune panels on the given months after the infusion, in date order. */
  public static List<LocalDate> immunePanels(LocalDate infusionDate, List<Integer> months) {
    return new TreeSet<>(months.stream().map(infusionDate::plusMonths).toList()).stream().toList();
  }

  /** The checks for bleeding and portal vein thrombosis on the given days after the infusion, in date order. */
  public static List<LocalDate> bleedingChecks(LocalDate infusionDate, List<Integer> days) {
    return new TreeSet<>(days.stream().map(infusionDate::plusDays).toList()).stream().toList();
  }

  public static IsletFollowUpSchedule of(LocalDate infusionDate, FollowUpPlan plan) {
    List<LocalDate> troughs = new ArrayList<>();
    LocalDate endOfWeekly = infusionDate.plusMonths(plan.troughWeeklyMonths());
    for (LocalDate d = infusionDate.plusWeeks(1); !d.isAfter(endOfWeekly); d = d.plusWeeks(1)) {
      troughs.add(d);
    }
    for (int month = plan.troughWeeklyMonths() + 1; month <= plan.troughMonthlyUntilMonth(); month++) {
      troughs.add(infusionDate.plusMonths(month));
    }
    TreeSet<LocalDate> insulin = new TreeSet<>();
    plan.insulinReviewDays().forEach(day -> insulin.add(infusionDate.plusDays(day)));
    plan.insulinReviewMonths().forEach(month -> insulin.add(infusionDate.plusMonths(month)));
    return new IsletFollowUpSchedule(infusionDate, troughs, new ArrayList<>(insulin),
        infusionDate.plusDays(BASILIXIMAB_SECOND_DOSE_DAY), infusionDate.plusMonths(plan.taperMonth()),
        infusionDate.plusDays(MMTT_FIRST_DAY), infusionDate.plusDays(MMTT_FINAL_DAY));
  }
}

package org.ucbislet.cordbloodtransplant;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * Every monitoring date after one cord blood infusion, computed from the infusion date (day 0), the
 * clinical anchor: absolute dates, never repeating cycles (style.md). Plain Java.
 *
 * @param neutrophilAlert day of the alert without neutrophil recovery (default +28)
 * @param primaryGraftFailure day without neutrophil recovery that is primary graft failure (default +42)
 * @param chimerismSamples dispatch dates of the chimerism samples
 * @param gvhdAssessments dates of the acute GVHD assessments
 * @param immunePanels immune panels with their windows
 */
public record CordBloodFollowUpSchedule(LocalDate infusionDate, LocalDate neutrophilAlert, LocalDate primaryGraftFailure,
                                        List<LocalDate> chimerismSamples, List<LocalDate> gvhdAssessments,
                                        List<ImmunePanelVisit> immunePanels) {

  /** One immune panel: it opens (the task appears) at {@code opens}, is due on {@code target}, closes at {@code closes}. */
  public record ImmunePanelVisit(int month, LocalDate opens, LocalDate target, LocalDate closes) {
  }

  public CordBloodFollowUpSchedule {
    chimerismSamples = List.copyOf(chimerismSamples);
    gvhdAssessments = List.copyOf(gvhdAssessments);
    immunePanels = List.copyOf(immunePanels);
  }

  public static CordBloodFollowUpSchedule of(LocalDate day0, CordBloodFollowUpPlan plan, EngraftmentSettings engraftment) {
    return new CordBloodFollowUpSchedule(day0,
        day0.plusDays(engraftment.neutrophilAlertDay()), day0.plusDays(engraftment.primaryGraftFailureDay()),
        days(day0, plan.chimerismDays()), days(day0, plan.gvhdAssessmentDays()),
        plan.immunePanels().stream().sorted(java.util.Comparator.comparingInt(ImmunePanelTimepoint::month))
            .map(p -> {
              LocalDate target = day0.plusMonths(p.month());
              return new ImmunePanelVisit(p.month(), target.minus(p.window()), target, target.plus(p.window()));
            }).toList());
  }

  /**
   * The next yearly immune panel after the scheduled ones (domain.md Part A: then yearly, +/- 6 months):
   * the first anniversary of day 0 after the last scheduled panel whose window has not yet closed on
   * {@code today}.
   */
  public static ImmunePanelVisit nextYearlyImmunePanel(LocalDate day0, CordBloodFollowUpPlan plan, LocalDate today) {
    int lastMonth = plan.immunePanels().stream().mapToInt(ImmunePanelTimepoint::month).max().orElse(0);
    int year = Math.max(1, lastMonth / 12) + 1;
    while (true) {
      LocalDate target = day0.plusYears(year);
      LocalDate closes = target.plus(plan.yearlyImmunePanelWindow());
      if (!closes.isBefore(today)) {
        return new ImmunePanelVisit(year * 12, target.minus(plan.yearlyImmunePanelWindow()), target, closes);
      }
      year++;
    }
  }

  private static List<LocalDate> days(LocalDate day0, List<Integer> days) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    days.forEach(d -> dates.add(day0.plusDays(d)));
    return List.copyOf(dates);
  }
}

package org.ucbislet.cordbloodtransplant;

import java.time.Period;
import java.util.List;

/**
 * The configurable follow-up after a cord blood infusion ({@link CordBloodTransplantSettings}). Plain Java.
 *
 * @param chimerismDays days after the infusion when a chimerism sample goes to the third-party laboratory
 *     (issue 4: +30, +60, +100; domain.md B 2.3: no guideline schedule, tagged U)
 * @param gvhdAssessmentDays days of the acute GVHD assessments (domain.md Part A, follow-up after cord blood
 *     infusion: +7, +14, +21, +28, +42, +60, +100)
 * @param immunePanels the immune panels with their windows (domain.md Part A, B 2.4)
 * @param yearlyImmunePanelWindow window of the yearly immune panels after month 12 (Part A: +/- 6 months)
 */
public record CordBloodFollowUpPlan(List<Integer> chimerismDays, List<Integer> gvhdAssessmentDays,
                                    List<ImmunePanelTimepoint> immunePanels, Period yearlyImmunePanelWindow) {

  public CordBloodFollowUpPlan {
    chimerismDays = List.copyOf(chimerismDays);
    gvhdAssessmentDays = List.copyOf(gvhdAssessmentDays);
    immunePanels = List.copyOf(immunePanels);
    if (chimerismDays.stream().anyMatch(d -> d < 1) || gvhdAssessmentDays.stream().anyMatch(d -> d < 1)) {
      throw new IllegalArgumentException("Follow-up days must be 1 or later: chimerism " + chimerismDays
          + ", GVHD " + gvhdAssessmentDays);
    }
    if (chimerismDays.isEmpty() || gvhdAssessmentDays.isEmpty() || immunePanels.isEmpty()) {
      throw new IllegalArgumentException("Chimerism days, GVHD assessment days and immune panels must not be empty");
    }
  }
}

package org.ucbislet.islettransplant;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Schedules of {@code isletTransplant} that a trial may set (application.yaml, {@code ucbi.islet.*}).
 * The bean is named {@code isletSettings} so the BPMN can read it, e.g. the candidacy review timer
 * {@code ${isletSettings.candidacyReviewCycle}}.
 */
@Component
public class IsletSettings {

  private final String candidacyReviewCycle;
  private final FollowUpPlan followUpPlan;
  private final List<Integer> bleedingCheckDays;
  private final Duration basiliximabLeadTime;
  private final List<Integer> immunePanelMonths;

  public IsletSettings(@Value("${ucbi.islet.candidacy-review-cycle}") String candidacyReviewCycle,
                       @Value("${ucbi.islet.trough-weekly-months}") int troughWeeklyMonths,
                       @Value("${ucbi.islet.trough-monthly-until-month}") int troughMonthlyUntilMonth,
                       @Value("${ucbi.islet.taper-month}") int taperMonth,
                       @Value("${ucbi.islet.insulin-review-days}") String insulinReviewDays,
                       @Value("${ucbi.islet.insulin-review-months}") String insulinReviewMonths,
                       @Value("${ucbi.islet.bleeding-check-days}") String bleedingCheckDays,
                       @Value("${ucbi.islet.basiliximab-lead-time}") String basiliximabLeadTime,
                       @Value("${ucbi.islet.immune-panel-months}") String immunePanelMonths) {
    if (candidacyReviewCycle == null || !candidacyReviewCycle.matches("^R\\d*/P.+")) {
      throw new IllegalArgumentException("ucbi.islet.candidacy-review-cycle must be an ISO-8601 repeating interval "
          + "such as R/P90D, was '" + candidacyReviewCycle + "'");
    }
    this.candidacyReviewCycle = candidacyReviewCycle;
    this.followUpPlan = new FollowUpPlan(troughWeeklyMonths, troughMonthlyUntilMonth, taperMonth,
        numbers(insulinReviewDays), numbers(insulinReviewMonths));
    this.bleedingCheckDays = numbers(bleedingCheckDays);
    this.immunePanelMonths = numbers(immunePanelMonths);
    if (this.immunePanelMonths.stream().anyMatch(m -> m < 1)) {
      throw new IllegalArgumentException("ucbi.islet.immune-panel-months must be months 1 or later, was " + immunePanelMonths);
    }
    try {
      this.basiliximabLeadTime = Duration.parse(basiliximabLeadTime);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("ucbi.islet.basiliximab-lead-time must be an ISO-8601 duration such as PT6H, was '"
          + basiliximabLeadTime + "'", e);
    }
    if (this.bleedingCheckDays.stream().anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException("ucbi.islet.bleeding-check-days must be days 0 or later, was " + bleedingCheckDays);
    }
  }

  /** The defaults of application.yaml, for code and tests without Spring. */
  public static IsletSettings defaults() {
    return ApplicationDefaults.of(IsletSettings.class);
  }

  /** Timer cycle of the MDT's candidacy review while the child waits (default every 90 days). */
  public String getCandidacyReviewCycle() {
    return candidacyReviewCycle;
  }

  public FollowUpPlan followUpPlan() {
    return followUpPlan;
  }

  /**
   * Days after each islet infusion with a check for bleeding and portal vein thrombosis (haemoglobin, liver enzymes,
   * Doppler ultrasound); default 1 and 7. Protocol risk 4 names the complications, not the days: tagged U.
   */
  public List<Integer> bleedingCheckDays() {
    return bleedingCheckDays;
  }

  /**
   * Months after each islet infusion with an immune panel (lymphocyte subsets, IgG): default 3, 6, 12, the PIDTC
   * months after a haematopoietic transplant (domain.md B 2.4) applied after the islet infusion (tagged U).
   */
  public List<Integer> immunePanelMonths() {
    return immunePanelMonths;
  }

  /** From the time basiliximab was given to the earliest portal vein puncture (protocol: 6 hours before operation). */
  public Duration basiliximabLeadTime() {
    return basiliximabLeadTime;
  }

  private static List<Integer> numbers(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}

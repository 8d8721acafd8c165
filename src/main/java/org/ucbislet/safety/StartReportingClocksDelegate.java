package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpVariables;

/**
 * The reporting clocks as absolute deadlines from the investigator's first awareness ({@code adverseEventAwareAt}, not
 * the time of data entry; ICH E2A, domain.md Part A "safety clocks", B 6.3): the initial report at awareness +
 * {@code initialReportDeadline} (the decision's PT24H), the expedited report at awareness + {@code expeditedReportDays}
 * calendar days (recomputed after the sponsor's review by {@link StartExpeditedReportClockDelegate}). Also whether the contingency plan's transfer applies
 * (life-threatening or CTCAE grade 4, not a death), and for a death (grade 5) its outcome, fatal.
 */
@Component
public class StartReportingClocksDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartReportingClocksDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Instant aware = ((Date) execution.getVariable(AWARE_AT)).toInstant();
    boolean serious = Boolean.TRUE.equals(execution.getVariable(SERIOUS));
    String deadline = (String) execution.getVariable(INITIAL_REPORT_DEADLINE);
    int days = ((Number) execution.getVariable(EXPEDITED_REPORT_DAYS)).intValue();
    Date initialDue = serious ? Date.from(ReportingClock.initialReportDue(aware, deadline)) : null;
    Instant expedited = ReportingClock.expeditedReportDue(aware, days, ClinicalTimeZone.get());
    Date expeditedDue = expedited == null ? null : Date.from(expedited);
    execution.setVariable(INITIAL_REPORT_DUE_AT, initialDue);
    execution.setVariable(EXPEDITED_REPORT_DUE_AT, expeditedDue);

    Object grade = execution.getVariable(CTCAE_GRADE);
    boolean death = grade instanceof Number n && n.intValue() == 5;
    boolean grade4 = grade instanceof Number n && n.intValue() == 4;
    // a life-threatening answer that is missing counts as life-threatening, as in the decision (safe side)
    boolean lifeThreatening = !Boolean.FALSE.equals(execution.getVariable(LIFE_THREATENING));
    execution.setVariable(CRITICAL_CARE_TRANSFER_INDICATED, !death && (lifeThreatening || grade4));
    if (death) {
      execution.setVariable(AE_OUTCOME, OUTCOME_FATAL);
      execution.setVariable(AE_OUTCOME_DATE, execution.getVariable(AE_ONSET_DATE));
    }
    execution.setVariable(INITIAL_REPORT_LATE, false);
    execution.setVariable(EXPEDITED_REPORT_LATE, false);
    execution.setVariable(COMPLETE_REPORT_LATE, false);
    var deviations = FollowUpJson.records(execution.getVariable(FollowUpVariables.PROTOCOL_DEVIATIONS));
    execution.setVariable(FollowUpVariables.PROTOCOL_DEVIATIONS, FollowUpJson.spin(deviations));
    execution.setVariable(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, deviations.size());
    LOG.info("Subject {}: adverse event serious={}, initial report due {}, expedited report due {}", execution.getBusinessKey(),
        serious, initialDue, expeditedDue);
  }
}

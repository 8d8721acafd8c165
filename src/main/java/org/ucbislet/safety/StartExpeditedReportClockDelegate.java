package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * The sponsor-side clocks of {@code adverseEvent} (domain.md B 6.3, ICH E2A), input {@code clock}:
 * <ul>
 *   <li>{@code expedited}, after the sponsor's review: the decision was taken again with the reviewed expectedness and
 *       relatedness, so the expedited report is due at first awareness + the new {@code expeditedReportDays} (none when
 *       0); a review that makes an event a SUSAR late in its life may find the clock already run out;</li>
 *   <li>{@code complete}, after a 7-day report: the complete report's own clock ({@link ReportingClock#completeReportDue}).</li>
 * </ul>
 */
@Component
public class StartExpeditedReportClockDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(StartExpeditedReportClockDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Instant aware = ((Date) execution.getVariable(AWARE_AT)).toInstant();
    ZoneId zone = ClinicalTimeZone.get();
    Object clock = execution.getVariable(CLOCK);
    if (CLOCK_EXPEDITED.equals(clock)) {
      int days = ((Number) execution.getVariable(EXPEDITED_REPORT_DAYS)).intValue();
      Instant due = ReportingClock.expeditedReportDue(aware, days, zone);
      execution.setVariable(EXPEDITED_REPORT_DUE_AT, due == null ? null : Date.from(due));
      LOG.info("Subject {}: after the sponsor's review, expedited report {} (day 0 {})", execution.getBusinessKey(),
          due == null ? "not required" : "due " + due, aware);
    } else if (CLOCK_COMPLETE.equals(clock)) {
      Instant due = ReportingClock.completeReportDue(aware, ClockUtil.getCurrentTime().toInstant(), zone);
      execution.setVariable(COMPLETE_REPORT_DUE_AT, Date.from(due));
      LOG.info("Subject {}: complete report after the 7-day report due {}", execution.getBusinessKey(), due);
    } else {
      throw new IllegalArgumentException("clock must be " + CLOCK_EXPEDITED + " or " + CLOCK_COMPLETE + ", was " + clock);
    }
  }
}

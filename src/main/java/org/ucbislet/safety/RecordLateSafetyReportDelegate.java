package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.followup.ChildRecord;
import org.ucbislet.followup.ProtocolDeviation;

/**
 * A reporting clock ran out with its report still open (input {@code lateReport}: {@code initial}, {@code expedited}
 * or {@code complete}, the complete report after a 7-day report): records a protocol deviation (DVCAT SAFETY REPORTING, SDTM DV fields) in the instance's
 * {@code protocolDeviations}, and in the child's running protocol's list, and marks the report late. The report
 * task stays open.
 */
@Component
public class RecordLateSafetyReportDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordLateSafetyReportDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Object kind = execution.getVariable(LATE_REPORT);
    Date due;
    String report;
    String lateFlag;
    if (LATE_INITIAL.equals(kind)) {
      due = (Date) execution.getVariable(INITIAL_REPORT_DUE_AT);
      report = "Initial SAE report (" + execution.getVariable(INITIAL_REPORT_DEADLINE) + ")";
      lateFlag = INITIAL_REPORT_LATE;
    } else if (LATE_EXPEDITED.equals(kind)) {
      due = (Date) execution.getVariable(EXPEDITED_REPORT_DUE_AT);
      report = "Expedited safety report (" + execution.getVariable(EXPEDITED_REPORT_DAYS) + " days)";
      lateFlag = EXPEDITED_REPORT_LATE;
    } else if (LATE_COMPLETE.equals(kind)) {
      due = (Date) execution.getVariable(COMPLETE_REPORT_DUE_AT);
      report = "Complete report after the 7-day SUSAR report (" + ReportingClock.COMPLETE_REPORT_FURTHER_DAYS + " further days)";
      lateFlag = COMPLETE_REPORT_LATE;
    } else {
      throw new IllegalArgumentException("lateReport must be initial, expedited or complete, was " + kind);
    }
    Object other = execution.getVariable(AE_TERM_OTHER);
    String term = execution.getVariable(AE_TERM) + (other instanceof String s && !s.isBlank() ? ": " + s : "");
    DelegateExecution instance = execution.getProcessInstance();
    // the child's running protocol keeps the whole list; DVSEQ is numbered in it
    ProtocolDeviation deviation = ChildRecord.addDeviation(ChildRecord.of(instance), SubjectProtocol.of(execution),
        seq -> ProtocolDeviation.lateSafetyReport((String) execution.getVariable(SUBJECT_ID), seq, report, term,
            due.toInstant(), due.toInstant().atZone(ClinicalTimeZone.get()).toLocalDate(),
            Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())));
    instance.setVariable(lateFlag, true);
    LOG.info("Subject {}: {} late, protocol deviation {} recorded", execution.getBusinessKey(), report, deviation.dvseq());
  }
}

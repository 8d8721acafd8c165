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
import org.ucbislet.followup.ChildRecord;
import org.ucbislet.followup.ProtocolDeviation;

/**
 * A reporting clock ran out with its report still open (input {@code lateReport}: {@code initial} or
 * {@code expedited}): records a protocol deviation (DVCAT SAFETY REPORTING, SDTM DV fields) in the instance's
 * {@code protocolDeviations}, and in the child's running protocol's list, and marks the report late. The report
 * task stays open.
 */
@Component
public class RecordLateSafetyReportDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordLateSafetyReportDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    boolean initial = LATE_INITIAL.equals(execution.getVariable(LATE_REPORT));
    Date due = (Date) execution.getVariable(initial ? INITIAL_REPORT_DUE_AT : EXPEDITED_REPORT_DUE_AT);
    String report = initial ? "Initial SAE report (" + execution.getVariable(INITIAL_REPORT_DEADLINE) + ")"
        : "Expedited safety report (" + execution.getVariable(EXPEDITED_REPORT_DAYS) + " days)";
    Object other = execution.getVariable(AE_TERM_OTHER);
    String term = execution.getVariable(AE_TERM) + (other instanceof String s && !s.isBlank() ? ": " + s : "");
    DelegateExecution instance = execution.getProcessInstance();
    // the child's running protocol keeps the whole list; DVSEQ is numbered in it
    ProtocolDeviation deviation = ChildRecord.addDeviation(ChildRecord.of(instance), SubjectProtocol.of(execution),
        seq -> ProtocolDeviation.lateSafetyReport((String) execution.getVariable(SUBJECT_ID), seq, report, term,
            due.toInstant(), due.toInstant().atZone(ZoneId.systemDefault()).toLocalDate(),
            Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())));
    instance.setVariable(initial ? INITIAL_REPORT_LATE : EXPEDITED_REPORT_LATE, true);
    LOG.info("Subject {}: {} late, protocol deviation {} recorded", execution.getBusinessKey(), report, deviation.dvseq());
  }
}

package org.ucbislet.followup;

import static org.ucbislet.followup.FollowUpVariables.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A visit's window closed without the visit: appends a protocol deviation ({@link ProtocolDeviation#missedVisit},
 * SDTM DV fields) to the process instance's {@code protocolDeviations} and counts it, and the same to the calling
 * protocol's list, the child's complete one. No incident: a missed
 * visit is a clinical fact, shown in Cockpit by the end event "Visit missed: deviation recorded" and the variables.
 */
@Component
public class RecordMissedVisitDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordMissedVisitDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    PlannedVisit visit = VisitPlanJson.fromMap((Map<?, ?>) execution.getVariable(FOLLOW_UP_VISIT));
    DelegateExecution instance = execution.getProcessInstance();
    DelegateExecution subject = subjectRecord(instance);
    List<Map<String, Object>> deviations = FollowUpJson.records(instance.getVariable(PROTOCOL_DEVIATIONS));
    List<Map<String, Object>> subjectDeviations = subject == instance ? deviations
        : FollowUpJson.records(subject.getVariable(PROTOCOL_DEVIATIONS));
    // DVSEQ is unique per subject: numbered in the subject's whole list (the protocol's), not only this follow-up's
    ProtocolDeviation deviation = ProtocolDeviation.missedVisit((String) execution.getVariable(SUBJECT_ID),
        subjectDeviations.size() + 1, (String) execution.getVariable(FOLLOW_UP_SCHEDULE), visit,
        Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    deviations.add(deviation.toMap());
    instance.setVariable(PROTOCOL_DEVIATIONS, FollowUpJson.spin(deviations));
    instance.setVariable(PROTOCOL_DEVIATION_COUNT, deviations.size());
    if (subject != instance) {
      subjectDeviations.add(deviation.toMap());
      subject.setVariable(PROTOCOL_DEVIATIONS, FollowUpJson.spin(subjectDeviations));
      subject.setVariable(PROTOCOL_DEVIATION_COUNT, subjectDeviations.size());
    }
    LOG.info("Subject {}: visit {} (VISITNUM {}) missed, protocol deviation {} recorded", execution.getBusinessKey(),
        visit.visit(), visit.visitNumber(), deviation.dvseq());
  }

  /**
   * The outermost caller (ucbIsletProtocol when this follow-up was called from it): its protocolDeviations is the
   * child's whole list, kept even when this follow-up is cancelled before it ends (withdrawal, the islet follow-up
   * taking over). This instance when it was started on its own.
   */
  static DelegateExecution subjectRecord(DelegateExecution instance) {
    DelegateExecution top = instance;
    while (top.getSuperExecution() != null) {
      top = top.getSuperExecution().getProcessInstance();
    }
    return top;
  }
}

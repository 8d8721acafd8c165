package org.ucbislet.followup;

import static org.ucbislet.followup.FollowUpVariables.*;

import java.time.Instant;
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
    ProtocolDeviation deviation = ChildRecord.addDeviation(ChildRecord.of(instance), ChildRecord.caller(instance),
        seq -> ProtocolDeviation.missedVisit((String) execution.getVariable(SUBJECT_ID), seq,
            (String) execution.getVariable(FOLLOW_UP_SCHEDULE), visit, Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())));
    LOG.info("Subject {}: visit {} (VISITNUM {}) missed, protocol deviation {} recorded", execution.getBusinessKey(),
        visit.visit(), visit.visitNumber(), deviation.dvseq());
  }
}

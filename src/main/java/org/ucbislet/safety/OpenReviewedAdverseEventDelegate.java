package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventReviewVariables.*;
import static org.ucbislet.safety.AdverseEventVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The physician reported the reviewed clinical event: starts the child's {@code adverseEventReview}'s report as an
 * {@code adverseEvent} instance (business key = subject ID), exactly as the start form adverse-event-report would,
 * linked to the child's running protocol. The adverse event's start event checks the report with the form's rules and
 * its cross-field rules, so a report that breaks them is refused (HTTP 400 naming the field) and the review task stays
 * open.
 */
@Component
public class OpenReviewedAdverseEventDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(OpenReviewedAdverseEventDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> report = new LinkedHashMap<>();
    for (String field : REPORT_FIELDS) {
      if (execution.getVariable(field) != null) {
        report.put(field, execution.getVariable(field));
      }
    }
    report.put(SUBJECT_ID, execution.getProcessBusinessKey());
    SubjectProtocol protocol = SubjectProtocol.of(execution);
    if (protocol != null) {
      report.put(REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.instanceId());
    }
    ProcessInstance adverseEvent = execution.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceByKey(AdverseEventVariables.PROCESS_KEY).businessKey(execution.getProcessBusinessKey())
        .setVariables(report).execute();
    execution.setVariable(REPORTED_ADVERSE_EVENT_INSTANCE_ID, adverseEvent.getId());
    LOG.info("Subject {}: clinical event '{}' reported as adverse event {}", execution.getProcessBusinessKey(),
        execution.getVariable(CLINICAL_EVENT), adverseEvent.getId());
  }
}

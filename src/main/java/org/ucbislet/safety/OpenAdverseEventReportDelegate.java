package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ucbIsletProtocol's non-interrupting event sub-process AdverseEventReported: the report came with the message as
 * variables (the fields of the start form adverse-event-report). They are moved off the protocol instance (so that a
 * later report or a called stage never sees them) into a new {@code adverseEvent} instance for the child, whose start
 * event checks them; a report that breaks the form's rules is refused (HTTP 400 naming the field) and nothing changes.
 */
@Component
public class OpenAdverseEventReportDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(OpenAdverseEventReportDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> report = new LinkedHashMap<>();
    for (String field : REPORT_FIELDS) {
      if (execution.hasVariable(field)) {
        report.put(field, execution.getVariable(field));
      }
    }
    report.putIfAbsent(SUBJECT_ID, execution.getProcessBusinessKey());
    List<String> carried = REPORT_FIELDS.stream().filter(f -> !f.equals(SUBJECT_ID)).toList();
    execution.removeVariablesLocal(carried);
    execution.getProcessInstance().removeVariables(carried);
    ProcessInstance adverseEvent = AdverseEventStarter.start(execution, report);
    LOG.info("Subject {}: adverse event '{}' (CTCAE grade {}) opened as instance {}", execution.getProcessBusinessKey(),
        report.get(AE_TERM), report.get(CTCAE_GRADE), adverseEvent.getId());
  }
}

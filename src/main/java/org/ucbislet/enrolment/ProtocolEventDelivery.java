package org.ucbislet.enrolment;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ucbislet.forms.FieldViolation;
import org.ucbislet.forms.FormValidationException;

/**
 * Tasklist's way to send a clinical event message: a small process with a start form (consentWithdrawal,
 * deathReport) whose one service task delivers the message to the child's running {@code ucbIsletProtocol}, exactly
 * as {@code POST /engine-rest/message} would. Its instance takes the subject ID as business key. A child without a
 * running protocol, or values the protocol refuses, fail the start form (HTTP 400 naming the field), nothing stored.
 */
final class ProtocolEventDelivery {

  private ProtocolEventDelivery() {
  }

  static void deliver(DelegateExecution execution, String formId, String message, Map<String, Object> variables) {
    String subjectId = (String) execution.getVariable(ProtocolVariables.SUBJECT_ID);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    ProcessInstance protocol = subjectId == null ? null : runtime.createProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).processInstanceBusinessKey(subjectId).active().singleResult();
    if (protocol == null) {
      throw new FormValidationException(formId, List.of(new FieldViolation(ProtocolVariables.SUBJECT_ID, "Subject ID",
          "no running protocol for " + subjectId + " (never enrolled, or its protocol has already ended)")));
    }
    execution.setProcessBusinessKey(subjectId);
    runtime.createMessageCorrelation(message).processInstanceId(protocol.getId()).setVariables(variables).correlate();
  }
}

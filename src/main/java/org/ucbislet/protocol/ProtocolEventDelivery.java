package org.ucbislet.protocol;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Execution;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Tasklist's way to send a clinical event message: a small process with a start form (consentWithdrawal,
 * deathReport, chimerismResult) whose one service task delivers the message to the child's running process that waits
 * for it, exactly as {@code POST /engine-rest/message} would. Its instance takes the subject ID as business key. A
 * child without such a process, or values the receiving process refuses, fail the start form (HTTP 400 naming the
 * field), and nothing is stored.
 */
public final class ProtocolEventDelivery {

  private ProtocolEventDelivery() {
  }

  /**
   * @param processKey the process that waits for the message (ucbIsletProtocol, cordBloodTransplant)
   * @param absent what the subject ID lacks when nothing waits, for the error ("no running protocol")
   */
  public static void deliver(DelegateExecution execution, String formId, String processKey, String message,
                             Map<String, Object> variables, String absent) {
    String subjectId = (String) execution.getVariable(ProtocolVariables.SUBJECT_ID);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    List<Execution> waiting = subjectId == null ? List.of() : runtime.createExecutionQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(subjectId).messageEventSubscriptionName(message).list();
    if (waiting.isEmpty()) {
      throw new FormValidationException(formId, List.of(new FieldViolation(ProtocolVariables.SUBJECT_ID, "Subject ID",
          absent + " for " + subjectId)));
    }
    execution.setProcessBusinessKey(subjectId);
    runtime.createMessageCorrelation(message).processInstanceId(waiting.get(0).getProcessInstanceId())
        .setVariables(variables).correlate();
  }
}

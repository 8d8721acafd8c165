package org.ucbislet.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * At enrolment, makes the pseudonymous subject ID the business key of the child's protocol instance
 * (so every task is found by it), refuses a different business key, and refuses a second active
 * enrolment of the same subject.
 */
@Component
public class AssignSubjectBusinessKeyListener implements ExecutionListener {

  private static final Pattern SUBJECT_ID = Pattern.compile(ProtocolVariables.SUBJECT_ID_PATTERN);

  @Override
  public void notify(DelegateExecution execution) {
    Object value = execution.getVariable(ProtocolVariables.SUBJECT_ID);
    if (!(value instanceof String subjectId) || !SUBJECT_ID.matcher(subjectId).matches()) {
      return; // the start form's own rules report a missing or malformed subject ID
    }
    List<FieldViolation> violations = new ArrayList<>();
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.isEmpty() && !businessKey.equals(subjectId)) {
      violations.add(new FieldViolation("businessKey", "Business key",
          "must equal the subject ID " + subjectId + " (or be left empty), was '" + businessKey + "'"));
    }
    long active = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).processInstanceBusinessKey(subjectId).count());
    if (active > 0) {
      violations.add(new FieldViolation(ProtocolVariables.SUBJECT_ID, "Subject ID",
          subjectId + " is already enrolled (an active protocol instance exists)"));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(ProtocolVariables.START_FORM, violations);
    }
    execution.setProcessBusinessKey(subjectId);
  }
}

package org.ucbislet.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * At enrolment, makes the pseudonymous subject ID the business key of the child's protocol instance (so every task is
 * found by it) and refuses a different business key. One child, one protocol (issue 15 item 2, issue 14 item 7):
 * <ul>
 *   <li>a subject with an active protocol is refused with HTTP 409 naming the running instance; the database key of
 *   {@link EnrolmentRegistry} makes this hold for concurrent enrolments too;</li>
 *   <li>a subject whose earlier protocol ended otherwise than by a screen failure (withdrawn, deceased, a transplant
 *   outcome, completed) is refused with 409: a child is never enrolled twice;</li>
 *   <li>a screen-failed subject may be screened again only on purpose: the start form's {@code rescreeningReason} is
 *   required (400 without it), and the new protocol records the earlier one ({@code previousProtocolInstanceId}, and
 *   in the enrolment table) so the child's record links both attempts;</li>
 *   <li>a {@code rescreeningReason} for a child never screen-failed is refused (400): re-screening is never an
 *   accident in either direction.</li>
 * </ul>
 * A protocol cancelled by an administrator (a correction with a reason, no {@code protocolEnd}) is an enrolment made
 * in error and does not count as an earlier attempt.
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
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.isEmpty() && !businessKey.equals(subjectId)) {
      throw new FormValidationException(ProtocolVariables.START_FORM, List.of(new FieldViolation("businessKey", "Business key",
          "must equal the subject ID " + subjectId + " (or be left empty), was '" + businessKey + "'")));
    }
    ProcessInstance active = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).list().stream().findFirst().orElse(null));
    if (active != null) {
      throw new SubjectAlreadyEnrolledException(subjectId + " is already enrolled: protocol instance " + active.getId()
          + " is active. A child has one protocol at a time; find it by searching the subject ID.");
    }
    HistoricProcessInstance previous = lastCountedAttempt(execution.getProcessEngineServices().getHistoryService(), subjectId);
    String reason = text(execution.getVariable(ProtocolVariables.RESCREENING_REASON));
    List<FieldViolation> violations = new ArrayList<>();
    if (previous == null && reason != null) {
      violations.add(new FieldViolation(ProtocolVariables.RESCREENING_REASON, "Reason for screening again",
          "only for a child who was screen-failed before; " + subjectId + " has no earlier enrolment, leave it empty"));
    }
    if (previous != null) {
      String end = endActivity(execution.getProcessEngineServices().getHistoryService(), previous);
      if (!ProtocolVariables.END_SCREEN_FAILURE.equals(end)) {
        throw new SubjectAlreadyEnrolledException(subjectId + " was enrolled before and left the protocol at '" + end
            + "' (protocol instance " + previous.getId() + "). Only a screen-failed child may be screened again.");
      }
      if (reason == null) {
        violations.add(new FieldViolation(ProtocolVariables.RESCREENING_REASON, "Reason for screening again",
            "is required: " + subjectId + " was screen-failed before (protocol instance " + previous.getId()
                + "); screening the child again needs a reason, and the new record links the earlier attempt"));
      }
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(ProtocolVariables.START_FORM, violations);
    }
    if (previous != null) {
      execution.setVariable(ProtocolVariables.PREVIOUS_PROTOCOL_INSTANCE_ID, previous.getId());
    }
    Object enrolledBy = execution.getVariable("enrolledBy");
    EnrolmentRegistry.register(new EnrolmentRegistry.Enrolment(execution.getProcessInstanceId(), subjectId,
        enrolledBy == null ? null : enrolledBy.toString(), previous == null ? null : previous.getId(), reason));
    execution.setProcessBusinessKey(subjectId);
  }

  /** The child's latest ended protocol that ended at a named end (not cancelled as an error), or null. */
  private static HistoricProcessInstance lastCountedAttempt(HistoryService history, String subjectId) {
    List<HistoricProcessInstance> ended = Context.getCommandContext().runWithoutAuthorization(() -> history
        .createHistoricProcessInstanceQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).finished().orderByProcessInstanceStartTime().desc().list());
    return ended.stream().filter(p -> endActivity(history, p) != null).findFirst().orElse(null);
  }

  /** The named end recorded by {@link RecordProtocolEndListener}, null for a cancelled protocol. */
  private static String endActivity(HistoryService history, HistoricProcessInstance protocol) {
    HistoricVariableInstance end = Context.getCommandContext().runWithoutAuthorization(() -> history
        .createHistoricVariableInstanceQuery().processInstanceId(protocol.getId())
        .variableName(RecordProtocolEndListener.PROTOCOL_END_ACTIVITY_ID).list().stream().findFirst().orElse(null));
    return end == null || end.getValue() == null ? null : end.getValue().toString();
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s.trim() : null;
  }
}

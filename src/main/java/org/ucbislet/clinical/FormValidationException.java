package org.ucbislet.clinical;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Values that break the rules of a deployed Camunda Form. Thrown inside the engine's command, so the
 * transaction rolls back: nothing is stored and a task stays open. Carries the custom error code
 * {@link #CODE}, which the REST layer turns into HTTP 400. A user's mistake, not a server fault: as a
 * {@link BadUserRequestException} the engine logs it at DEBUG, so the refused values never reach the log with a
 * stack trace (ENGINE-16004).
 */
public class FormValidationException extends BadUserRequestException implements ClientError {

  /** Custom engine error code (Camunda reserves 20000-39999 for applications). */
  public static final int CODE = ClientError.CODE_BASE + 400;
  /** Every message starts so: {@code Form 'id' rejected: field (label): problem; ...}. */
  public static final String MESSAGE_START = "Form '";

  private final transient List<FieldViolation> violations;

  public FormValidationException(String formId, List<FieldViolation> violations) {
    super(message(formId, violations));
    setCode(CODE);
    this.violations = List.copyOf(violations);
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  public List<FieldViolation> getViolations() {
    return violations;
  }

  private static String message(String formId, List<FieldViolation> violations) {
    return MESSAGE_START + formId + "' rejected: "
        + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; "));
  }
}

package org.ucbislet.config;

import org.ucbislet.clinical.ClientError;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.ucbislet.clinical.FieldViolation;

/**
 * A guarded decision table gave no result inside a process (missing or impossible input): nothing is routed. Thrown
 * inside the engine's command, so the transaction rolls back: a user who completed the form before it gets HTTP 400
 * naming the input and the task stays open; in a job it becomes an incident with this message.
 */
public class DecisionInputException extends ProcessEngineException implements ClientError {

  private final transient List<FieldViolation> violations;

  public DecisionInputException(String decisionKey, List<FieldViolation> violations) {
    super("Decision '" + decisionKey + "' gave no result, nothing is routed: "
        + violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")), ClientError.codeFor(400));
    this.violations = List.copyOf(violations);
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  public List<FieldViolation> getViolations() {
    return violations;
  }
}

package org.ucbislet.clinical;

import org.camunda.bpm.engine.ProcessEngineException;

/** A second person's step attempted by the first person (for example the islet release by the counter): HTTP 403. */
public class FourEyesViolationException extends ProcessEngineException implements ClientError {

  public FourEyesViolationException(String message) {
    super(message, ClientError.codeFor(403));
  }

  @Override
  public int httpStatus() {
    return 403;
  }
}

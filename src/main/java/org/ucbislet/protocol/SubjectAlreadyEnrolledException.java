package org.ucbislet.protocol;

import org.camunda.bpm.engine.BadUserRequestException;
import org.ucbislet.clinical.ClientError;

/**
 * An enrolment of a subject ID that is already enrolled (or has left the protocol other than by a screen failure):
 * HTTP 409 over REST, the message in Tasklist's start form. A {@link BadUserRequestException}, so the engine logs it at
 * DEBUG without a stack trace: it is a user's mistake, not a fault.
 */
public class SubjectAlreadyEnrolledException extends BadUserRequestException implements ClientError {

  public SubjectAlreadyEnrolledException(String message) {
    super(message);
    setCode(ClientError.codeFor(409));
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}

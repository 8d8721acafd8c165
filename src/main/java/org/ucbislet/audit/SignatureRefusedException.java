package org.ucbislet.audit;

import org.camunda.bpm.engine.ProcessEngineException;
import org.ucbislet.clinical.ClientError;

/**
 * A signed step submitted without a valid electronic signature: the command rolls back, the task stays open, nothing
 * is stored. 400 when a signature field is missing or malformed, 403 when the signer is not the logged-in user or the
 * password does not match (or the user is locked). The message names the field and never contains the password.
 */
public class SignatureRefusedException extends ProcessEngineException implements ClientError {

  private final int status;
  private final String field;

  public SignatureRefusedException(int status, String field, String message) {
    super(field + ": " + message, ClientError.codeFor(status));
    this.status = status;
    this.field = field;
  }

  @Override
  public int httpStatus() {
    return status;
  }

  public String field() {
    return field;
  }
}

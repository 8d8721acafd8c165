package org.ucbislet.forms;

import org.camunda.bpm.engine.BadUserRequestException;
import org.ucbislet.clinical.ClientError;

/**
 * An object variable the server does not accept (issue 15 item 6): Java serialization, or a JSON/XML object of a class
 * outside the allow-list (this application's value classes, java.lang values and java.util collections). HTTP 400
 * naming the variable; logged by the engine at DEBUG.
 */
public class ObjectVariableRefusedException extends BadUserRequestException implements ClientError {

  /** Custom engine error code: HTTP 400 (ClientError). */
  public static final int CODE = ClientError.CODE_BASE + 400;

  public ObjectVariableRefusedException(String variable, String problem) {
    super(variable + ": " + problem);
    setCode(CODE);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}

package org.ucbislet.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.ucbislet.clinical.ClientError;

/**
 * A request that would move a child's process around its model (start at a step, modify, restart, skip listeners or
 * input mappings, throw a signal): refused with HTTP 400 for every authenticated user, before the engine does anything. A
 * {@link BadUserRequestException}, so the engine logs it at DEBUG without a stack trace.
 */
public class ProtocolPathRefusedException extends BadUserRequestException implements ClientError {

  public ProtocolPathRefusedException(String message) {
    super(message);
    setCode(ClientError.codeFor(400));
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}

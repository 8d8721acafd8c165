package org.ucbislet.audit;

import org.ucbislet.clinical.InvalidInputException;

/** A bad parameter of the audit API: answered 400 problem+json naming the parameter. */
public class AuditRequestException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public AuditRequestException(String parameter, String problem) {
    super(parameter, problem);
  }

  public String parameter() {
    return field();
  }
}

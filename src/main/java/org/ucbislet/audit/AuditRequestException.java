package org.ucbislet.audit;

/** A bad parameter of the audit API: answered 400 problem+json naming the parameter. */
public class AuditRequestException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String problem;

  public AuditRequestException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
    this.problem = problem;
  }

  public String parameter() {
    return parameter;
  }

  public String problem() {
    return problem;
  }
}

package org.ucbislet.clinical;

/**
 * Bad input to an {@code /api} endpoint: names the field or parameter and the problem. Answered as
 * HTTP 400 problem+json by {@link ApiProblemHandler}, with the field in the member {@code field}.
 */
public class InvalidInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidInputException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The offending field or parameter as the request spells it. */
  public String field() {
    return field;
  }

  /** What is wrong with it, without the field name. */
  public String problem() {
    return problem;
  }
}

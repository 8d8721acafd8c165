package org.ucbislet.islet;

/**
 * Bad input to the islet equivalent calculation: names the field (as spelled in the request of
 * {@code POST /api/islets/ieq}, design.md section 6, for example {@code recipientWeightKg} or
 * {@code counts.150-200}) and the problem. Answered as HTTP 400 problem+json by the API.
 */
public class IeqValidationException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public IeqValidationException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The offending field, for example {@code sampleVolumeUl} or {@code counts.50-100}. */
  public String field() {
    return field;
  }

  /** What is wrong with it, without the field name. */
  public String problem() {
    return problem;
  }
}

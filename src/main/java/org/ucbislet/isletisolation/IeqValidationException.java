package org.ucbislet.isletisolation;

import org.ucbislet.clinical.InvalidInputException;

/**
 * Bad input to the islet equivalent calculation: names the field (as spelled in the request of
 * {@code POST /api/islets/ieq}, design.md section 6, for example {@code recipientWeightKg} or
 * {@code counts.150-200}) and the problem.
 */
public class IeqValidationException extends InvalidInputException {

  private static final long serialVersionUID = 1L;

  public IeqValidationException(String field, String problem) {
    super(field, problem);
  }
}

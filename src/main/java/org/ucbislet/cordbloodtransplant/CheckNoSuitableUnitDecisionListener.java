package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * Completion of the MDT's decision without an acceptable unit: a unit outside the default criteria can
 * only be accepted when the bank search listed at least one candidate unit (else HTTP 400 naming
 * {@code noSuitableUnitDecision}).
 */
@Component
public class CheckNoSuitableUnitDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (DECISION_ACCEPT_OUTSIDE_CRITERIA.equals(task.getVariable(NO_SUITABLE_UNIT_DECISION))
        && CordBloodUnitReservation.candidates(JsonVariables.text(task.getVariable(CORD_BLOOD_CANDIDATES))).isEmpty()) {
      throw new FormValidationException(FORM_NO_SUITABLE_UNIT, List.of(new FieldViolation(NO_SUITABLE_UNIT_DECISION,
          null, "the bank search listed no candidate unit: there is no unit to accept outside the criteria")));
    }
  }
}

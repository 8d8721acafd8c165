package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of the MDT's decision after a graft failure: a second transplant with a backup unit needs a
 * reserved backup unit left (else HTTP 400 naming {@code graftFailureDecision}, nothing stored).
 */
@Component
public class CheckGraftFailureDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (GRAFT_FAILURE_SECOND_TRANSPLANT.equals(task.getVariable(GRAFT_FAILURE_DECISION))
        && !(task.getVariable(BACKUP_UNITS_REMAINING) instanceof Integer left && left > 0)) {
      throw new FormValidationException(FORM_GRAFT_FAILURE_DECISION, List.of(new FieldViolation(
          GRAFT_FAILURE_DECISION, "MDT decision", "no reserved backup unit is left for a second transplant")));
    }
  }
}

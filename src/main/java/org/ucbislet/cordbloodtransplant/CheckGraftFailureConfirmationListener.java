package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of the transplant physician's graft failure reviews (domain.md B 2.1): primary graft failure
 * cannot be confirmed when the recorded counts show neutrophil recovery; secondary graft failure needs a
 * loss of haematopoietic function (dependence on transfusion or growth factor again), not a chimerism
 * result alone. A contradiction is refused (HTTP 400 naming the field, nothing stored).
 */
@Component
public class CheckGraftFailureConfirmationListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (TASK_CONFIRM_PRIMARY_GRAFT_FAILURE.equals(task.getTaskDefinitionKey())
        && Boolean.TRUE.equals(task.getVariable(PRIMARY_GRAFT_FAILURE_CONFIRMED))
        && Boolean.TRUE.equals(task.getVariable(NEUTROPHIL_ENGRAFTED))) {
      throw new FormValidationException(FORM_PRIMARY_GRAFT_FAILURE_REVIEW, List.of(new FieldViolation(
          PRIMARY_GRAFT_FAILURE_CONFIRMED, "Primary graft failure confirmed",
          "must be false: the recorded counts show neutrophil recovery on day " + task.getVariable(NEUTROPHIL_ENGRAFTMENT_DAY))));
    }
    if ((TASK_REVIEW_CHIMERISM_LOSS.equals(task.getTaskDefinitionKey())
        || TASK_REVIEW_FURTHER_CHIMERISM_LOSS.equals(task.getTaskDefinitionKey()))
        && Boolean.TRUE.equals(task.getVariable(SECONDARY_GRAFT_FAILURE_CONFIRMED))
        && !Boolean.TRUE.equals(task.getVariable(TRANSFUSION_OR_GROWTH_FACTOR_DEPENDENT))) {
      throw new FormValidationException(FORM_SECONDARY_GRAFT_FAILURE_REVIEW, List.of(new FieldViolation(
          SECONDARY_GRAFT_FAILURE_CONFIRMED, "Secondary graft failure confirmed",
          "needs a loss of haematopoietic function (transfusionOrGrowthFactorDependent true): a low chimerism alone is not "
              + "secondary graft failure (domain.md B 2.1)")));
    }
  }
}

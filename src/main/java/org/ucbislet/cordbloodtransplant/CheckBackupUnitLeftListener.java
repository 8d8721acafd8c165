package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of the post-thaw failure review: switching to a backup unit needs a reserved backup unit
 * left (else HTTP 400 naming {@code postThawFailureDecision}).
 */
@Component
public class CheckBackupUnitLeftListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (DECISION_SWITCH_TO_BACKUP.equals(task.getVariable(POST_THAW_FAILURE_DECISION))
        && !(task.getVariable(BACKUP_UNITS_REMAINING) instanceof Integer left && left > 0)) {
      throw new FormValidationException(FORM_POST_THAW_FAILURE_REVIEW, List.of(new FieldViolation(
          POST_THAW_FAILURE_DECISION, null, "no reserved backup unit is left to switch to")));
    }
  }
}

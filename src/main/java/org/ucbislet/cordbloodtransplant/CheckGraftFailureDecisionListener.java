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
 * reserved backup unit left (else HTTP 400 naming {@code graftFailureDecision}, nothing stored); when that backup no
 * longer meets the acceptance criteria on today's weight ({@code nextBackupAcceptableToday}, written by
 * {@link ReassessBackupUnitsDelegate}), it needs the same written justification as a primary accepted outside the
 * criteria: {@code backupOutsideCriteriaJustification} of at least {@value #MIN_JUSTIFICATION} characters (else HTTP 400
 * naming that field, nothing stored).
 */
@Component
public class CheckGraftFailureDecisionListener implements TaskListener {

  /** As the no-suitable-unit decision's written justification (form minLength). */
  static final int MIN_JUSTIFICATION = 20;

  @Override
  public void notify(DelegateTask task) {
    if (!GRAFT_FAILURE_SECOND_TRANSPLANT.equals(task.getVariable(GRAFT_FAILURE_DECISION))) {
      return;
    }
    if (!(task.getVariable(BACKUP_UNITS_REMAINING) instanceof Integer left && left > 0)) {
      throw new FormValidationException(FORM_GRAFT_FAILURE_DECISION, List.of(new FieldViolation(
          GRAFT_FAILURE_DECISION, "MDT decision", "no reserved backup unit is left for a second transplant")));
    }
    if (Boolean.FALSE.equals(task.getVariable(NEXT_BACKUP_ACCEPTABLE_TODAY))
        && !(task.getVariable(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION) instanceof String text
            && text.strip().length() >= MIN_JUSTIFICATION)) {
      throw new FormValidationException(FORM_GRAFT_FAILURE_DECISION, List.of(new FieldViolation(
          BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION, "Written justification for a backup outside the criteria",
          "the next backup unit no longer meets the acceptance criteria on today's weight: a second transplant with it "
              + "needs the MDT's written justification (at least " + MIN_JUSTIFICATION + " characters), as for a primary "
              + "unit outside the criteria")));
    }
  }
}

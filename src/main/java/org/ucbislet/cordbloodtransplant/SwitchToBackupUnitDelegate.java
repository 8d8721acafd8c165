package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.JsonVariables;

/**
 * Replaces the current unit by the first reserved backup unit. After a post-thaw failure the backup is
 * thawed next (the thaw answers are cleared); after a graft failure the child goes through the
 * pre-transplant steps again for a second transplant (that transplant's answers are cleared too). The
 * old unit keeps its outcome and reason in {@code reservedUnits}.
 */
@Component
public class SwitchToBackupUnitDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(SwitchToBackupUnitDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    boolean graftFailure = TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE.equals(execution.getCurrentActivityId());
    String outcome = graftFailure ? CordBloodUnitReservation.GRAFT_FAILURE : CordBloodUnitReservation.POST_THAW_FAILURE;
    String reason = graftFailure
        ? execution.getVariable(GRAFT_FAILURE_TYPE) + " graft failure"
        : (String) execution.getVariable(POST_THAW_FAILURE_REASON);
    List<CordBloodUnitReservation.ReservedUnit> units = CordBloodUnitReservation.switchToNextBackup(
        CordBloodUnitReservation.fromJson(JsonVariables.text(execution.getVariable(RESERVED_UNITS))), outcome, reason,
        Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    String next = CordBloodUnitReservation.current(units).orElseThrow().unitKey();
    PER_THAWED_UNIT.forEach(execution::removeVariable);
    if (graftFailure) {
      PER_TRANSPLANT.forEach(execution::removeVariable);
    }
    execution.setVariable(RESERVED_UNITS, JsonVariables.spin(CordBloodUnitReservation.toJson(units)));
    execution.setVariable(SELECTED_CORD_BLOOD_UNIT, next);
    execution.setVariable(BACKUP_UNITS_REMAINING, CordBloodUnitReservation.backupsRemaining(units));
    LOG.info("Subject {}: backup unit {} replaces the unit that ended in {}", execution.getBusinessKey(), next, outcome);
  }
}

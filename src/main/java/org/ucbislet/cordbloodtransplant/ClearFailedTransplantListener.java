package org.ucbislet.cordbloodtransplant;

import org.ucbislet.clinical.JsonVariables;
import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The MDT ordered a new bank search after a graft failure: the failed unit keeps its outcome in
 * {@code reservedUnits}, and the answers of the failed transplant (pre-transplant evaluation,
 * conditioning, thaw, infusion) are cleared, as for a second transplant with a backup unit.
 */
@Component
public class ClearFailedTransplantListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(ClearFailedTransplantListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    List<CordBloodUnitReservation.ReservedUnit> units = CordBloodUnitReservation.endCurrent(
        CordBloodUnitReservation.fromJson(JsonVariables.text(execution.getVariable(RESERVED_UNITS))),
        CordBloodUnitReservation.GRAFT_FAILURE, execution.getVariable(GRAFT_FAILURE_TYPE) + " graft failure",
        Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    PER_THAWED_UNIT.forEach(execution::removeVariable);
    PER_TRANSPLANT.forEach(execution::removeVariable);
    execution.setVariable(RESERVED_UNITS, JsonVariables.spin(CordBloodUnitReservation.toJson(units)));
    execution.setVariable(BACKUP_UNITS_REMAINING, CordBloodUnitReservation.backupsRemaining(units));
    LOG.info("Subject {}: graft failure, the MDT ordered a new bank search", execution.getBusinessKey());
  }
}

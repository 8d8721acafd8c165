package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ActingUser;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * Completion of "Select and reserve cord blood units": enforces the reservation rules of
 * {@link CordBloodUnitReservation} on the server (a broken rule is a {@link FormValidationException}
 * naming the field: HTTP 400, nothing stored) and records the reservation ({@code reservedUnits} with time
 * and user), the unit of the coming transplant and the number of backups held.
 */
@Component
public class RecordUnitReservationListener implements TaskListener {

  private static final Logger LOG = LoggerFactory.getLogger(RecordUnitReservationListener.class);

  private final CordBloodTransplantSettings settings;

  public RecordUnitReservationListener(CordBloodTransplantSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean outsideCriteria = DECISION_ACCEPT_OUTSIDE_CRITERIA.equals(task.getVariable(NO_SUITABLE_UNIT_DECISION));
    List<String> backups = new ArrayList<>();
    backups.add((String) task.getVariable(BACKUP_CORD_BLOOD_UNIT_1));
    backups.add((String) task.getVariable(BACKUP_CORD_BLOOD_UNIT_2));
    List<CordBloodUnitReservation.ReservedUnit> reserved;
    try {
      reserved = CordBloodUnitReservation.reserve(PRIMARY_CORD_BLOOD_UNIT, (String) task.getVariable(PRIMARY_CORD_BLOOD_UNIT),
          Arrays.asList(BACKUP_CORD_BLOOD_UNIT_1, BACKUP_CORD_BLOOD_UNIT_2), backups,
          CordBloodUnitReservation.candidates(JsonVariables.text(task.getVariable(CORD_BLOOD_CANDIDATES))),
          settings.backupUnits(), outsideCriteria, Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()),
          ActingUser.of(task));
    } catch (UnitSelectionException e) {
      throw new FormValidationException(FORM_UNIT_SELECTION, List.of(new FieldViolation(e.field(), null, e.getMessage())));
    }
    task.setVariable(RESERVED_UNITS, JsonVariables.spin(CordBloodUnitReservation.toJson(reserved)));
    task.setVariable(SELECTED_CORD_BLOOD_UNIT, reserved.get(0).unitKey());
    task.setVariable(BACKUP_UNITS_REMAINING, CordBloodUnitReservation.backupsRemaining(reserved));
    task.setVariable(CORD_BLOOD_OUTSIDE_CRITERIA_ACCEPTED, outsideCriteria);
    LOG.info("Subject {}: {} cord blood unit(s) reserved, {} backup(s)", task.getExecution().getBusinessKey(),
        reserved.size(), reserved.size() - 1);
  }
}

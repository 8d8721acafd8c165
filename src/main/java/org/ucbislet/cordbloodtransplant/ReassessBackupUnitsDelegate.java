package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.JsonVariables;
import org.ucbislet.cordblood.CellDose;
import org.ucbislet.cordblood.DoseDisplay;
import org.ucbislet.cordblood.UnitAcceptanceDecision;

/**
 * "Re-evaluate the backup units on today's weight" (issue 17 item 1), before the MDT decides after a graft failure:
 * the backups were accepted on the child's weight at the bank search, possibly many months before. Each backup still
 * reserved gets its TNC/kg and CD34/kg on today's dosing weight ({@code dosingWeightKg}, checked within the limit by
 * "Check the weight for the MDT's decision") from the unit's pre-freeze counts kept with the reservation
 * ({@link CellDose}), and the decision {@code cordBloodUnitAcceptance} as the search uses it
 * ({@link UnitAcceptanceDecision}: the thresholds live only in that table). Writes {@code backupUnitsToday},
 * {@code backupUnitsTodaySummary} and {@code nextBackupAcceptableToday} for the MDT's form and its check; clears an
 * earlier decision's {@code backupOutsideCriteriaJustification}. A backup reserved before the counts were kept with
 * the reservation cannot be re-evaluated here: it counts as not acceptable, so a second transplant with it needs the
 * MDT's written justification (conservative; the bank's record of the unit gives its counts).
 */
@Component
public class ReassessBackupUnitsDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReassessBackupUnitsDelegate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UnitAcceptanceDecision acceptance;

  public ReassessBackupUnitsDelegate(UnitAcceptanceDecision acceptance) {
    this.acceptance = acceptance;
  }

  /** One backup on today's weight. */
  public record BackupToday(String unitKey, int rank, Double tncPerKgE7, Double cd34PerKgE5, double dosingWeightKg,
                            String dosingWeightDate, boolean acceptableToday, String reason) {
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!(execution.getVariable(DOSING_WEIGHT_KG) instanceof Number weight) || !(weight.doubleValue() > 0)) {
      throw new IllegalStateException("Re-evaluating the backup units needs today's dosing weight " + DOSING_WEIGHT_KG
          + " (checked before), was " + execution.getVariable(DOSING_WEIGHT_KG));
    }
    String weighed = String.valueOf(execution.getVariable(DOSING_WEIGHT_DATE));
    List<CordBloodUnitReservation.ReservedUnit> units =
        CordBloodUnitReservation.fromJson(JsonVariables.text(execution.getVariable(RESERVED_UNITS)));
    List<BackupToday> backups = reassess(units, weight.doubleValue(), weighed);
    ArrayNode array = JSON.createArrayNode();
    StringBuilder summary = new StringBuilder();
    for (BackupToday b : backups) {
      ObjectNode node = JSON.valueToTree(b);
      array.add(node);
      summary.append(summary.isEmpty() ? "" : "\n").append(line(b));
    }
    execution.setVariable(BACKUP_UNITS_TODAY, JsonVariables.spin(array.toString()));
    execution.setVariable(BACKUP_UNITS_TODAY_SUMMARY, backups.isEmpty() ? "No reserved backup unit is left." : summary.toString());
    execution.setVariable(NEXT_BACKUP_ACCEPTABLE_TODAY, !backups.isEmpty() && backups.get(0).acceptableToday());
    execution.removeVariable(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION);
    LOG.info("Subject {}: {} backup unit(s) re-evaluated on {} kg of {}, {} acceptable", execution.getBusinessKey(),
        backups.size(), weight, weighed, backups.stream().filter(BackupToday::acceptableToday).count());
  }

  /** The backups still reserved, in the order a second transplant would use them, on this weight. */
  List<BackupToday> reassess(List<CordBloodUnitReservation.ReservedUnit> units, double weightKg, String weighed) {
    List<BackupToday> result = new ArrayList<>();
    for (CordBloodUnitReservation.ReservedUnit u : units) {
      if (!CordBloodUnitReservation.RESERVED.equals(u.status())) {
        continue;
      }
      if (u.tncTotal() == null || u.cd34Total() == null) {
        result.add(new BackupToday(u.unitKey(), u.rank(), null, null, weightKg, weighed, false,
            "the unit's cell counts were not kept with its reservation: cannot be re-evaluated on today's weight "
                + "(take them from the bank's record); counts as not acceptable"));
        continue;
      }
      double tnc = CellDose.tncPerKgE7(u.tncTotal(), weightKg);
      double cd34 = CellDose.cd34PerKgE5(u.cd34Total(), weightKg);
      boolean acceptable = acceptance.acceptable(u.antigenMatches6(), u.alleleMatches8(), tnc, cd34);
      result.add(new BackupToday(u.unitKey(), u.rank(), tnc, cd34, weightKg, weighed, acceptable, acceptable
          ? "meets the acceptance criteria (cordBloodUnitAcceptance) on today's weight"
          : "does not meet the acceptance criteria (cordBloodUnitAcceptance) on today's weight (" + u.alleleMatches8()
              + "/8 allele, " + u.antigenMatches6() + "/6 antigen; at the search TNC " + shown(u.tncPerKgE7()) + " x10^7/kg, CD34 "
              + shown(u.cd34PerKgE5()) + " x10^5/kg, " + (u.unitAcceptable() ? "acceptable" : "accepted outside the criteria by the MDT")
              + ")"));
    }
    return result;
  }

  private static String shown(Double dose) {
    return dose == null ? "?" : DoseDisplay.text(dose);
  }

  /** {@code Backup 1 SHCBB/SH-1 · 7/8 allele · 6/6 antigen · TNC 5.12 x10^7/kg · CD34 1.60 x10^5/kg on 24.0 kg of ...}. */
  private static String line(BackupToday b) {
    return "Backup " + b.rank() + " " + b.unitKey() + " · TNC "
        + (b.tncPerKgE7() == null ? "?" : DoseDisplay.text(b.tncPerKgE7())) + " x10^7/kg · CD34 "
        + (b.cd34PerKgE5() == null ? "?" : DoseDisplay.text(b.cd34PerKgE5())) + " x10^5/kg on " + b.dosingWeightKg()
        + " kg weighed " + b.dosingWeightDate() + " · " + (b.acceptableToday() ? "acceptable" : "NOT acceptable") + ": "
        + b.reason();
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of an aliquot of the islet infusion: the heparin given with the islets so far ({@code heparinUnits}) per
 * kg of the weight measured for this infusion ({@code weightKg} of the go/no-go form) is recorded
 * ({@code heparinUnitsPerKg}) and judged by decision {@code heparinBleedingRisk} (domain.md Part A "heparin with
 * islets", B 4.4; the threshold stays in the table). A flagged dose needs the team's acknowledgement, a reason in
 * {@code heparinHighDoseReason}; without it the aliquot is refused with HTTP 400 naming that field.
 */
@Component
public class CheckHeparinDoseListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    Double perKg = null;
    if (Boolean.TRUE.equals(task.getVariable(HEPARIN_GIVEN))) {
      if (!(task.getVariable(HEPARIN_UNITS) instanceof Number units) || units.doubleValue() <= 0) {
        throw violation(HEPARIN_UNITS, "Heparin given with the islets so far (IU)", "is required when heparin was given");
      }
      if (!(task.getVariable(WEIGHT_KG) instanceof Number weight) || weight.doubleValue() <= 0) {
        throw violation(HEPARIN_UNITS, "Heparin given with the islets so far (IU)",
            "cannot be judged per kg: no weight was recorded for this infusion");
      }
      perKg = units.doubleValue() / weight.doubleValue(); // not rounded: the flag's boundary is exact
    }
    DmnDecisionRuleResult risk = execution.getProcessEngineServices().getDecisionService()
        .evaluateDecisionTableByKey(DECISION_HEPARIN_BLEEDING_RISK,
            Variables.createVariables().putValue(HEPARIN_UNITS_PER_KG, perKg))
        .getSingleResult();
    boolean high = Boolean.TRUE.equals(risk.getEntry(HEPARIN_HIGH_BLEEDING_RISK));
    if (high && (!(task.getVariable(HEPARIN_HIGH_DOSE_REASON) instanceof String reason) || reason.isBlank())) {
      throw violation(HEPARIN_HIGH_DOSE_REASON, "Reason for a heparin dose of 45 U/kg or more",
          "is required: " + perKg + " U/kg of today's weight is flagged (" + risk.getEntry(HEPARIN_BLEEDING_RISK_REASON) + ")");
    }
    execution.setVariable(HEPARIN_UNITS_PER_KG, perKg);
    execution.setVariable(HEPARIN_HIGH_BLEEDING_RISK, high);
    execution.setVariable(HEPARIN_BLEEDING_RISK_REASON, risk.getEntry(HEPARIN_BLEEDING_RISK_REASON));
  }

  private static FormValidationException violation(String field, String label, String problem) {
    return new FormValidationException(FORM_ISLET_INFUSION, List.of(new FieldViolation(field, label, problem)));
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * The alternative access decision. On create it offers, in {@code portalAccessOptions} (the select's
 * {@code valuesKey}), open portal vein injection only when no baseline no-go was found. On completion: open portal vein injection is an alternative to a difficult
 * puncture (protocol, adverse reactions 8), not to a baseline portal pressure above the limit. When the baseline
 * rule ({@code portalPressureSafety}) found the pressure not acceptable, on either route, only postponement is
 * accepted (HTTP 400 naming {@code portalAccessDecision}, nothing stored). The limit itself stays in the table.
 */
@Component
public class CheckPortalAccessDecisionListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    boolean baselineNoGo = Boolean.FALSE.equals(task.getVariable(PORTAL_PRESSURE_ACCEPTABLE));
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      String postpone = "{\"label\":\"Postpone: back to the waiting list for a new product\",\"value\":\"" + ACCESS_POSTPONE + "\"}";
      String open = "{\"label\":\"Open portal vein injection (protocol alternative)\",\"value\":\"" + ACCESS_OPEN_INJECTION + "\"}";
      task.getExecution().setVariable(PORTAL_ACCESS_OPTIONS,
          JsonVariables.spin(baselineNoGo ? "[" + postpone + "]" : "[" + open + "," + postpone + "]"));
      return;
    }
    if (ACCESS_OPEN_INJECTION.equals(task.getVariable(PORTAL_ACCESS_DECISION))
        && baselineNoGo) {
      throw new FormValidationException(FORM_PORTAL_ACCESS_DECISION, List.of(new FieldViolation(PORTAL_ACCESS_DECISION,
          "Decision", "open portal vein injection is not possible after a baseline portal pressure no-go ("
              + task.getVariable(PORTAL_PRESSURE_REASON) + "): postpone")));
    }
  }
}

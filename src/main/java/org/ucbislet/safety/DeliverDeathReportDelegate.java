package org.ucbislet.safety;

import static org.ucbislet.protocol.ProtocolVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.ucbislet.protocol.ProtocolEventDelivery;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * deathReport: the start form becomes message PatientDeceased to the child's protocol. The form asks "unexpected?" and
 * "related?" as yes / no / not assessed yet; not assessed is sent as no answer, which the death report counts as yes
 * (the reading that reports soonest).
 */
@Component
public class DeliverDeathReportDelegate implements JavaDelegate {

  public static final String FORM = "death-report";
  static final String UNEXPECTED_ANSWER = "deathUnexpected";
  static final String RELATED_ANSWER = "deathRelatedToIntervention";

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DATE_OF_DEATH, execution.getVariable(DATE_OF_DEATH));
    variables.put(CAUSE_OF_DEATH, execution.getVariable(CAUSE_OF_DEATH));
    variables.put(CAUSE_OF_DEATH_TERM, execution.getVariable(CAUSE_OF_DEATH_TERM));
    variables.put(AdverseEventVariables.UNEXPECTED, answer(execution.getVariable(UNEXPECTED_ANSWER)));
    variables.put(AdverseEventVariables.RELATED_TO_INTERVENTION, answer(execution.getVariable(RELATED_ANSWER)));
    ProtocolEventDelivery.deliver(execution, FORM, PROCESS_KEY, MESSAGE_PATIENT_DECEASED, variables,
        "no running protocol (never enrolled, or its protocol has already ended)");
  }

  private static Boolean answer(Object value) {
    return "yes".equals(value) ? Boolean.TRUE : "no".equals(value) ? Boolean.FALSE : null;
  }
}

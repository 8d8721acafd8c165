package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.ucbislet.protocol.ProtocolEventDelivery;

/**
 * chimerismResult: the HLA laboratory's (or a transplant physician's) start form "Record a chimerism result" becomes
 * message ChimerismResultReceived to the child's stage 1 that waits for the result of its dispatched sample.
 */
@Component
public class DeliverChimerismResultDelegate implements JavaDelegate {

  public static final String FORM = "chimerism-result";

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DONOR_CHIMERISM_PERCENT, execution.getVariable(DONOR_CHIMERISM_PERCENT));
    variables.put(CHIMERISM_RESULT_DATE, execution.getVariable(CHIMERISM_RESULT_DATE));
    // lineage-specific chimerism where the laboratory reports it (domain.md B 2.3); left out when not reported
    for (String lineage : new String[] {T_CELL_DONOR_CHIMERISM_PERCENT, MYELOID_DONOR_CHIMERISM_PERCENT}) {
      if (execution.getVariable(lineage) != null) {
        variables.put(lineage, execution.getVariable(lineage));
      }
    }
    ProtocolEventDelivery.deliver(execution, FORM, PROCESS_KEY, MESSAGE_CHIMERISM_RESULT_RECEIVED, variables,
        "no stage 1 waits for a chimerism result (no sample dispatched, or its result already recorded)");
  }
}

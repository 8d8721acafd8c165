package org.ucbislet.protocol;

import static org.ucbislet.protocol.ProtocolVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** consentWithdrawal: the trial coordinator's start form becomes message ConsentWithdrawn to the child's protocol. */
@Component
public class DeliverConsentWithdrawalDelegate implements JavaDelegate {

  public static final String FORM = "consent-withdrawal";

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(WITHDRAWAL_DATE, execution.getVariable(WITHDRAWAL_DATE));
    variables.put(WITHDRAWAL_REASON, execution.getVariable(WITHDRAWAL_REASON));
    ProtocolEventDelivery.deliver(execution, FORM, PROCESS_KEY, MESSAGE_CONSENT_WITHDRAWN, variables,
        "no running protocol (never enrolled, or its protocol has already ended)");
  }
}

package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.CORD_BLOOD_INFUSION_DATE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * Day 0 of stage 1, told to the caller: correlates the internal message CordBloodInfusionRecorded with the
 * infusion date to the process instance that called this stage (ucbIsletProtocol), which starts the follow-up after
 * the cord blood infusion from day 0 (or moves it to the new day 0 of a second transplant). Stage 1 started on its own
 * has no caller and nothing is sent; a caller without a waiting follow-up simply does not react.
 */
@Component
public class ReportInfusionToProtocolDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReportInfusionToProtocolDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    DelegateExecution caller = execution.getProcessInstance().getSuperExecution();
    if (caller == null) {
      return;
    }
    int reached = execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(ProtocolVariables.MESSAGE_CORD_BLOOD_INFUSION_RECORDED)
        .processInstanceId(caller.getProcessInstanceId())
        .setVariable(ProtocolVariables.CORD_BLOOD_INFUSION_DATE, execution.getVariable(CORD_BLOOD_INFUSION_DATE))
        .correlateAllWithResult().size();
    LOG.info("Subject {}: cord blood infusion reported to the caller ({} subscription(s) reached)",
        execution.getProcessBusinessKey(), reached);
  }
}

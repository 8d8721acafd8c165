package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At each exit of stage 1, sets what the caller reads back (contract with ucbIsletProtocol):
 * {@code stage1Outcome}, {@code cordBloodInfusionDate} (day 0 of the successful transplant) and
 * {@code stableImmuneFunctionConfirmedDate}; both dates are null at the exits without a successful
 * transplant. The exit is known by the end event's ID.
 */
@Component
public class RecordStage1OutcomeListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(RecordStage1OutcomeListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    String outcome = switch (execution.getCurrentActivityId()) {
      case END_STABLE_IMMUNE_FUNCTION -> OUTCOME_STABLE_IMMUNE_FUNCTION;
      case END_NO_SUITABLE_UNIT -> OUTCOME_NO_SUITABLE_UNIT;
      case END_NO_TRANSPLANT -> OUTCOME_NO_TRANSPLANT;
      case END_GRAFT_FAILURE -> OUTCOME_GRAFT_FAILURE;
      default -> throw new IllegalStateException("Not an exit of stage 1: " + execution.getCurrentActivityId());
    };
    execution.setVariable(STAGE1_OUTCOME, outcome);
    if (OUTCOME_STABLE_IMMUNE_FUNCTION.equals(outcome)) {
      execution.setVariable(STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, execution.getVariable(IMMUNE_STABILITY_REVIEW_DATE));
    } else {
      execution.setVariable(CORD_BLOOD_INFUSION_DATE, null);
      execution.setVariable(STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, null);
    }
    LOG.info("Subject {}: stage 1 ended, outcome {}", execution.getBusinessKey(), outcome);
  }
}

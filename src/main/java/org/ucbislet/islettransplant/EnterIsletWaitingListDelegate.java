package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.INFUSION_NUMBER;
import static org.ucbislet.islettransplant.IsletTransplantVariables.WAITING_SINCE;
import static org.ucbislet.islettransplant.IsletTransplantVariables.WEIGHT_KG;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the child on the islet waiting list: {@code infusionNumber} (1 when the caller gave none),
 * {@code waitingSince} (engine clock) and {@code weightKg} as a double, the variables isletIsolation
 * reads to allocate a product. A missing or non-positive weight is a caller's error (incident): such
 * a child could never be allocated a product.
 */
@Component
public class EnterIsletWaitingListDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(EnterIsletWaitingListDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    if (!(execution.getVariable(WEIGHT_KG) instanceof Number weight) || !(weight.doubleValue() > 0)) {
      throw new IllegalArgumentException("isletTransplant needs weightKg > 0, was " + execution.getVariable(WEIGHT_KG));
    }
    int infusionNumber = InfusionNumber.givenOrFirst(execution.getVariable(INFUSION_NUMBER));
    execution.setVariable(WEIGHT_KG, weight.doubleValue());
    execution.setVariable(INFUSION_NUMBER, infusionNumber);
    execution.setVariable(WAITING_SINCE, ClockUtil.getCurrentTime());
    LOG.info("Subject {}: on the islet waiting list for infusion {}", execution.getBusinessKey(), infusionNumber);
  }
}

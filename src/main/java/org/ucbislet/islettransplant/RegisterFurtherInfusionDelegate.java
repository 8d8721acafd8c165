package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.INFUSION_NUMBER;
import static org.ucbislet.islettransplant.IsletTransplantVariables.WAITING_SINCE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The MDT ordered a further islet infusion: {@code infusionNumber} + 1 (so the lower release threshold
 * of decision isletProductRelease applies) and a new {@code waitingSince}, the child re-enters the
 * waiting list.
 */
@Component
public class RegisterFurtherInfusionDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterFurtherInfusionDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    int next = InfusionNumber.next(execution.getVariable(INFUSION_NUMBER));
    execution.setVariable(INFUSION_NUMBER, next);
    execution.setVariable(WAITING_SINCE, ClockUtil.getCurrentTime());
    LOG.info("Subject {}: further islet infusion ordered, back on the waiting list for infusion {}",
        execution.getBusinessKey(), next);
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.INFUSION_NUMBER;
import static org.ucbislet.islettransplant.IsletTransplantVariables.ISLET_PRODUCT_ID;
import static org.ucbislet.islettransplant.IsletTransplantVariables.ISLET_PRODUCT_IEQ_PER_KG;
import static org.ucbislet.islettransplant.IsletTransplantVariables.ISLET_PRODUCT_TISSUE_VOLUME_ML;
import static org.ucbislet.islettransplant.IsletTransplantVariables.PER_INFUSION_ATTEMPT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers the product that message {@code IsletProductReleased} brought: checks the contract
 * variables (a product without its ID, dose or settled tissue volume is a sender's error, an incident) and removes the previous
 * attempt's answers (after a postponement or before a further infusion), so every form of this
 * attempt must be answered afresh.
 */
@Component
public class RegisterIsletProductDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterIsletProductDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    if (!(execution.getVariable(ISLET_PRODUCT_ID) instanceof String productId) || productId.isBlank()) {
      throw new IllegalStateException("IsletProductReleased arrived without " + ISLET_PRODUCT_ID);
    }
    if (!(execution.getVariable(ISLET_PRODUCT_IEQ_PER_KG) instanceof Number ieqPerKg) || !(ieqPerKg.doubleValue() > 0)) {
      throw new IllegalStateException("IsletProductReleased arrived without a positive " + ISLET_PRODUCT_IEQ_PER_KG);
    }
    if (!(execution.getVariable(ISLET_PRODUCT_TISSUE_VOLUME_ML) instanceof Number volume) || volume.doubleValue() < 0) {
      // a previous product's volume must never stand in for this one's: the per-kg check at the infusion needs it
      throw new IllegalStateException("IsletProductReleased arrived without its " + ISLET_PRODUCT_TISSUE_VOLUME_ML);
    }
    execution.removeVariables(PER_INFUSION_ATTEMPT);
    LOG.info("Subject {}: islet product {} ({} IEQ/kg) registered for infusion {}", execution.getBusinessKey(),
        productId, Math.round(ieqPerKg.doubleValue()), execution.getVariable(INFUSION_NUMBER));
  }
}

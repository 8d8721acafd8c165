package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.cordblood.CellDose;

/**
 * Post-thaw cell doses per kg of the child's dosing weight (measured within the configured days before the thaw:
 * "Check the weight for the cell dose", clinical.DosingWeight) with the shared {@link CellDose} code: TNC in
 * 10^7/kg and CD34+ in 10^5/kg from the stem cell laboratory's counts (TNC in 10^8 cells, CD34+ in 10^6
 * cells). Not rounded (rounding is for display).
 */
@Component
public class ComputeCellDoseDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeCellDoseDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    double weightKg = number(execution, DOSING_WEIGHT_KG);
    double tnc = number(execution, POST_THAW_TNC_E8) * 1e8;
    double cd34 = number(execution, POST_THAW_CD34_E6) * 1e6;
    execution.setVariable(POST_THAW_TNC_PER_KG_E7, CellDose.tncPerKgE7(tnc, weightKg));
    execution.setVariable(POST_THAW_CD34_PER_KG_E5, CellDose.cd34PerKgE5(cd34, weightKg));
    LOG.info("Subject {}: post-thaw cell doses computed for unit {}", execution.getBusinessKey(),
        execution.getVariable(SELECTED_CORD_BLOOD_UNIT));
  }

  private static double number(DelegateExecution execution, String name) {
    if (execution.getVariable(name) instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("cordBloodTransplant needs the number " + name + ", was "
        + execution.getVariable(name));
  }
}

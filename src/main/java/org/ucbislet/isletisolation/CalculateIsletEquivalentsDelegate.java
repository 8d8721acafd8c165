package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Islet equivalents of the counted product, with the same code as {@code POST /api/islets/ieq}. */
@Component
public class CalculateIsletEquivalentsDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CalculateIsletEquivalentsDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Number> counts = new HashMap<>();
    COUNT_FIELDS.forEach((diameterClass, field) -> counts.put(diameterClass, (Number) execution.getVariable(field)));
    IeqResult result = IeqCalculator.calculateProduct(IsletCounts.fromNumbers(counts),
        number(execution.getVariable(SAMPLE_VOLUME_UL)), number(execution.getVariable(SUSPENSION_VOLUME_ML)));
    execution.setVariable(ISLET_COUNT, result.islets());
    execution.setVariable(ISLET_EQUIVALENTS, result.ieq());
    execution.setVariable(ISLET_PARTICLE_INDEX, result.isletParticleIndex());
    LOG.info("Islet product {}: {} IEQ", execution.getBusinessKey(), Math.round(result.ieq()));
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}

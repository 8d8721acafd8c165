package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.COLD_ISCHEMIA_HOURS;
import static org.ucbislet.isletisolation.IsletIsolationVariables.COLD_ISCHEMIA_STARTED_AT;
import static org.ucbislet.isletisolation.IsletIsolationVariables.DIGESTION_STARTED_AT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Stops the cold ischaemia clock at the start of digestion: {@code coldIschemiaHours} for the donor decision. */
@Component
public class MeasureColdIschemiaDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(MeasureColdIschemiaDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    double hours = ColdIschemia.hours((String) execution.getVariable(COLD_ISCHEMIA_STARTED_AT),
        (String) execution.getVariable(DIGESTION_STARTED_AT));
    execution.setVariable(COLD_ISCHEMIA_HOURS, hours);
    LOG.info("Islet isolation {}: cold ischaemia {} h at digestion", execution.getBusinessKey(), hours);
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * Completion of one aliquot of the islet infusion (both routes): adds the measured portal pressure to
 * {@code portalPressureMeasurements} and sets {@code peakPortalPressureMmHg}, the highest pressure so far, on which
 * the stop rule {@code portalPressureRiseStop} is evaluated next. A fraction infused lower than at the previous
 * measurement is refused (HTTP 400 naming {@code infusedFractionPercent}, nothing stored).
 */
@Component
public class RecordPortalPressureListener implements TaskListener {

  private static final Logger LOG = LoggerFactory.getLogger(RecordPortalPressureListener.class);

  @Override
  public void notify(DelegateTask task) {
    if (!(task.getVariable(PORTAL_PRESSURE_MM_HG) instanceof Number measured)
        || !(task.getVariable(INFUSED_FRACTION_PERCENT) instanceof Number infused)) {
      throw new FormValidationException(FORM_ISLET_INFUSION, List.of(new FieldViolation(
          task.getVariable(PORTAL_PRESSURE_MM_HG) instanceof Number ? INFUSED_FRACTION_PERCENT : PORTAL_PRESSURE_MM_HG,
          null, "is required after every aliquot")));
    }
    double pressure = measured.doubleValue();
    double fraction = infused.doubleValue();
    PortalPressureLog log = PortalPressureLog.fromJson(JsonVariables.text(task.getVariable(PORTAL_PRESSURE_MEASUREMENTS)));
    log.problemWithNext(fraction).ifPresent(problem -> {
      throw new FormValidationException(FORM_ISLET_INFUSION, List.of(new FieldViolation(INFUSED_FRACTION_PERCENT,
          "Fraction of the product infused so far (%)", problem)));
    });
    log = log.with(new PortalPressureLog.Measurement(ClockUtil.getCurrentTime().toInstant().toString(), pressure, fraction));
    task.getExecution().setVariable(PORTAL_PRESSURE_MEASUREMENTS, JsonVariables.spin(log.toJson()));
    task.getExecution().setVariable(PEAK_PORTAL_PRESSURE_MM_HG, log.peakMmHg().orElseThrow());
    LOG.info("Subject {}: portal pressure {} mmHg after {} % of the islet product (measurement {})",
        task.getExecution().getBusinessKey(), pressure, fraction, log.measurements().size());
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.FORM_TACROLIMUS_TROUGH;
import static org.ucbislet.islettransplant.IsletTransplantVariables.INFUSION_DATE;
import static org.ucbislet.islettransplant.IsletTransplantVariables.MONTHS_SINCE_INFUSION;
import static org.ucbislet.islettransplant.IsletTransplantVariables.TROUGH_DUE_DATE;
import static org.ucbislet.islettransplant.IsletTransplantVariables.TROUGH_SAMPLE_DATE;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * {@code monthsSinceInfusion} of one tacrolimus trough level, from the islet infusion date to the
 * sample date (the scheduled date when no sample date was given), the input of decision
 * tacrolimusTroughTarget. A sample dated before the infusion is refused like a form rule: the task
 * completion is rolled back and answered with HTTP 400.
 */
@Component
public class ComputeMonthsSinceInfusionDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate infusionDate = ClinicalDates.toLocalDate(execution.getVariable(INFUSION_DATE), zone);
    LocalDate sampled = ClinicalDates.toLocalDate(execution.getVariable(TROUGH_SAMPLE_DATE), zone);
    LocalDate on = sampled != null ? sampled : ClinicalDates.toLocalDate(execution.getVariable(TROUGH_DUE_DATE), zone);
    if (infusionDate == null || on == null) {
      throw new IllegalStateException("Trough level without an infusion date or a sample date");
    }
    if (on.isBefore(infusionDate)) {
      throw new FormValidationException(FORM_TACROLIMUS_TROUGH, List.of(new FieldViolation(TROUGH_SAMPLE_DATE,
          "Sample date", "must not be before the islet infusion date " + infusionDate + ", was " + on)));
    }
    execution.setVariable(MONTHS_SINCE_INFUSION, ClinicalDates.monthsBetween(infusionDate, on));
  }
}

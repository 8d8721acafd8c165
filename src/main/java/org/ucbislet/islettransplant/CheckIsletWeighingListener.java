package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.DosingWeightSettings;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of the MDT's go/no-go: the weighing recorded on it ({@code weightKg} with {@code weightDate}) is the
 * dosing weight of this infusion (basiliximab band, tissue volume per kg, heparin per kg), so it must be at most
 * {@code ucbi.dosing-weight.max-age-days} old (domain.md Part A "dosing weight", tagged U; "otherwise weigh first").
 * An older weighing is refused with HTTP 400 naming {@code weightDate}; a weighing in the future is refused by the
 * shared date rules (forms/ClinicalDateRules).
 */
@Component
public class CheckIsletWeighingListener implements TaskListener {

  private final DosingWeightSettings settings;

  public CheckIsletWeighingListener(DosingWeightSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    LocalDate weighed;
    try {
      weighed = ClinicalDates.toLocalDate(task.getVariable(WEIGHT_DATE), zone);
    } catch (IllegalArgumentException e) {
      weighed = null;
    }
    if (weighed == null) {
      throw new FormValidationException(FORM_ISLET_INFUSION_GO, List.of(new FieldViolation(WEIGHT_DATE,
          "Date weighed", "is required: every per-kg decision of the infusion uses this weighing")));
    }
    long age = ChronoUnit.DAYS.between(weighed, today);
    if (age > settings.getMaxAgeDays()) {
      throw new FormValidationException(FORM_ISLET_INFUSION_GO, List.of(new FieldViolation(WEIGHT_DATE, "Date weighed",
          "must be at most " + settings.getMaxAgeDays() + " days before today " + today + " (dosing weight), was " + weighed
              + ": weigh the child first")));
    }
  }
}

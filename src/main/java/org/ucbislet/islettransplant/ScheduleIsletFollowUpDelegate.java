package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Computes every follow-up date of this infusion from {@code infusionDate} with
 * {@link IsletFollowUpSchedule} and the plan in {@link IsletSettings}; each date is the start of that
 * day in the clinical time zone. Single dates are date variables; the trough and insulin schedules are
 * JSON lists of ISO-8601 date-times, the collections of the two multi-instance sub-processes.
 */
@Component
public class ScheduleIsletFollowUpDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleIsletFollowUpDelegate.class);

  private final IsletSettings settings;

  public ScheduleIsletFollowUpDelegate(IsletSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate infusionDate = ClinicalDates.toLocalDate(execution.getVariable(INFUSION_DATE), zone);
    if (infusionDate == null) {
      throw new IllegalStateException("No " + INFUSION_DATE + ": the follow-up has no day 0");
    }
    IsletFollowUpSchedule schedule = IsletFollowUpSchedule.of(infusionDate, settings.followUpPlan());
    execution.setVariable(TROUGH_SCHEDULE, jsonList(schedule.troughLevels(), zone));
    execution.setVariable(INSULIN_REVIEW_SCHEDULE, jsonList(schedule.insulinReviews(), zone));
    execution.setVariable(ISLET_IMMUNE_PANEL_SCHEDULE,
        jsonList(IsletFollowUpSchedule.immunePanels(infusionDate, settings.immunePanelMonths()), zone));
    execution.setVariable(BLEEDING_CHECK_SCHEDULE,
        jsonList(IsletFollowUpSchedule.bleedingChecks(infusionDate, settings.bleedingCheckDays()), zone));
    execution.setVariable(BASILIXIMAB_SECOND_DOSE_DUE, date(schedule.basiliximabSecondDose(), zone));
    execution.setVariable(IMMUNOSUPPRESSION_TAPER_DUE, date(schedule.immunosuppressionTaper(), zone));
    execution.setVariable(MMTT_DAY_75_DUE, date(schedule.mmttDay75(), zone));
    execution.setVariable(MMTT_DAY_365_DUE, date(schedule.mmttDay365(), zone));
    LOG.info("Subject {}: follow-up scheduled from infusion date {} ({} trough levels, {} insulin reviews)",
        execution.getBusinessKey(), infusionDate, schedule.troughLevels().size(), schedule.insulinReviews().size());
  }

  private static Date date(LocalDate day, ZoneId zone) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }

  private static Object jsonList(List<LocalDate> days, ZoneId zone) {
    List<String> iso = new ArrayList<>();
    days.forEach(d -> iso.add(d.atStartOfDay(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    return Variables.objectValue(iso).serializationDataFormat(SerializationDataFormats.JSON).create();
  }
}

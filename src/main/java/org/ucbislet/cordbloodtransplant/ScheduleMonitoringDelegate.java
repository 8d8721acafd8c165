package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * Day 0: computes every monitoring date of this transplant from {@code cordBloodInfusionDate}
 * ({@link CordBloodFollowUpSchedule}; each date is the start of that day in the clinical time zone),
 * starts a new engraftment record (no counts, not engrafted), counts the transplant and marks the unit
 * infused. An infusion dated before the unit's thaw is refused (HTTP 400 naming the field).
 */
@Component
public class ScheduleMonitoringDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleMonitoringDelegate.class);

  private final CordBloodTransplantSettings settings;
  private final EngraftmentSettings engraftment;

  public ScheduleMonitoringDelegate(CordBloodTransplantSettings settings, EngraftmentSettings engraftment) {
    this.settings = settings;
    this.engraftment = engraftment;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate day0 = ClinicalDates.toLocalDate(execution.getVariable(CORD_BLOOD_INFUSION_DATE), zone);
    LocalDate thawed = ClinicalDates.toLocalDate(execution.getVariable(THAW_DATE), zone);
    if (day0 == null) {
      throw new IllegalStateException("No " + CORD_BLOOD_INFUSION_DATE + ": the monitoring has no day 0");
    }
    if (thawed != null && day0.isBefore(thawed)) {
      throw new FormValidationException(FORM_CORD_BLOOD_INFUSION, List.of(new FieldViolation(CORD_BLOOD_INFUSION_DATE,
          "Infusion date (day 0)", "must not be before the thaw date " + thawed + ", was " + day0)));
    }
    CordBloodFollowUpSchedule s = CordBloodFollowUpSchedule.of(day0, settings.followUpPlan(), engraftment);
    execution.setVariable(NEUTROPHIL_ALERT_DUE, date(s.neutrophilAlert(), zone));
    // the end of day +42 (the start of the next day): "by day +42" includes the whole day and its counts
    execution.setVariable(PRIMARY_GRAFT_FAILURE_DUE, date(s.primaryGraftFailure().plusDays(1), zone));
    execution.setVariable(CHIMERISM_SCHEDULE, JsonVariables.list(s.chimerismSamples().stream().map(d -> iso(d, zone)).toList()));
    execution.setVariable(GVHD_ASSESSMENT_SCHEDULE,
        JsonVariables.list(s.gvhdAssessments().stream().map(d -> iso(d, zone)).toList()));
    execution.setVariable(IMMUNE_PANEL_SCHEDULE, JsonVariables.list(s.immunePanels().stream().map(v -> {
      Map<String, Object> visit = new LinkedHashMap<>();
      visit.put("month", v.month());
      visit.put("opens", iso(v.opens(), zone));
      visit.put("target", iso(v.target(), zone));
      visit.put("closes", iso(v.closes(), zone));
      return visit;
    }).toList()));
    execution.setVariable(BLOOD_COUNT_SERIES, JsonVariables.spin("[]"));
    execution.setVariable(NEUTROPHIL_ENGRAFTED, false);
    execution.setVariable(PLATELET_ENGRAFTED, false);
    execution.setVariable(NEUTROPHIL_ENGRAFTMENT_DATE, null);
    execution.setVariable(PLATELET_ENGRAFTMENT_DATE, null);
    execution.setVariable(NEUTROPHIL_ENGRAFTMENT_DAY, null);
    execution.setVariable(PLATELET_ENGRAFTMENT_DAY, null);
    execution.setVariable(GRAFT_FAILURE_TYPE, null);
    Object number = execution.getVariable(CORD_BLOOD_TRANSPLANT_NUMBER);
    execution.setVariable(CORD_BLOOD_TRANSPLANT_NUMBER, number instanceof Integer n ? n + 1 : 1);
    Object reserved = execution.getVariable(RESERVED_UNITS);
    if (reserved != null) {
      execution.setVariable(RESERVED_UNITS, JsonVariables.spin(CordBloodUnitReservation.toJson(
          CordBloodUnitReservation.markInfused(CordBloodUnitReservation.fromJson(JsonVariables.text(reserved)),
              Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime())))));
    }
    LOG.info("Subject {}: day 0 on {}, monitoring scheduled (alert {}, primary graft failure {})",
        execution.getBusinessKey(), day0, s.neutrophilAlert(), s.primaryGraftFailure());
  }

  static Date date(LocalDate day, ZoneId zone) {
    return Date.from(day.atStartOfDay(zone).toInstant());
  }

  static String iso(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

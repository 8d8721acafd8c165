package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * The discharge from the laminar-flow unit and the handover to outpatient follow-up (stage 1 (5)). On creation the
 * previous assessment's answers are cleared, so a reassessment is answered anew. On completion: a discharge needs every
 * criterion of {@link CordBloodTransplantVariables#DISCHARGE_CRITERIA_ALL}, a recorded neutrophil engraftment, a
 * discharge date not in the future and a first outpatient visit from the discharge day to {@value #MAX_DAYS_TO_CLINIC}
 * days after it; a deferral needs its reason and a reassessment day after today, within {@value #MAX_DEFERRAL_DAYS}
 * days. Otherwise HTTP 400 naming the field, nothing stored.
 */
@Component
public class CheckDischargeListener implements TaskListener {

  /** First outpatient visit at most this many days after the discharge (centre practice, U). */
  static final int MAX_DAYS_TO_CLINIC = 14;
  /** A longer deferral is no longer a reassessment of the same stay (design choice, U). */
  static final int MAX_DEFERRAL_DAYS = 28;

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      DISCHARGE_ANSWERS.forEach(task.getExecution()::removeVariable);
      return;
    }
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    List<FieldViolation> violations = new ArrayList<>();
    if (Boolean.TRUE.equals(task.getVariable(READY_FOR_DISCHARGE))) {
      Set<String> met = criteriaMet(task.getVariable(DISCHARGE_CRITERIA));
      List<String> missing = DISCHARGE_CRITERIA_ALL.stream().filter(c -> !met.contains(c)).toList();
      if (!missing.isEmpty()) {
        violations.add(new FieldViolation(DISCHARGE_CRITERIA, "Discharge criteria met",
            "must all be met for a discharge; not met: " + String.join(", ", missing)));
      }
      if (!Boolean.TRUE.equals(task.getVariable(NEUTROPHIL_ENGRAFTED))) {
        violations.add(new FieldViolation(DISCHARGE_CRITERIA, "Discharge criteria met",
            "neutrophil engraftment is not recorded in the blood counts"));
      }
      LocalDate discharge = date(task, LAMINAR_FLOW_DISCHARGE_DATE, "Discharge date", zone, violations);
      LocalDate clinic = date(task, OUTPATIENT_FIRST_VISIT_DATE, "First outpatient clinic visit", zone, violations);
      if (discharge != null && discharge.isAfter(today)) {
        violations.add(new FieldViolation(LAMINAR_FLOW_DISCHARGE_DATE, "Discharge date",
            "must not be in the future (today is " + today + "), was " + discharge));
      }
      if (discharge != null && clinic != null
          && (clinic.isBefore(discharge) || clinic.isAfter(discharge.plusDays(MAX_DAYS_TO_CLINIC)))) {
        violations.add(new FieldViolation(OUTPATIENT_FIRST_VISIT_DATE, "First outpatient clinic visit",
            "must be from the discharge date to " + MAX_DAYS_TO_CLINIC + " days after it (" + discharge + " to "
                + discharge.plusDays(MAX_DAYS_TO_CLINIC) + "), was " + clinic));
      }
      if (!(task.getVariable(OUTPATIENT_HANDOVER) instanceof String handover) || handover.isBlank()) {
        violations.add(new FieldViolation(OUTPATIENT_HANDOVER, "Handover to the outpatient clinic",
            "is required for a discharge"));
      }
      throwIfAny(violations);
      return;
    }
    if (!(task.getVariable(DISCHARGE_DEFERRED_REASON) instanceof String reason) || reason.isBlank()) {
      violations.add(new FieldViolation(DISCHARGE_DEFERRED_REASON, "Why not yet", "is required when the child stays"));
    }
    LocalDate reassessment = date(task, DISCHARGE_REASSESSMENT_DATE, "Assess again on", zone, violations);
    if (reassessment != null && !reassessment.isAfter(today)) {
      violations.add(new FieldViolation(DISCHARGE_REASSESSMENT_DATE, "Assess again on",
          "must be after today (" + today + "), was " + reassessment));
    } else if (reassessment != null && reassessment.isAfter(today.plusDays(MAX_DEFERRAL_DAYS))) {
      violations.add(new FieldViolation(DISCHARGE_REASSESSMENT_DATE, "Assess again on",
          "must be within " + MAX_DEFERRAL_DAYS + " days (by " + today.plusDays(MAX_DEFERRAL_DAYS) + "), was " + reassessment));
    }
    throwIfAny(violations);
    task.getExecution().setVariable(DISCHARGE_REASSESSMENT_AT, Date.from(reassessment.atStartOfDay(zone).toInstant()));
  }

  private static LocalDate date(DelegateTask task, String field, String label, ZoneId zone, List<FieldViolation> violations) {
    try {
      LocalDate day = ClinicalDates.toLocalDate(task.getVariable(field), zone);
      if (day == null) {
        violations.add(new FieldViolation(field, label, "is required"));
      }
      return day;
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(field, label, "must be an ISO-8601 date"));
      return null;
    }
  }

  private static void throwIfAny(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw new FormValidationException(FORM_LAMINAR_FLOW_DISCHARGE, violations);
    }
  }

  /**
   * The ticked criteria, as Tasklist sends a checklist (a JSON array, stored as a Spin JSON value) or as a Java list
   * (the engine's API).
   */
  private static Set<String> criteriaMet(Object value) {
    Set<String> met = new java.util.HashSet<>();
    if (value instanceof Collection<?> list) {
      list.forEach(item -> met.add(String.valueOf(item)));
    } else if (value != null) {
      try {
        com.fasterxml.jackson.databind.JsonNode array = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(org.ucbislet.clinical.JsonVariables.text(value));
        if (array != null && array.isArray()) {
          array.forEach(item -> met.add(item.asText()));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // not a JSON array: nothing ticked
      }
    }
    return met;
  }
}

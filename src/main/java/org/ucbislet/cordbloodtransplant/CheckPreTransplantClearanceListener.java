package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * The pre-transplant evaluation's decision. On completion: a child not cleared for conditioning needs the reason and
 * the date of the re-evaluation (after today, within {@value #MAX_POSTPONEMENT_DAYS} days), else HTTP 400 naming the
 * field; the re-evaluation timer's moment is then set to the start of that day. When the task is created again for the
 * re-evaluation, the previous decision is cleared so that it must be answered anew.
 */
@Component
public class CheckPreTransplantClearanceListener implements TaskListener {

  /** A longer postponement is no longer a re-evaluation: the MDT should review the child (design choice). */
  static final int MAX_POSTPONEMENT_DAYS = 180;

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      for (String answer : List.of(CLEARED_FOR_TRANSPLANT, NOT_CLEARED_REASON, PRE_TRANSPLANT_REEVALUATION_DATE,
          PRE_TRANSPLANT_REEVALUATION_AT)) {
        task.getExecution().removeVariable(answer);
      }
      return;
    }
    if (Boolean.TRUE.equals(task.getVariable(CLEARED_FOR_TRANSPLANT))) {
      return;
    }
    List<FieldViolation> violations = new ArrayList<>();
    if (!(task.getVariable(NOT_CLEARED_REASON) instanceof String reason) || reason.isBlank()) {
      violations.add(new FieldViolation(NOT_CLEARED_REASON, "Why not cleared", "is required when the child is not cleared"));
    }
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    LocalDate reevaluation = null;
    try {
      reevaluation = ClinicalDates.toLocalDate(task.getVariable(PRE_TRANSPLANT_REEVALUATION_DATE), zone);
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(PRE_TRANSPLANT_REEVALUATION_DATE, "Re-evaluate on", "must be an ISO-8601 date"));
    }
    if (reevaluation == null && violations.stream().noneMatch(v -> v.field().equals(PRE_TRANSPLANT_REEVALUATION_DATE))) {
      violations.add(new FieldViolation(PRE_TRANSPLANT_REEVALUATION_DATE, "Re-evaluate on",
          "is required when the child is not cleared"));
    } else if (reevaluation != null && !reevaluation.isAfter(today)) {
      violations.add(new FieldViolation(PRE_TRANSPLANT_REEVALUATION_DATE, "Re-evaluate on",
          "must be after today (" + today + "), was " + reevaluation));
    } else if (reevaluation != null && reevaluation.isAfter(today.plusDays(MAX_POSTPONEMENT_DAYS))) {
      violations.add(new FieldViolation(PRE_TRANSPLANT_REEVALUATION_DATE, "Re-evaluate on",
          "must be within " + MAX_POSTPONEMENT_DAYS + " days (by " + today.plusDays(MAX_POSTPONEMENT_DAYS) + "), was " + reevaluation));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(FORM_PRE_TRANSPLANT_EVALUATION, violations);
    }
    task.getExecution().setVariable(PRE_TRANSPLANT_REEVALUATION_AT, Date.from(reevaluation.atStartOfDay(zone).toInstant()));
  }
}

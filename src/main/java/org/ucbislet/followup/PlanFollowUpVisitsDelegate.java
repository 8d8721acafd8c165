package org.ucbislet.followup;

import static org.ucbislet.followup.FollowUpVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Plans every visit of this follow-up from the caller's anchor date and schedule ({@link FollowUpPlanner},
 * {@link FollowUpSettings}) and starts the deviation and growth lists (kept when the caller passes its own).
 * A caller that leaves out a required input gets an incident (the task is asynchronous), never a silent plan.
 */
@Component
public class PlanFollowUpVisitsDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(PlanFollowUpVisitsDelegate.class);

  private final FollowUpSettings settings;

  public PlanFollowUpVisitsDelegate(FollowUpSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    if (!(execution.getVariable(SUBJECT_ID) instanceof String subjectId) || subjectId.isBlank()) {
      throw new IllegalArgumentException("followUp needs " + SUBJECT_ID);
    }
    required(execution, DATE_OF_BIRTH, zone);
    GrowthSex.fromVariable((String) execution.getVariable(SEX));
    LocalDate anchor = required(execution, FOLLOW_UP_ANCHOR_DATE, zone);
    FollowUpScheduleDefinition schedule = settings.schedule((String) execution.getVariable(FOLLOW_UP_SCHEDULE));
    LocalDate end = ClinicalDates.toLocalDate(execution.getVariable(FOLLOW_UP_END_DATE), zone);
    if (end == null) {
      Object years = execution.getVariable(FOLLOW_UP_YEARS);
      end = anchor.plusYears(years instanceof Number n ? n.intValue() : settings.defaultYears());
    }
    LocalDate from = ClinicalDates.toLocalDate(execution.getVariable(FOLLOW_UP_FROM), zone);
    LocalDate visitsAfter = ClinicalDates.toLocalDate(execution.getVariable(FOLLOW_UP_VISITS_AFTER), zone);
    List<PlannedVisit> plan = FollowUpPlanner.plan(schedule, anchor, from, visitsAfter, end, settings.reminderGrace());
    if (execution.getVariable(FOLLOW_UP_IMMUNE_PANELS_BY_CALLER_MONTHS) instanceof Number months && months.intValue() > 0) {
      plan = FollowUpPlanner.withoutImmunePanelsUntil(plan, anchor.plusMonths(months.intValue()));
    }
    List<Map<String, Object>> visits = plan.stream().map(v -> VisitPlanJson.toMap(v, zone)).toList();
    execution.setVariable(FOLLOW_UP_VISITS, FollowUpJson.collection(visits));
    execution.setVariable(FOLLOW_UP_VISIT_COUNT, visits.size());
    execution.setVariable(FOLLOW_UP_PLANNED_UNTIL, end.toString());
    List<Map<String, Object>> deviations = FollowUpJson.records(execution.getVariable(PROTOCOL_DEVIATIONS));
    execution.setVariable(PROTOCOL_DEVIATIONS, FollowUpJson.spin(deviations));
    execution.setVariable(PROTOCOL_DEVIATION_COUNT, deviations.size());
    execution.setVariable(GROWTH_MEASUREMENTS, FollowUpJson.spin(FollowUpJson.records(execution.getVariable(GROWTH_MEASUREMENTS))));
    LOG.info("Subject {}: follow-up {} from {} to {}, {} visits planned", subjectId, schedule.name(), anchor, end, visits.size());
  }

  private static LocalDate required(DelegateExecution execution, String name, ZoneId zone) {
    LocalDate date = ClinicalDates.toLocalDate(execution.getVariable(name), zone);
    if (date == null) {
      throw new IllegalArgumentException("followUp needs " + name + " (ISO date)");
    }
    return date;
  }
}

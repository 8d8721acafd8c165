package org.ucbislet.followup;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.followup.FollowUpVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FormValidationException;

/**
 * Every path through {@code followUp} with the real delegates, settings defaults and form rules. Time is the
 * engine clock: each timer fires by moving {@link ClockUtil} to its due date (and not a second earlier) and
 * executing its job.
 */
@Deployment(resources = {"bpmn/follow-up.bpmn", "forms/follow-up-visit.form", "forms/follow-up-mmtt-visit.form",
    "forms/follow-up-immune-function.form", "forms/overdue-visit.form"})
class FollowUpProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private static final ZoneId ZONE = ClinicalTimeZone.get();
  private static final LocalDate DATE_OF_BIRTH_VALUE = LocalDate.of(2019, 5, 10);
  private static final LocalDate ISLET_INFUSION = LocalDate.of(2027, 3, 1);

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(startOfDay(ISLET_INFUSION));
    Mocks.register("planFollowUpVisitsDelegate", new PlanFollowUpVisitsDelegate(FollowUpSettings.defaults()));
    Mocks.register("computeGrowthZScoresDelegate", new ComputeGrowthZScoresDelegate());
    Mocks.register("recordMissedVisitDelegate", new RecordMissedVisitDelegate());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ one visit

  @Test
  void visitDoneInItsWindowComputesTheGrowthZScoresAndEndsWithoutDeviation() {
    ProcessInstance child = startAndPlan("UCBI-0301", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, "2027-03-10");
    Assertions.assertThat(runtimeService().getVariable(child.getId(), FOLLOW_UP_VISIT_COUNT)).isEqualTo(1);
    assertThat(child).isWaitingAt(TIMER_WINDOW_OPENS);

    Job opens = onlyTimer(child);
    Assertions.assertThat(opens.getDuedate()).as("Day +7 window opens on day 4").isEqualTo(startOfDay(LocalDate.of(2027, 3, 5)));
    fireAtItsDate(opens);
    Task visit = onlyTask(child, TASK_RECORD_GLUCOSE_AND_GROWTH);
    assertThat(visit).hasCandidateGroup("endocrinologist");
    Assertions.assertThat(visit.getDueDate()).as("window closes after day 10").isEqualTo(startOfDay(LocalDate.of(2027, 3, 12)));
    Assertions.assertThat(visit.getFollowUpDate()).as("target day +7").isEqualTo(startOfDay(LocalDate.of(2027, 3, 8)));
    Assertions.assertThat(taskService().getVariable(visit.getId(), VISIT_NAME)).isEqualTo("Day +7");
    Assertions.assertThat(taskService().getVariable(visit.getId(), VISIT_WINDOW)).isEqualTo("2027-03-05 to 2027-03-11");

    complete(visit, glucoseAndGrowth("2027-03-05", 125.0, 25.0));

    GrowthAssessment expected = GrowthZScores.who().assess(GrowthSex.MALE, DATE_OF_BIRTH_VALUE, LocalDate.of(2027, 3, 5),
        125.0, 25.0, MeasurementPosition.STANDING);
    assertThat(child).isEnded().hasPassed(TASK_COMPUTE_GROWTH_Z_SCORES, END_VISIT_RECORDED, END_VISIT_COMPLETED,
        END_FOLLOW_UP_COMPLETED).hasNotPassed(TASK_CHASE_OVERDUE_VISIT, TASK_RECORD_MISSED_VISIT);
    List<Map<String, Object>> growth = FollowUpJson.records(historicVariable(child, GROWTH_MEASUREMENTS));
    Assertions.assertThat(growth).hasSize(1);
    Assertions.assertThat(growth.get(0)).containsEntry("visit", "Day +7").containsEntry(VISIT_DATE, "2027-03-05")
        .containsEntry(HEIGHT_Z, round(expected.heightForAge().value()))
        .containsEntry(WEIGHT_Z, round(expected.weightForAge().value()))
        .containsEntry(BMI_Z, round(expected.bmiForAge().value()))
        .containsEntry(GROWTH_REFERENCE, WhoGrowthReference.WHO_2007);
    Assertions.assertThat(historicVariable(child, PROTOCOL_DEVIATION_COUNT)).isEqualTo(0);
    Assertions.assertThat(historicVariable(child, HEIGHT_Z)).as("kept with the visit in the history")
        .isEqualTo(round(expected.heightForAge().value()));
  }

  @Test
  void overdueVisitGoesToTheTrialCoordinatorAndIsThenDoneInItsWindow() {
    ProcessInstance child = startAndPlan("UCBI-0302", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, "2027-03-10");
    fireAtItsDate(onlyTimer(child));
    Job overdue = timer(child, TIMER_VISIT_OVERDUE);
    Assertions.assertThat(overdue.getDuedate()).as("target day +7 + 2 days grace")
        .isEqualTo(startOfDay(LocalDate.of(2027, 3, 10)));

    fireAtItsDate(overdue);
    assertThat(child).isWaitingAt(TASK_RECORD_GLUCOSE_AND_GROWTH, TASK_CHASE_OVERDUE_VISIT);
    Task chase = onlyTask(child, TASK_CHASE_OVERDUE_VISIT);
    assertThat(chase).hasCandidateGroup("trial-coordinator");
    complete(chase, Map.of(OVERDUE_VISIT_ACTION, "rescheduled", OVERDUE_VISIT_NEW_DATE, "2027-03-11",
        OVERDUE_VISIT_NOTES, "Family reached, visit tomorrow"));
    assertThat(child).hasPassed(END_OVERDUE_VISIT_CHASED).isWaitingAt(TASK_RECORD_GLUCOSE_AND_GROWTH);

    ClockUtil.setCurrentTime(startOfDay(LocalDate.of(2027, 3, 11)));
    complete(onlyTask(child, TASK_RECORD_GLUCOSE_AND_GROWTH), glucoseAndGrowth("2027-03-11", 125.2, 25.1));

    assertThat(child).isEnded().hasPassed(END_VISIT_COMPLETED, END_FOLLOW_UP_COMPLETED).hasNotPassed(END_VISIT_MISSED);
  }

  @Test
  void recordingTheVisitClosesAnOpenReminder() {
    ProcessInstance child = startAndPlan("UCBI-0303", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, "2027-03-10");
    fireAtItsDate(onlyTimer(child));
    fireAtItsDate(timer(child, TIMER_VISIT_OVERDUE));

    complete(onlyTask(child, TASK_RECORD_GLUCOSE_AND_GROWTH), glucoseAndGrowth("2027-03-10", 125.0, 25.0));

    assertThat(child).isEnded().hasPassed(END_VISIT_COMPLETED).hasNotPassed(END_OVERDUE_VISIT_CHASED);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(child.getId()).count()).isZero();
  }

  @Test
  void windowClosingWithoutTheVisitRecordsAProtocolDeviationWithEveryDvField() {
    ProcessInstance child = startAndPlan("UCBI-0304", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, "2027-03-10");
    fireAtItsDate(onlyTimer(child));
    fireAtItsDate(timer(child, TIMER_VISIT_OVERDUE));
    Job closes = timer(child, TIMER_WINDOW_CLOSED);
    Assertions.assertThat(closes.getDuedate()).as("start of the day after the window's last day (day +10)")
        .isEqualTo(startOfDay(LocalDate.of(2027, 3, 12)));

    fireAtItsDate(closes);

    assertThat(child).isEnded().hasPassed(TASK_RECORD_MISSED_VISIT, END_VISIT_MISSED, END_FOLLOW_UP_COMPLETED_WITH_DEVIATIONS)
        .hasNotPassed(END_VISIT_COMPLETED, END_OVERDUE_VISIT_CHASED, TASK_COMPUTE_GROWTH_Z_SCORES);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(child.getId()).count())
        .as("visit and reminder tasks closed").isZero();
    List<Map<String, Object>> deviations = FollowUpJson.records(historicVariable(child, PROTOCOL_DEVIATIONS));
    Assertions.assertThat(deviations).hasSize(1);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("DOMAIN", "DV");
    expected.put("USUBJID", "UCBI-0304");
    expected.put("DVSEQ", 1);
    expected.put("DVTERM", "Visit Day +7 not done within its window 2027-03-05 to 2027-03-11");
    expected.put("DVCAT", "MISSED VISIT");
    expected.put("EPOCH", "FOLLOW-UP");
    expected.put("DVSTDTC", "2027-03-12");
    expected.put("VISIT", "Day +7");
    expected.put("VISITNUM", 1);
    expected.put("followUpSchedule", FollowUpSettings.AFTER_ISLET_INFUSION);
    expected.put("targetDate", "2027-03-08");
    expected.put("windowStart", "2027-03-05");
    expected.put("windowEnd", "2027-03-11");
    expected.put("recordedAt", startOfDay(LocalDate.of(2027, 3, 12)).toInstant().toString());
    Assertions.assertThat(deviations.get(0)).containsExactlyEntriesOf(expected);
    Assertions.assertThat(historicVariable(child, PROTOCOL_DEVIATION_COUNT)).isEqualTo(1);
  }

  @Test
  void visitDateInTheFutureIsRefusedAndNothingIsStored() {
    ProcessInstance child = startAndPlan("UCBI-0305", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, "2027-03-10");
    fireAtItsDate(onlyTimer(child));
    Task visit = onlyTask(child, TASK_RECORD_GLUCOSE_AND_GROWTH);

    Assertions.assertThat(formRejection(() -> complete(visit, glucoseAndGrowth("2027-03-09", 125.0, 25.0))).getViolations())
        .extracting(v -> v.field()).containsExactly(VISIT_DATE);
    Assertions.assertThat(formRejection(() -> complete(visit, glucoseAndGrowth("2027-03-05", -1.0, 25.0))).getViolations())
        .extracting(v -> v.field()).containsExactly(VISIT_HEIGHT_CM);

    assertThat(child).isWaitingAt(TASK_RECORD_GLUCOSE_AND_GROWTH);
    Assertions.assertThat(taskService().getVariable(visit.getId(), VISIT_DATE)).isNull();
  }

  @Test
  void callerWithoutAValidScheduleGetsAnIncidentNotASilentPlan() {
    Map<String, Object> vars = inputs("UCBI-0306", "weekly", ISLET_INFUSION, null);
    ProcessInstance child = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "UCBI-0306", vars);
    Job plan = managementService().createJobQuery().processInstanceId(child.getId()).singleResult();

    Assertions.assertThatThrownBy(() -> execute(plan)).hasMessageContaining("followUpSchedule must be");
    assertThat(child).isWaitingAt(TASK_PLAN_VISITS);
  }

  @Test
  void lateStartWithFollowUpFromPlansOnlyTheVisitsStillOpen() {
    // as ucbIsletProtocol calls it after isletTransplant: day 0 a year ago, followUpFrom = today (a Date, as now() gives)
    LocalDate today = ISLET_INFUSION.plusDays(366);
    ClockUtil.setCurrentTime(startOfDay(today));
    Map<String, Object> vars = inputs("UCBI-0309", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, null);
    vars.put(FOLLOW_UP_FROM, startOfDay(today));
    ProcessInstance child = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "UCBI-0309", vars);
    execute(managementService().createJobQuery().processInstanceId(child.getId()).singleResult());

    // day +365 MMTT (window to day +379) and years 2-5; nothing earlier is planned, so nothing is missed at once
    Assertions.assertThat(runtimeService().getVariable(child.getId(), FOLLOW_UP_VISIT_COUNT)).isEqualTo(5);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId()).executable().count())
        .as("the open MMTT window").isEqualTo(1);
    Assertions.assertThat(runtimeService().getVariable(child.getId(), PROTOCOL_DEVIATION_COUNT)).isEqualTo(0);
  }

  // ------------------------------------------------------------------ whole schedules

  @Test
  void afterCordBloodInfusionEveryVisitOpensAtItsDateAndIsRecordedByItsGroup() {
    LocalDate day0 = LocalDate.of(2027, 1, 4);
    ClockUtil.setCurrentTime(startOfDay(day0));
    ProcessInstance child = startAndPlan("UCBI-0307", FollowUpSettings.AFTER_CORD_BLOOD_INFUSION, day0, null);
    Assertions.assertThat(runtimeService().getVariable(child.getId(), FOLLOW_UP_VISIT_COUNT)).isEqualTo(21);
    Assertions.assertThat(runtimeService().getVariable(child.getId(), FOLLOW_UP_PLANNED_UNTIL)).isEqualTo("2032-01-04");
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId()).timers().count())
        .as("one window-opens timer per visit").isEqualTo(21);

    List<String> opened = new ArrayList<>();
    Job next;
    while ((next = earliestTimer(child)) != null) {
      Map<?, ?> visit = visitOf(next);
      Assertions.assertThat(next.getDuedate()).as("%s opens at the start of its window's first day", visit.get("visit"))
          .isEqualTo(startOfDay(LocalDate.parse((String) visit.get(VisitPlanJson.WINDOW_START))));
      fireAtItsDate(next);
      opened.add(visit.get("visit") + " " + today());
      for (Task t : taskService().createTaskQuery().processInstanceId(child.getId()).list()) {
        recordVisit(t);
      }
    }

    Assertions.assertThat(opened).containsExactly("Day +7 2027-01-08", "Day +14 2027-01-15", "Day +21 2027-01-22",
        "Day +28 2027-01-29", "Day +42 2027-02-08", "Day +60 2027-02-26", "Month 3 immune panel 2027-03-21",
        "Day +100 2027-03-31", "Month 6 2027-06-06", "Month 6 immune panel 2027-06-06", "Month 12 2027-12-07",
        "Month 12 immune panel 2027-12-07", "Month 18 2028-06-06", "Year 2 immune panel 2028-07-04", "Month 24 2028-12-07",
        "Year 3 immune panel 2029-07-04", "Year 3 2029-12-04", "Year 4 immune panel 2030-07-04", "Year 4 2030-12-04",
        "Year 5 immune panel 2031-07-04", "Year 5 2031-12-04");
    assertThat(child).isEnded().hasPassed(END_FOLLOW_UP_COMPLETED).hasNotPassed(TASK_RECORD_MMTT_VISIT, END_VISIT_MISSED);
    Assertions.assertThat(historicCount(child, TASK_RECORD_GLUCOSE_AND_GROWTH)).isEqualTo(14);
    Assertions.assertThat(historicCount(child, TASK_RECORD_IMMUNE_FUNCTION)).isEqualTo(7);
    Assertions.assertThat(historicCount(child, END_VISIT_COMPLETED)).isEqualTo(21);
    Assertions.assertThat(FollowUpJson.records(historicVariable(child, GROWTH_MEASUREMENTS))).hasSize(14);
  }

  @Test
  void afterIsletInfusionEveryTimerFiresAtItsDateReminderAndMissedWindowIncluded() {
    ProcessInstance child = startAndPlan("UCBI-0308", FollowUpSettings.AFTER_ISLET_INFUSION, ISLET_INFUSION, null);
    Assertions.assertThat(runtimeService().getVariable(child.getId(), FOLLOW_UP_VISIT_COUNT)).isEqualTo(10);

    // every visit: window opens, reminder at target + 2 days (the coordinator arranges it), then the visit is recorded;
    // the last visit (year 5) is never recorded, so its window closes and a deviation is recorded
    List<String> fired = new ArrayList<>();
    Job next;
    while ((next = earliestTimer(child)) != null) {
      Map<?, ?> visit = visitOf(next);
      String timer = activityOf(next);
      String expectedKey = switch (timer) {
        case TIMER_WINDOW_OPENS -> VisitPlanJson.OPENS_AT;
        case TIMER_VISIT_OVERDUE -> VisitPlanJson.REMIND_AT;
        default -> VisitPlanJson.CLOSES_AT;
      };
      Assertions.assertThat(next.getDuedate()).as("%s %s", visit.get("visit"), timer)
          .isEqualTo(Date.from(java.time.OffsetDateTime.parse((String) visit.get(expectedKey)).toInstant()));
      fireAtItsDate(next);
      fired.add(visit.get("visit") + " " + timer + " " + today());
      boolean last = "Year 5".equals(visit.get("visit"));
      for (Task t : taskService().createTaskQuery().processInstanceId(child.getId()).list()) {
        if (TASK_CHASE_OVERDUE_VISIT.equals(t.getTaskDefinitionKey())) {
          complete(t, Map.of(OVERDUE_VISIT_ACTION, last ? "notReachable" : "rescheduled", OVERDUE_VISIT_NOTES, "Called the family"));
          if (!last) {
            taskService().createTaskQuery().processInstanceId(child.getId()).list().stream()
                .filter(v -> !TASK_CHASE_OVERDUE_VISIT.equals(v.getTaskDefinitionKey()))
                .filter(v -> visitOf(v.getExecutionId()).get("visit").equals(visit.get("visit")))
                .forEach(this::recordVisit);
          }
        }
      }
    }

    Assertions.assertThat(fired).containsExactly(
        "Day +7 Timer_VisitWindowOpens 2027-03-05", "Day +7 Timer_VisitOverdue 2027-03-10",
        "Day +14 Timer_VisitWindowOpens 2027-03-12", "Day +14 Timer_VisitOverdue 2027-03-17",
        "Day +28 Timer_VisitWindowOpens 2027-03-26", "Day +28 Timer_VisitOverdue 2027-03-31",
        "Day +75 MMTT Timer_VisitWindowOpens 2027-05-10", "Day +75 MMTT Timer_VisitOverdue 2027-05-17",
        "Month 6 Timer_VisitWindowOpens 2027-08-04", "Month 6 Timer_VisitOverdue 2027-09-03",
        "Day +365 MMTT Timer_VisitWindowOpens 2028-02-15", "Day +365 MMTT Timer_VisitOverdue 2028-03-02",
        "Year 2 Timer_VisitWindowOpens 2029-02-01", "Year 2 Timer_VisitOverdue 2029-03-03",
        "Year 3 Timer_VisitWindowOpens 2030-02-01", "Year 3 Timer_VisitOverdue 2030-03-03",
        "Year 4 Timer_VisitWindowOpens 2031-02-01", "Year 4 Timer_VisitOverdue 2031-03-03",
        "Year 5 Timer_VisitWindowOpens 2032-02-01", "Year 5 Timer_VisitOverdue 2032-03-03",
        "Year 5 Timer_VisitWindowClosed 2032-04-02");
    assertThat(child).isEnded().hasPassed(END_FOLLOW_UP_COMPLETED_WITH_DEVIATIONS);
    Assertions.assertThat(historicCount(child, TASK_RECORD_MMTT_VISIT)).isEqualTo(2);
    Assertions.assertThat(historicCount(child, TASK_RECORD_GLUCOSE_AND_GROWTH)).isEqualTo(8);
    Assertions.assertThat(historicCount(child, TASK_CHASE_OVERDUE_VISIT)).isEqualTo(10);
    Assertions.assertThat(historicCount(child, END_VISIT_COMPLETED)).isEqualTo(9);
    Assertions.assertThat(historicCount(child, END_VISIT_MISSED)).isEqualTo(1);
    List<Map<String, Object>> deviations = FollowUpJson.records(historicVariable(child, PROTOCOL_DEVIATIONS));
    Assertions.assertThat(deviations).singleElement().satisfies(d -> Assertions.assertThat(d)
        .containsEntry("VISIT", "Year 5").containsEntry("VISITNUM", 10).containsEntry("EPOCH", "LONG-TERM FOLLOW-UP")
        .containsEntry("DVSTDTC", "2032-04-02"));
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstance startAndPlan(String subjectId, String schedule, LocalDate anchor, String endDate) {
    ProcessInstance child = runtimeService().startProcessInstanceByKey(PROCESS_KEY, subjectId,
        inputs(subjectId, schedule, anchor, endDate));
    assertThat(child).isWaitingAt(TASK_PLAN_VISITS);
    execute(managementService().createJobQuery().processInstanceId(child.getId()).singleResult());
    return child;
  }

  private static Map<String, Object> inputs(String subjectId, String schedule, LocalDate anchor, String endDate) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(SUBJECT_ID, subjectId);
    vars.put(DATE_OF_BIRTH, DATE_OF_BIRTH_VALUE.toString());
    vars.put(SEX, "male");
    vars.put(FOLLOW_UP_ANCHOR_DATE, anchor.toString());
    vars.put(FOLLOW_UP_SCHEDULE, schedule);
    if (endDate != null) {
      vars.put(FOLLOW_UP_END_DATE, endDate);
    }
    return vars;
  }

  private static Map<String, Object> glucoseAndGrowth(String visitDate, double heightCm, double weightKg) {
    Map<String, Object> v = new HashMap<>();
    v.put(VISIT_DATE, visitDate);
    v.put(HBA1C_PERCENT, 6.1);
    v.put(C_PEPTIDE_NG_PER_ML, 1.2);
    v.put(INSULIN_UNITS_PER_KG_DAY, 0.2);
    v.put(SEVERE_HYPOGLYCEMIA_EVENTS, 0);
    v.put(VISIT_HEIGHT_CM, heightCm);
    v.put(HEIGHT_MEASUREMENT, "standing");
    v.put(VISIT_WEIGHT_KG, weightKg);
    return v;
  }

  /** Completes a visit task with plausible values dated today. */
  private void recordVisit(Task t) {
    String today = today().toString();
    switch (t.getTaskDefinitionKey()) {
      case TASK_RECORD_GLUCOSE_AND_GROWTH -> complete(t, glucoseAndGrowth(today, 130.0, 27.0));
      case TASK_RECORD_MMTT_VISIT -> {
        Map<String, Object> v = glucoseAndGrowth(today, 130.0, 27.0);
        v.put(MMTT_C_PEPTIDE_90_NG_PER_ML, 1.4);
        complete(t, v);
      }
      case TASK_RECORD_IMMUNE_FUNCTION -> complete(t, Map.of(VISIT_DATE, today, CD3_CELLS_PER_UL, 1500, CD4_CELLS_PER_UL, 800,
          IMMUNOGLOBULIN_SUBSTITUTION, false));
      default -> { }
    }
  }

  private static Date startOfDay(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  private static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toLocalDate();
  }

  /** Moves the clock to the job's due date, checks it was not executable a second earlier, and fires it. */
  private static void fireAtItsDate(Job job) {
    ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() - 1000));
    Assertions.assertThat(managementService().createJobQuery().jobId(job.getId()).executable().count())
        .as("not due before its date").isZero();
    ClockUtil.setCurrentTime(job.getDuedate());
    execute(managementService().createJobQuery().jobId(job.getId()).singleResult());
  }

  private static Job onlyTimer(ProcessInstance child) {
    return managementService().createJobQuery().processInstanceId(child.getId()).timers().singleResult();
  }

  private static Job timer(ProcessInstance child, String activityId) {
    return managementService().createJobQuery().processInstanceId(child.getId()).activityId(activityId).singleResult();
  }

  private static Job earliestTimer(ProcessInstance child) {
    return managementService().createJobQuery().processInstanceId(child.getId()).timers().list().stream()
        .min(Comparator.comparing(Job::getDuedate).thenComparing(j -> activityOf(j))
        .thenComparing(j -> ((Number) visitOf(j).get(VisitPlanJson.VISIT_NUMBER)).intValue())).orElse(null);
  }

  private static String activityOf(Job job) {
    return managementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  private static Map<?, ?> visitOf(Job job) {
    return visitOf(job.getExecutionId());
  }

  private static Map<?, ?> visitOf(String executionId) {
    return (Map<?, ?>) runtimeService().getVariable(executionId, FOLLOW_UP_VISIT);
  }

  private static Task onlyTask(ProcessInstance child, String key) {
    return taskService().createTaskQuery().processInstanceId(child.getId()).taskDefinitionKey(key).singleResult();
  }

  private static Object historicVariable(ProcessInstance child, String name) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(child.getId()).variableName(name)
        .disableCustomObjectDeserialization().list().stream().map(v -> v.getValue()).findFirst().orElse(null);
  }

  private static long historicCount(ProcessInstance child, String activityId) {
    return historyService().createHistoricActivityInstanceQuery().processInstanceId(child.getId()).activityId(activityId)
        .finished().count();
  }

  /** The form rejection somewhere in the cause chain of what the call threw. */
  private static FormValidationException formRejection(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof FormValidationException rejection) {
        return rejection;
      }
    }
    throw new AssertionError("Expected a form rejection, got " + thrown, thrown);
  }

  private static Double round(Double z) {
    return z == null ? null : Math.round(z * 100) / 100.0;
  }
}

package org.ucbislet.safety;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpVariables;

/**
 * Every path through {@code adverseEvent} with the real decision table and form rules, started by message
 * AdverseEventReported. The reporting clocks are fired by moving {@link ClockUtil} to their deadline (and not a
 * second earlier) and executing their job.
 */
@Deployment(resources = {"bpmn/adverse-event.bpmn", "bpmn/adverse-event-seriousness.dmn", "forms/adverse-event-report.form",
    "forms/sae-initial-report.form", "forms/sae-initial-report-overdue.form", "forms/sae-review.form",
    "forms/expedited-safety-report.form", "forms/complete-safety-report.form", "forms/critical-care-transfer.form",
    "forms/adverse-event-outcome.form"})
class AdverseEventProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private static final ZoneId ZONE = ClinicalTimeZone.get();
  private static final Instant REPORTED = Instant.parse("2027-05-03T08:30:00Z");
  /** The investigator's first awareness, six hours before the report was entered: day 0 of every reporting clock. */
  private static final Instant AWARE = REPORTED.minus(Duration.ofHours(6));
  /** As Tasklist's date-and-time field sends it (utc_offset). */
  private static final String AWARE_TEXT = AWARE.atOffset(ZoneOffset.ofHours(8)).toString();

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(REPORTED));
    Mocks.register("registerAdverseEventReportListener", new RegisterAdverseEventReportListener());
    Mocks.register("startReportingClocksDelegate", new StartReportingClocksDelegate());
    Mocks.register("recordLateSafetyReportDelegate", new RecordLateSafetyReportDelegate());
    Mocks.register("startExpeditedReportClockDelegate", new StartExpeditedReportClockDelegate());
    Mocks.register("endProtocolAsDeathDelegate", new EndProtocolAsDeathDelegate());
    Mocks.register("adverseEventSettings", AdverseEventSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ paths

  @Test
  void nonSeriousEventHasNoReportingClockAndIsFollowedUntilRecovered() {
    ProcessInstance ae = report("UCBI-0401", event(2, false, false, false, false));

    assertThat(ae).hasPassed(TASK_ASSESS_SERIOUSNESS).isWaitingAt(TASK_RECORD_OUTCOME)
        .hasBusinessKey("UCBI-0401").variables().containsEntry(SERIOUS, false).containsEntry(INITIAL_REPORT_DEADLINE, "")
        .containsEntry(EXPEDITED_REPORT_DAYS, 0).containsEntry(REPORTED_AT, Date.from(REPORTED))
        .containsEntry(AWARE_AT, Date.from(AWARE))
        .containsEntry(CTCAE_TERM, "Graft versus host disease").containsEntry(CTCAE_SYSTEM_ORGAN_CLASS, "Immune system disorders")
        .containsEntry(CRITICAL_CARE_TRANSFER_INDICATED, false);
    Task outcome = onlyTask(ae, TASK_RECORD_OUTCOME);
    assertThat(outcome).hasCandidateGroup("transplant-physician");
    assertThat(outcome).hasCandidateGroup("endocrinologist");
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(ae.getId()).count()).isZero();

    complete(outcome, outcome(OUTCOME_RECOVERING));
    Job review = timer(ae, TIMER_NEXT_OUTCOME_REVIEW);
    Assertions.assertThat(review.getDuedate()).isEqualTo(Date.from(REPORTED.plus(Duration.ofDays(7))));
    fireAtItsDate(review);
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));

    assertThat(ae).isEnded().hasPassed(END_RECOVERED).hasNotPassed(TASK_SUBMIT_INITIAL_SAE_REPORT, TASK_TRANSFER_PATIENT,
        TASK_REVIEW_SERIOUS_ADVERSE_EVENT);
    Assertions.assertThat(historicCount(ae, TASK_RECORD_OUTCOME)).isEqualTo(2);
  }

  @Test
  void seriousEventReportedWithin24HoursGoesToTheTrialManagersReview() {
    ProcessInstance ae = report("UCBI-0402", event(3, false, true, false, true)); // hospitalised, expected, related

    assertThat(ae).variables().containsEntry(SERIOUS, true).containsEntry(INITIAL_REPORT_DEADLINE, "PT24H")
        .containsEntry(EXPEDITED_REPORT_DAYS, 0);
    assertThat(ae).isWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT, TASK_RECORD_OUTCOME);
    Task initial = onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT);
    assertThat(initial).hasCandidateGroup("transplant-physician");
    Date due = Date.from(AWARE.plus(Duration.ofHours(24)));
    Assertions.assertThat(initial.getDueDate()).as("24 h from first awareness, not from data entry").isEqualTo(due);
    Assertions.assertThat(timer(ae, TIMER_INITIAL_REPORT_DUE).getDuedate()).isEqualTo(due);

    ClockUtil.setCurrentTime(Date.from(AWARE.plus(Duration.ofHours(23))));
    complete(initial, initialReport());
    Assertions.assertThat(timer(ae, TIMER_INITIAL_REPORT_DUE)).as("the clock stops with the report").isNull();
    Task review = onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT);
    assertThat(review).hasCandidateGroup("trial-manager");
    complete(review, Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "Expected GVHD, hospitalised; no expedited report"));
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));

    assertThat(ae).isEnded().hasPassed(END_RECOVERED).hasNotPassed(TASK_SUBMIT_EXPEDITED_REPORT, TASK_ESCALATE_LATE_INITIAL_REPORT,
        TASK_TRANSFER_PATIENT);
    Assertions.assertThat(historicVariable(ae, INITIAL_REPORT_LATE)).isEqualTo(false);
    Assertions.assertThat(historicVariable(ae, FollowUpVariables.PROTOCOL_DEVIATION_COUNT)).isEqualTo(0);
  }

  @Test
  void missed24HourClockEscalatesToTheTrialManagerAndRecordsADeviation() {
    ProcessInstance ae = report("UCBI-0403", event(3, false, true, false, true));

    fireAtItsDate(timer(ae, TIMER_INITIAL_REPORT_DUE));

    assertThat(ae).hasPassed(TASK_RECORD_LATE_INITIAL_REPORT)
        .isWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT, TASK_ESCALATE_LATE_INITIAL_REPORT, TASK_RECORD_OUTCOME);
    assertThat(onlyTask(ae, TASK_ESCALATE_LATE_INITIAL_REPORT)).hasCandidateGroup("trial-manager");
    assertThat(ae).variables().containsEntry(INITIAL_REPORT_LATE, true).containsEntry(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 1);
    Map<String, Object> deviation = FollowUpJson.records(runtimeService().getVariable(ae.getId(),
        FollowUpVariables.PROTOCOL_DEVIATIONS)).get(0);
    Assertions.assertThat(deviation).containsEntry("DOMAIN", "DV").containsEntry("USUBJID", "UCBI-0403").containsEntry("DVSEQ", 1)
        .containsEntry("DVCAT", "SAFETY REPORTING").containsEntry("DVSTDTC", LocalDate.ofInstant(AWARE.plus(Duration.ofHours(24)), ZONE).toString())
        .containsEntry("EPOCH", null).containsEntry("VISIT", null).containsEntry("VISITNUM", null)
        .containsEntry("adverseEvent", "gvhd").containsEntry("dueAt", AWARE.plus(Duration.ofHours(24)).toString());
    Assertions.assertThat((String) deviation.get("DVTERM")).startsWith("Initial SAE report (PT24H) not submitted by its deadline");

    complete(onlyTask(ae, TASK_ESCALATE_LATE_INITIAL_REPORT), Map.of(LATE_INITIAL_REPORT_ACTION, "Called the investigator"));
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "Late, reviewed"));
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));
    assertThat(ae).isEnded().hasPassed(END_LATE_INITIAL_REPORT_ESCALATED, END_RECOVERED);
  }

  @Test
  void lifeThreateningUnexpectedRelatedEventRuns7DayClockAndOpensTheTransfer() {
    ProcessInstance ae = report("UCBI-0404", event(4, true, false, true, true));

    assertThat(ae).variables().containsEntry(EXPEDITED_REPORT_DAYS, 7).containsEntry(CRITICAL_CARE_TRANSFER_INDICATED, true);
    assertThat(ae).isWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT, TASK_TRANSFER_PATIENT);
    assertThat(onlyTask(ae, TASK_TRANSFER_PATIENT)).hasCandidateGroup("transplant-physician");
    complete(onlyTask(ae, TASK_TRANSFER_PATIENT), Map.of(TRANSFER_DESTINATION, "criticalCare", TRANSFER_DATE, "2027-05-03",
        TRANSFER_RATIONALE, "Septic shock, ventilated"));
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "SUSAR"));

    Task expedited = onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT);
    assertThat(expedited).hasCandidateGroup("trial-manager");
    Date due = Date.from(AWARE.atZone(ZONE).plusDays(7).toInstant());
    Assertions.assertThat(expedited.getDueDate()).isEqualTo(due);
    Job clock = timer(ae, TIMER_EXPEDITED_REPORT_DUE);
    Assertions.assertThat(clock.getDuedate()).isEqualTo(due);
    fireAtItsDate(clock);
    assertThat(ae).hasPassed(TASK_RECORD_LATE_EXPEDITED_REPORT).isWaitingAt(TASK_SUBMIT_EXPEDITED_REPORT)
        .variables().containsEntry(EXPEDITED_REPORT_LATE, true);
    Assertions.assertThat((String) FollowUpJson.records(runtimeService().getVariable(ae.getId(),
        FollowUpVariables.PROTOCOL_DEVIATIONS)).get(0).get("DVTERM")).startsWith("Expedited safety report (7 days) not submitted");

    complete(expedited, expeditedReport());
    Task complete = onlyTask(ae, TASK_SUBMIT_COMPLETE_REPORT);
    assertThat(complete).hasCandidateGroup("trial-manager");
    Date completeDue = Date.from(AWARE.atZone(ZONE).plusDays(15).toInstant());
    Assertions.assertThat(complete.getDueDate()).as("7-day report sent on day 7: due on day 15")
        .isEqualTo(completeDue);
    complete(complete, completeReport());
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED_WITH_SEQUELAE));
    assertThat(ae).isEnded().hasPassed(TASK_TRANSFER_PATIENT, END_LATE_EXPEDITED_REPORT_RECORDED, TASK_SUBMIT_COMPLETE_REPORT,
        END_RECOVERED_WITH_SEQUELAE).hasNotPassed(TASK_RECORD_LATE_COMPLETE_REPORT);
  }

  @Test
  void otherSeriousUnexpectedRelatedEventRuns15DayClockMetInTime() {
    ProcessInstance ae = report("UCBI-0405", event(3, false, true, true, true)); // hospitalised, unexpected, related

    assertThat(ae).variables().containsEntry(EXPEDITED_REPORT_DAYS, 15).containsEntry(CRITICAL_CARE_TRANSFER_INDICATED, false);
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "SUSAR"));
    Date due = Date.from(AWARE.atZone(ZONE).plusDays(15).toInstant());
    Assertions.assertThat(timer(ae, TIMER_EXPEDITED_REPORT_DUE).getDuedate()).isEqualTo(due);
    Assertions.assertThat(onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT).getDueDate()).isEqualTo(due);

    ClockUtil.setCurrentTime(Date.from(AWARE.plus(Duration.ofDays(14))));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(ae.getId()).executable().count()).isZero();
    complete(onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT), expeditedReport());
    Assertions.assertThat(timer(ae, TIMER_EXPEDITED_REPORT_DUE)).isNull();
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));

    assertThat(ae).isEnded().hasPassed(END_RECOVERED).hasNotPassed(TASK_RECORD_LATE_EXPEDITED_REPORT, TASK_TRANSFER_PATIENT,
        TASK_SUBMIT_COMPLETE_REPORT);
    Assertions.assertThat(historicVariable(ae, EXPEDITED_REPORT_LATE)).isEqualTo(false);
  }

  @Test
  void grade4EventWithoutASeriousnessCriterionNeedsTheReportersConfirmationThenIsTransferredButNotReportedAsSerious() {
    Assertions.assertThat(fields(() -> report("UCBI-0406", event(4, false, false, true, true))))
        .containsExactly(GRADE4_NOT_SERIOUS_CONFIRMED);
    Map<String, Object> confirmed = event(4, false, false, true, true);
    confirmed.put(GRADE4_NOT_SERIOUS_CONFIRMED, true);
    ProcessInstance ae = report("UCBI-0406", confirmed);

    assertThat(ae).variables().containsEntry(SERIOUS, false).containsEntry(CRITICAL_CARE_TRANSFER_INDICATED, true);
    assertThat(ae).isWaitingAt(TASK_TRANSFER_PATIENT).isNotWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT);
    complete(onlyTask(ae, TASK_TRANSFER_PATIENT), Map.of(TRANSFER_DESTINATION, "laminarFlowWard", TRANSFER_DATE, "2027-05-03",
        TRANSFER_RATIONALE, "Neutropenic fever: protective isolation"));
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));
    assertThat(ae).isEnded().hasPassed(END_RECOVERED);
  }

  @Test
  void deathIsReportedAndEndsFatalWithoutOutcomeFollowUpOrTransfer() {
    ProcessInstance ae = report("UCBI-0407", event(5, false, false, false, false));

    assertThat(ae).variables().containsEntry(SERIOUS, true).containsEntry(EXPEDITED_REPORT_DAYS, 0)
        .containsEntry(AE_OUTCOME, OUTCOME_FATAL).containsEntry(CRITICAL_CARE_TRANSFER_INDICATED, false);
    assertThat(ae).isWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT, TASK_END_PROTOCOL_AS_DEATH)
        .isNotWaitingAt(TASK_RECORD_OUTCOME, TASK_TRANSFER_PATIENT);
    execute(managementService().createJobQuery().processInstanceId(ae.getId()).activityId(TASK_END_PROTOCOL_AS_DEATH).singleResult());
    assertThat(ae).variables().as("no protocol runs for this child").containsEntry(PROTOCOL_ENDED_AS_DEATH, false);
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "Death"));

    assertThat(ae).isEnded().hasPassed(END_FATAL).hasNotPassed(TASK_RECORD_OUTCOME, TASK_TRANSFER_PATIENT);
  }

  @ParameterizedTest(name = "outcome {0} ends at {1}")
  @CsvSource({"recovered, End_Recovered", "recoveredWithSequelae, End_RecoveredWithSequelae", "fatal, End_Fatal",
      "unknown, End_OutcomeUnknown"})
  void eventIsFollowedToItsOutcomeNotRecoveredIsReviewedAgain(String finalOutcome, String end) {
    ProcessInstance ae = report("UCBI-0408", event(1, false, false, false, false));
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_NOT_RECOVERED));
    fireAtItsDate(timer(ae, TIMER_NEXT_OUTCOME_REVIEW));
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERING));
    Job second = timer(ae, TIMER_NEXT_OUTCOME_REVIEW);
    Assertions.assertThat(second.getDuedate()).isEqualTo(Date.from(REPORTED.plus(Duration.ofDays(14))));
    fireAtItsDate(second);
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(finalOutcome));
    Job death = managementService().createJobQuery().processInstanceId(ae.getId()).activityId(TASK_END_PROTOCOL_AS_DEATH).singleResult();
    Assertions.assertThat(death != null).as("only a fatal outcome ends the child's protocol").isEqualTo(OUTCOME_FATAL.equals(finalOutcome));
    if (death != null) {
      execute(death);
    }

    assertThat(ae).isEnded().hasPassed(end);
    Assertions.assertThat(historicCount(ae, TASK_RECORD_OUTCOME)).isEqualTo(3);
  }

  @Test
  void reportFromTasklistsStartFormIsTheSameMessageStart() {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .singleResult().getId();
    Assertions.assertThat(engine.getFormService().getStartFormData(definition).getCamundaFormRef().getKey())
        .isEqualTo(FORM_REPORT);
    ProcessInstance ae = engine.getFormService().submitStartForm(definition, event("UCBI-0409", 2, false, false, false, false));
    assertThat(ae).hasBusinessKey("UCBI-0409").isWaitingAt(TASK_RECORD_OUTCOME);
  }

  @Test
  void badReportsAreRefusedAndNothingIsStarted() {
    Map<String, Object> noGrade = event(3, false, true, false, false);
    noGrade.remove(CTCAE_GRADE);
    Assertions.assertThat(fields(() -> report("UCBI-0410", noGrade))).containsExactly(CTCAE_GRADE);
    Map<String, Object> grade6 = event(3, false, true, false, false);
    grade6.put(CTCAE_GRADE, 6);
    Assertions.assertThat(fields(() -> report("UCBI-0410", grade6))).containsExactly(CTCAE_GRADE);
    Map<String, Object> unanswered = event(3, false, true, false, false);
    unanswered.remove(HOSPITALIZATION);
    unanswered.put(AE_TERM, "not-a-protocol-term");
    Assertions.assertThat(fields(() -> report("UCBI-0410", unanswered))).containsExactly(AE_TERM, HOSPITALIZATION);
    Map<String, Object> other = event(2, false, false, false, false);
    other.put(AE_TERM, TERM_OTHER);
    Assertions.assertThat(fields(() -> report("UCBI-0410", other))).containsExactly(AE_TERM_OTHER, UNEXPECTED);
    Map<String, Object> future = event(2, false, false, false, false);
    future.put(AE_ONSET_DATE, "2027-05-04");
    Assertions.assertThat(fields(() -> report("UCBI-0410", future))).as("onset tomorrow; awareness is then before onset too")
        .containsExactly(AE_ONSET_DATE, AE_AWARENESS_DATE);
    Assertions.assertThat(fields(() -> report("UCBI-0999", event(2, false, false, false, false)))).containsExactly("businessKey");

    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();
  }

  // ------------------------------------------------------------------ clocks from first awareness (ICH E2A)

  @Test
  void reportEnteredMoreThan24HoursAfterAwarenessIsAlreadyLateAndRecordsADeviationAtOnce() {
    Map<String, Object> late = event(3, false, true, false, true);
    late.put(AE_AWARENESS_DATE, REPORTED.minus(Duration.ofHours(30)).atOffset(ZoneOffset.UTC).toString());
    ProcessInstance ae = report("UCBI-0411", late);

    Job clock = timer(ae, TIMER_INITIAL_REPORT_DUE);
    Assertions.assertThat(clock.getDuedate()).isEqualTo(Date.from(REPORTED.minus(Duration.ofHours(6))));
    Assertions.assertThat(managementService().createJobQuery().jobId(clock.getId()).executable().count())
        .as("due already when entered").isOne();
    execute(clock);
    assertThat(ae).hasPassed(TASK_RECORD_LATE_INITIAL_REPORT).isWaitingAt(TASK_SUBMIT_INITIAL_SAE_REPORT,
        TASK_ESCALATE_LATE_INITIAL_REPORT).variables().containsEntry(INITIAL_REPORT_LATE, true);
  }

  @Test
  void sponsorsReviewMakingTheEventUnexpectedAndRelatedStartsThe15DayClockFromAwareness() {
    ProcessInstance ae = report("UCBI-0412", event(3, false, true, false, false)); // hospitalised, expected, unrelated
    assertThat(ae).variables().containsEntry(EXPEDITED_REPORT_DAYS, 0);
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    ClockUtil.setCurrentTime(Date.from(AWARE.plus(Duration.ofDays(3))));
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), review(true, true));

    assertThat(ae).hasPassed(TASK_REASSESS_EXPEDITED_REPORTING, TASK_START_EXPEDITED_REPORT_CLOCK)
        .isWaitingAt(TASK_SUBMIT_EXPEDITED_REPORT).variables().containsEntry(EXPEDITED_REPORT_DAYS, 15)
        .containsEntry(UNEXPECTED, true).containsEntry(RELATED_TO_INTERVENTION, true);
    Date due = Date.from(AWARE.atZone(ZONE).plusDays(15).toInstant());
    Assertions.assertThat(onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT).getDueDate()).isEqualTo(due);
    Assertions.assertThat(timer(ae, TIMER_EXPEDITED_REPORT_DUE).getDuedate()).as("day 0 stays the first awareness").isEqualTo(due);
    complete(onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT), expeditedReport());
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));
    assertThat(ae).isEnded().hasPassed(END_RECOVERED).hasNotPassed(TASK_SUBMIT_COMPLETE_REPORT);
  }

  @Test
  void sponsorsReviewFindingTheEventExpectedEndsTheExpeditedReporting() {
    ProcessInstance ae = report("UCBI-0413", event(3, false, true, true, true));
    assertThat(ae).variables().containsEntry(EXPEDITED_REPORT_DAYS, 15);
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), review(false, true));

    assertThat(ae).variables().containsEntry(EXPEDITED_REPORT_DAYS, 0).containsEntry(EXPEDITED_REPORT_DUE_AT, null);
    assertThat(ae).isWaitingAt(TASK_RECORD_OUTCOME).isNotWaitingAt(TASK_SUBMIT_EXPEDITED_REPORT);
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));
    assertThat(ae).isEnded().hasNotPassed(TASK_SUBMIT_EXPEDITED_REPORT);
  }

  @Test
  void sevenDayReportSentEarlyIsFollowedByTheCompleteReport8DaysLaterOnItsOwnClock() {
    ProcessInstance ae = report("UCBI-0414", event(4, true, false, true, true));
    complete(onlyTask(ae, TASK_TRANSFER_PATIENT), Map.of(TRANSFER_DESTINATION, "criticalCare", TRANSFER_DATE, "2027-05-03",
        TRANSFER_RATIONALE, "Ventilated"));
    complete(onlyTask(ae, TASK_SUBMIT_INITIAL_SAE_REPORT), initialReport());
    complete(onlyTask(ae, TASK_REVIEW_SERIOUS_ADVERSE_EVENT), review(true, true));
    Instant sent = AWARE.plus(Duration.ofDays(2));
    ClockUtil.setCurrentTime(Date.from(sent));
    complete(onlyTask(ae, TASK_SUBMIT_EXPEDITED_REPORT), expeditedReport());

    Date due = Date.from(sent.atZone(ZONE).plusDays(8).toInstant());
    assertThat(ae).hasPassed(TASK_START_COMPLETE_REPORT_CLOCK).isWaitingAt(TASK_SUBMIT_COMPLETE_REPORT)
        .variables().containsEntry(COMPLETE_REPORT_DUE_AT, due);
    Assertions.assertThat(onlyTask(ae, TASK_SUBMIT_COMPLETE_REPORT).getDueDate()).isEqualTo(due);
    fireAtItsDate(timer(ae, TIMER_COMPLETE_REPORT_DUE));
    assertThat(ae).hasPassed(TASK_RECORD_LATE_COMPLETE_REPORT, END_LATE_COMPLETE_REPORT_RECORDED)
        .isWaitingAt(TASK_SUBMIT_COMPLETE_REPORT).variables().containsEntry(COMPLETE_REPORT_LATE, true)
        .containsEntry(EXPEDITED_REPORT_LATE, false);
    Assertions.assertThat((String) FollowUpJson.records(runtimeService().getVariable(ae.getId(),
        FollowUpVariables.PROTOCOL_DEVIATIONS)).get(0).get("DVTERM")).startsWith("Complete report after the 7-day SUSAR report");

    complete(onlyTask(ae, TASK_SUBMIT_COMPLETE_REPORT), completeReport());
    complete(onlyTask(ae, TASK_RECORD_OUTCOME), outcome(OUTCOME_RECOVERED));
    assertThat(ae).isEnded().hasPassed(END_RECOVERED);
  }

  @Test
  void firstAwarenessIsRequiredNotInTheFutureAndNotBeforeTheOnset() {
    Map<String, Object> missing = event(2, false, false, false, false);
    missing.remove(AE_AWARENESS_DATE);
    Assertions.assertThat(fields(() -> report("UCBI-0415", missing))).containsExactly(AE_AWARENESS_DATE);
    Map<String, Object> future = event(2, false, false, false, false);
    future.put(AE_AWARENESS_DATE, REPORTED.plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC).toString());
    Assertions.assertThat(fields(() -> report("UCBI-0415", future))).containsExactly(AE_AWARENESS_DATE);
    Map<String, Object> beforeOnset = event(2, false, false, false, false);
    beforeOnset.put(AE_AWARENESS_DATE, "2027-05-01T23:00");
    Assertions.assertThat(fields(() -> report("UCBI-0415", beforeOnset))).containsExactly(AE_AWARENESS_DATE);
    Map<String, Object> notADate = event(2, false, false, false, false);
    notADate.put(AE_AWARENESS_DATE, "yesterday");
    Assertions.assertThat(fields(() -> report("UCBI-0415", notADate))).containsExactly(AE_AWARENESS_DATE);
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();

    Map<String, Object> sameDayAsOnset = event(2, false, false, false, false);
    sameDayAsOnset.put(AE_AWARENESS_DATE, "2027-05-02T00:00");
    assertThat(report("UCBI-0415", sameDayAsOnset)).isWaitingAt(TASK_RECORD_OUTCOME);
  }

  // ------------------------------------------------------------------ helpers

  /** Correlates AdverseEventReported with business key {@code businessKey} and the report's values. */
  private static ProcessInstance report(String businessKey, Map<String, Object> values) {
    Map<String, Object> withSubject = new HashMap<>(values);
    withSubject.putIfAbsent(SUBJECT_ID, "UCBI-0999".equals(businessKey) ? "UCBI-0410" : businessKey);
    return runtimeService().createMessageCorrelation(MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey(businessKey)
        .setVariables(withSubject).correlateStartMessage();
  }

  /** A GVHD report with grade, life-threatening, hospitalisation, unexpected, related; no other criterion. */
  private static Map<String, Object> event(int grade, boolean lifeThreatening, boolean hospitalization, boolean unexpected,
                                           boolean related) {
    return event(null, grade, lifeThreatening, hospitalization, unexpected, related);
  }

  private static Map<String, Object> event(String subjectId, int grade, boolean lifeThreatening, boolean hospitalization,
                                           boolean unexpected, boolean related) {
    Map<String, Object> v = new HashMap<>();
    if (subjectId != null) {
      v.put(SUBJECT_ID, subjectId);
    }
    v.put(AE_TERM, "gvhd");
    v.put(AE_ONSET_DATE, "2027-05-02");
    v.put(AE_AWARENESS_DATE, AWARE_TEXT);
    v.put(CTCAE_GRADE, grade);
    v.put(LIFE_THREATENING, lifeThreatening);
    v.put(HOSPITALIZATION, hospitalization);
    v.put(PERSISTENT_DISABILITY, false);
    v.put(CONGENITAL_ANOMALY, false);
    v.put(IMPORTANT_MEDICAL_EVENT, false);
    v.put(UNEXPECTED, unexpected);
    v.put(RELATED_TO_INTERVENTION, related);
    v.put(AE_DESCRIPTION, "Skin rash and diarrhoea from day +20, treated with steroids");
    return v;
  }

  private static Map<String, Object> initialReport() {
    return Map.of(SAE_INITIAL_REPORT_DATE, clockDay(), SAE_REPORT_REFERENCE, "SAE-2027-014", SAE_REPORTED_TO_SPONSOR, true,
        SAE_REPORTED_TO_ETHICS_COMMITTEE, true);
  }

  private static Map<String, Object> expeditedReport() {
    return Map.of(EXPEDITED_REPORT_DATE, clockDay(), EXPEDITED_REPORT_REFERENCE, "CDE-2027-0042", EXPEDITED_REPORT_SUBMITTED, true);
  }

  private static Map<String, Object> completeReport() {
    return Map.of(COMPLETE_REPORT_DATE, clockDay(), COMPLETE_REPORT_REFERENCE, "CDE-2027-0042-FU1", COMPLETE_REPORT_SUBMITTED, true);
  }

  /** The sponsor's review with its own assessment of expectedness and relatedness. */
  private static Map<String, Object> review(boolean unexpected, boolean related) {
    return Map.of(SAE_REVIEW_DATE, clockDay(), SAE_REVIEW_NOTES, "Sponsor's assessment", UNEXPECTED, unexpected,
        RELATED_TO_INTERVENTION, related);
  }

  private static Map<String, Object> outcome(String outcome) {
    return Map.of(AE_OUTCOME, outcome, AE_OUTCOME_DATE, clockDay());
  }

  private static void fireAtItsDate(Job job) {
    ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() - 1000));
    Assertions.assertThat(managementService().createJobQuery().jobId(job.getId()).executable().count())
        .as("not due before its date").isZero();
    ClockUtil.setCurrentTime(job.getDuedate());
    execute(managementService().createJobQuery().jobId(job.getId()).singleResult());
  }

  private static Job timer(ProcessInstance ae, String activityId) {
    return managementService().createJobQuery().processInstanceId(ae.getId()).activityId(activityId).singleResult();
  }

  private static Task onlyTask(ProcessInstance ae, String key) {
    return taskService().createTaskQuery().processInstanceId(ae.getId()).taskDefinitionKey(key).singleResult();
  }

  private static Object historicVariable(ProcessInstance ae, String name) {
    return historyService().createHistoricVariableInstanceQuery().processInstanceId(ae.getId()).variableName(name)
        .disableCustomObjectDeserialization().singleResult().getValue();
  }

  private static long historicCount(ProcessInstance ae, String activityId) {
    return historyService().createHistoricActivityInstanceQuery().processInstanceId(ae.getId()).activityId(activityId)
        .finished().count();
  }

  /** The fields a rejected report names. */
  private static List<String> fields(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof FormValidationException rejection) {
        return rejection.getViolations().stream().map(FieldViolation::field).toList();
      }
    }
    throw new AssertionError("Expected a form rejection, got " + thrown, thrown);
  }

  /** The engine clock's day: the trial manager reviews on the day, not in the future (ClinicalDateRules). */
  private static String clockDay() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE).toString();
  }

}

package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;
import static org.ucbislet.cordbloodtransplant.SearchCordBloodBankDouble.*;
import static org.ucbislet.support.ProcessClock.dueDates;
import static org.ucbislet.support.ProcessClock.dueTimers;
import static org.ucbislet.support.ProcessClock.fire;
import static org.ucbislet.support.ProcessClock.nextTimer;
import static org.ucbislet.support.ProcessClock.timer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
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
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.DosingWeightSettings;
import org.ucbislet.cordblood.UnitAcceptanceDecision;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * Every path through {@code cordBloodTransplant} (stage 1) with the real decision tables, the real form
 * rules and the real delegates; only the bank search is a test double of its contract. Time is the
 * engine clock: timers fire by moving {@link ClockUtil} to their due date and executing their job.
 */
@Deployment(resources = {"bpmn/dosing-weighing.bpmn", "forms/weigh-child.form", "bpmn/cord-blood-unit-acceptance.dmn", "bpmn/cord-blood-transplant.bpmn", "bpmn/chimerism-result.bpmn", "forms/chimerism-result.form", "bpmn/acute-gvhd-grade.dmn", "bpmn/chronic-gvhd-severity.dmn",
    "bpmn/cord-blood-post-thaw-release.dmn", "bpmn/chimerism-classification.dmn",
    "forms/hla-typing.form", "forms/no-suitable-unit-decision.form", "forms/cord-blood-unit-selection.form",
    "forms/pre-transplant-evaluation.form", "forms/laminar-flow-admission.form", "forms/conditioning-chemotherapy.form",
    "forms/complication-prophylaxis.form", "forms/thaw-cord-blood-unit.form", "forms/post-thaw-failure-review.form",
    "forms/cord-blood-infusion.form", "forms/blood-counts.form", "forms/delayed-engraftment-review.form",
    "forms/chimerism-sample-dispatch.form", "forms/chimerism-result-overdue.form", "forms/acute-gvhd-staging.form",
    "forms/acute-gvhd-treatment.form", "forms/immune-reconstitution-visit.form", "forms/immune-stability-review.form",
    "forms/primary-graft-failure-review.form", "forms/secondary-graft-failure-review.form", "forms/graft-failure-decision.form",
    "forms/not-cleared-decision.form", "forms/laminar-flow-discharge.form", "forms/chronic-gvhd-treatment.form", "bpmn/adverse-event-review.bpmn", "forms/adverse-event-review.form"})
class CordBloodTransplantProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  static final CordBloodTransplantSettings SETTINGS = CordBloodTransplantSettings.defaults();
  static final EngraftmentSettings ENGRAFTMENT = EngraftmentSettings.defaults();
  static final Instant START = Instant.parse("2027-01-04T08:00:00Z");
  static final ZoneId ZONE = ClinicalTimeZone.get();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String END_IMMUNE_PANEL_RECORDED_FOR_TEST = "End_ImmunePanelRecorded";
  static final String END_CHRONIC_GVHD_TREATED_FOR_TEST = "End_ChronicGvhdTreated";

  private SearchCordBloodBankDouble bank;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(START));
    bank = new SearchCordBloodBankDouble();
    Mocks.register("searchCordBloodBankDelegate", bank);
    Mocks.register("cordBloodTransplantSettings", SETTINGS);
    Mocks.register("engraftmentSettings", ENGRAFTMENT);
    Mocks.register("recordUnitReservationListener", new RecordUnitReservationListener(SETTINGS));
    Mocks.register("checkNoSuitableUnitDecisionListener", new CheckNoSuitableUnitDecisionListener());
    Mocks.register("checkPreTransplantClearanceListener", new CheckPreTransplantClearanceListener());
    Mocks.register("checkDischargeListener", new CheckDischargeListener());
    Mocks.register("deliverChimerismResultDelegate", new DeliverChimerismResultDelegate());
    Mocks.register("checkBackupUnitLeftListener", new CheckBackupUnitLeftListener());
    Mocks.register("checkGraftFailureDecisionListener", new CheckGraftFailureDecisionListener());
    Mocks.register("checkGraftFailureConfirmationListener", new CheckGraftFailureConfirmationListener());
    Mocks.register("clearFailedTransplantListener", new ClearFailedTransplantListener());
    Mocks.register("computeCellDoseDelegate", new ComputeCellDoseDelegate());
    Mocks.register("checkDosingWeightDelegate", new CheckDosingWeightDelegate(DosingWeightSettings.defaults()));
    Mocks.register("switchToBackupUnitDelegate", new SwitchToBackupUnitDelegate());
    Mocks.register("reassessBackupUnitsDelegate",
        new ReassessBackupUnitsDelegate(new UnitAcceptanceDecision(engine.getProcessEngine())));
    Mocks.register("scheduleMonitoringDelegate", new ScheduleMonitoringDelegate(SETTINGS, ENGRAFTMENT));
    Mocks.register("reportInfusionToProtocolDelegate", new ReportInfusionToProtocolDelegate());
    Mocks.register("assessEngraftmentDelegate", new AssessEngraftmentDelegate(ENGRAFTMENT));
    Mocks.register("recordStage1OutcomeListener", new RecordStage1OutcomeListener());
    Mocks.register("adverseEventReviews", new org.ucbislet.safety.AdverseEventReviews());
    Mocks.register("scheduleNextImmunePanelDelegate", new ScheduleNextImmunePanelDelegate(SETTINGS));
  }

  @AfterEach
  void tearDown() {
    engine.getIdentityService().clearAuthentication();
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ paths

  @Test
  void childEngraftedOnTimeIsFollowedUntilTheMdtConfirmsStableImmuneFunction() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0401");
    assertThat(task(TASK_RECORD_HLA_TYPING, child)).hasCandidateGroup("hla-lab");
    typeHla(child);
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK);
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);
    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS);
    assertThat(task(TASK_SELECT_CORD_BLOOD_UNITS, child)).hasCandidateGroup("transplant-physician");
    // the search's proposal is preselected in the form
    Assertions.assertThat(taskService().getVariable(task(TASK_SELECT_CORD_BLOOD_UNITS, child).getId(), PRIMARY_CORD_BLOOD_UNIT))
        .isEqualTo("SHCBB/SH-000123");
    reserve(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", "SHCBB/SH-020202");

    JsonNode reserved = json(child, RESERVED_UNITS);
    Assertions.assertThat(reserved).hasSize(3);
    Assertions.assertThat(reserved.get(0).path("role").asText()).isEqualTo("primary");
    Assertions.assertThat(reserved.get(0).path("reservedBy").asText()).isEqualTo("transplant-physician");
    Assertions.assertThat(reserved.get(0).path("reservedAt").asText()).isEqualTo(START.toString());
    Assertions.assertThat(reserved.get(2).path("status").asText()).isEqualTo("reserved");
    assertThat(child).variables().containsEntry(SELECTED_CORD_BLOOD_UNIT, "SHCBB/SH-000123")
        .containsEntry(BACKUP_UNITS_REMAINING, 2);

    prepareForTransplant(child);
    assertThat(task(TASK_THAW_UNIT, child)).hasCandidateGroup("stem-cell-lab");
    thaw(child, 92.0, 85.0);
    assertThat(child).isWaitingAt(TASK_INFUSE_CORD_BLOOD).hasNotPassed(TASK_REVIEW_POST_THAW_FAILURE);
    assertThat(child).variables().containsEntry(POST_THAW_RELEASED, true);
    // 9.25 x 10^8 TNC and 5.55 x 10^6 CD34 for 18.5 kg
    Assertions.assertThat((Double) runtimeService().getVariable(child.getId(), POST_THAW_TNC_PER_KG_E7)).isCloseTo(5.0, Assertions.within(1e-9));
    Assertions.assertThat((Double) runtimeService().getVariable(child.getId(), POST_THAW_CD34_PER_KG_E5)).isCloseTo(3.0, Assertions.within(1e-9));
    LocalDate day0 = infuse(child);

    // absolute timers from day 0
    Assertions.assertThat(timer(child, TIMER_NEUTROPHIL_ALERT).getDuedate()).isEqualTo(startOf(day0.plusDays(28)));
    Assertions.assertThat(timer(child, TIMER_PRIMARY_GRAFT_FAILURE).getDuedate())
        .as("the end of day +42, not its start").isEqualTo(startOf(day0.plusDays(43)));
    Assertions.assertThat(dueDates(child, TIMER_GVHD_ASSESSMENT_DUE)).containsExactly(
        startOf(day0.plusDays(7)), startOf(day0.plusDays(14)), startOf(day0.plusDays(21)), startOf(day0.plusDays(28)),
        startOf(day0.plusDays(42)), startOf(day0.plusDays(60)), startOf(day0.plusDays(100)));
    Assertions.assertThat(dueDates(child, TIMER_CHIMERISM_SAMPLE_DUE)).containsExactly(startOf(day0.plusDays(30)));
    Assertions.assertThat(dueDates(child, TIMER_IMMUNE_PANEL_DUE)).containsExactly(
        startOf(day0.plusMonths(3).minusWeeks(2)), startOf(day0.plusMonths(6).minusWeeks(4)),
        startOf(day0.plusMonths(12).minusWeeks(4)));

    assertThat(task(TASK_RECORD_BLOOD_COUNTS, child)).hasCandidateGroup("transplant-physician");
    engraftNeutrophils(child, day0, 14);
    assertThat(child).variables().containsEntry(NEUTROPHIL_ENGRAFTED, true)
        .containsEntry(NEUTROPHIL_ENGRAFTMENT_DATE, day0.plusDays(14).toString()).containsEntry(NEUTROPHIL_ENGRAFTMENT_DAY, 14);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId())
        .activityId(TIMER_PRIMARY_GRAFT_FAILURE).count()).as("day +42 timer gone with the recovery").isZero();
    engraftPlatelets(child, day0, 24);
    assertThat(child).variables().containsEntry(PLATELET_ENGRAFTED, true).containsEntry(PLATELET_ENGRAFTMENT_DAY, 24);

    followUpToTheMdt(child, 98.0, 0);
    assertThat(task(TASK_CONFIRM_IMMUNE_STABILITY, child)).hasCandidateGroup("mdt");
    confirmImmuneStability(child, true);

    assertThat(child).isEnded().hasPassed(END_STABLE_IMMUNE_FUNCTION).hasNotPassed(TASK_TREAT_ACUTE_GVHD,
        TASK_REVIEW_DELAYED_ENGRAFTMENT, TASK_CHASE_CHIMERISM_RESULT);
    Assertions.assertThat(historic(child, STAGE1_OUTCOME)).isEqualTo(OUTCOME_STABLE_IMMUNE_FUNCTION);
    Assertions.assertThat(historic(child, CORD_BLOOD_INFUSION_DATE)).isEqualTo(day0.toString());
    Assertions.assertThat(historic(child, STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE)).isEqualTo(today());
    Assertions.assertThat(historicCount(child, TASK_STAGE_ACUTE_GVHD)).isEqualTo(7);
    // chimerism goes on after day +100 (days +182 and +365) up to the MDT's review of immune stability
    Assertions.assertThat(historicCount(child, TASK_DISPATCH_CHIMERISM_SAMPLE)).isEqualTo(5);
    Assertions.assertThat(historicCount(child, TASK_RECORD_IMMUNE_PANEL)).isEqualTo(3);
    Assertions.assertThat(historicCount(child, TASK_CLASSIFY_CHIMERISM)).isEqualTo(5);
    Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(child.getId())
        .activityId(TIMER_CHIMERISM_SAMPLE_DUE).orderByHistoricActivityInstanceEndTime().desc().list().get(0).getEndTime())
        .as("the last sample on day +365").isEqualTo(startOf(day0.plusDays(365)));
    // left the laminar-flow unit after neutrophil engraftment, handed over to the outpatient clinic
    Assertions.assertThat(historic(child, LAMINAR_FLOW_DISCHARGE_DATE)).isNotNull();
    assertThat(child).hasPassed(TASK_ASSESS_DISCHARGE, END_HANDED_OVER_TO_OUTPATIENT_CLINIC)
        .hasNotPassed(TASK_TREAT_CHRONIC_GVHD);
  }

  @Test
  void alertAtDay28WithoutNeutrophilRecoveryThenEngraftment() {
    ProcessInstance child = infusedChild("UCBI-0402", ACCEPTABLE);
    LocalDate day0 = day0(child);
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(10), 0.1, 12, true));

    fire(timer(child, TIMER_NEUTROPHIL_ALERT));
    assertThat(child).isWaitingAt(TASK_REVIEW_DELAYED_ENGRAFTMENT, TASK_RECORD_BLOOD_COUNTS);
    assertThat(task(TASK_REVIEW_DELAYED_ENGRAFTMENT, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_REVIEW_DELAYED_ENGRAFTMENT, child), Map.of(DELAYED_ENGRAFTMENT_REVIEW_DATE, today(),
        DELAYED_ENGRAFTMENT_ASSESSMENT, "CMV PCR negative, marrow hypocellular; continue G-CSF", GCSF_STARTED, true,
        BACKUP_BANK_ALERTED, true));

    engraftNeutrophils(child, day0, 29);
    assertThat(child).variables().containsEntry(NEUTROPHIL_ENGRAFTMENT_DAY, 29);
    assertThat(child).isWaitingAt(TASK_RECORD_PLATELET_COUNTS).hasPassed(TASK_REVIEW_DELAYED_ENGRAFTMENT)
        .hasNotPassed(END_PRIMARY_GRAFT_FAILURE, TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId())
        .activityId(TIMER_PRIMARY_GRAFT_FAILURE).count()).isZero();
  }

  @Test
  void primaryGraftFailureAtDay42LeadsToASecondTransplantWithTheBackupUnitThatEngrafts() {
    ProcessInstance child = infusedChild("UCBI-0403", ACCEPTABLE);
    LocalDate firstDay0 = day0(child);
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(firstDay0.plusDays(10), 0.1, 12, true));
    fire(timer(child, TIMER_NEUTROPHIL_ALERT));
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(firstDay0.plusDays(30), 0.2, 15, true));

    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    assertThat(child).isWaitingAt(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, TASK_RECORD_BLOOD_COUNTS)
        .hasNotPassed(END_PRIMARY_GRAFT_FAILURE, TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    assertThat(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    weighForTheMdtIfAsked(child);
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE).hasNotPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    Assertions.assertThat(adverseEventReviews("UCBI-0403")).as("graft failure raises an adverse event review (issue 18 item 6)")
        .singleElement().satisfies(t -> Assertions.assertThat(taskService().getVariables(t.getId()))
            .containsEntry("aeTerm", "graft-loss"));
    assertThat(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child)).hasCandidateGroup("mdt");
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT));

    assertThat(child).hasPassedInOrder(END_PRIMARY_GRAFT_FAILURE, BOUNDARY_GRAFT_FAILURE, TASK_DECIDE_AFTER_GRAFT_FAILURE,
        TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(child.getId()).count())
        .as("every monitoring task ended with the graft").isEqualTo(1);
    assertThat(child).variables().containsEntry(GRAFT_FAILURE_TYPE, GRAFT_FAILURE_PRIMARY)
        .containsEntry(SELECTED_CORD_BLOOD_UNIT, "BJCBB/BJ-004711").containsEntry(BACKUP_UNITS_REMAINING, 1)
        .doesNotContainKey(CORD_BLOOD_INFUSION_DATE).doesNotContainKey(CLEARED_FOR_TRANSPLANT);
    JsonNode reserved = json(child, RESERVED_UNITS);
    Assertions.assertThat(reserved.get(0).path("status").asText()).isEqualTo("graft-failure");
    Assertions.assertThat(reserved.get(0).path("statusReason").asText()).isEqualTo("primary graft failure");
    Assertions.assertThat(reserved.get(1).path("status").asText()).isEqualTo("selected");

    prepareForTransplant(child);
    thaw(child, 88.0, 79.0);
    later(1);
    LocalDate secondDay0 = infuse(child);
    assertThat(child).variables().containsEntry(CORD_BLOOD_TRANSPLANT_NUMBER, 2).containsEntry(NEUTROPHIL_ENGRAFTED, false);
    Assertions.assertThat(timer(child, TIMER_PRIMARY_GRAFT_FAILURE).getDuedate()).isEqualTo(startOf(secondDay0.plusDays(43)));
    engraftNeutrophils(child, secondDay0, 20);
    engraftPlatelets(child, secondDay0, 30);
    followUpToTheMdt(child, 97.0, 0);
    confirmImmuneStability(child, true);

    assertThat(child).isEnded().hasPassed(END_STABLE_IMMUNE_FUNCTION);
    Assertions.assertThat(historic(child, CORD_BLOOD_INFUSION_DATE)).isEqualTo(secondDay0.toString());
    Assertions.assertThat(historicCount(child, TASK_INFUSE_CORD_BLOOD)).isEqualTo(2);
  }

  @Test
  void primaryGraftFailureWithoutABackupUnitEndsStage1OnlyWhenTheMdtDecidesSo() {
    ProcessInstance child = infusedChild("UCBI-0404", SINGLE_ACCEPTABLE);
    assertThat(child).variables().containsEntry(BACKUP_UNITS_REMAINING, 0);

    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    weighForTheMdtIfAsked(child);
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    FormValidationException noBackup = formRejection(() -> complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child),
        graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT)));
    Assertions.assertThat(noBackup.getViolations()).extracting(v -> v.field()).containsExactly(GRAFT_FAILURE_DECISION);
    FormValidationException noReason = formRejection(() -> complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child),
        Map.of(GRAFT_FAILURE_DECISION, GRAFT_FAILURE_END, GRAFT_FAILURE_DECISION_DATE, today())));
    Assertions.assertThat(noReason.getViolations()).extracting(v -> v.field()).containsExactly(GRAFT_FAILURE_DECISION_REASON);
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_END));

    assertThat(child).isEnded().hasPassed(END_GRAFT_FAILURE).hasNotPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    Assertions.assertThat(historic(child, STAGE1_OUTCOME)).isEqualTo(OUTCOME_GRAFT_FAILURE);
    Assertions.assertThat(historic(child, GRAFT_FAILURE_TYPE)).isEqualTo(GRAFT_FAILURE_PRIMARY);
    Assertions.assertThat(historic(child, CORD_BLOOD_INFUSION_DATE)).isNull();
    Assertions.assertThat(historic(child, STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE)).isNull();
  }

  @Test
  void mdtSearchesAgainAfterTheIntervalAndTheSecondSearchFindsAUnit() {
    bank.answering(NONE_ACCEPTABLE).answering(ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0405");
    assertThat(child).isWaitingAt(TASK_DECIDE_NO_SUITABLE_UNIT);
    assertThat(task(TASK_DECIDE_NO_SUITABLE_UNIT, child)).hasCandidateGroup("mdt");

    complete(task(TASK_DECIDE_NO_SUITABLE_UNIT, child), mdtDecision(DECISION_SEARCH_AGAIN));
    assertThat(child).isWaitingAt(TIMER_RESEARCH_INTERVAL);
    Job wait = timer(child, TIMER_RESEARCH_INTERVAL);
    Assertions.assertThat(wait.getDuedate()).isEqualTo(Date.from(START.plus(java.time.Duration.ofDays(30))));
    fire(wait);
    // 30 days after the enrolment weight: the child is weighed before the search again
    weigh(child, TASK_WEIGH_BEFORE_SEARCH, 19.0, today());
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);

    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS);
    Assertions.assertThat(bank.calls).isEqualTo(2);
    reserve(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", "SHCBB/SH-020202");
    assertThat(child).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION).variables()
        .containsEntry(CORD_BLOOD_OUTSIDE_CRITERIA_ACCEPTED, false);
  }

  @Test
  void mdtAcceptsAUnitOutsideTheCriteriaWithAWrittenJustification() {
    bank.answering(NONE_ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0406");
    FormValidationException noReason = formRejection(() -> complete(task(TASK_DECIDE_NO_SUITABLE_UNIT, child),
        Map.of(NO_SUITABLE_UNIT_DECISION, DECISION_ACCEPT_OUTSIDE_CRITERIA, NO_SUITABLE_UNIT_DECISION_DATE, today())));
    Assertions.assertThat(noReason.getMessage()).contains(NO_SUITABLE_UNIT_RATIONALE);

    complete(task(TASK_DECIDE_NO_SUITABLE_UNIT, child), mdtDecision(DECISION_ACCEPT_OUTSIDE_CRITERIA));
    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS);
    reserve(child, "GZCBB/GZ-000042", "BJCBB/BJ-000900", "SHCBB/SH-000777");

    assertThat(child).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION).variables()
        .containsEntry(CORD_BLOOD_OUTSIDE_CRITERIA_ACCEPTED, true).containsEntry(SELECTED_CORD_BLOOD_UNIT, "GZCBB/GZ-000042");
    Assertions.assertThat(json(child, RESERVED_UNITS).get(0).path("unitAcceptable").asBoolean()).isFalse();
  }

  @Test
  void mdtEndsStage1WhenNoSuitableUnitIsFound() {
    bank.answering(NONE_ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0407");

    complete(task(TASK_DECIDE_NO_SUITABLE_UNIT, child), mdtDecision(DECISION_END));

    assertThat(child).isEnded().hasPassed(END_NO_SUITABLE_UNIT).hasNotPassed(TASK_SELECT_CORD_BLOOD_UNITS);
    Assertions.assertThat(historic(child, STAGE1_OUTCOME)).isEqualTo(OUTCOME_NO_SUITABLE_UNIT);
    Assertions.assertThat(historic(child, CORD_BLOOD_INFUSION_DATE)).isNull();
  }

  @Test
  void childNotClearedBeforeTransplantIsReEvaluatedOnTheDayGivenAndThenGoesOn() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0421");
    reserve(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", "SHCBB/SH-020202");
    Map<String, Object> evaluation = new HashMap<>(Map.of(PRE_TRANSPLANT_EVALUATION_DATE, today(),
        DosingWeight.WEIGHT_KG, 18.5, DosingWeight.WEIGHT_DATE, today(),
        INFECTION_SCREEN_NEGATIVE, false, ORGAN_FUNCTION_SUMMARY, "Adenovirus in stool; organ function normal",
        CENTRAL_VENOUS_CATHETER_DATE, today(), CENTRAL_VENOUS_CATHETER_TYPE, "tunnelled-cvc", CLEARED_FOR_TRANSPLANT, false));

    // not cleared: the reason and a day after today are required (HTTP 400 naming them), nothing moves
    FormValidationException refused = formRejection(() -> complete(task(TASK_PRE_TRANSPLANT_EVALUATION, child), evaluation));
    Assertions.assertThat(refused.getViolations()).extracting(v -> v.field())
        .containsExactly(NOT_CLEARED_REASON, PRE_TRANSPLANT_REEVALUATION_DATE);
    evaluation.put(NOT_CLEARED_REASON, "Active adenovirus infection: treat first");
    evaluation.put(PRE_TRANSPLANT_REEVALUATION_DATE, today());
    Assertions.assertThat(formRejection(() -> complete(task(TASK_PRE_TRANSPLANT_EVALUATION, child), evaluation))
        .getMessage()).contains("must be after today");
    assertThat(child).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);

    String reevaluation = LocalDate.parse(today()).plusDays(14).toString();
    evaluation.put(PRE_TRANSPLANT_REEVALUATION_DATE, reevaluation);
    complete(task(TASK_PRE_TRANSPLANT_EVALUATION, child), evaluation);
    // not cleared: the MDT decides, here to re-evaluate on the physician's day
    assertThat(child).isWaitingAt(TASK_DECIDE_NOT_CLEARED);
    assertThat(task(TASK_DECIDE_NOT_CLEARED, child)).hasCandidateGroup("mdt");
    complete(task(TASK_DECIDE_NOT_CLEARED, child), notClearedDecision(NOT_CLEARED_REEVALUATE));

    assertThat(child).hasPassed(GATEWAY_CLEARED_FOR_TRANSPLANT).isWaitingAt(TIMER_PRE_TRANSPLANT_REEVALUATION)
        .hasNotPassed(TASK_ADMIT_LAMINAR_FLOW);
    Assertions.assertThat(timer(child, TIMER_PRE_TRANSPLANT_REEVALUATION).getDuedate()).isEqualTo(startOf(LocalDate.parse(reevaluation)));
    fire(timer(child, TIMER_PRE_TRANSPLANT_REEVALUATION));
    assertThat(child).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);
    Assertions.assertThat(taskService().getVariable(task(TASK_PRE_TRANSPLANT_EVALUATION, child).getId(), CLEARED_FOR_TRANSPLANT))
        .as("the first evaluation's decision does not answer the second").isNull();
    Assertions.assertThat(json(child, RESERVED_UNITS)).as("the units stay reserved").hasSize(3);

    prepareForTransplant(child); // cleared this time
    assertThat(child).hasPassed(TASK_ADMIT_LAMINAR_FLOW);
    Assertions.assertThat(historicCount(child, TASK_PRE_TRANSPLANT_EVALUATION)).isEqualTo(2);
  }

  @Test
  void mdtDecidesNotToTransplantAChildNotClearedAndStage1EndsWithThatOutcome() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0471");
    reserve(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", "SHCBB/SH-020202");
    complete(task(TASK_PRE_TRANSPLANT_EVALUATION, child), Map.of(PRE_TRANSPLANT_EVALUATION_DATE, today(),
        DosingWeight.WEIGHT_KG, 18.5, DosingWeight.WEIGHT_DATE, today(), INFECTION_SCREEN_NEGATIVE, false,
        ORGAN_FUNCTION_SUMMARY, "Invasive aspergillosis; organ function otherwise normal", CENTRAL_VENOUS_CATHETER_DATE, today(),
        CENTRAL_VENOUS_CATHETER_TYPE, "tunnelled-cvc", CLEARED_FOR_TRANSPLANT, false,
        NOT_CLEARED_REASON, "Invasive fungal infection", PRE_TRANSPLANT_REEVALUATION_DATE,
        LocalDate.parse(today()).plusDays(30).toString()));
    assertThat(child).isWaitingAt(TASK_DECIDE_NOT_CLEARED);

    // a decision without its reason is refused, the task stays open
    Map<String, Object> withoutReason = new HashMap<>(notClearedDecision(NOT_CLEARED_NO_TRANSPLANT));
    withoutReason.remove(NOT_CLEARED_DECISION_REASON);
    Assertions.assertThat(formRejection(() -> complete(task(TASK_DECIDE_NOT_CLEARED, child), withoutReason))
        .getMessage()).contains(NOT_CLEARED_DECISION_REASON);
    assertThat(child).isWaitingAt(TASK_DECIDE_NOT_CLEARED);

    complete(task(TASK_DECIDE_NOT_CLEARED, child), notClearedDecision(NOT_CLEARED_NO_TRANSPLANT));
    assertThat(child).isEnded().hasPassed(END_NO_TRANSPLANT).hasNotPassed(TIMER_PRE_TRANSPLANT_REEVALUATION,
        TASK_ADMIT_LAMINAR_FLOW);
    Assertions.assertThat(historic(child, STAGE1_OUTCOME)).isEqualTo(OUTCOME_NO_TRANSPLANT);
    Assertions.assertThat(historicValues(child, NOT_CLEARED_DECISION_REASON))
        .contains("Decided at the MDT meeting with the transplant physician");
  }

  @Test
  void noUnitOutsideTheCriteriaCanBeAcceptedWhenTheSearchListedNone() {
    bank.answering(NO_CANDIDATES);
    ProcessInstance child = searched("UCBI-0408");

    FormValidationException rejection = formRejection(() -> complete(task(TASK_DECIDE_NO_SUITABLE_UNIT, child),
        mdtDecision(DECISION_ACCEPT_OUTSIDE_CRITERIA)));

    Assertions.assertThat(rejection.getViolations()).extracting(v -> v.field()).containsExactly(NO_SUITABLE_UNIT_DECISION);
    assertThat(child).isWaitingAt(TASK_DECIDE_NO_SUITABLE_UNIT);
  }

  @Test
  void unitSelectionIsRefusedNamingTheFieldForADuplicateAForeignOrAnUnacceptableUnit() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = searched("UCBI-0409");

    Assertions.assertThat(fieldsRejected(child, "SHCBB/SH-000123", "SHCBB/SH-000123", "SHCBB/SH-020202"))
        .containsExactly(BACKUP_CORD_BLOOD_UNIT_1);
    Assertions.assertThat(fieldsRejected(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", "XXCBB/XX-1"))
        .containsExactly(BACKUP_CORD_BLOOD_UNIT_2);
    Assertions.assertThat(fieldsRejected(child, "GZCBB/GZ-000042", "BJCBB/BJ-004711", "SHCBB/SH-020202"))
        .containsExactly(PRIMARY_CORD_BLOOD_UNIT);
    Assertions.assertThat(fieldsRejected(child, "SHCBB/SH-000123", "BJCBB/BJ-004711", null))
        .containsExactly(BACKUP_CORD_BLOOD_UNIT_2);
    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS).variables().doesNotContainKey(RESERVED_UNITS);
  }

  @Test
  void hlaAlleleOutsideTheNomenclatureIsRefusedAndABlankSecondAlleleIsHomozygous() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0410");
    Map<String, Object> typing = hlaTyping();
    typing.put(HLA_B1, "B*4601");
    FormValidationException rejection = formRejection(() -> complete(task(TASK_RECORD_HLA_TYPING, child), typing));
    Assertions.assertThat(rejection.getViolations()).extracting(v -> v.field()).containsExactly(HLA_B1);

    typing.put(HLA_B1, "B*46:01");
    typing.put(HLA_C2, "");
    complete(task(TASK_RECORD_HLA_TYPING, child), typing);
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK);
  }

  @Test
  void unitFailingThePostThawCriteriaIsInfusedByExceptionalRelease() {
    ProcessInstance child = preparedChild("UCBI-0411");
    thaw(child, 65.0, 85.0);

    assertThat(child).isWaitingAt(TASK_REVIEW_POST_THAW_FAILURE);
    assertThat(task(TASK_REVIEW_POST_THAW_FAILURE, child)).hasCandidateGroup("transplant-physician");
    assertThat(child).variables().containsEntry(POST_THAW_RELEASED, false);
    Assertions.assertThat((String) runtimeService().getVariable(child.getId(), POST_THAW_FAILURE_REASON)).contains("CD34");
    complete(task(TASK_REVIEW_POST_THAW_FAILURE, child), postThawDecision(DECISION_EXCEPTIONAL_RELEASE));

    assertThat(child).isWaitingAt(TASK_INFUSE_CORD_BLOOD).variables().containsEntry(SELECTED_CORD_BLOOD_UNIT, "SHCBB/SH-000123");
  }

  @Test
  void unitFailingThePostThawCriteriaIsReplacedByTheBackupUnitWhichIsThawedAndReleased() {
    ProcessInstance child = preparedChild("UCBI-0412");
    thaw(child, 91.0, 35.0);
    complete(task(TASK_REVIEW_POST_THAW_FAILURE, child), postThawDecision(DECISION_SWITCH_TO_BACKUP));

    assertThat(child).isWaitingAt(TASK_THAW_UNIT).hasPassed(TASK_SWITCH_TO_BACKUP_AFTER_THAW).variables()
        .containsEntry(SELECTED_CORD_BLOOD_UNIT, "BJCBB/BJ-004711").containsEntry(BACKUP_UNITS_REMAINING, 1)
        .doesNotContainKey(VIABLE_CD45_PERCENT);
    Assertions.assertThat(json(child, RESERVED_UNITS).get(0).path("status").asText()).isEqualTo("post-thaw-failure");
    thaw(child, 90.0, 80.0);
    assertThat(child).isWaitingAt(TASK_INFUSE_CORD_BLOOD);
  }

  @Test
  void switchToABackupUnitIsRefusedWhenNoneIsLeft() {
    ProcessInstance child = preparedChild("UCBI-0413", SINGLE_ACCEPTABLE);
    thaw(child, 60.0, 30.0);

    FormValidationException rejection = formRejection(() -> complete(task(TASK_REVIEW_POST_THAW_FAILURE, child),
        postThawDecision(DECISION_SWITCH_TO_BACKUP)));

    Assertions.assertThat(rejection.getViolations()).extracting(v -> v.field()).containsExactly(POST_THAW_FAILURE_DECISION);
    assertThat(child).isWaitingAt(TASK_REVIEW_POST_THAW_FAILURE);
  }

  @Test
  void lossOfDonorChimerismAfterEngraftmentIsSecondaryGraftFailureAndLeadsToTheBackupUnit() {
    ProcessInstance child = infusedChild("UCBI-0414", ACCEPTABLE);
    LocalDate day0 = day0(child);
    engraftNeutrophils(child, day0, 16);

    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    assertThat(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0414-30"));
    assertThat(child).isWaitingAt(TASK_AWAIT_CHIMERISM_RESULT);
    chimerismResult("UCBI-0414", 3.0);
    assertThat(child).hasPassed(TASK_CLASSIFY_CHIMERISM).isWaitingAt(TASK_REVIEW_CHIMERISM_LOSS)
        .hasNotPassed(END_SECONDARY_GRAFT_FAILURE, BOUNDARY_GRAFT_FAILURE);
    assertThat(task(TASK_REVIEW_CHIMERISM_LOSS, child)).hasCandidateGroup("transplant-physician");
    FormValidationException lowResultAlone = formRejection(() -> complete(task(TASK_REVIEW_CHIMERISM_LOSS, child),
        chimerismLossReview(2.0, false, true)));
    Assertions.assertThat(lowResultAlone.getViolations()).extracting(v -> v.field()).containsExactly(SECONDARY_GRAFT_FAILURE_CONFIRMED);
    complete(task(TASK_REVIEW_CHIMERISM_LOSS, child), chimerismLossReview(2.0, true, true));
    weighForTheMdtIfAsked(child);
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT));

    assertThat(child).hasPassed(TASK_CLASSIFY_CHIMERISM, TASK_REVIEW_CHIMERISM_LOSS, END_SECONDARY_GRAFT_FAILURE,
        BOUNDARY_GRAFT_FAILURE, TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);
    assertThat(child).variables().containsEntry(GRAFT_FAILURE_TYPE, GRAFT_FAILURE_SECONDARY)
        .containsEntry(SELECTED_CORD_BLOOD_UNIT, "BJCBB/BJ-004711");
    Assertions.assertThat(json(child, RESERVED_UNITS).get(0).path("statusReason").asText()).isEqualTo("secondary graft failure");
  }

  @Test
  void lowChimerismWithHaematopoieticFunctionRetainedIsNotAGraftFailureAndMonitoringGoesOn() {
    ProcessInstance child = infusedChild("UCBI-0418", ACCEPTABLE);
    LocalDate day0 = day0(child);
    engraftNeutrophils(child, day0, 16);
    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0418-30"));
    chimerismResult("UCBI-0418", 4.0);

    complete(task(TASK_REVIEW_CHIMERISM_LOSS, child), chimerismLossReview(12.0, false, false));

    assertThat(child).hasPassed(END_GRAFT_FUNCTION_RETAINED).hasNotPassed(END_SECONDARY_GRAFT_FAILURE,
        TASK_DECIDE_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_RECORD_PLATELET_COUNTS);
  }

  @Test
  void day42CheckWaitsForTheEndOfTheDayAndARecoveryEnteredLateIsNotDeclaredAFailure() {
    ProcessInstance child = infusedChild("UCBI-0419", ACCEPTABLE);
    LocalDate day0 = day0(child);
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(35), 0.1, 12, true));
    Job check = timer(child, TIMER_PRIMARY_GRAFT_FAILURE);
    Assertions.assertThat(check.getDuedate()).isEqualTo(startOf(day0.plusDays(43)));
    fire(timer(child, TIMER_NEUTROPHIL_ALERT));
    complete(task(TASK_REVIEW_DELAYED_ENGRAFTMENT, child), Map.of(DELAYED_ENGRAFTMENT_REVIEW_DATE, today(),
        DELAYED_ENGRAFTMENT_ASSESSMENT, "Marrow recovering, counts rising; continue G-CSF", GCSF_STARTED, true,
        BACKUP_BANK_ALERTED, true));
    fire(check); // the counts of days 40 to 42 are entered a day late, after the check
    assertThat(child).isWaitingAt(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, TASK_RECORD_BLOOD_COUNTS).hasNotPassed(END_PRIMARY_GRAFT_FAILURE);

    engraftNeutrophils(child, day0, 40);
    assertThat(child).variables().containsEntry(NEUTROPHIL_ENGRAFTED, true).containsEntry(NEUTROPHIL_ENGRAFTMENT_DAY, 40);
    FormValidationException refused = formRejection(() -> complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child),
        primaryReview(true)));
    Assertions.assertThat(refused.getViolations()).extracting(v -> v.field()).containsExactly(PRIMARY_GRAFT_FAILURE_CONFIRMED);
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(false));

    assertThat(child).hasPassed(END_PRIMARY_GRAFT_FAILURE_NOT_CONFIRMED).hasNotPassed(END_PRIMARY_GRAFT_FAILURE,
        BOUNDARY_GRAFT_FAILURE, TASK_DECIDE_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_RECORD_PLATELET_COUNTS);
  }

  @Test
  void mdtOrdersANewBankSearchAfterGraftFailureAndTheFailedUnitKeepsItsOutcome() {
    ProcessInstance child = infusedChild("UCBI-0420", ACCEPTABLE);
    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    weigh(child, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, 18.0, today());
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_SEARCH_AGAIN));
    // weighed today for the MDT's decision: the search uses that weight without a second weighing
    assertThat(child).hasNotPassed(TASK_WEIGH_BEFORE_SEARCH);
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);

    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS).hasNotPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().doesNotContainKey(CORD_BLOOD_INFUSION_DATE).doesNotContainKey(THAW_DATE)
        .containsEntry(GRAFT_FAILURE_DECISION, GRAFT_FAILURE_SEARCH_AGAIN);
    JsonNode reserved = json(child, RESERVED_UNITS);
    Assertions.assertThat(reserved.get(0).path("status").asText()).isEqualTo("graft-failure");
    Assertions.assertThat(reserved.get(1).path("status").asText()).isEqualTo("reserved");
  }

  @Test
  void chimerismLossBeforeNeutrophilEngraftmentIsNotYetSecondaryGraftFailure() {
    ProcessInstance child = infusedChild("UCBI-0415", ACCEPTABLE);
    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0415-30"));
    chimerismResult("UCBI-0415", 2.0);

    assertThat(child).hasPassed(END_CHIMERISM_RECORDED).hasNotPassed(END_SECONDARY_GRAFT_FAILURE)
        .isWaitingAt(TASK_RECORD_BLOOD_COUNTS);
  }

  @Test
  void overdueChimerismResultRemindsTheTrialCoordinatorAndTheResultIsStillAccepted() {
    ProcessInstance child = infusedChild("UCBI-0416", ACCEPTABLE);
    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0416-30"));
    Job overdue = timer(child, TIMER_CHIMERISM_RESULT_OVERDUE);
    Assertions.assertThat(overdue.getDuedate()).isEqualTo(Date.from(now().plus(java.time.Duration.ofDays(14))));

    fire(overdue);
    assertThat(child).isWaitingAt(TASK_AWAIT_CHIMERISM_RESULT, TASK_CHASE_CHIMERISM_RESULT);
    assertThat(task(TASK_CHASE_CHIMERISM_RESULT, child)).hasCandidateGroup("trial-coordinator");
    complete(task(TASK_CHASE_CHIMERISM_RESULT, child), Map.of(CHIMERISM_CHASE_DATE, today(), CHIMERISM_CHASE_NOTE,
        "Sample received, STR-PCR repeated, result within 3 days"));
    chimerismResult("UCBI-0416", 62.0);

    assertThat(child).hasPassed(TASK_CHASE_CHIMERISM_RESULT, TASK_CLASSIFY_CHIMERISM, END_CHIMERISM_RECORDED);
    Assertions.assertThat(historicValues(child, CHIMERISM_STATUS)).contains(CHIMERISM_MIXED);
    assertThat(child).isWaitingAt(TIMER_CHIMERISM_SAMPLE_DUE); // the day +60 sample
  }

  @Test
  void theHlaLabEntersAChimerismResultWithTasklistsStartFormAndStage1ClassifiesIt() {
    ProcessInstance child = infusedChild("UCBI-0422", ACCEPTABLE);
    String definitionId = repositoryService().createProcessDefinitionQuery().processDefinitionKey(CHIMERISM_RESULT_PROCESS_KEY)
        .latestVersion().singleResult().getId();
    Map<String, Object> result = Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0422", DONOR_CHIMERISM_PERCENT, 98.5,
        CHIMERISM_RESULT_DATE, today());

    // before a sample is dispatched nothing waits for a result: refused naming the subject ID, nothing stored
    Assertions.assertThat(formRejection(() -> formService().submitStartForm(definitionId, result)).getMessage())
        .contains("subjectId").contains("no stage 1 waits for a chimerism result");

    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0422-30"));
    ProcessInstance entry = formService().submitStartForm(definitionId, result);

    assertThat(entry).isEnded().hasPassed("End_ChimerismResultDelivered");
    assertThat(child).hasPassed(TASK_CLASSIFY_CHIMERISM, END_CHIMERISM_RECORDED);
    Assertions.assertThat(historicValues(child, CHIMERISM_STATUS)).contains(CHIMERISM_FULL);
    Assertions.assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(CHIMERISM_RESULT_PROCESS_KEY)
        .count()).as("the refused entry left nothing").isOne();
  }

  @Test
  void chimerismByLineageWhereTheLaboratoryReportsItTravelsWithTheResult() {
    ProcessInstance child = infusedChild("UCBI-0423", ACCEPTABLE);
    String definitionId = repositoryService().createProcessDefinitionQuery().processDefinitionKey(CHIMERISM_RESULT_PROCESS_KEY)
        .latestVersion().singleResult().getId();
    fire(timer(child, TIMER_CHIMERISM_SAMPLE_DUE));
    complete(task(TASK_DISPATCH_CHIMERISM_SAMPLE, child), sample("CHIM-0423-30"));
    Map<String, Object> byLineage = Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0423", DONOR_CHIMERISM_PERCENT, 88.0,
        T_CELL_DONOR_CHIMERISM_PERCENT, 97.5, MYELOID_DONOR_CHIMERISM_PERCENT, 72.0, CHIMERISM_RESULT_DATE, today());
    Map<String, Object> impossible = new java.util.HashMap<>(byLineage);
    impossible.put(T_CELL_DONOR_CHIMERISM_PERCENT, 101.0);
    Assertions.assertThat(formRejection(() -> formService().submitStartForm(definitionId, impossible)).getMessage())
        .contains(T_CELL_DONOR_CHIMERISM_PERCENT);

    formService().submitStartForm(definitionId, byLineage);

    assertThat(child).hasPassed(TASK_CLASSIFY_CHIMERISM);
    Assertions.assertThat(historicValues(child, CHIMERISM_STATUS)).contains(CHIMERISM_MIXED);
    Assertions.assertThat(historicValues(child, T_CELL_DONOR_CHIMERISM_PERCENT)).containsExactly(97.5);
    Assertions.assertThat(historicValues(child, MYELOID_DONOR_CHIMERISM_PERCENT)).containsExactly(72.0);
  }

  @Test
  void acuteGvhdGradeIIOpensATreatmentTaskAndGradeIDoesNot() {
    ProcessInstance child = infusedChild("UCBI-0417", ACCEPTABLE);
    List<Job> assessments = dueTimers(child, TIMER_GVHD_ASSESSMENT_DUE);
    fire(assessments.get(0));
    assertThat(task(TASK_STAGE_ACUTE_GVHD, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_STAGE_ACUTE_GVHD, child), gvhdStages(2, 0, 0, 0)); // skin 2 alone: grade I
    assertThat(child).isNotWaitingAt(TASK_TREAT_ACUTE_GVHD).hasPassed("End_GvhdAssessed");
    Assertions.assertThat(adverseEventReviews("UCBI-0417")).as("grade I raises no adverse event review").isEmpty();

    fire(assessments.get(1));
    complete(task(TASK_STAGE_ACUTE_GVHD, child), gvhdStages(3, 0, 0, 0)); // skin 3 alone: grade II
    assertThat(child).isWaitingAt(TASK_TREAT_ACUTE_GVHD);
    assertThat(task(TASK_TREAT_ACUTE_GVHD, child)).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariable(task(TASK_TREAT_ACUTE_GVHD, child).getId(), ACUTE_GVHD_GRADE)).isEqualTo(2);
    Assertions.assertThat(adverseEventReviews("UCBI-0417")).as("grade II raises an adverse event review (issue 18 item 6)")
        .singleElement().satisfies(t -> Assertions.assertThat(taskService().getVariables(t.getId()))
            .containsEntry("aeTerm", "gvhd").containsEntry("clinicalEvent", "acute-gvhd"));
    complete(task(TASK_TREAT_ACUTE_GVHD, child), Map.of(GVHD_TREATMENT_START_DATE, today(), GVHD_TREATMENT,
        "Methylprednisolone 2 mg/kg/day"));
    assertThat(child).hasPassed("End_GvhdTreated");
    Assertions.assertThat(historicValues(child, ACUTE_GVHD_GRADE)).contains(1, 2);
  }

  @Test
  void childStaysInTheLaminarFlowUnitUntilTheDischargeCriteriaAreMetThenIsHandedOverToOutpatientFollowUp() {
    ProcessInstance child = infusedChild("UCBI-0431", ACCEPTABLE);
    LocalDate day0 = day0(child);
    assertThat(child).isNotWaitingAt(TASK_ASSESS_DISCHARGE);
    engraftNeutrophils(child, day0, 16);
    // the discharge assessment opens with the neutrophil recovery, beside the platelet counts
    assertThat(child).isWaitingAt(TASK_ASSESS_DISCHARGE, TASK_RECORD_PLATELET_COUNTS);
    Task assessment = task(TASK_ASSESS_DISCHARGE, child);
    assertThat(assessment).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariable(assessment.getId(), NEUTROPHIL_ENGRAFTMENT_DAY)).isEqualTo(16);

    // a discharge without every criterion, or without the handover, is refused naming the field; nothing moves
    Map<String, Object> incomplete = new java.util.HashMap<>(discharge());
    incomplete.put(DISCHARGE_CRITERIA, List.of("neutrophil-engraftment", "oral-intake-tolerated"));
    incomplete.put(OUTPATIENT_FIRST_VISIT_DATE, LocalDate.parse(today()).plusDays(30).toString());
    FormValidationException refused = formRejection(() -> complete(task(TASK_ASSESS_DISCHARGE, child), incomplete));
    Assertions.assertThat(refused.getViolations()).extracting(v -> v.field())
        .containsExactly(DISCHARGE_CRITERIA, OUTPATIENT_FIRST_VISIT_DATE);
    Assertions.assertThat(refused.getViolations().get(0).problem()).contains("no-active-infection");
    // staying needs the reason and a reassessment day after today
    FormValidationException noDay = formRejection(() -> complete(task(TASK_ASSESS_DISCHARGE, child), Map.of(
        DISCHARGE_ASSESSMENT_DATE, today(), READY_FOR_DISCHARGE, false, DISCHARGE_DEFERRED_REASON, "Febrile, on IV antibiotics",
        DISCHARGE_REASSESSMENT_DATE, today())));
    Assertions.assertThat(noDay.getViolations()).extracting(v -> v.field()).containsExactly(DISCHARGE_REASSESSMENT_DATE);
    assertThat(child).isWaitingAt(TASK_ASSESS_DISCHARGE).hasNotPassed(TIMER_DISCHARGE_REASSESSMENT);

    LocalDate reassess = LocalDate.parse(today()).plusDays(5);
    complete(task(TASK_ASSESS_DISCHARGE, child), Map.of(DISCHARGE_ASSESSMENT_DATE, today(), DISCHARGE_CRITERIA,
        List.of("neutrophil-engraftment", "oral-intake-tolerated"), READY_FOR_DISCHARGE, false, DISCHARGE_DEFERRED_REASON,
        "Febrile neutropenia resolved 2 days ago, still on IV antibiotics", DISCHARGE_REASSESSMENT_DATE, reassess.toString()));
    assertThat(child).isWaitingAt(TIMER_DISCHARGE_REASSESSMENT, TASK_RECORD_PLATELET_COUNTS);
    Assertions.assertThat(timer(child, TIMER_DISCHARGE_REASSESSMENT).getDuedate()).isEqualTo(startOf(reassess));
    fire(timer(child, TIMER_DISCHARGE_REASSESSMENT));
    // the reassessment starts blank: the deferral does not answer it
    Assertions.assertThat(taskService().getVariable(task(TASK_ASSESS_DISCHARGE, child).getId(), READY_FOR_DISCHARGE)).isNull();
    complete(task(TASK_ASSESS_DISCHARGE, child), discharge());

    assertThat(child).hasPassed(END_HANDED_OVER_TO_OUTPATIENT_CLINIC).isWaitingAt(TASK_RECORD_PLATELET_COUNTS);
    Assertions.assertThat(historicCount(child, TASK_ASSESS_DISCHARGE)).isEqualTo(2);
    assertThat(child).variables().containsEntry(LAMINAR_FLOW_DISCHARGE_DATE, reassess.toString())
        .containsEntry(OUTPATIENT_FIRST_VISIT_DATE, reassess.plusDays(7).toString());
  }

  @Test
  void moderateChronicGvhdAtAnImmunePanelOpensATreatmentTaskAndAnAdverseEventReviewAndMildDoesNot() {
    ProcessInstance child = infusedChild("UCBI-0432", ACCEPTABLE);
    List<Job> panels = dueTimers(child, TIMER_IMMUNE_PANEL_DUE);
    fire(panels.get(0));
    complete(task(TASK_RECORD_IMMUNE_PANEL, child), immunePanel(1, 0)); // skin 1 alone: NIH mild (B 3.3)
    assertThat(child).isNotWaitingAt(TASK_TREAT_CHRONIC_GVHD).hasPassed(END_IMMUNE_PANEL_RECORDED_FOR_TEST);
    Assertions.assertThat(adverseEventReviews("UCBI-0432")).as("mild raises no adverse event review").isEmpty();

    fire(panels.get(1));
    complete(task(TASK_RECORD_IMMUNE_PANEL, child), immunePanel(1, 2)); // mouth 2: NIH moderate
    assertThat(child).isWaitingAt(TASK_TREAT_CHRONIC_GVHD);
    Task treat = task(TASK_TREAT_CHRONIC_GVHD, child);
    assertThat(treat).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariable(treat.getId(), CHRONIC_GVHD_SEVERITY)).isEqualTo("moderate");
    Assertions.assertThat(adverseEventReviews("UCBI-0432")).as("moderate chronic GVHD raises an adverse event review")
        .singleElement().satisfies(t -> Assertions.assertThat(taskService().getVariables(t.getId()))
            .containsEntry("aeTerm", "gvhd").containsEntry("clinicalEvent", "chronic-gvhd")
            .hasEntrySatisfying("aeDescription", d -> Assertions.assertThat((String) d).contains("moderate", "mouth 2")));
    complete(treat, chronicGvhdTreatment());
    assertThat(child).hasPassed(END_CHRONIC_GVHD_TREATED_FOR_TEST);
    Assertions.assertThat(historicValues(child, CHRONIC_GVHD_TREATMENT_REASON)).filteredOn(java.util.Objects::nonNull)
        .isNotEmpty().allSatisfy(r -> Assertions.assertThat((String) r).contains("NIH moderate"));

    fire(panels.get(2));
    complete(task(TASK_RECORD_IMMUNE_PANEL, child), immunePanel(3, 0)); // skin 3: NIH severe
    assertThat(child).isWaitingAt(TASK_TREAT_CHRONIC_GVHD);
    Assertions.assertThat(taskService().getVariable(task(TASK_TREAT_CHRONIC_GVHD, child).getId(), CHRONIC_GVHD_PLAN))
        .as("each visit's plan is its own").isNull();
    Assertions.assertThat(adverseEventReviews("UCBI-0432")).hasSize(2);
  }

  /** An engrafted child whose MDT found immune function not yet stable: the yearly chimerism sample is sent. */
  private ProcessInstance yearlySampleSentAfterANotYetStableReview(String subjectId) {
    ProcessInstance child = infusedChild(subjectId, ACCEPTABLE);
    LocalDate day0 = day0(child);
    engraftNeutrophils(child, day0, 15);
    engraftPlatelets(child, day0, 25);
    followUpToTheMdt(child, 99.0, 0);
    confirmImmuneStability(child, false);
    fire(timer(child, TIMER_NEXT_IMMUNE_PANEL));
    complete(task(TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE, child), sample("CHIM-" + subjectId + "-Y2"));
    return child;
  }

  @Test
  void yearlyChimerismLostAfterANotYetStableReviewIsAConfirmedSecondaryGraftFailureForTheMdt() {
    ProcessInstance child = yearlySampleSentAfterANotYetStableReview("UCBI-0433");
    // a late result: the trial coordinator chases it, the sample still waits
    fire(timer(child, TIMER_FURTHER_CHIMERISM_RESULT_OVERDUE));
    assertThat(task(TASK_CHASE_FURTHER_CHIMERISM_RESULT, child)).hasCandidateGroup("trial-coordinator");
    complete(task(TASK_CHASE_FURTHER_CHIMERISM_RESULT, child), Map.of(CHIMERISM_CHASE_DATE, today(),
        CHIMERISM_CHASE_NOTE, "Laboratory phoned; result promised in 2 days"));
    assertThat(child).isWaitingAt(TASK_AWAIT_FURTHER_CHIMERISM_RESULT);
    chimerismResult("UCBI-0433", 2.0);

    assertThat(child).isWaitingAt(TASK_REVIEW_FURTHER_CHIMERISM_LOSS).isNotWaitingAt(TASK_RECORD_FURTHER_IMMUNE_PANEL);
    // the earlier review's answers do not answer this one; confirming without loss of function is refused
    Assertions.assertThat(taskService().getVariable(task(TASK_REVIEW_FURTHER_CHIMERISM_LOSS, child).getId(),
        SECONDARY_GRAFT_FAILURE_CONFIRMED)).isNull();
    formRejection(() -> complete(task(TASK_REVIEW_FURTHER_CHIMERISM_LOSS, child), chimerismLossReview(3.0, false, true)));
    complete(task(TASK_REVIEW_FURTHER_CHIMERISM_LOSS, child), chimerismLossReview(2.0, true, true));
    weighForTheMdtIfAsked(child);

    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE).hasNotPassed(TASK_RECORD_FURTHER_IMMUNE_PANEL);
    assertThat(child).variables().containsEntry(GRAFT_FAILURE_TYPE, "secondary");
    Assertions.assertThat(adverseEventReviews("UCBI-0433")).singleElement().satisfies(t -> Assertions
        .assertThat(taskService().getVariables(t.getId())).containsEntry("clinicalEvent", "graft-failure"));
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_END));
    assertThat(child).isEnded().hasPassed(END_GRAFT_FAILURE);
  }

  @Test
  void yearlyLowChimerismWithGraftFunctionRetainedGoesOnToTheYearlyPanel() {
    ProcessInstance child = yearlySampleSentAfterANotYetStableReview("UCBI-0434");
    chimerismResult("UCBI-0434", 3.0);
    complete(task(TASK_REVIEW_FURTHER_CHIMERISM_LOSS, child), chimerismLossReview(14.0, false, false));
    assertThat(child).isWaitingAt(TASK_RECORD_FURTHER_IMMUNE_PANEL).hasNotPassed(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    complete(task(TASK_RECORD_FURTHER_IMMUNE_PANEL, child), immunePanel());
    assertThat(child).isWaitingAt(TASK_CONFIRM_IMMUNE_STABILITY).hasNotPassed(TASK_TREAT_FURTHER_CHRONIC_GVHD);
    confirmImmuneStability(child, true);
    assertThat(child).isEnded().hasPassed(END_STABLE_IMMUNE_FUNCTION);
  }

  @Test
  void mdtFindsImmuneFunctionNotYetStableAndReviewsAgainAfterTheYearlyPanel() {
    ProcessInstance child = infusedChild("UCBI-0418", ACCEPTABLE);
    LocalDate day0 = day0(child);
    engraftNeutrophils(child, day0, 15);
    engraftPlatelets(child, day0, 25);
    followUpToTheMdt(child, 99.0, 0);
    // the MDT's form shows what the engine recorded, the last monthly panel's chronic GVHD grading among it
    Assertions.assertThat(taskService().getVariables(task(TASK_CONFIRM_IMMUNE_STABILITY, child).getId()))
        .containsEntry("latestChronicGvhdSeverity", "none").containsEntry(NEUTROPHIL_ENGRAFTMENT_DAY, 15)
        .containsKey(PLATELET_ENGRAFTMENT_DAY);

    confirmImmuneStability(child, false);
    assertThat(child).isWaitingAt(TIMER_NEXT_IMMUNE_PANEL).hasPassed(TASK_SCHEDULE_NEXT_IMMUNE_PANEL);
    Assertions.assertThat(timer(child, TIMER_NEXT_IMMUNE_PANEL).getDuedate()).isEqualTo(startOf(day0.plusYears(2).minusMonths(6)));
    fire(timer(child, TIMER_NEXT_IMMUNE_PANEL));
    // chimerism goes on after day +100 until the MDT finds immune function stable: a sample with the yearly visit
    assertThat(child).isWaitingAt(TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE).isNotWaitingAt(TASK_RECORD_FURTHER_IMMUNE_PANEL);
    assertThat(task(TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE, child), sample("CHIM-UCBI-0418-Y2"));
    assertThat(child).isWaitingAt(TASK_AWAIT_FURTHER_CHIMERISM_RESULT);
    chimerismResult("UCBI-0418", 62.0);
    assertThat(child).hasPassed("Task_ClassifyFurtherChimerism").variables().containsEntry(CHIMERISM_STATUS, CHIMERISM_MIXED);
    Task panel = task(TASK_RECORD_FURTHER_IMMUNE_PANEL, child);
    Assertions.assertThat(panel.getDueDate()).isEqualTo(startOf(day0.plusYears(2).plusMonths(6)));
    complete(panel, immunePanel(1, 2)); // skin 1, mouth 2: NIH moderate (any organ score 2, domain.md B 3.3)
    assertThat(child).hasPassed("Task_GradeFurtherChronicGvhd");
    Assertions.assertThat(runtimeService().getVariable(child.getId(), "latestChronicGvhdSeverity")).isEqualTo("moderate");
    // moderate chronic GVHD: a treatment plan with its reason before the MDT reviews again, and an adverse event review
    assertThat(child).isWaitingAt(TASK_TREAT_FURTHER_CHRONIC_GVHD);
    assertThat(task(TASK_TREAT_FURTHER_CHRONIC_GVHD, child)).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariable(task(TASK_TREAT_FURTHER_CHRONIC_GVHD, child).getId(),
        CHRONIC_GVHD_SEVERITY)).isEqualTo("moderate");
    Assertions.assertThat(adverseEventReviews("UCBI-0418")).singleElement().satisfies(t -> Assertions
        .assertThat(taskService().getVariables(t.getId())).containsEntry("clinicalEvent", "chronic-gvhd"));
    complete(task(TASK_TREAT_FURTHER_CHRONIC_GVHD, child), chronicGvhdTreatment());
    Assertions.assertThat(historicValues(child, CHRONIC_GVHD_PLAN)).contains("systemic-treatment");
    Assertions.assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(child.getId())
        .decisionDefinitionKey("chronicGvhdSeverity").count()).as("every immune visit graded").isEqualTo(4);
    // the first review's answers do not answer the second review
    Assertions.assertThat(taskService().getVariable(task(TASK_CONFIRM_IMMUNE_STABILITY, child).getId(), IMMUNE_FUNCTION_STABLE)).isNull();
    confirmImmuneStability(child, true);

    assertThat(child).isEnded().hasPassed(END_STABLE_IMMUNE_FUNCTION);
    Assertions.assertThat(historic(child, STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE)).isEqualTo(today());
  }

  @Test
  void bankThatDoesNotAnswerIsRetriedThenBecomesAnIncidentAndTheChildWaitsAtTheSearch() {
    bank.answering(BANK_DOWN);
    ProcessInstance child = start("UCBI-0419");
    typeHla(child);

    for (int attempt = 1; attempt <= 3; attempt++) {
      Job job = managementService().createJobQuery().processInstanceId(child.getId()).singleResult();
      Assertions.assertThat(job.getRetries()).isEqualTo(4 - attempt);
      catchThrowable(() -> managementService().executeJob(job.getId()));
      later(0);
      ClockUtil.setCurrentTime(Date.from(now().plus(java.time.Duration.ofMinutes(5))));
    }

    Job failed = managementService().createJobQuery().processInstanceId(child.getId()).singleResult();
    Assertions.assertThat(failed.getRetries()).isZero();
    Incident incident = runtimeService().createIncidentQuery().processInstanceId(child.getId()).singleResult();
    Assertions.assertThat(incident.getActivityId()).isEqualTo(TASK_SEARCH_CORD_BLOOD_BANK);
    Assertions.assertThat(incident.getIncidentMessage()).contains("not reachable");
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK);
    Assertions.assertThat(bank.calls).isEqualTo(3);
  }

  @Test
  void bloodCountDatedBeforeDay0IsRefused() {
    ProcessInstance child = infusedChild("UCBI-0420", ACCEPTABLE);
    FormValidationException rejection = formRejection(() -> complete(task(TASK_RECORD_BLOOD_COUNTS, child),
        counts(day0(child).minusDays(1), 0.1, 10, false)));
    Assertions.assertThat(rejection.getViolations()).extracting(v -> v.field()).containsExactly(COUNT_DATE);
    assertThat(child).isWaitingAt(TASK_RECORD_BLOOD_COUNTS);
  }

  // ------------------------------------------------------------------ steps

  // ------------------------------------------------------------------ dosing weight (issue 17 item 1)

  @Test
  void searchWithAWeightFromTodayRunsAtOnceOnThatWeight() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0461");
    typeHla(child);
    assertThat(child).hasPassed(TASK_CHECK_WEIGHT_FOR_SEARCH).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK)
        .hasNotPassed(TASK_WEIGH_BEFORE_SEARCH);
    assertThat(child).variables().containsEntry(DOSING_WEIGHT_KG, 18.5).containsEntry(DOSING_WEIGHT_DATE, today())
        .containsEntry(DOSING_WEIGHT_RECENT, true);
  }

  @Test
  void weightExactlySevenDaysOldIsStillRecentForTheSearch() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0462");
    later(7);
    typeHla(child);
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK).hasNotPassed(TASK_WEIGH_BEFORE_SEARCH);
    assertThat(child).variables().containsEntry(DOSING_WEIGHT_DATE, LocalDate.parse(today()).minusDays(7).toString());
  }

  @Test
  void weightEightDaysOldOpensAWeighingAndTheSearchUsesTheNewWeight() {
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0463");
    later(8);
    typeHla(child);
    assertThat(child).isWaitingAt(TASK_WEIGH_BEFORE_SEARCH).hasNotPassed(TASK_SEARCH_CORD_BLOOD_BANK);
    Assertions.assertThat((String) taskService().getVariable(task(TASK_WEIGH_BEFORE_SEARCH, child).getId(),
        DosingWeight.WEIGH_FIRST_REASON)).contains("8 days old").contains("within 7 days");
    // a weighing dated too long ago does not count: the child is asked again
    weigh(child, TASK_WEIGH_BEFORE_SEARCH, 19.0, LocalDate.parse(today()).minusDays(9).toString());
    assertThat(child).isWaitingAt(TASK_WEIGH_BEFORE_SEARCH);
    weigh(child, TASK_WEIGH_BEFORE_SEARCH, 21.0, today());
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK).variables().containsEntry(DOSING_WEIGHT_KG, 21.0)
        .containsEntry(CURRENT_WEIGHT_KG, 21.0).containsEntry(CURRENT_WEIGHT_DATE, today());
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);
    Assertions.assertThat(bank.lastWeightKg()).isEqualTo(21.0);
    // every weighing is in the history of the current weight
    Assertions.assertThat(historyService().createHistoricDetailQuery().processInstanceId(child.getId())
        .variableUpdates().list().stream()
        .filter(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName().equals(CURRENT_WEIGHT_KG))
        .map(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue()).toList())
        .containsExactly(18.5, 21.0);
  }

  @Test
  void aSearchJobThatNoCheckedWeightReachedGoesBackToTheWeightCheck() {
    // a child whose search job was waiting when an amendment moved it onto models with the weight check before it
    bank.answering(ACCEPTABLE);
    ProcessInstance child = start("UCBI-0466");
    typeHla(child);
    assertThat(child).isWaitingAt(TASK_SEARCH_CORD_BLOOD_BANK);
    runtimeService().removeVariable(child.getId(), DOSING_WEIGHT_KG);
    later(8);
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);
    assertThat(child).hasPassed("Boundary_SearchWeightNotChecked").isWaitingAt(TASK_WEIGH_BEFORE_SEARCH);
    Assertions.assertThat(bank.lastWeightKg()).isNull();
    weigh(child, TASK_WEIGH_BEFORE_SEARCH, 20.5, today());
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);
    Assertions.assertThat(bank.lastWeightKg()).isEqualTo(20.5);
    assertThat(child).isWaitingAt(TASK_SELECT_CORD_BLOOD_UNITS);
  }

  @Test
  void cellDoseUsesTheWeightOfTheThawDayAndAnOlderOneOpensAWeighingFirst() {
    ProcessInstance child = preparedChild("UCBI-0464");
    // weighed at the pre-transplant evaluation 8 days ago: too old for the dose
    assertThat(task(TASK_THAW_UNIT, child)).isNotNull();
    completeThaw(child, 92.0, 85.0);
    assertThat(child).isWaitingAt(TASK_WEIGH_FOR_CELL_DOSE).hasNotPassed(TASK_COMPUTE_CELL_DOSE);
    weigh(child, TASK_WEIGH_FOR_CELL_DOSE, 20.0, today());
    assertThat(child).hasPassed(TASK_COMPUTE_CELL_DOSE).isWaitingAt(TASK_INFUSE_CORD_BLOOD);
    // 9.25 x 10^8 TNC for 20.0 kg = 4.625 x 10^7/kg
    Assertions.assertThat((Double) runtimeService().getVariable(child.getId(), POST_THAW_TNC_PER_KG_E7))
        .isCloseTo(4.625, Assertions.within(1e-9));
  }

  // ------------------------------------------------------------------ dosing weight before the MDT's graft failure decision

  @Test
  void secondTransplantWithABackupAcceptableOnARecentWeightGoesAheadWithoutAWeighing() {
    ProcessInstance child = infusedChild("UCBI-0470", ACCEPTABLE);
    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    // weighed three days ago at a visit elsewhere in the protocol: 19.0 kg (the search used 18.5 kg)
    runtimeService().setVariable(child.getId(), CURRENT_WEIGHT_KG, 19.0);
    runtimeService().setVariable(child.getId(), CURRENT_WEIGHT_DATE, LocalDate.parse(today()).minusDays(3).toString());
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));

    assertThat(child).hasPassedInOrder(TASK_CHECK_WEIGHT_FOR_GRAFT_FAILURE_DECISION, TASK_REASSESS_BACKUP_UNITS)
        .hasNotPassed(TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().containsEntry(DOSING_WEIGHT_KG, 19.0)
        .containsEntry(DOSING_WEIGHT_DATE, LocalDate.parse(today()).minusDays(3).toString())
        .containsEntry(NEXT_BACKUP_ACCEPTABLE_TODAY, true);
    JsonNode backups = json(child, BACKUP_UNITS_TODAY);
    Assertions.assertThat(backups).hasSize(2);
    // BJ-004711: 8.2 x 10^7/kg and 2.4 x 10^5/kg on 18.5 kg -> on 19.0 kg
    Assertions.assertThat(backups.get(0).path("unitKey").asText()).isEqualTo("BJCBB/BJ-004711");
    Assertions.assertThat(backups.get(0).path("tncPerKgE7").asDouble()).isCloseTo(8.2 * 18.5 / 19.0, Assertions.within(1e-9));
    Assertions.assertThat(backups.get(0).path("cd34PerKgE5").asDouble()).isCloseTo(2.4 * 18.5 / 19.0, Assertions.within(1e-9));
    Assertions.assertThat(backups.get(0).path("acceptableToday").asBoolean()).isTrue();
    Assertions.assertThat((String) runtimeService().getVariable(child.getId(), BACKUP_UNITS_TODAY_SUMMARY))
        .contains("Backup 1 BJCBB/BJ-004711 · TNC 7.98 x10^7/kg · CD34 2.33 x10^5/kg on 19.0 kg weighed "
            + LocalDate.parse(today()).minusDays(3) + " · acceptable");

    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT));
    assertThat(child).hasPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);
    assertThat(child).variables().containsEntry(SELECTED_CORD_BLOOD_UNIT, "BJCBB/BJ-004711");
  }

  @Test
  void anOldWeightOpensAWeighingBeforeTheBackupsAreReEvaluatedForTheMdt() {
    ProcessInstance child = infusedChild("UCBI-0471", ACCEPTABLE);
    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    // last weighed on the thaw day, more than 40 days ago
    assertThat(child).isWaitingAt(TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION)
        .hasNotPassed(TASK_REASSESS_BACKUP_UNITS, TASK_DECIDE_AFTER_GRAFT_FAILURE);
    Assertions.assertThat((String) runtimeService().getVariable(child.getId(), "weighFirstReason"))
        .contains("days old");

    weigh(child, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, 19.5, today());
    assertThat(child).hasPassed(TASK_REASSESS_BACKUP_UNITS).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().containsEntry(DOSING_WEIGHT_KG, 19.5).containsEntry(DOSING_WEIGHT_DATE, today())
        .containsEntry(NEXT_BACKUP_ACCEPTABLE_TODAY, true);
    Assertions.assertThat(historicCount(child, TASK_CHECK_WEIGHT_FOR_GRAFT_FAILURE_DECISION)).isEqualTo(2);
  }

  @Test
  void aBackupUnderDosedOnTodaysWeightNeedsTheMdtsWrittenJustification() {
    ProcessInstance child = infusedChild("UCBI-0472", ACCEPTABLE);
    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    // the child has grown: 32 kg. BJ-004711 (2.4 x 10^5 CD34/kg on 18.5 kg) now has 1.3875 x 10^5/kg
    weigh(child, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, 32.0, today());
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().containsEntry(NEXT_BACKUP_ACCEPTABLE_TODAY, false);
    JsonNode backups = json(child, BACKUP_UNITS_TODAY);
    Assertions.assertThat(backups.get(0).path("acceptableToday").asBoolean()).isFalse();
    Assertions.assertThat(backups.get(0).path("reason").asText()).contains("does not meet the acceptance criteria");
    Assertions.assertThat((String) runtimeService().getVariable(child.getId(), BACKUP_UNITS_TODAY_SUMMARY))
        .contains("BJCBB/BJ-004711 · TNC 4.74 x10^7/kg · CD34 1.38 x10^5/kg on 32.0 kg weighed " + today() + " · NOT acceptable");

    FormValidationException none = formRejection(() -> complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child),
        graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT)));
    Assertions.assertThat(none.getViolations()).extracting(v -> v.field())
        .containsExactly(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION);
    Map<String, Object> tooShort = new HashMap<>(graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT));
    tooShort.put(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION, "dose is fine");
    FormValidationException shortOne = formRejection(() -> complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), tooShort));
    Assertions.assertThat(shortOne.getViolations()).extracting(v -> v.field())
        .containsExactly(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION);
    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE).hasNotPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().doesNotContainKey(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION)
        .doesNotContainKey(GRAFT_FAILURE_DECISION);

    Map<String, Object> justified = new HashMap<>(graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT));
    justified.put(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION,
        "CD34 1.38 x 10^5/kg below 1.5 on today's weight; 7/8 allele match, no better unit in a new search: accepted");
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), justified);
    assertThat(child).hasPassed(TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE).isWaitingAt(TASK_PRE_TRANSPLANT_EVALUATION);
    assertThat(child).variables().containsEntry(SELECTED_CORD_BLOOD_UNIT, "BJCBB/BJ-004711")
        .containsEntry(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION, justified.get(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION));
  }

  @Test
  void aBackupReservedWithoutItsCellCountsCannotBeReEvaluatedAndNeedsAJustification() {
    ProcessInstance child = infusedChild("UCBI-0473", ACCEPTABLE);
    // a reservation made before the units' counts were kept with it: no tncTotal / cd34Total
    com.fasterxml.jackson.databind.node.ArrayNode reserved = (com.fasterxml.jackson.databind.node.ArrayNode) json(child, RESERVED_UNITS);
    reserved.forEach(u -> ((com.fasterxml.jackson.databind.node.ObjectNode) u).remove(List.of("tncTotal", "cd34Total")));
    runtimeService().setVariable(child.getId(), RESERVED_UNITS,
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(reserved.toString()).create());
    fire(timer(child, TIMER_PRIMARY_GRAFT_FAILURE));
    complete(task(TASK_CONFIRM_PRIMARY_GRAFT_FAILURE, child), primaryReview(true));
    weigh(child, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, 18.5, today());

    assertThat(child).isWaitingAt(TASK_DECIDE_AFTER_GRAFT_FAILURE);
    assertThat(child).variables().containsEntry(NEXT_BACKUP_ACCEPTABLE_TODAY, false);
    Assertions.assertThat((String) runtimeService().getVariable(child.getId(), BACKUP_UNITS_TODAY_SUMMARY))
        .contains("BJCBB/BJ-004711 · TNC ? x10^7/kg · CD34 ? x10^5/kg").contains("cannot be re-evaluated");
    FormValidationException none = formRejection(() -> complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child),
        graftFailureDecision(GRAFT_FAILURE_SECOND_TRANSPLANT)));
    Assertions.assertThat(none.getViolations()).extracting(v -> v.field())
        .containsExactly(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION);
    // ending the transplant needs no justification for the backup
    complete(task(TASK_DECIDE_AFTER_GRAFT_FAILURE, child), graftFailureDecision(GRAFT_FAILURE_END));
    assertThat(child).isEnded().hasPassed(END_GRAFT_FAILURE);
  }

  private ProcessInstance start(String subjectId) {
    Map<String, Object> v = new HashMap<>();
    v.put(SUBJECT_ID, subjectId);
    v.put(WEIGHT_KG, 18.5);
    // the child's current weight as the protocol holds it: weighed at enrolment, today
    v.put(CURRENT_WEIGHT_KG, 18.5);
    v.put(CURRENT_WEIGHT_DATE, today());
    v.put("heightCm", 112.0);
    v.put("dateOfBirth", "2021-05-02");
    v.put("sex", "male");
    v.put("geneName", "FOXP3");
    return runtimeService().startProcessInstanceByKey(PROCESS_KEY, subjectId, v);
  }

  private static Map<String, Object> hlaTyping() {
    Map<String, Object> v = new HashMap<>();
    v.put(HLA_TYPING_DATE, today());
    v.put(HLA_TYPING_METHOD, "ngs");
    v.put(HLA_A1, "A*02:01");
    v.put(HLA_A2, "A*11:01");
    v.put(HLA_B1, "B*46:01");
    v.put(HLA_B2, "B*40:01");
    v.put(HLA_C1, "C*01:02");
    v.put(HLA_C2, "C*07:02");
    v.put(HLA_DRB1_1, "DRB1*09:01");
    v.put(HLA_DRB1_2, "DRB1*15:01:01");
    return v;
  }

  private void typeHla(ProcessInstance child) {
    complete(task(TASK_RECORD_HLA_TYPING, child), hlaTyping());
  }

  private ProcessInstance searched(String subjectId) {
    ProcessInstance child = start(subjectId);
    typeHla(child);
    runJob(child, TASK_SEARCH_CORD_BLOOD_BANK);
    return child;
  }

  private void reserve(ProcessInstance child, String primary, String backup1, String backup2) {
    engine.getIdentityService().setAuthenticatedUserId("transplant-physician");
    try {
      complete(task(TASK_SELECT_CORD_BLOOD_UNITS, child), selection(primary, backup1, backup2));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, Object> selection(String primary, String backup1, String backup2) {
    Map<String, Object> v = new HashMap<>();
    v.put(PRIMARY_CORD_BLOOD_UNIT, primary);
    v.put(BACKUP_CORD_BLOOD_UNIT_1, backup1);
    v.put(BACKUP_CORD_BLOOD_UNIT_2, backup2);
    v.put(UNITS_RESERVED_WITH_BANK, true);
    return v;
  }

  private List<String> fieldsRejected(ProcessInstance child, String primary, String backup1, String backup2) {
    return formRejection(() -> complete(task(TASK_SELECT_CORD_BLOOD_UNITS, child), selection(primary, backup1, backup2)))
        .getViolations().stream().map(v -> v.field()).toList();
  }

  private static Map<String, Object> mdtDecision(String decision) {
    return Map.of(NO_SUITABLE_UNIT_DECISION, decision, NO_SUITABLE_UNIT_DECISION_DATE, today(), NO_SUITABLE_UNIT_RATIONALE,
        "Best unit 6/8 with TNC 4.4 x 10^7/kg: below the non-malignant threshold; MDT decision documented");
  }

  private void prepareForTransplant(ProcessInstance child) {
    assertThat(task(TASK_PRE_TRANSPLANT_EVALUATION, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_PRE_TRANSPLANT_EVALUATION, child), Map.of(PRE_TRANSPLANT_EVALUATION_DATE, today(),
        DosingWeight.WEIGHT_KG, 18.5, DosingWeight.WEIGHT_DATE, today(),
        INFECTION_SCREEN_NEGATIVE, true, ORGAN_FUNCTION_SUMMARY, "Echo, lung function, creatinine and bilirubin normal",
        CENTRAL_VENOUS_CATHETER_DATE, today(), CENTRAL_VENOUS_CATHETER_TYPE, "tunnelled-cvc", CLEARED_FOR_TRANSPLANT, true));
    complete(task(TASK_ADMIT_LAMINAR_FLOW, child), Map.of(LAMINAR_FLOW_ADMISSION_DATE, today(), LAMINAR_FLOW_ROOM, "LAF-3"));
    complete(task(TASK_START_CONDITIONING, child), Map.of(CONDITIONING_REGIMEN, "bu-flu-atg",
        CONDITIONING_INTENSITY, "myeloablative", CONDITIONING_START_DATE, today(),
        PLANNED_INFUSION_DATE, LocalDate.parse(today()).plusDays(8).toString()));
    complete(task(TASK_START_PROPHYLAXIS, child), Map.of(PROPHYLAXIS_START_DATE, today(), ANTIBACTERIAL_PROPHYLAXIS, true,
        ANTIVIRAL_PROPHYLAXIS, true, ANTIFUNGAL_PROPHYLAXIS, true, THERAPEUTIC_DRUG_MONITORING, true,
        GVHD_PROPHYLAXIS_REGIMEN, "csa-mmf"));
    later(8);
  }

  /** Thaws and counts; the child, last weighed at the pre-transplant evaluation 8 days before, is weighed (18.5 kg). */
  @Test
  void severeInfusionReactionRaisesAnAdverseEventReviewAndAMildOneDoesNot() {
    ProcessInstance child = preparedChild("UCBI-0430", ACCEPTABLE);
    thaw(child, 92.0, 85.0);
    complete(task(TASK_INFUSE_CORD_BLOOD, child), Map.of(CORD_BLOOD_INFUSION_DATE, today(), INFUSION_REACTION, "severe"));

    Assertions.assertThat(adverseEventReviews("UCBI-0430")).singleElement().satisfies(t -> Assertions.assertThat(
        taskService().getVariables(t.getId())).containsEntry("aeTerm", "allergic-reaction"));
    Assertions.assertThat(adverseEventReviews("UCBI-0403")).isEmpty();
  }

  /** Tasks of process adverseEventReview (issue 18 item 6) raised for the child. */
  private static List<org.camunda.bpm.engine.task.Task> adverseEventReviews(String subjectId) {
    return taskService().createTaskQuery().processDefinitionKey("adverseEventReview").processInstanceBusinessKey(subjectId)
        .list();
  }

  private void thaw(ProcessInstance child, double viableCd34, double viableCd45) {
    completeThaw(child, viableCd34, viableCd45);
    if (!taskService().createTaskQuery().processInstanceId(child.getId()).taskDefinitionKey(TASK_WEIGH_FOR_CELL_DOSE)
        .list().isEmpty()) {
      weigh(child, TASK_WEIGH_FOR_CELL_DOSE, 18.5, today());
    }
  }

  private void completeThaw(ProcessInstance child, double viableCd34, double viableCd45) {
    complete(task(TASK_THAW_UNIT, child), Map.of(THAW_DATE, today(), UNIT_IDENTITY_VERIFIED, true, POST_THAW_TNC_E8, 9.25,
        POST_THAW_CD34_E6, 5.55, VIABLE_CD34_PERCENT, viableCd34, VIABLE_CD45_PERCENT, viableCd45));
  }

  private static Map<String, Object> notClearedDecision(String decision) {
    return Map.of(NOT_CLEARED_DECISION, decision, NOT_CLEARED_DECISION_DATE, today(),
        NOT_CLEARED_DECISION_REASON, "Decided at the MDT meeting with the transplant physician");
  }

  /** The child, last weighed more than the limit before the graft failure, is weighed for the MDT (18.5 kg, today). */
  private void weighForTheMdtIfAsked(ProcessInstance child) {
    if (!taskService().createTaskQuery().processInstanceId(child.getId())
        .taskDefinitionKey(TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION).list().isEmpty()) {
      weigh(child, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, 18.5, today());
    }
  }

  private void weigh(ProcessInstance child, String taskId, double kg, String date) {
    assertThat(task(taskId, child)).hasCandidateGroup("transplant-physician");
    complete(task(taskId, child), Map.of(DosingWeight.WEIGHT_KG, kg, DosingWeight.WEIGHT_DATE, date));
  }

  private static Map<String, Object> postThawDecision(String decision) {
    return Map.of(POST_THAW_FAILURE_DECISION, decision, POST_THAW_FAILURE_JUSTIFICATION,
        "Decision documented with the stem cell laboratory director", TRANSPLANT_PROGRAMME_NOTIFIED, true);
  }

  private LocalDate infuse(ProcessInstance child) {
    assertThat(task(TASK_INFUSE_CORD_BLOOD, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_INFUSE_CORD_BLOOD, child), Map.of(CORD_BLOOD_INFUSION_DATE, today(), INFUSION_REACTION, "none"));
    assertThat(child).isWaitingAt(TASK_RECORD_BLOOD_COUNTS);
    return LocalDate.parse(today());
  }

  private ProcessInstance preparedChild(String subjectId) {
    return preparedChild(subjectId, ACCEPTABLE);
  }

  private ProcessInstance preparedChild(String subjectId, List<SearchCordBloodBankDouble.Unit> units) {
    bank.answering(units);
    ProcessInstance child = searched(subjectId);
    if (units.size() == 1) {
      reserve(child, units.get(0).key(), null, null);
    } else {
      reserve(child, units.get(0).key(), units.get(1).key(), units.get(2).key());
    }
    prepareForTransplant(child);
    return child;
  }

  private ProcessInstance infusedChild(String subjectId, List<SearchCordBloodBankDouble.Unit> units) {
    ProcessInstance child = preparedChild(subjectId, units);
    thaw(child, 92.0, 85.0);
    infuse(child);
    return child;
  }

  private static LocalDate day0(ProcessInstance child) {
    return LocalDate.parse((String) runtimeService().getVariable(child.getId(), CORD_BLOOD_INFUSION_DATE));
  }

  /** A count as entered on the day it is drawn: the engine clock is moved to that day (never back). */
  private static Map<String, Object> counts(LocalDate date, double anc, double platelets, boolean transfusion) {
    Date drawn = startOf(date);
    if (drawn.after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(drawn);
    }
    return Map.of(COUNT_DATE, date.toString(), ANC_E9_PER_L, anc, PLATELETS_E9_PER_L, platelets, PLATELET_TRANSFUSION, transfusion);
  }

  /** Nadir 4 days before, then 3 days >= 0.5 from the given day: neutrophil engraftment on that day. */
  private void engraftNeutrophils(ProcessInstance child, LocalDate day0, int day) {
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(day - 4), 0.1, 12, true));
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(day), 0.6, 15, false));
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(day + 1), 0.7, 18, false));
    complete(task(TASK_RECORD_BLOOD_COUNTS, child), counts(day0.plusDays(day + 2), 0.9, 19, false));
  }

  /** Three days >= 20 from the given day without transfusion since the neutrophil counts. */
  private void engraftPlatelets(ProcessInstance child, LocalDate day0, int day) {
    for (int k = 0; k < 3; k++) {
      complete(task(TASK_RECORD_PLATELET_COUNTS, child), counts(day0.plusDays(day + k), 1.8, 22 + k, false));
    }
  }

  private static Map<String, Object> primaryReview(boolean confirmed) {
    return Map.of(PRIMARY_GRAFT_FAILURE_REVIEW_DATE, today(), PRIMARY_GRAFT_FAILURE_CONFIRMED, confirmed,
        "primaryGraftFailureAssessment", confirmed ? "No ANC >= 0.5 to day +42, pancytopenic, hypocellular marrow"
            : "Counts entered late show neutrophil recovery from day +40");
  }

  private static Map<String, Object> chimerismLossReview(double repeatPercent, boolean dependent, boolean confirmed) {
    return Map.of(REPEAT_CHIMERISM_SAMPLE_DATE, today(), REPEAT_DONOR_CHIMERISM_PERCENT, repeatPercent,
        TRANSFUSION_OR_GROWTH_FACTOR_DEPENDENT, dependent, SECONDARY_GRAFT_FAILURE_CONFIRMED, confirmed,
        "secondaryGraftFailureAssessment", "Repeat sample and blood counts reviewed with the laboratory");
  }

  private static Map<String, Object> graftFailureDecision(String decision) {
    return Map.of(GRAFT_FAILURE_DECISION, decision, GRAFT_FAILURE_DECISION_DATE, today(),
        GRAFT_FAILURE_DECISION_REASON, "MDT review of the graft failure, the child's condition and the reserved units");
  }

  private static Map<String, Object> sample(String id) {
    return Map.of(CHIMERISM_SAMPLE_DATE, today(), CHIMERISM_SAMPLE_ID, id);
  }

  /** Message ChimerismResultReceived as the third-party laboratory sends it (business key = subject ID). */
  private static void chimerismResult(String subjectId, double donorPercent) {
    runtimeService().createMessageCorrelation(MESSAGE_CHIMERISM_RESULT_RECEIVED).processInstanceBusinessKey(subjectId)
        .setVariable(DONOR_CHIMERISM_PERCENT, donorPercent).setVariable(CHIMERISM_RESULT_DATE, today()).correlate();
  }

  private static Map<String, Object> gvhdStages(int skin, int liver, int upperGi, int lowerGi) {
    return Map.of(GVHD_ASSESSMENT_DATE, today(), SKIN_STAGE, skin, LIVER_STAGE, liver, UPPER_GI_STAGE, upperGi,
        LOWER_GI_STAGE, lowerGi);
  }

  /** An immune visit without chronic GVHD: every NIH organ score 0. */
  static Map<String, Object> immunePanel() {
    return immunePanel(0, 0);
  }

  /**
   * An immune visit with the NIH chronic GVHD scores of domain.md B 3.3: the skin and the mouth scored as given, every
   * other organ 0.
   */
  static Map<String, Object> immunePanel(int skinScore, int mouthScore) {
    Map<String, Object> v = new java.util.HashMap<>(Map.of(IMMUNE_PANEL_DATE, today(), "cd3CellsPerUl", 1200L,
        CD4_CELLS_PER_UL, 650L, "immunoglobulinSubstitution", false, "organFunctionFollowUp", "Normal"));
    for (String organ : List.of("Skin", "Mouth", "Eyes", "Gi", "Liver", "Lung", "JointsFascia", "Genital")) {
      v.put("chronicGvhd" + organ + "Score", 0L);
    }
    v.put("chronicGvhdSkinScore", (long) skinScore);
    v.put("chronicGvhdMouthScore", (long) mouthScore);
    return v;
  }

  private void confirmImmuneStability(ProcessInstance child, boolean stable) {
    complete(task(TASK_CONFIRM_IMMUNE_STABILITY, child), Map.of(IMMUNE_STABILITY_REVIEW_DATE, today(),
        IMMUNE_FUNCTION_STABLE, stable, IMMUNE_STABILITY_CRITERIA, List.of("t-cell-recovery", "naive-t-cells",
            "igg-without-substitution", "stable-donor-chimerism"),
        IMMUNE_STABILITY_RATIONALE, stable ? "CD4 650/uL with naive T cells, IgG normal off substitution, full donor"
            : "CD4 still below the age norm, IgG substitution ongoing"));
  }

  /**
   * Fires every monitoring timer in date order and answers each task it opens: chimerism sent and
   * returned with the given donor percentage, GVHD stages all 0 (or the given skin stage), immune panels.
   */
  private void followUpToTheMdt(ProcessInstance child, double donorPercent, int skinStage) {
    for (Job next = nextTimer(child); next != null; next = nextTimer(child)) {
      fire(next);
      for (Task t : taskService().createTaskQuery().processInstanceId(child.getId()).list()) {
        switch (t.getTaskDefinitionKey()) {
          case TASK_DISPATCH_CHIMERISM_SAMPLE -> {
            complete(t, sample("CHIM-" + child.getBusinessKey() + "-" + today()));
            chimerismResult(child.getBusinessKey(), donorPercent);
          }
          case TASK_STAGE_ACUTE_GVHD -> complete(t, gvhdStages(skinStage, 0, 0, 0));
          case TASK_RECORD_IMMUNE_PANEL -> complete(t, immunePanel());
          case TASK_ASSESS_DISCHARGE -> complete(t, discharge());
          case TASK_CONFIRM_IMMUNE_STABILITY -> { }
          default -> throw new AssertionError("Unexpected task " + t.getTaskDefinitionKey());
        }
      }
    }
    assertThat(child).isWaitingAt(TASK_CONFIRM_IMMUNE_STABILITY);
  }

  /** Discharged today with every criterion met; first outpatient visit in a week. */
  private static Map<String, Object> discharge() {
    return Map.of(DISCHARGE_ASSESSMENT_DATE, today(), DISCHARGE_CRITERIA, DISCHARGE_CRITERIA_ALL, READY_FOR_DISCHARGE, true,
        LAMINAR_FLOW_DISCHARGE_DATE, today(), OUTPATIENT_FIRST_VISIT_DATE,
        LocalDate.parse(today()).plusDays(7).toString(), OUTPATIENT_HANDOVER,
        "Ciclosporin and MMF doses, weekly counts, fever and rash as warning signs handed over");
  }

  private static Map<String, Object> chronicGvhdTreatment() {
    return Map.of(CHRONIC_GVHD_REVIEW_DATE, today(), CHRONIC_GVHD_PLAN, "systemic-treatment", CHRONIC_GVHD_TREATMENT,
        "Prednisolone 1 mg/kg/day", CHRONIC_GVHD_TREATMENT_START_DATE, today(), CHRONIC_GVHD_TREATMENT_REASON,
        "Oral lichenoid changes with reduced intake: NIH moderate, systemic steroids");
  }

  // ------------------------------------------------------------------ engine helpers

  private static void runJob(ProcessInstance child, String activityId) {
    Job job = managementService().createJobQuery().processInstanceId(child.getId()).activityId(activityId).singleResult();
    Assertions.assertThat(job).as("job at %s", activityId).isNotNull();
    managementService().executeJob(job.getId());
  }

  private static FormValidationException formRejection(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof FormValidationException rejection) {
        return rejection;
      }
    }
    throw new AssertionError("Expected a form rejection, got " + thrown, thrown);
  }

  private static JsonNode json(ProcessInstance child, String name) {
    try {
      return JSON.readTree(runtimeService().getVariable(child.getId(), name).toString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void later(int days) {
    ClockUtil.setCurrentTime(Date.from(now().plus(java.time.Duration.ofDays(days))));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static String today() {
    return now().atZone(ZONE).toLocalDate().toString();
  }

  private static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  private static Object historic(ProcessInstance child, String name) {
    HistoricVariableInstance v = historyService().createHistoricVariableInstanceQuery().processInstanceId(child.getId())
        .variableName(name).singleResult();
    return v == null ? null : v.getValue();
  }

  private static List<Object> historicValues(ProcessInstance child, String name) {
    return historyService().createHistoricDetailQuery().processInstanceId(child.getId()).variableUpdates().list().stream()
        .map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d).filter(d -> name.equals(d.getVariableName()))
        .map(d -> d.getValue()).toList();
  }

  private static long historicCount(ProcessInstance child, String activityId) {
    return historyService().createHistoricActivityInstanceQuery().processInstanceId(child.getId()).activityId(activityId)
        .finished().count();
  }
}

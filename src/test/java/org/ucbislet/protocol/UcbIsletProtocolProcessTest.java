package org.ucbislet.protocol;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.ucbislet.screening.ScreeningTestData.consent;
import static org.ucbislet.screening.ScreeningTestData.eligibleWorkUp;
import static org.ucbislet.screening.ScreeningTestData.mdtReview;
import static org.ucbislet.screening.ScreeningTestData.psychologicalAssessment;
import static org.ucbislet.screening.ScreeningTestData.referredChild;
import static org.ucbislet.screening.ScreeningTestData.with;
import static org.ucbislet.screening.ScreeningTestData.without;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.followup.FollowUpSettings;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.islettransplant.ComputeMonthsSinceInfusionDelegate;
import org.ucbislet.islettransplant.IsletSettings;
import org.ucbislet.safety.AdverseEventSettings;
import org.ucbislet.safety.AdverseEventVariables;
import org.ucbislet.safety.DeliverDeathReportDelegate;
import org.ucbislet.safety.OpenAdverseEventReportDelegate;
import org.ucbislet.safety.EndProtocolAsDeathDelegate;
import org.ucbislet.safety.RecordLateSafetyReportDelegate;
import org.ucbislet.safety.StartExpeditedReportClockDelegate;
import org.ucbislet.safety.RegisterAdverseEventReportListener;
import org.ucbislet.safety.ReportDeathAsAdverseEventDelegate;
import org.ucbislet.safety.StartReportingClocksDelegate;
import org.ucbislet.screening.DeriveEligibilityInputsDelegate;
import org.ucbislet.screening.RecordScreeningOutcomeListener;
import org.ucbislet.screening.ScreeningVariables;

/**
 * Every path through {@code ucbIsletProtocol} as it stands: enrolment, screening (two exits), stage 1 (three outcomes),
 * stage 2 (islets infused or the child removed from the waiting list), each with its long-term follow-up, and
 * withdrawal and death from anywhere.
 */
@Deployment(resources = {"bpmn/ucb-islet-protocol.bpmn", "bpmn/screening.bpmn", "bpmn/eligibility.dmn",
    "forms/enrol-subject.form", "forms/diagnostic-work-up.form", "forms/informed-consent.form",
    "forms/psychological-assessment.form", "forms/mdt-review.form", "forms/islet-consent.form",
    // the two stages are tested on their own (CordBloodTransplantProcessTest, IsletTransplantProcessTest); here
    // stand-ins return each of their outcomes so that every path of the protocol itself is covered
    "stand-ins/cord-blood-transplant-stand-in.bpmn", "stand-ins/islet-transplant-stand-in.bpmn",
    // followUp is tested on its own too (followup/FollowUpProcessTest)
    "stand-ins/follow-up-stand-in.bpmn",
    // adverse events reported through the protocol, and a death, start real adverseEvent instances
    "bpmn/adverse-event.bpmn", "bpmn/adverse-event-seriousness.dmn", "forms/adverse-event-report.form",
    "forms/sae-initial-report.form", "forms/sae-initial-report-overdue.form", "forms/sae-review.form",
    "forms/expedited-safety-report.form", "forms/complete-safety-report.form", "forms/critical-care-transfer.form",
    "forms/adverse-event-outcome.form",
    // Tasklist's start forms for a withdrawal and a death
    "bpmn/consent-withdrawal.bpmn", "forms/consent-withdrawal.form", "bpmn/death-report.bpmn", "forms/death-report.form",
    // tacrolimus troughs after the islet transplant's own schedule, beside the long-term follow-up (issue 18 item 7)
    "bpmn/tacrolimus-trough-target.dmn", "forms/long-term-tacrolimus-trough.form", "forms/tacrolimus-dose-adjustment.form"})
class UcbIsletProtocolProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  /** Every test runs on 1 June 2027 (withdrawal and death dates are checked against today). */
  private static final Instant TODAY = LocalDate.parse("2027-06-01").atStartOfDay(ClinicalTimeZone.get()).toInstant();

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(TODAY));
    Mocks.register("assignSubjectBusinessKeyListener", new AssignSubjectBusinessKeyListener());
    Mocks.register("recordProtocolEndListener", new RecordProtocolEndListener());
    Mocks.register("deriveEligibilityInputsDelegate", new DeriveEligibilityInputsDelegate());
    Mocks.register("recordScreeningOutcomeListener", new RecordScreeningOutcomeListener());
    Mocks.register("openAdverseEventReportDelegate", new OpenAdverseEventReportDelegate());
    Mocks.register("recordWithdrawalDelegate", new RecordWithdrawalDelegate());
    Mocks.register("reportDeathAsAdverseEventDelegate", new ReportDeathAsAdverseEventDelegate());
    Mocks.register("registerAdverseEventReportListener", new RegisterAdverseEventReportListener());
    Mocks.register("startReportingClocksDelegate", new StartReportingClocksDelegate());
    Mocks.register("recordLateSafetyReportDelegate", new RecordLateSafetyReportDelegate());
    Mocks.register("startExpeditedReportClockDelegate", new StartExpeditedReportClockDelegate());
    Mocks.register("endProtocolAsDeathDelegate", new EndProtocolAsDeathDelegate());
    Mocks.register("adverseEventSettings", AdverseEventSettings.defaults());
    Mocks.register("deliverConsentWithdrawalDelegate", new DeliverConsentWithdrawalDelegate());
    Mocks.register("deliverDeathReportDelegate", new DeliverDeathReportDelegate());
    Mocks.register("scheduleLongTermTroughDelegate", new ScheduleLongTermTroughDelegate(IsletSettings.defaults()));
    Mocks.register("computeMonthsSinceInfusionDelegate", new ComputeMonthsSinceInfusionDelegate());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private ProcessInstance enrol(Map<String, Object> startForm) {
    return runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, startForm);
  }

  @Test
  void screenedChildGoesThroughBothStagesUnderItsSubjectId() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0201"));

    Assertions.assertThat(protocol.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SCREENING);
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);
    Assertions.assertThat(screening.getBusinessKey()).isEqualTo("UCBI-0201");
    passScreening(screening);

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    assertThat(protocol).variables().containsEntry(ScreeningVariables.ELIGIBLE, true)
        .containsEntry(ScreeningVariables.SCREEN_FAILURE_REASON, "");
    ProcessInstance stage1 = calledProcessInstance(STAGE_1, protocol);
    Assertions.assertThat(stage1.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(stage1).variables().containsEntry(ProtocolVariables.WEIGHT_KG, 23.5)
        .containsEntry(ProtocolVariables.SUBJECT_ID, "UCBI-0201");
    complete(task(STAGE_1_TASK, stage1), Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
        ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01",
        ProtocolVariables.STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, "2028-02-10", "bloodCountSeries", "[]"));

    assertThat(protocol).isWaitingAt(ProtocolVariables.TASK_RECORD_ISLET_CONSENT).hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    assertThat(task(ProtocolVariables.TASK_RECORD_ISLET_CONSENT, protocol)).hasCandidateGroup("trial-coordinator");
    consentToStage2(protocol);
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    assertThat(protocol).variables().containsEntry(ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01")
        .containsEntry(ProtocolVariables.STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, "2028-02-10")
        .doesNotContainKey("bloodCountSeries"); // only the stage's results come back, not its working variables
    ProcessInstance stage2 = calledProcessInstance(STAGE_2, protocol);
    Assertions.assertThat(stage2.getBusinessKey()).isEqualTo("UCBI-0201");
    complete(task(STAGE_2_TASK, stage2), Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good", "infusionDate", "2028-06-01"));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    assertThat(protocol).variables().containsEntry(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good")
        .containsEntry(ProtocolVariables.LAST_ISLET_INFUSION_DATE, "2028-06-01");
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    Assertions.assertThat(followUp.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(followUp).variables().containsEntry(FollowUpVariables.SUBJECT_ID, "UCBI-0201")
        .containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2028-06-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_ISLET_INFUSION)
        .containsKeys(FollowUpVariables.DATE_OF_BIRTH, FollowUpVariables.SEX, FollowUpVariables.FOLLOW_UP_FROM)
        .doesNotContainKey(ProtocolVariables.WEIGHT_KG); // only what the follow-up needs
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.GROWTH_MEASUREMENTS, "[{\"visit\":\"Year 1\"}]"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_STAGE_2_ENDED, ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED)
        .hasNotPassed(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION);
    Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(protocol.getId())
        .variableName(FollowUpVariables.GROWTH_MEASUREMENTS).count())
        .as("follow-ups add measurements to the protocol as they are made, nothing is copied back at their end").isZero();
  }

  @Test
  void noSuitableCordBloodUnitEndsTheProtocol() {
    ProcessInstance protocol = throughScreening("UCBI-0211");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_NO_SUITABLE_UNIT));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_NO_SUITABLE_UNIT)
        .hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
  }

  @Test
  void graftFailureWithoutAFurtherTransplantKeepsTheChildInSafetyFollowUpToTheEndOfYearFive() {
    ProcessInstance protocol = throughScreening("UCBI-0212");
    infusionReported(protocol, "2027-02-01");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        with(Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_GRAFT_FAILURE),
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, null)); // as stage 1 returns it after a graft failure

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE)
        .hasPassed(ProtocolVariables.END_STAGES_ENDED_AFTER_STAGE_1)
        .hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT, ProtocolVariables.END_GRAFT_FAILURE);
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(followUp).isActive().hasBusinessKey("UCBI-0212").variables()
        .containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_CORD_BLOOD_INFUSION);
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 0));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_GRAFT_FAILURE);
  }

  @Test
  void mdtDecisionNotToTransplantBeforeAnyInfusionEndsTheProtocolWithItsOwnEnd() {
    ProcessInstance protocol = throughScreening("UCBI-0227");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        with(Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_NO_TRANSPLANT),
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, null));
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_NO_TRANSPLANT)
        .hasNotPassed(ProtocolVariables.END_NO_SUITABLE_UNIT, ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE);
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END))
        .isEqualTo("No transplant (MDT decision)");
  }

  @Test
  void mdtDecisionNotToTransplantAgainAfterAnInfusionKeepsTheChildInSafetyFollowUp() {
    ProcessInstance protocol = throughScreening("UCBI-0228");
    infusionReported(protocol, "2027-02-01");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        with(Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_NO_TRANSPLANT),
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, null));
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE)
        .hasNotPassed(ProtocolVariables.END_NO_TRANSPLANT);
  }

  @Test
  void childWhoseGraftFailedAndWhoseNewSearchFoundNoUnitStaysInSafetyFollowUp() {
    ProcessInstance protocol = throughScreening("UCBI-0226");
    infusionReported(protocol, "2027-02-01");
    // graft failure, the MDT ordered a new bank search, and the MDT ended stage 1 without a unit
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        with(Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_NO_SUITABLE_UNIT),
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, null));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE)
        .hasNotPassed(ProtocolVariables.END_NO_SUITABLE_UNIT);
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(followUp).variables().containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01");
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 0));
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_GRAFT_FAILURE);
  }

  @Test
  void withoutConsentToStage2TheChildHasNoIsletTransplantAndIsFollowedUpAfterTheCordBloodInfusion() {
    ProcessInstance protocol = throughScreening("UCBI-0225");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01"));
    org.camunda.bpm.engine.task.Task consent = task(ProtocolVariables.TASK_RECORD_ISLET_CONSENT, protocol);

    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(consent.getId(),
            with(stage2Consent(true), "isletChildAssent", "declined")))
        .hasRootCauseInstanceOf(FormValidationException.class).hasMessageContaining(ProtocolVariables.ISLET_CONSENT_OBTAINED)
        .hasMessageContaining("a declined assent means no consent");
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(consent.getId(),
            with(stage2Consent(true), "isletGuardianConsentSigned", false)))
        .hasRootCauseInstanceOf(FormValidationException.class).hasMessageContaining("isletGuardianConsentSigned");
    assertThat(protocol).isWaitingAt(ProtocolVariables.TASK_RECORD_ISLET_CONSENT);

    complete(consent, stage2Consent(false));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD)
        .hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT, ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    complete(task(FOLLOW_UP_TASK, calledProcessInstance(FOLLOW_UP, protocol)), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 0));
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_REMOVED_FROM_ISLET_WAITING_LIST);
  }

  @Test
  void childRemovedFromTheIsletWaitingListBeforeAnyInfusionIsFollowedUpAfterTheCordBloodInfusion() {
    ProcessInstance protocol = throughScreening("UCBI-0213");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01"));
    consentToStage2(protocol);
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)), Map.of("stillIsletCandidate", false));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD)
        .hasNotPassed(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(followUp).variables().containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_CORD_BLOOD_INFUSION);
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 0));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_REMOVED_FROM_ISLET_WAITING_LIST);
  }

  // ------------------------------------------------ follow-up after the cord blood infusion, beside the stages

  @Test
  void followUpAfterTheCordBloodInfusionStartsAtDay0MovesToANewDay0AndEndsWithTheStages() {
    ProcessInstance protocol = throughScreening("UCBI-0216");
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT, ProtocolVariables.CATCH_CORD_BLOOD_INFUSED);

    infusionReported(protocol, "2027-02-01"); // what stage 1 sends at day 0 (ReportInfusionToProtocolDelegate)
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT,
        ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION);
    ProcessInstance first = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(first).hasBusinessKey("UCBI-0216").variables()
        .containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_FROM, "2027-02-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_IMMUNE_PANELS_BY_CALLER_MONTHS, 12L) // stage 1's own panels
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_CORD_BLOOD_INFUSION);

    infusionReported(protocol, "2027-03-20"); // graft failure, backup unit infused: a new day 0
    assertThat(first).isEnded();
    ProcessInstance second = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(second).variables().containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-03-20");
    assertThat(protocol).hasPassed(ProtocolVariables.BOUNDARY_CORD_BLOOD_REINFUSED);

    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-03-20"));
    consentToStage2(protocol);
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_ISLET_TRANSPLANT, ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION);
    Assertions.assertThat(runtime().createProcessInstanceQuery().processInstanceId(second.getId()).count())
        .as("the cord blood follow-up goes on through the islet wait").isOne();

    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)),
        Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "optimal", "infusionDate", "2028-06-01"));
    assertThat(second).isEnded();
    assertThat(protocol).hasPassed(ProtocolVariables.END_STAGE_2_ENDED).hasNotPassed(ProtocolVariables.END_CORD_BLOOD_FOLLOW_UP_COMPLETED)
        .isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
  }

  @Test
  void followUpAfterTheCordBloodInfusionThatReachesYearFiveEndsOnItsOwnWhileTheStagesGoOn() {
    ProcessInstance protocol = throughScreening("UCBI-0217");
    infusionReported(protocol, "2027-02-01");
    complete(task(FOLLOW_UP_TASK, calledProcessInstance(FOLLOW_UP, protocol)), Map.of());

    assertThat(protocol).hasPassed(ProtocolVariables.END_CORD_BLOOD_FOLLOW_UP_COMPLETED)
        .isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_GRAFT_FAILURE));
    assertThat(protocol).hasPassed(ProtocolVariables.END_STAGES_ENDED_AFTER_STAGE_1)
        .isWaitingAt(ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE);
    complete(task(FOLLOW_UP_TASK, calledProcessInstance(FOLLOW_UP, protocol)), Map.of());
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_GRAFT_FAILURE);
  }

  @Test
  void stagesEndingAfterStage1CancelTheRunningCordBloodFollowUp() {
    ProcessInstance protocol = throughScreening("UCBI-0218");
    infusionReported(protocol, "2027-02-01");
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_GRAFT_FAILURE));

    assertThat(followUp).isEnded();
    assertThat(protocol).hasPassed(ProtocolVariables.END_STAGES_ENDED_AFTER_STAGE_1)
        .isWaitingAt(ProtocolVariables.CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE);
    ProcessInstance safety = calledProcessInstance(FOLLOW_UP, protocol);
    Assertions.assertThat(safety.getId()).isNotEqualTo(followUp.getId());
    assertThat(safety).variables().containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01");
    complete(task(FOLLOW_UP_TASK, safety), Map.of());
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_GRAFT_FAILURE);
    assertNothingOpen("UCBI-0218");
  }

  // ---------------------------------------------------------------------------------------- withdrawal

  @Test
  void consentWithdrawnDuringScreeningCancelsTheScreeningAndLeavesNoOpenTask() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0219"));
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);

    withdraw("UCBI-0219", Map.of(ProtocolVariables.WITHDRAWAL_REASON, "Family moved abroad"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.TASK_RECORD_WITHDRAWAL, ProtocolVariables.END_WITHDRAWN);
    assertThat(screening).isEnded();
    assertNothingOpen("UCBI-0219");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.WITHDRAWAL_DATE)).isEqualTo(day("2027-06-01"));
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.WITHDRAWAL_REASON)).isEqualTo("Family moved abroad");
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END)).as("why the child left").isEqualTo("Withdrawn");
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END_ACTIVITY_ID)).isEqualTo(ProtocolVariables.END_WITHDRAWN);
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.WITHDRAWAL_RECORDED_AT)).isEqualTo(day("2027-06-01"));
  }

  @Test
  void consentWithdrawnDuringStage1CancelsTheStageAndTheCordBloodFollowUp() {
    ProcessInstance protocol = throughScreening("UCBI-0214");
    ProcessInstance stage1 = calledProcessInstance(STAGE_1, protocol);
    infusionReported(protocol, "2027-02-01");
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);

    withdraw("UCBI-0214", Map.of(ProtocolVariables.WITHDRAWAL_DATE, "2027-03-01"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN).hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    assertThat(stage1).isEnded();
    assertThat(followUp).isEnded();
    assertNothingOpen("UCBI-0214");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.WITHDRAWAL_DATE)).isEqualTo(day("2027-03-01"));
  }

  @Test
  void consentWithdrawnDuringTheIsletWaitCancelsStage2AndLeavesNoOpenTask() {
    ProcessInstance protocol = throughStage1("UCBI-0220");
    ProcessInstance stage2 = calledProcessInstance(STAGE_2, protocol);

    withdraw("UCBI-0220", Map.of());

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN).hasNotPassed(ProtocolVariables.END_STAGE_2_ENDED);
    assertThat(stage2).isEnded();
    assertNothingOpen("UCBI-0220");
  }

  @Test
  void consentWithdrawnDuringTheLongTermFollowUpCancelsItAndLeavesNoOpenTask() {
    ProcessInstance protocol = throughStage1("UCBI-0221");
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)),
        Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good", "infusionDate", "2027-05-01"));
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);

    withdraw("UCBI-0221", Map.of(ProtocolVariables.WITHDRAWAL_DATE, "2027-05-30"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN).hasNotPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    assertThat(followUp).isEnded();
    assertNothingOpen("UCBI-0221");
  }

  @Test
  void withdrawalDatedInTheFutureOrBeforeTheReferralIsRefusedAndTheProtocolGoesOn() {
    ProcessInstance protocol = enrol(with(referredChild("UCBI-0222"), ProtocolVariables.REFERRAL_DATE, "2027-01-10"));

    Assertions.assertThatThrownBy(() -> withdraw("UCBI-0222", Map.of(ProtocolVariables.WITHDRAWAL_DATE, "2027-06-02")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("withdrawalDate").hasMessageContaining("future");
    Assertions.assertThatThrownBy(() -> withdraw("UCBI-0222", Map.of(ProtocolVariables.WITHDRAWAL_DATE, "2027-01-09")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("withdrawalDate").hasMessageContaining("referral");
    Assertions.assertThatThrownBy(() -> withdraw("UCBI-0222", Map.of(ProtocolVariables.WITHDRAWAL_DATE, "1st of May")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("withdrawalDate").hasMessageContaining("ISO-8601");

    assertThat(protocol).isNotEnded().isWaitingAt(ProtocolVariables.CALL_SCREENING).hasNotPassed(ProtocolVariables.END_WITHDRAWN);
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("UCBI-0222").count()).isOne();
  }

  @Test
  void trialCoordinatorWithdrawsAChildWithTasklistsStartForm() {
    ProcessInstance protocol = throughScreening("UCBI-0231");

    ProcessInstance report = submitStartForm(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY, Map.of(
        ProtocolVariables.SUBJECT_ID, "UCBI-0231", ProtocolVariables.WITHDRAWAL_DATE, "2027-05-31",
        ProtocolVariables.WITHDRAWAL_REASON, "Guardian withdrew consent at the clinic"));

    assertThat(report).isEnded().hasPassed("End_WithdrawalRecorded");
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(report.getId())
        .singleResult().getBusinessKey()).isEqualTo("UCBI-0231");
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN);
    assertNothingOpen("UCBI-0231");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.WITHDRAWAL_DATE)).isEqualTo(day("2027-05-31"));
  }

  @Test
  void withdrawalStartFormForAChildWithoutARunningProtocolOrWithABadDateIsRefusedAndNothingIsStored() {
    ProcessInstance protocol = throughScreening("UCBI-0232");

    Assertions.assertThatThrownBy(() -> submitStartForm(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY,
            Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0299", ProtocolVariables.WITHDRAWAL_DATE, "2027-05-31")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("subjectId").hasMessageContaining("no running protocol");
    Assertions.assertThatThrownBy(() -> submitStartForm(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY,
            Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0232", ProtocolVariables.WITHDRAWAL_DATE, "2027-07-01")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("withdrawalDate").hasMessageContaining("future");
    Assertions.assertThatThrownBy(() -> submitStartForm(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY,
            Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0232")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("withdrawalDate").hasMessageContaining("required");

    assertThat(protocol).isNotEnded();
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY).count()).isZero();
  }

  @Test
  void aDeathReportedWithTasklistsStartFormEndsTheProtocolAndNotAssessedCountsAsYes() {
    ProcessInstance protocol = throughScreening("UCBI-0233");

    submitStartForm(ProtocolVariables.DEATH_REPORT_PROCESS_KEY, Map.of(ProtocolVariables.SUBJECT_ID, "UCBI-0233",
        ProtocolVariables.DATE_OF_DEATH, "2027-05-28", ProtocolVariables.CAUSE_OF_DEATH, "Invasive aspergillosis",
        ProtocolVariables.CAUSE_OF_DEATH_TERM, "opportunistic-infection-post-transplant",
        "deathUnexpected", "notAssessed", "deathRelatedToIntervention", "no"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_DECEASED);
    assertThat(adverseEventOf("UCBI-0233")).variables()
        .containsEntry(AdverseEventVariables.AE_TERM, "opportunistic-infection-post-transplant")
        .containsEntry(AdverseEventVariables.UNEXPECTED, true).containsEntry(AdverseEventVariables.RELATED_TO_INTERVENTION, false)
        .containsEntry(AdverseEventVariables.EXPEDITED_REPORT_DAYS, 0).containsEntry(AdverseEventVariables.SERIOUS, true);
  }

  // ------------------------------------------------------------------------------------------- death

  @Test
  void patientDeceasedDuringTheLongTermFollowUpEndsTheProtocolAndReportsTheDeathAsAnAdverseEvent() {
    ProcessInstance protocol = throughStage1("UCBI-0215");
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)),
        Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "marginal", "infusionDate", "2027-04-01"));
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);

    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED).processInstanceBusinessKey("UCBI-0215")
        .setVariable(ProtocolVariables.DATE_OF_DEATH, "2027-05-15")
        .setVariable(ProtocolVariables.CAUSE_OF_DEATH, "Sepsis after portal vein thrombosis").correlate();

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.TASK_REPORT_DEATH_AS_ADVERSE_EVENT, ProtocolVariables.END_DECEASED)
        .hasNotPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    assertThat(followUp).isEnded();
    ProcessInstance death = adverseEventOf("UCBI-0215");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID)).isEqualTo(death.getId());
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END)).isEqualTo("Deceased");
    assertThat(death).hasBusinessKey("UCBI-0215").isWaitingAt(AdverseEventVariables.TASK_SUBMIT_INITIAL_SAE_REPORT)
        .variables().containsEntry(AdverseEventVariables.CTCAE_GRADE, 5).containsEntry(AdverseEventVariables.SERIOUS, true)
        .containsEntry(AdverseEventVariables.INITIAL_REPORT_DEADLINE, "PT24H")
        .containsEntry(AdverseEventVariables.AE_TERM, AdverseEventVariables.TERM_OTHER)
        .containsEntry(AdverseEventVariables.AE_TERM_OTHER, "Sepsis after portal vein thrombosis")
        .containsEntry(AdverseEventVariables.AE_ONSET_DATE, day("2027-05-15"))
        .containsEntry(AdverseEventVariables.REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.getId());
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("UCBI-0215").list())
        .as("only the death's safety report is left open: the reporting clock does not end with the protocol")
        .extracting(t -> t.getProcessInstanceId()).containsOnly(death.getId());
  }

  @Test
  void deathWithACauseFromTheProtocolsListAndNoDetailsStillReportsTheDeath() {
    ProcessInstance protocol = throughScreening("UCBI-0223");
    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED).processInstanceBusinessKey("UCBI-0223")
        .setVariable(ProtocolVariables.CAUSE_OF_DEATH_TERM, "gvhd").correlate();

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_DECEASED);
    assertThat(adverseEventOf("UCBI-0223")).variables().containsEntry(AdverseEventVariables.AE_TERM, "gvhd")
        .containsEntry(AdverseEventVariables.AE_ONSET_DATE, day("2027-06-01")).containsEntry(AdverseEventVariables.SERIOUS, true);
  }

  @Test
  void deathDatedInTheFutureOrWithAnUnknownTermIsRefusedAndNothingChanges() {
    ProcessInstance protocol = throughScreening("UCBI-0224");

    Assertions.assertThatThrownBy(() -> runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED)
            .processInstanceBusinessKey("UCBI-0224").setVariable(ProtocolVariables.DATE_OF_DEATH, "2027-06-05").correlate())
        .isInstanceOf(FormValidationException.class).hasMessageContaining("dateOfDeath").hasMessageContaining("future");
    Assertions.assertThatThrownBy(() -> runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED)
            .processInstanceBusinessKey("UCBI-0224").setVariable(ProtocolVariables.CAUSE_OF_DEATH_TERM, "heart attack").correlate())
        .isInstanceOf(FormValidationException.class).hasMessageContaining("causeOfDeathTerm").hasMessageContaining("must be one of");

    assertThat(protocol).isNotEnded().isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    Assertions.assertThat(runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY).count()).isZero();
  }

  // ------------------------------------- a grade 5 or fatal outcome on an adverse event form ends the protocol

  @Test
  void grade5AdverseEventOfAChildOnTheIsletWaitingListEndsTheProtocolAsADeathWithOneDeathReport() {
    ProcessInstance protocol = throughStage1("UCBI-0231");
    ProcessInstance waiting = calledProcessInstance(STAGE_2, protocol);
    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0231")
        .setVariables(with(with(adverseEvent("UCBI-0231"), AdverseEventVariables.CTCAE_GRADE, 5),
            AdverseEventVariables.HOSPITALIZATION, false)).correlate();
    ProcessInstance ae = adverseEventOf("UCBI-0231");
    assertThat(ae).isWaitingAt(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH, AdverseEventVariables.TASK_SUBMIT_INITIAL_SAE_REPORT);
    assertThat(protocol).isNotEnded();

    execute(job(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH, ae));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.TASK_REPORT_DEATH_AS_ADVERSE_EVENT, ProtocolVariables.END_DECEASED);
    assertThat(waiting).as("off the islet waiting list").isEnded();
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END)).isEqualTo("Deceased");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID)).isEqualTo(ae.getId());
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.DATE_OF_DEATH)).isEqualTo("2027-05-30");
    Assertions.assertThat(runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey("UCBI-0231").count()).as("the event is the death: no second death report").isOne();
    assertThat(ae).hasPassed(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH).isWaitingAt(AdverseEventVariables.TASK_SUBMIT_INITIAL_SAE_REPORT)
        .variables().containsEntry(AdverseEventVariables.PROTOCOL_ENDED_AS_DEATH, true);
  }

  @Test
  void fatalOutcomeOnTheOutcomeFormEndsTheProtocolAsADeath() {
    ProcessInstance protocol = throughScreening("UCBI-0232");
    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0232")
        .setVariables(adverseEvent("UCBI-0232")).correlate();
    ProcessInstance ae = adverseEventOf("UCBI-0232");
    complete(engine.getTaskService().createTaskQuery().processInstanceId(ae.getId())
        .taskDefinitionKey(AdverseEventVariables.TASK_RECORD_OUTCOME).singleResult(),
        Map.of(AdverseEventVariables.AE_OUTCOME, AdverseEventVariables.OUTCOME_FATAL, AdverseEventVariables.AE_OUTCOME_DATE, "2027-05-31"));
    assertThat(protocol).isNotEnded();

    execute(job(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH, ae));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_DECEASED);
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.DATE_OF_DEATH)).isEqualTo("2027-05-31");
    Assertions.assertThat(historicValue(protocol, ProtocolVariables.CAUSE_OF_DEATH))
        .isEqualTo("Adverse event: opportunistic-infection-immunodeficiency");
    Assertions.assertThat(runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey("UCBI-0232").count()).isOne();
  }

  @Test
  void deathReportedByPatientDeceasedDoesNotEndTheProtocolTwice() {
    ProcessInstance protocol = throughScreening("UCBI-0233");
    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED).processInstanceBusinessKey("UCBI-0233")
        .setVariable(ProtocolVariables.CAUSE_OF_DEATH_TERM, "gvhd").correlate();
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_DECEASED);
    ProcessInstance death = adverseEventOf("UCBI-0233");

    execute(job(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH, death));

    assertThat(death).hasPassed(AdverseEventVariables.TASK_END_PROTOCOL_AS_DEATH)
        .variables().containsEntry(AdverseEventVariables.PROTOCOL_ENDED_AS_DEATH, false);
  }

  @Test
  void patientDeceasedNamingAnAdverseEventThatIsNotAFatalEventOfTheChildIsRefused() {
    ProcessInstance protocol = throughScreening("UCBI-0234");
    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0234")
        .setVariables(adverseEvent("UCBI-0234")).correlate();
    String notFatal = adverseEventOf("UCBI-0234").getId();
    for (String id : List.of(notFatal, "no-such-instance")) {
      Assertions.assertThatThrownBy(() -> runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED)
              .processInstanceBusinessKey("UCBI-0234").setVariable(ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID, id).correlate())
          .isInstanceOf(FormValidationException.class).hasMessageContaining(ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID);
    }
    assertThat(protocol).isNotEnded().isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
  }

  // ------------------------------------------------------------------------------------ adverse events

  @Test
  void adverseEventReportedDuringStage1OpensItsOwnInstanceAndTheProtocolGoesOn() {
    ProcessInstance protocol = throughScreening("UCBI-0225");

    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0225")
        .setVariables(adverseEvent("UCBI-0225")).correlate();

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT).hasPassed(ProtocolVariables.END_ADVERSE_EVENT_REPORT_OPENED);
    ProcessInstance ae = adverseEventOf("UCBI-0225");
    assertThat(ae).variables().containsEntry(AdverseEventVariables.AE_TERM, "opportunistic-infection-immunodeficiency")
        .containsEntry(AdverseEventVariables.SERIOUS, true).containsEntry(AdverseEventVariables.REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.getId());
    assertThat(protocol).variables().doesNotContainKeys(AdverseEventVariables.CTCAE_GRADE, AdverseEventVariables.AE_TERM,
        AdverseEventVariables.AE_DESCRIPTION).containsKey(ProtocolVariables.ADVERSE_EVENT_REPORTS);
    Assertions.assertThat(runtime().getVariable(protocol.getId(), ProtocolVariables.ADVERSE_EVENT_REPORTS).toString())
        .contains(ae.getId()).contains("opportunistic-infection-immunodeficiency");

    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0225")
        .setVariables(with(adverseEvent("UCBI-0225"), AdverseEventVariables.AE_TERM, "allergic-reaction")).correlate();
    Assertions.assertThat(runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey("UCBI-0225").count()).as("a second event is a second instance").isEqualTo(2);
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
  }

  @Test
  void adverseEventReportThatBreaksTheFormIsRefusedAndNothingChanges() {
    ProcessInstance protocol = throughScreening("UCBI-0226");

    Assertions.assertThatThrownBy(() -> runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED)
            .processInstanceBusinessKey("UCBI-0226").setVariables(without(adverseEvent("UCBI-0226"), AdverseEventVariables.AE_DESCRIPTION))
            .correlate())
        .isInstanceOf(FormValidationException.class).hasMessageContaining("aeDescription");
    Assertions.assertThatThrownBy(() -> runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED)
            .processInstanceBusinessKey("UCBI-0226").setVariables(with(adverseEvent("UCBI-0226"), AdverseEventVariables.SUBJECT_ID, "UCBI-0227"))
            .correlate())
        .isInstanceOf(FormValidationException.class).hasMessageContaining("businessKey");

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT).hasNotPassed(ProtocolVariables.TASK_OPEN_ADVERSE_EVENT_REPORT)
        .variables().doesNotContainKeys(AdverseEventVariables.CTCAE_GRADE, ProtocolVariables.ADVERSE_EVENT_REPORTS)
        .containsEntry(ProtocolVariables.SUBJECT_ID, "UCBI-0226");
    Assertions.assertThat(runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY).count()).isZero();
  }

  @Test
  void aLateSafetyReportOfAChildInTheProtocolIsAlsoADeviationInTheProtocolsList() {
    ProcessInstance protocol = throughScreening("UCBI-0229");
    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0229")
        .setVariables(adverseEvent("UCBI-0229")).correlate();
    ProcessInstance ae = adverseEventOf("UCBI-0229");
    Job initialReportDue = engine.getManagementService().createJobQuery().processInstanceId(ae.getId())
        .activityId(AdverseEventVariables.TIMER_INITIAL_REPORT_DUE).singleResult();
    ClockUtil.setCurrentTime(initialReportDue.getDuedate()); // 24 h after the report, the initial report not in
    engine.getManagementService().executeJob(initialReportDue.getId());

    String deviations = runtime().getVariable(protocol.getId(), FollowUpVariables.PROTOCOL_DEVIATIONS).toString();
    Assertions.assertThat(deviations).contains("\"DVCAT\":\"SAFETY REPORTING\"").contains("\"DVSEQ\":1")
        .contains("\"USUBJID\":\"UCBI-0229\"");
    Assertions.assertThat(runtime().getVariable(protocol.getId(), FollowUpVariables.PROTOCOL_DEVIATION_COUNT)).isEqualTo(1);
    Assertions.assertThat(runtime().getVariable(ae.getId(), FollowUpVariables.PROTOCOL_DEVIATION_COUNT)).isEqualTo(1);
  }

  @Test
  void anAdverseEventStartedDirectlyForAChildInTheProtocolIsListedInTheProtocolToo() {
    ProcessInstance protocol = throughScreening("UCBI-0230");

    // as Tasklist's start form does: the adverseEvent start event itself, not the protocol's event sub-process
    ProcessInstance ae = runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED)
        .processInstanceBusinessKey("UCBI-0230").setVariables(adverseEvent("UCBI-0230")).correlateStartMessage();

    assertThat(protocol).hasNotPassed(ProtocolVariables.TASK_OPEN_ADVERSE_EVENT_REPORT);
    assertThat(ae).variables().containsEntry(AdverseEventVariables.REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.getId());
    Assertions.assertThat(runtime().getVariable(protocol.getId(), ProtocolVariables.ADVERSE_EVENT_REPORTS).toString()).contains(ae.getId());
  }

  @Test
  void adverseEventOfAChildWhoseProtocolEndedStartsTheAdverseEventDirectly() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0228"));
    withdraw("UCBI-0228", Map.of());
    assertThat(protocol).isEnded();

    runtime().createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED).processInstanceBusinessKey("UCBI-0228")
        .setVariables(adverseEvent("UCBI-0228")).correlate();

    assertThat(adverseEventOf("UCBI-0228")).variables().doesNotContainKey(AdverseEventVariables.REPORTED_FROM_PROTOCOL_INSTANCE_ID);
  }

  /** Islets infused on 1 June 2028 (stand-in): the long-term follow-up and the long-term troughs start side by side. */
  private ProcessInstance inLongTermFollowUpAfterIslets(String subjectId) {
    ProcessInstance protocol = throughStage1(subjectId);
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)),
        Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good", "infusionDate", "2028-06-01"));
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS, ProtocolVariables.TIMER_LONG_TERM_TROUGH_DUE);
    return protocol;
  }

  /** The long-term trough level due now: asserts its due date, moves the clock past it and fires its timer. */
  private org.camunda.bpm.engine.task.Task longTermTroughDue(ProcessInstance protocol, String dueDate) {
    Job due = job(ProtocolVariables.TIMER_LONG_TERM_TROUGH_DUE, protocol);
    Assertions.assertThat(due.getDuedate()).isEqualTo(day(dueDate));
    ClockUtil.setCurrentTime(Date.from(day(dueDate).toInstant().plus(java.time.Duration.ofDays(2))));
    execute(due);
    assertThat(protocol).isWaitingAt(ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH);
    org.camunda.bpm.engine.task.Task trough = task(ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH, protocol);
    assertThat(trough).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(engine.getTaskService().createTaskQuery().taskId(trough.getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo(ProtocolVariables.FORM_LONG_TERM_TACROLIMUS_TROUGH);
    return trough;
  }

  @Test
  void tacrolimusTroughsGoOnMonthlyAfterTheIsletScheduleUntilThePhysicianRecordsThatImmunosuppressionEnded() {
    ProcessInstance protocol = inLongTermFollowUpAfterIslets("UCBI-0241");

    // month 13 after the last infusion: the islet transplant's own schedule ended at month 12
    org.camunda.bpm.engine.task.Task month13 = longTermTroughDue(protocol, "2029-07-01");
    Assertions.assertThat(engine.getTaskService().getVariable(month13.getId(), ProtocolVariables.TROUGH_DUE_DATE).toString())
        .startsWith("2029-07-01T00:00");
    complete(month13, Map.of(ProtocolVariables.TROUGH_SAMPLE_DATE, "2029-07-01", ProtocolVariables.TACROLIMUS_TROUGH_NG_PER_ML, 6.8));
    assertThat(protocol).hasPassed(ProtocolVariables.TASK_EVALUATE_LONG_TERM_TROUGH)
        .hasNotPassed(ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE)
        .isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS, ProtocolVariables.TIMER_LONG_TERM_TROUGH_DUE);
    Assertions.assertThat(historicValue(protocol, "troughDeviation")).isNull(); // the next month starts empty
    Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(protocol.getId())
        .variableName("troughDeviation").list()).hasSize(1);

    org.camunda.bpm.engine.task.Task month14 = longTermTroughDue(protocol, "2029-08-01");
    Assertions.assertThat(engine.getTaskService().getVariable(month14.getId(), ProtocolVariables.TROUGH_SAMPLE_DATE))
        .as("last month's sample date is not offered again").isNull();
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(month14.getId(),
            Map.of(ProtocolVariables.IMMUNOSUPPRESSION_ENDED, true)))
        .hasRootCauseInstanceOf(FormValidationException.class)
        .hasMessageContaining(ProtocolVariables.IMMUNOSUPPRESSION_END_DATE)
        .hasMessageContaining(ProtocolVariables.IMMUNOSUPPRESSION_END_REASON);
    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(month14.getId(),
            Map.of(ProtocolVariables.IMMUNOSUPPRESSION_ENDED, true, ProtocolVariables.IMMUNOSUPPRESSION_END_DATE, "2029-08-20",
                ProtocolVariables.IMMUNOSUPPRESSION_END_REASON, "Islet graft failure, insulin resumed")))
        .hasRootCauseInstanceOf(FormValidationException.class)
        .hasMessageContaining(ProtocolVariables.IMMUNOSUPPRESSION_END_DATE); // in the future (today is 3 August 2029)
    assertThat(protocol).isWaitingAt(ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH);

    complete(month14, Map.of(ProtocolVariables.IMMUNOSUPPRESSION_ENDED, true, ProtocolVariables.IMMUNOSUPPRESSION_END_DATE,
        "2029-07-28", ProtocolVariables.IMMUNOSUPPRESSION_END_REASON, "Islet graft failure, insulin resumed"));

    assertThat(protocol).hasPassed(ProtocolVariables.END_IMMUNOSUPPRESSION_ENDED, ProtocolVariables.END_LONG_TERM_TROUGHS_ENDED)
        .isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    Assertions.assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(protocol.getId())
        .activityId(ProtocolVariables.TASK_EVALUATE_LONG_TERM_TROUGH).count())
        .as("month 13 classified, month 14 ended immunosuppression without a level").isOne();
    assertThat(protocol).variables().containsEntry(ProtocolVariables.IMMUNOSUPPRESSION_END_DATE, "2029-07-28")
        .containsEntry(ProtocolVariables.IMMUNOSUPPRESSION_END_REASON, "Islet graft failure, insulin resumed");
    Assertions.assertThat(job(ProtocolVariables.TIMER_LONG_TERM_TROUGH_DUE, protocol)).as("no further trough").isNull();

    complete(task(FOLLOW_UP_TASK, calledProcessInstance(FOLLOW_UP, protocol)), Map.of());
    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
  }

  @Test
  void longTermTroughOutOfRangeAsksTheTransplantPhysicianToAdjustTheDoseThenTheNextMonthFollows() {
    ProcessInstance protocol = inLongTermFollowUpAfterIslets("UCBI-0242");
    org.camunda.bpm.engine.task.Task month13 = longTermTroughDue(protocol, "2029-07-01");

    complete(month13, Map.of(ProtocolVariables.TROUGH_SAMPLE_DATE, "2029-07-02", ProtocolVariables.TACROLIMUS_TROUGH_NG_PER_ML, 9.4));

    assertThat(protocol).isWaitingAt(ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE);
    org.camunda.bpm.engine.task.Task adjust = task(ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE, protocol);
    assertThat(adjust).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(engine.getTaskService().getVariables(adjust.getId()))
        .containsEntry("troughDeviation", "above target") // month 13: target 6-8 ng/mL (tacrolimusTroughTarget)
        .containsEntry("troughTargetLowNgPerMl", 6.0).containsEntry("troughTargetHighNgPerMl", 8.0)
        .containsEntry("troughInRange", false);
    complete(adjust, Map.of("tacrolimusDoseMgPerDay", 1.5, "doseAdjustmentNote", "Reduced from 2 mg/day"));

    assertThat(protocol).hasPassed(ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE)
        .isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS, ProtocolVariables.TIMER_LONG_TERM_TROUGH_DUE);
    org.camunda.bpm.engine.task.Task month14 = longTermTroughDue(protocol, "2029-08-01");
    complete(month14, Map.of(ProtocolVariables.TROUGH_SAMPLE_DATE, "2029-08-01", ProtocolVariables.TACROLIMUS_TROUGH_NG_PER_ML, 4.9));
    Assertions.assertThat(engine.getTaskService().getVariables(
            task(ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE, protocol).getId()))
        .containsEntry("troughDeviation", "below target").doesNotContainEntry("tacrolimusDoseMgPerDay", 1.5);
  }

  @Test
  void longTermTroughsStillRunningEndWithTheProtocolAtTheEndOfTheLongTermFollowUp() {
    ProcessInstance protocol = inLongTermFollowUpAfterIslets("UCBI-0243");
    longTermTroughDue(protocol, "2029-07-01");

    complete(task(FOLLOW_UP_TASK, calledProcessInstance(FOLLOW_UP, protocol)), Map.of());

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED)
        .hasNotPassed(ProtocolVariables.END_IMMUNOSUPPRESSION_ENDED, ProtocolVariables.END_LONG_TERM_TROUGHS_ENDED);
    assertNothingOpen("UCBI-0243");
  }

  @Test
  void withdrawalEndsTheLongTermTroughsWithTheProtocol() {
    ProcessInstance protocol = inLongTermFollowUpAfterIslets("UCBI-0244");
    ClockUtil.setCurrentTime(day("2029-01-10"));

    withdraw("UCBI-0244", Map.of(ProtocolVariables.WITHDRAWAL_REASON, "Family moved abroad"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN)
        .hasNotPassed(ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH);
    assertNothingOpen("UCBI-0244");
  }

  private static final String STAGE_1 = "cordBloodTransplant";
  private static final String STAGE_1_TASK = "Task_Stage1StandIn";
  private static final String STAGE_2 = "isletTransplant";
  private static final String STAGE_2_TASK = "Task_Stage2StandIn";
  private static final String FOLLOW_UP = FollowUpVariables.PROCESS_KEY;
  private static final String FOLLOW_UP_TASK = "Task_FollowUpStandIn";

  private ProcessInstance throughScreening(String subjectId) {
    ProcessInstance protocol = enrol(referredChild(subjectId));
    passScreening(calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol));
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    return protocol;
  }

  private ProcessInstance throughStage1(String subjectId) {
    ProcessInstance protocol = throughScreening(subjectId);
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2026-03-01"));
    consentToStage2(protocol);
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    return protocol;
  }

  private static Map<String, Object> stage2Consent(boolean given) {
    Map<String, Object> v = new java.util.HashMap<>();
    v.put(ProtocolVariables.ISLET_CONSENT_OBTAINED, given);
    v.put("isletGuardianConsentSigned", given);
    v.put("isletChildAssent", given ? "obtained" : "declined");
    v.put("isletConsentDate", "2027-05-30");
    v.put("isletConsentFormVersion", "islet v1.0 2026-09-01");
    return v;
  }

  private static void consentToStage2(ProcessInstance protocol) {
    complete(task(ProtocolVariables.TASK_RECORD_ISLET_CONSENT, protocol), stage2Consent(true));
  }

  private ProcessInstance submitStartForm(String processKey, Map<String, Object> values) {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult().getId();
    return engine.getFormService().submitStartForm(definitionId, values);
  }

  private void infusionReported(ProcessInstance protocol, String day0) {
    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_CORD_BLOOD_INFUSION_RECORDED).processInstanceId(protocol.getId())
        .setVariable(ProtocolVariables.CORD_BLOOD_INFUSION_DATE, day0).correlateAll();
  }

  private void withdraw(String subjectId, Map<String, Object> variables) {
    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN).processInstanceBusinessKey(subjectId)
        .setVariables(variables).correlate();
  }

  /** No task, no running process instance and no job of the child is left. */
  private void assertNothingOpen(String subjectId) {
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(subjectId).count()).isZero();
    Assertions.assertThat(runtime().createProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
    Assertions.assertThat(engine.getManagementService().createJobQuery().count()).isZero();
  }

  private Job job(String activityId, ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }

  private ProcessInstance adverseEventOf(String subjectId) {
    return runtime().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).singleResult();
  }

  private Object historicValue(ProcessInstance instance, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private static Date day(String isoDate) {
    return Date.from(LocalDate.parse(isoDate).atStartOfDay(ClinicalTimeZone.get()).toInstant());
  }

  /** A serious, unexpected, related infection (hospitalised), as the start form adverse-event-report takes it. */
  private static Map<String, Object> adverseEvent(String subjectId) {
    Map<String, Object> v = new HashMap<>();
    v.put(AdverseEventVariables.SUBJECT_ID, subjectId);
    v.put(AdverseEventVariables.AE_TERM, "opportunistic-infection-immunodeficiency");
    v.put(AdverseEventVariables.AE_ONSET_DATE, "2027-05-30");
    v.put(AdverseEventVariables.AE_AWARENESS_DATE, "2027-05-30");
    v.put(AdverseEventVariables.CTCAE_GRADE, 3);
    v.put(AdverseEventVariables.LIFE_THREATENING, false);
    v.put(AdverseEventVariables.HOSPITALIZATION, true);
    v.put(AdverseEventVariables.PERSISTENT_DISABILITY, false);
    v.put(AdverseEventVariables.CONGENITAL_ANOMALY, false);
    v.put(AdverseEventVariables.IMPORTANT_MEDICAL_EVENT, false);
    v.put(AdverseEventVariables.UNEXPECTED, true);
    v.put(AdverseEventVariables.RELATED_TO_INTERVENTION, true);
    v.put(AdverseEventVariables.AE_DESCRIPTION, "CMV reactivation on day +40, admitted for ganciclovir");
    return v;
  }

  private static void passScreening(ProcessInstance screening) {
    complete(task(ScreeningVariables.TASK_CONSENT, screening), consent(true));
    complete(task(ScreeningVariables.TASK_WORK_UP, screening), eligibleWorkUp());
    complete(task(ScreeningVariables.TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(true));
    complete(task(ScreeningVariables.TASK_MDT, screening), mdtReview(true));
  }

  @Test
  void screenFailureEndsTheProtocolWithTheReason() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0202"));
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);
    complete(task(ScreeningVariables.TASK_CONSENT, screening), consent(true));
    complete(task(ScreeningVariables.TASK_WORK_UP, screening),
        with(eligibleWorkUp(), ScreeningVariables.ACTIVE_MALIGNANCY, true));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_SCREEN_FAILURE);
    Assertions.assertThat(historicValue(protocol, RecordProtocolEndListener.PROTOCOL_END)).isEqualTo("Screen failure");
    assertThat(protocol).variables().containsEntry(ScreeningVariables.ELIGIBLE, false)
        .containsEntry(ScreeningVariables.SCREEN_FAILURE_REASON, "Active malignancy (exclusion)");
  }

  @Test
  void subjectIdThatIsNotPseudonymousIsRefusedAndNothingStarts() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0203"), ProtocolVariables.SUBJECT_ID, "Li Wei")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("subjectId");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
  }

  @Test
  void negativeWeightIsRefused() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0204"), ProtocolVariables.WEIGHT_KG, -3.0)))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("weightKg").hasMessageContaining("at least 0.5");
  }

  @Test
  void enrolmentWeighingBecomesTheChildsCurrentWeightWithItsDate() {
    ProcessInstance dated = enrol(with(referredChild("UCBI-0231"), DosingWeight.WEIGHT_DATE, "2027-05-28"));
    assertThat(dated).variables().containsEntry(DosingWeight.CURRENT_WEIGHT_KG, runtime().getVariable(dated.getId(),
        ProtocolVariables.WEIGHT_KG)).containsEntry(DosingWeight.CURRENT_WEIGHT_DATE, "2027-05-28");
    // without its date the enrolment weight was measured on the day of enrolment
    ProcessInstance undated = enrol(referredChild("UCBI-0232"));
    assertThat(undated).variables().containsEntry(DosingWeight.CURRENT_WEIGHT_DATE, "2027-06-01")
        .containsKey(DosingWeight.CURRENT_WEIGHT_SOURCE);
  }

  @Test
  void weighingDatedInTheFutureOrBeforeBirthIsRefusedAtEnrolment() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0233"), DosingWeight.WEIGHT_DATE, "2027-06-02")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("weightDate")
        .hasMessageContaining("must not be in the future");
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0233"), DosingWeight.WEIGHT_DATE, "2001-01-01")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("weightDate")
        .hasMessageContaining("dateOfBirth");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void dateOfBirthInTheFutureIsRefusedAtEnrolmentAndNothingIsStored() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0208"), ProtocolVariables.DATE_OF_BIRTH, "2027-06-02")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("dateOfBirth")
        .hasMessageContaining("must not be in the future (today 2027-06-01)");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
  }

  @Test
  void childOf18AtReferralIsRefusedAtEnrolmentNotAfterTheWorkUp() {
    Map<String, Object> form = with(with(referredChild("UCBI-0209"), ProtocolVariables.DATE_OF_BIRTH, "2009-05-20"),
        ProtocolVariables.REFERRAL_DATE, "2027-05-20");
    Assertions.assertThatThrownBy(() -> enrol(form)).isInstanceOf(FormValidationException.class)
        .hasMessageContaining("dateOfBirth").hasMessageContaining("18 years old at referral on 2027-05-20");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();

    ProcessInstance oneDayShort = enrol(with(form, ProtocolVariables.DATE_OF_BIRTH, "2009-05-21"));
    assertThat(oneDayShort).isActive();
  }

  @Test
  void referralDatedInTheFutureOrBeforeBirthIsRefused() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0210"), ProtocolVariables.REFERRAL_DATE, "2027-06-02")))
        .hasMessageContaining("referralDate").hasMessageContaining("must not be in the future");
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0210"), ProtocolVariables.REFERRAL_DATE, "2015-02-28")))
        .hasMessageContaining("referralDate").hasMessageContaining("must not be before dateOfBirth");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();
  }

  @Test
  void missingDateOfBirthAndUnknownGeneAreBothNamed() {
    Map<String, Object> form = with(without(referredChild("UCBI-0205"), ProtocolVariables.DATE_OF_BIRTH),
        ProtocolVariables.GENE_NAME, "INS");
    Assertions.assertThatThrownBy(() -> enrol(form))
        .hasMessageContaining("dateOfBirth").hasMessageContaining("is required")
        .hasMessageContaining("geneName").hasMessageContaining("must be one of");
  }

  @Test
  void businessKeyOtherThanTheSubjectIdIsRefused() {
    Assertions.assertThatThrownBy(() -> runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, "UCBI-9999",
            referredChild("UCBI-0206")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("businessKey");
  }

  @Test
  void subjectAlreadyInTheProtocolCannotBeEnrolledTwice() {
    enrol(referredChild("UCBI-0207"));
    Assertions.assertThatThrownBy(() -> enrol(referredChild("UCBI-0207")))
        .isInstanceOf(SubjectAlreadyEnrolledException.class).hasMessageContaining("already enrolled");
    Assertions.assertThat(runtime().createProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).count()).isEqualTo(1);
  }
}

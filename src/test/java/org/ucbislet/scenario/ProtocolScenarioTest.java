package org.ucbislet.scenario;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import org.ucbislet.clinical.DosingWeight;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.cordblood.CordBloodIndex;
import org.ucbislet.cordblood.CordBloodInventory;
import org.ucbislet.cordblood.CordBloodSearch;
import org.ucbislet.cordblood.CordBloodSearchVariables;
import org.ucbislet.cordblood.CordBloodSettings;
import org.ucbislet.cordblood.InventoryCsv;
import org.ucbislet.cordblood.SearchCordBloodBankDelegate;
import org.ucbislet.cordblood.UnitAcceptanceDecision;
import org.ucbislet.cordbloodtransplant.AssessEngraftmentDelegate;
import org.ucbislet.cordbloodtransplant.CheckBackupUnitLeftListener;
import org.ucbislet.cordbloodtransplant.CheckNoSuitableUnitDecisionListener;
import org.ucbislet.cordbloodtransplant.CheckPreTransplantClearanceListener;
import org.ucbislet.cordbloodtransplant.ComputeCellDoseDelegate;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantSettings;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.cordbloodtransplant.EngraftmentSettings;
import org.ucbislet.cordbloodtransplant.RecordStage1OutcomeListener;
import org.ucbislet.cordbloodtransplant.RecordUnitReservationListener;
import org.ucbislet.cordbloodtransplant.ReportInfusionToProtocolDelegate;
import org.ucbislet.cordbloodtransplant.ScheduleMonitoringDelegate;
import org.ucbislet.cordbloodtransplant.ScheduleNextImmunePanelDelegate;
import org.ucbislet.cordbloodtransplant.SwitchToBackupUnitDelegate;
import org.ucbislet.followup.ComputeGrowthZScoresDelegate;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpSettings;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.followup.PlanFollowUpVisitsDelegate;
import org.ucbislet.followup.RecordMissedVisitDelegate;
import org.ucbislet.isletisolation.AllocateIsletProductDelegate;
import org.ucbislet.isletisolation.AssignDonorBusinessKeyListener;
import org.ucbislet.isletisolation.CalculateIsletEquivalentsDelegate;
import org.ucbislet.isletisolation.DeliverIsletProductDelegate;
import org.ucbislet.isletisolation.EnforceFourEyesReleaseListener;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.isletisolation.MeasureColdIschemiaDelegate;
import org.ucbislet.isletisolation.RecordIsletCounterListener;
import org.ucbislet.islettransplant.IsletTransplantMocks;
import org.ucbislet.islettransplant.ComputeMonthsSinceInfusionDelegate;
import org.ucbislet.islettransplant.EnterIsletWaitingListDelegate;
import org.ucbislet.islettransplant.IsletSettings;
import org.ucbislet.islettransplant.IsletTransplantVariables;
import org.ucbislet.islettransplant.RegisterFurtherInfusionDelegate;
import org.ucbislet.islettransplant.RegisterIsletProductDelegate;
import org.ucbislet.islettransplant.ScheduleIsletFollowUpDelegate;
import org.ucbislet.protocol.AssignSubjectBusinessKeyListener;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.protocol.RecordProtocolEndListener;
import org.ucbislet.protocol.RecordWithdrawalDelegate;
import org.ucbislet.safety.OpenAdverseEventReportDelegate;
import org.ucbislet.safety.ReportDeathAsAdverseEventDelegate;
import org.ucbislet.screening.DeriveEligibilityInputsDelegate;
import org.ucbislet.screening.OrganDamage;
import org.ucbislet.screening.RecordScreeningOutcomeListener;
import org.ucbislet.screening.ScreeningVariables;

/**
 * One child, UCBI-9101, from referral to the end of follow-up year five through the real deployed processes and
 * nothing else: {@code ucbIsletProtocol} calls {@code screening}, {@code cordBloodTransplant} (the real cord blood
 * bank search over a three-unit inventory), {@code isletTransplant} (its islets isolated by a separate
 * {@code isletIsolation} instance started by message PancreasOffered and allocated to the waiting child) and
 * {@code followUp}: from day 0 of the cord blood infusion until stage 2 ends, then the long-term follow-up to the end
 * of year five after the islet infusion. Every user task is completed with values its group would submit (the forms
 * are enforced on the server); every timer fires at its due date and the engine clock never passes an earlier due
 * job. One follow-up visit is deliberately missed and must be in the protocol's {@code protocolDeviations}.
 */
@Deployment(resources = {"bpmn/dosing-weighing.bpmn", "forms/weigh-child.form", "bpmn/ucb-islet-protocol.bpmn", "bpmn/screening.bpmn", "bpmn/cord-blood-transplant.bpmn",
    "bpmn/islet-transplant.bpmn", "bpmn/islet-isolation.bpmn", "bpmn/follow-up.bpmn",
    "bpmn/eligibility.dmn", "bpmn/cord-blood-unit-acceptance.dmn", "bpmn/cord-blood-post-thaw-release.dmn",
    "bpmn/chimerism-classification.dmn", "bpmn/acute-gvhd-grade.dmn", "bpmn/chronic-gvhd-severity.dmn", "bpmn/basiliximab-dose.dmn",
    "bpmn/islet-infusion-volume.dmn", "bpmn/heparin-bleeding-risk.dmn",
    "bpmn/portal-pressure.dmn", "bpmn/tacrolimus-trough-target.dmn", "bpmn/islet-graft-function.dmn",
    "bpmn/pancreas-donor-acceptance.dmn", "bpmn/islet-product-release.dmn",
    "forms/enrol-subject.form", "forms/diagnostic-work-up.form", "forms/informed-consent.form",
    "forms/psychological-assessment.form", "forms/mdt-review.form",
    "forms/hla-typing.form", "forms/no-suitable-unit-decision.form", "forms/cord-blood-unit-selection.form",
    "forms/pre-transplant-evaluation.form", "forms/not-cleared-decision.form", "forms/laminar-flow-admission.form", "forms/laminar-flow-discharge.form", "forms/chronic-gvhd-treatment.form", "forms/conditioning-chemotherapy.form",
    "forms/complication-prophylaxis.form", "forms/thaw-cord-blood-unit.form", "forms/post-thaw-failure-review.form",
    "forms/cord-blood-infusion.form", "forms/blood-counts.form", "forms/delayed-engraftment-review.form",
    "forms/chimerism-sample-dispatch.form", "forms/chimerism-result-overdue.form", "forms/acute-gvhd-staging.form",
    "forms/acute-gvhd-treatment.form", "forms/immune-reconstitution-visit.form", "forms/immune-stability-review.form",
    "forms/islet-consent.form", "forms/islet-candidacy-review.form", "forms/administer-basiliximab.form", "forms/portal-vein-puncture.form",
    "forms/portal-access-decision.form", "forms/open-portal-injection.form", "forms/islet-infusion.form",
    "forms/stopped-infusion-review.form", "forms/tract-embolisation.form", "forms/start-immunosuppression.form",
    "forms/basiliximab-second-dose.form", "forms/immunosuppression-taper.form", "forms/tacrolimus-trough.form",
    "forms/tacrolimus-dose-adjustment.form", "forms/long-term-tacrolimus-trough.form", "forms/insulin-reduction.form", "forms/islet-graft-function.form",
    "forms/further-infusion-decision.form", "forms/islet-infusion-go.form", "forms/bleeding-thrombosis-check.form",
    "forms/bleeding-thrombosis-management.form",
    "forms/pancreas-offer.form", "forms/procure-pancreas.form", "forms/trim-pancreas.form", "forms/digest-pancreas.form",
    "forms/collect-digest.form", "forms/purify-islets.form", "forms/count-islets.form", "forms/record-release-tests.form",
    "forms/decide-release.form", "forms/discard-product.form",
    "forms/follow-up-visit.form", "forms/follow-up-mmtt-visit.form", "forms/follow-up-immune-function.form",
    "forms/overdue-visit.form", "bpmn/adverse-event-review.bpmn", "forms/adverse-event-review.form", "forms/islet-immune-panel.form"})
class ProtocolScenarioTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private static final String SUBJECT = "UCBI-9101";
  private static final String DONOR = "OPO-2028-9101";
  private static final ZoneId ZONE = ClinicalTimeZone.get();
  private static final Instant REFERRAL = LocalDate.of(2026, 11, 2).atTime(8, 0).atZone(ZONE).toInstant();
  private static final LocalDate DATE_OF_BIRTH = LocalDate.of(2019, 5, 10);
  /** The visit that nobody attends: its window closes and a protocol deviation is recorded. */
  private static final String MISSED_VISIT = "Year 3";
  /**
   * Islets are offered this long after the child entered the islet waiting list: 5 days after the first candidacy review
   * (day 90), where the child was weighed, so the allocation doses on a weight within 7 days (clinical.DosingWeight).
   */
  private static final Duration WAIT_FOR_ISLETS = Duration.ofDays(95);
  /** Days after day 0 of the daily counts: nadir, then three days over 0.5 x 10^9/L (neutrophil engraftment day +14). */
  private static final int[] NEUTROPHIL_COUNT_DAYS = {10, 14, 15, 16};
  private static final double[] NEUTROPHILS = {0.1, 0.6, 0.7, 0.9};
  /** Three days of platelets over 20 x 10^9/L without transfusion: platelet engraftment day +24. */
  private static final int[] PLATELET_COUNT_DAYS = {24, 25, 26};

  private static final CordBloodTransplantSettings STAGE1 = CordBloodTransplantSettings.defaults();
  private static final EngraftmentSettings ENGRAFTMENT = EngraftmentSettings.defaults();
  /** The defaults of application.yaml (ucbi.islet), as IsletTransplantProcessTest uses them. */
  private static final IsletSettings ISLETS = IsletSettings.defaults();

  private Clinic clinic;
  private int neutrophilCounts;
  private int plateletCounts;
  private Instant crossClampAt;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(REFERRAL));
    // protocol
    Mocks.register("assignSubjectBusinessKeyListener", new AssignSubjectBusinessKeyListener());
    Mocks.register("recordProtocolEndListener", new RecordProtocolEndListener());
    Mocks.register("openAdverseEventReportDelegate", new OpenAdverseEventReportDelegate());
    Mocks.register("recordWithdrawalDelegate", new RecordWithdrawalDelegate());
    Mocks.register("reportDeathAsAdverseEventDelegate", new ReportDeathAsAdverseEventDelegate());
    // screening
    Mocks.register("deriveEligibilityInputsDelegate", new DeriveEligibilityInputsDelegate());
    Mocks.register("recordScreeningOutcomeListener", new RecordScreeningOutcomeListener());
    // stage 1: the real bank search over a small inventory, no double
    CordBloodSettings bank = CordBloodSettings.defaults();
    Mocks.register(CordBloodSearchVariables.DELEGATE_BEAN, new SearchCordBloodBankDelegate(
        new CordBloodSearch(inventory(), new UnitAcceptanceDecision(engine.getProcessEngine()), bank), bank));
    Mocks.register("cordBloodTransplantSettings", STAGE1);
    Mocks.register("engraftmentSettings", ENGRAFTMENT);
    Mocks.register("recordUnitReservationListener", new RecordUnitReservationListener(STAGE1));
    Mocks.register("checkNoSuitableUnitDecisionListener", new CheckNoSuitableUnitDecisionListener());
    Mocks.register("checkPreTransplantClearanceListener", new CheckPreTransplantClearanceListener());
    Mocks.register("checkDischargeListener", new org.ucbislet.cordbloodtransplant.CheckDischargeListener());
    Mocks.register("checkBackupUnitLeftListener", new CheckBackupUnitLeftListener());
    Mocks.register("computeCellDoseDelegate", new ComputeCellDoseDelegate());
    Mocks.register("checkDosingWeightDelegate", new org.ucbislet.cordbloodtransplant.CheckDosingWeightDelegate(
        org.ucbislet.clinical.DosingWeightSettings.defaults()));
    Mocks.register("switchToBackupUnitDelegate", new SwitchToBackupUnitDelegate());
    Mocks.register("scheduleMonitoringDelegate", new ScheduleMonitoringDelegate(STAGE1, ENGRAFTMENT));
    Mocks.register("assessEngraftmentDelegate", new AssessEngraftmentDelegate(ENGRAFTMENT));
    Mocks.register("recordStage1OutcomeListener", new RecordStage1OutcomeListener());
    Mocks.register("scheduleNextImmunePanelDelegate", new ScheduleNextImmunePanelDelegate(STAGE1));
    Mocks.register("reportInfusionToProtocolDelegate", new ReportInfusionToProtocolDelegate());
    // stage 2: isolation
    Mocks.register("assignDonorBusinessKeyListener", new AssignDonorBusinessKeyListener());
    Mocks.register("recordIsletCounterListener", new RecordIsletCounterListener());
    Mocks.register("enforceFourEyesReleaseListener", new EnforceFourEyesReleaseListener());
    Mocks.register("calculateIsletEquivalentsDelegate", new CalculateIsletEquivalentsDelegate());
    Mocks.register("measureColdIschemiaDelegate", new MeasureColdIschemiaDelegate());
    Mocks.register("allocateIsletProductDelegate", new AllocateIsletProductDelegate(org.ucbislet.clinical.DosingWeightSettings.defaults()));
    Mocks.register("deliverIsletProductDelegate", new DeliverIsletProductDelegate());
    // stage 2: transplant
    IsletTransplantMocks.register(ISLETS);
    Mocks.register("scheduleLongTermTroughDelegate", new org.ucbislet.protocol.ScheduleLongTermTroughDelegate(ISLETS));
    // follow-up
    Mocks.register("planFollowUpVisitsDelegate", new PlanFollowUpVisitsDelegate(FollowUpSettings.defaults()));
    Mocks.register("computeGrowthZScoresDelegate", new ComputeGrowthZScoresDelegate());
    Mocks.register("recordMissedVisitDelegate", new RecordMissedVisitDelegate());

    clinic = new Clinic();
    answerEveryTask();
  }

  @AfterEach
  void tearDown() {
    engine.getIdentityService().clearAuthentication();
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ the scenario

  @Test
  void childGoesFromReferralThroughBothStagesToTheEndOfFollowUpYearFive() {
    long startedAt = System.nanoTime();
    ProcessInstance protocol = runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, referredChild());
    Assertions.assertThat(protocol.getBusinessKey()).isEqualTo(SUBJECT);
    clinic.once(this::waitingForIslets, () -> clinic.at(waitingSince().plus(WAIT_FOR_ISLETS), "pancreas offered",
        this::offerPancreas));

    clinic.runUntilEnded(protocol);

    double seconds = (System.nanoTime() - startedAt) / 1e9;
    System.out.printf("Scenario %s: %d user tasks completed %s, %d timers fired (created already due: %s), %d async jobs,"
        + " %.1f s, ended %s%n", SUBJECT, clinic.tasksCompleted, clinic.tasksByGroup, clinic.timersFired,
        clinic.createdOverdue, clinic.asyncJobsExecuted, seconds, today());
    Assertions.assertThat(clinic.tasksCompleted).as("user tasks completed").isPositive();
    Assertions.assertThat(clinic.timersFired).as("timers fired").isPositive();
    // the clock never passed a due job, and no timer was created with a date already past (the long-term follow-up
    // starts on day +365 and leaves out the day +365 MMTT that isletTransplant has just done: followUpVisitsAfter)
    Assertions.assertThat(clinic.createdOverdue).as("timers already due when they were created").isEmpty();

    // the protocol's own path
    assertThat(protocol).isEnded().hasPassedInOrder(ProtocolVariables.CALL_SCREENING,
        ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT, ProtocolVariables.CALL_ISLET_TRANSPLANT,
        ProtocolVariables.END_STAGE_2_ENDED, ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS,
        ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    assertThat(protocol).hasPassed(ProtocolVariables.CATCH_CORD_BLOOD_INFUSED,
        ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION).hasNotPassed(ProtocolVariables.END_SCREEN_FAILURE,
        ProtocolVariables.END_STAGES_ENDED_AFTER_STAGE_1, ProtocolVariables.END_CORD_BLOOD_FOLLOW_UP_COMPLETED,
        ProtocolVariables.BOUNDARY_CORD_BLOOD_REINFUSED, ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD,
        ProtocolVariables.END_WITHDRAWN, ProtocolVariables.END_DECEASED);
    String protocolId = protocol.getId();
    Assertions.assertThat(historic(protocolId, ScreeningVariables.ELIGIBLE)).isEqualTo(true);
    Assertions.assertThat(historic(protocolId, ProtocolVariables.STAGE1_OUTCOME))
        .isEqualTo(ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION);
    Assertions.assertThat(historic(protocolId, ProtocolVariables.ISLET_GRAFT_FUNCTION)).isEqualTo(IsletTransplantVariables.GRAFT_GOOD);

    // dosing weight: every weighing (enrolment, pre-transplant evaluation, follow-up visits, candidacy reviews, weigh-first
    // tasks) became the child's current weight on the protocol, in the order measured; the history keeps each one
    List<Object> weighings = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(protocolId).variableUpdates()
        .orderByTime().asc().list().stream().map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
        .filter(d -> d.getVariableName().equals(DosingWeight.CURRENT_WEIGHT_KG)).map(d -> d.getValue()).toList();
    Assertions.assertThat(weighings).startsWith(23.5, 23.6).contains(25.0).hasSizeGreaterThan(5);
    List<Object> sources = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(protocolId).variableUpdates()
        .list().stream().map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
        .filter(d -> d.getVariableName().equals(DosingWeight.CURRENT_WEIGHT_SOURCE)).map(d -> d.getValue()).toList();
    Assertions.assertThat(sources).contains("Evaluate before transplant, place catheter", "Review islet candidacy");

    // screening passed
    HistoricProcessInstance screening = called(protocolId, ScreeningVariables.PROCESS_KEY).get(0);
    Assertions.assertThat(screening.getEndActivityId()).isEqualTo(ScreeningVariables.END_PASSED);

    // stage 1 ended with stable immune function, day 0 told to the protocol
    HistoricProcessInstance stage1 = called(protocolId, CordBloodTransplantVariables.PROCESS_KEY).get(0);
    Assertions.assertThat(stage1.getEndActivityId()).isEqualTo(CordBloodTransplantVariables.END_STABLE_IMMUNE_FUNCTION);
    Assertions.assertThat(passed(stage1.getId(), "Event_ReportInfusionToProtocol")).isEqualTo(1);
    LocalDate day0 = LocalDate.parse((String) historic(stage1.getId(), CordBloodTransplantVariables.CORD_BLOOD_INFUSION_DATE));
    Assertions.assertThat(historic(protocolId, ProtocolVariables.CORD_BLOOD_INFUSION_DATE)).isEqualTo(day0.toString());
    Assertions.assertThat(historic(stage1.getId(), CordBloodTransplantVariables.NEUTROPHIL_ENGRAFTMENT_DAY)).isEqualTo(14);
    Assertions.assertThat(historic(stage1.getId(), CordBloodTransplantVariables.PLATELET_ENGRAFTMENT_DAY)).isEqualTo(24);

    // the follow-up after the cord blood infusion: started at day 0, ended by the terminate end event End_Stage2Ended
    HistoricActivityInstance cordBloodFollowUpCall = activity(protocolId,
        ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION);
    HistoricActivityInstance stage2Ended = activity(protocolId, ProtocolVariables.END_STAGE_2_ENDED);
    Assertions.assertThat(localDate(cordBloodFollowUpCall.getStartTime())).as("started at day 0").isEqualTo(day0);
    Assertions.assertThat(cordBloodFollowUpCall.isCanceled()).as("ended by the terminate end event").isTrue();
    Assertions.assertThat(cordBloodFollowUpCall.getEndTime()).isEqualTo(stage2Ended.getStartTime());
    String cordBloodFollowUp = cordBloodFollowUpCall.getCalledProcessInstanceId();
    Assertions.assertThat(historic(cordBloodFollowUp, FollowUpVariables.FOLLOW_UP_SCHEDULE))
        .isEqualTo(FollowUpSettings.AFTER_CORD_BLOOD_INFUSION);
    Assertions.assertThat(historic(cordBloodFollowUp, FollowUpVariables.FOLLOW_UP_ANCHOR_DATE)).isEqualTo(day0.toString());
    Assertions.assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) history().createHistoricVariableInstanceQuery()
            .processInstanceId(cordBloodFollowUp).variableName(FollowUpVariables.FOLLOW_UP_VISITS)
            .disableCustomObjectDeserialization().singleResult().getTypedValue()).getValueSerialized())
        .as("stage 1 does the first year's immune panels itself").doesNotContain("Month 3 immune panel")
        .doesNotContain("Month 12 immune panel").contains("Year 2 immune panel");
    Assertions.assertThat(passed(cordBloodFollowUp, FollowUpVariables.END_VISIT_COMPLETED)).as("visits done").isPositive();
    Assertions.assertThat(passed(cordBloodFollowUp, FollowUpVariables.END_FOLLOW_UP_COMPLETED)
        + passed(cordBloodFollowUp, FollowUpVariables.END_FOLLOW_UP_COMPLETED_WITH_DEVIATIONS)).isZero();
    Assertions.assertThat(history().createHistoricProcessInstanceQuery().processInstanceId(cordBloodFollowUp).singleResult()
        .getEndTime()).isEqualTo(stage2Ended.getStartTime());

    // stage 2: the product of the isolation allocated to this child, islets infused, graft followed to day +365
    HistoricProcessInstance isolation = history().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IsletIsolationVariables.PROCESS_KEY).singleResult();
    Assertions.assertThat(isolation.getBusinessKey()).isEqualTo(DONOR);
    Assertions.assertThat(isolation.getEndActivityId()).isEqualTo(IsletIsolationVariables.END_RELEASED);
    Assertions.assertThat(historic(isolation.getId(), IsletIsolationVariables.ALLOCATED_SUBJECT_ID)).isEqualTo(SUBJECT);
    HistoricProcessInstance stage2 = called(protocolId, IsletTransplantVariables.PROCESS_KEY).get(0);
    Assertions.assertThat(stage2.getEndActivityId()).isEqualTo(IsletTransplantVariables.END_COMPLETED_GOOD);
    Assertions.assertThat(passed(stage2.getId(), IsletTransplantVariables.TASK_INFUSE_ISLETS)).isEqualTo(1);
    Assertions.assertThat(historic(stage2.getId(), IsletIsolationVariables.PRODUCT_ID)).isEqualTo(DONOR);
    LocalDate isletsInfused = LocalDate.parse((String) historic(protocolId, ProtocolVariables.LAST_ISLET_INFUSION_DATE));
    Assertions.assertThat(historic(stage2.getId(), IsletTransplantVariables.INFUSION_DATE)).isEqualTo(isletsInfused.toString());

    // tacrolimus troughs beside it, months 13 to 17 in range, ended by the transplant physician at month 18
    Assertions.assertThat(passed(protocolId, ProtocolVariables.TASK_EVALUATE_LONG_TERM_TROUGH)).isEqualTo(5);
    Assertions.assertThat(passed(protocolId, ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE)).isZero();
    Assertions.assertThat(passed(protocolId, ProtocolVariables.END_IMMUNOSUPPRESSION_ENDED)).isEqualTo(1);
    Assertions.assertThat(historic(protocolId, ProtocolVariables.IMMUNOSUPPRESSION_END_DATE))
        .isEqualTo(isletsInfused.plusMonths(18).toString());

    // the long-term follow-up to the end of year five after the islet infusion
    String longTerm = activity(protocolId, ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS).getCalledProcessInstanceId();
    Assertions.assertThat(historic(longTerm, FollowUpVariables.FOLLOW_UP_SCHEDULE)).isEqualTo(FollowUpSettings.AFTER_ISLET_INFUSION);
    Assertions.assertThat(historic(longTerm, FollowUpVariables.FOLLOW_UP_ANCHOR_DATE)).isEqualTo(isletsInfused.toString());
    Assertions.assertThat(historic(longTerm, FollowUpVariables.FOLLOW_UP_PLANNED_UNTIL))
        .isEqualTo(isletsInfused.plusYears(5).toString());
    Assertions.assertThat(passed(longTerm, FollowUpVariables.END_VISIT_MISSED)).isEqualTo(1);
    Assertions.assertThat(passed(longTerm, FollowUpVariables.END_FOLLOW_UP_COMPLETED_WITH_DEVIATIONS)).isEqualTo(1);
    HistoricProcessInstance protocolHistory = history().createHistoricProcessInstanceQuery().processInstanceId(protocolId)
        .singleResult();
    Assertions.assertThat(localDate(protocolHistory.getEndTime())).as("ends in the window of the year 5 visit")
        .isAfterOrEqualTo(isletsInfused.plusYears(5).minusMonths(1));
    Assertions.assertThat(protocolHistory.getEndActivityId()).isEqualTo(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    Assertions.assertThat(historic(protocolId, RecordProtocolEndListener.PROTOCOL_END)).isEqualTo("Protocol completed");

    // every growth measurement of both follow-ups is in the child's record
    long measured = passed(cordBloodFollowUp, FollowUpVariables.TASK_COMPUTE_GROWTH_Z_SCORES)
        + passed(longTerm, FollowUpVariables.TASK_COMPUTE_GROWTH_Z_SCORES);
    Assertions.assertThat(passed(longTerm, FollowUpVariables.TASK_COMPUTE_GROWTH_Z_SCORES)).isPositive();
    Assertions.assertThat(FollowUpJson.records(historic(protocolId, FollowUpVariables.GROWTH_MEASUREMENTS)))
        .as("growth measurements of the protocol").hasSize((int) measured);

    // the missed visit is in the child's list of protocol deviations, with the SDTM DV fields
    List<Map<String, Object>> deviations = FollowUpJson.records(historic(protocolId, FollowUpVariables.PROTOCOL_DEVIATIONS));
    System.out.println("Protocol deviations of " + SUBJECT + ": " + deviations);
    Assertions.assertThat(deviations).singleElement().satisfies(d -> Assertions.assertThat(d)
        .containsEntry("USUBJID", SUBJECT).containsEntry("DVSEQ", 1).containsEntry("DVCAT", "MISSED VISIT")
        .containsEntry("EPOCH", "LONG-TERM FOLLOW-UP").containsEntry("VISIT", MISSED_VISIT)
        .containsEntry("DVSTDTC", clinic.missedVisitRecordedOn.toString())
        .containsKeys("DVTERM", "VISITNUM")
        .hasEntrySatisfying("DVTERM", term -> Assertions.assertThat((String) term).contains(MISSED_VISIT)));
    Assertions.assertThat(historic(protocolId, FollowUpVariables.PROTOCOL_DEVIATION_COUNT)).isEqualTo(1);

    // nothing left open for the child
    Assertions.assertThat(runtime().createProcessInstanceQuery().processInstanceBusinessKey(SUBJECT).count()).isZero();
    Assertions.assertThat(tasks().createTaskQuery().processInstanceBusinessKey(SUBJECT).count()).isZero();
    for (HistoricProcessInstance instance : history().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(SUBJECT).list()) {
      Assertions.assertThat(jobs().createJobQuery().processInstanceId(instance.getId()).count())
          .as("jobs of %s %s", instance.getProcessDefinitionKey(), instance.getId()).isZero();
    }
    Assertions.assertThat(jobs().createJobQuery().count()).as("no job left in the engine").isZero();
  }

  /**
   * The same child withdrawn while it waits on the islet waiting list (stage 2's receive task, the follow-up after the
   * cord blood infusion running beside it): nothing of the child stays open, and the next islet product finds no
   * waiting recipient, so the withdrawn child is off the waiting list.
   */
  @Test
  void withdrawalDuringTheIsletWaitLeavesNothingOpenAndTakesTheChildOffTheWaitingList() {
    ProcessInstance protocol = runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, referredChild());
    clinic.runUntil(this::waitingForIslets);
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_ISLET_TRANSPLANT,
        ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION);

    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN).processInstanceBusinessKey(SUBJECT)
        .setVariable(ProtocolVariables.WITHDRAWAL_REASON, "Family declined the islet transplant").correlate();

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN);
    Assertions.assertThat(runtime().createProcessInstanceQuery().processInstanceBusinessKey(SUBJECT).count()).isZero();
    Assertions.assertThat(tasks().createTaskQuery().processInstanceBusinessKey(SUBJECT).count()).isZero();
    Assertions.assertThat(jobs().createJobQuery().count()).as("no timer of the child left").isZero();

    offerPancreas();
    clinic.answer(IsletIsolationVariables.TASK_DISCARD, t -> Map.of(IsletIsolationVariables.DISCARD_REASON,
        "No child waiting for islets", "discardDate", today().toString()));
    clinic.runUntil(() -> history().createHistoricProcessInstanceQuery().processDefinitionKey(IsletIsolationVariables.PROCESS_KEY)
        .finished().count() == 1);
    HistoricProcessInstance isolation = history().createHistoricProcessInstanceQuery()
        .processDefinitionKey(IsletIsolationVariables.PROCESS_KEY).singleResult();
    Assertions.assertThat(isolation.getEndActivityId()).isEqualTo(IsletIsolationVariables.END_DISCARDED);
    Assertions.assertThat(historic(isolation.getId(), IsletIsolationVariables.ALLOCATED_SUBJECT_ID)).isNull();
  }

  // ------------------------------------------------------------------ what each group answers

  private void answerEveryTask() {
    // screening
    clinic.answer(ScreeningVariables.TASK_WORK_UP, t -> eligibleWorkUp());
    clinic.answer(ScreeningVariables.TASK_CONSENT, t -> Map.of(ScreeningVariables.CONSENT_OBTAINED, true,
        "guardianConsentSigned", true, "childAssent", "obtained", "consentDate", today().toString(),
        "consentFormVersion", "v2.1 2026-06-01"));
    clinic.answer(ProtocolVariables.TASK_RECORD_ISLET_CONSENT, t -> Map.of(ProtocolVariables.ISLET_CONSENT_OBTAINED, true,
        "isletGuardianConsentSigned", true, "isletChildAssent", "obtained", "isletConsentDate", today().toString(),
        "isletConsentFormVersion", "islet v1.0 2026-09-01"));
    clinic.answer(ScreeningVariables.TASK_PSYCHOLOGICAL, t -> Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, true,
        "psychologicalAssessmentDate", today().toString()));
    clinic.answer(ScreeningVariables.TASK_MDT, t -> Map.of(ScreeningVariables.MDT_APPROVED_TRANSPLANT, true,
        "mdtMeetingDate", today().toString(), "mdtRationale", "Indications met, no contraindication"));

    // stage 1
    clinic.answer(CordBloodTransplantVariables.TASK_RECORD_HLA_TYPING, t -> hlaTyping());
    clinic.answer(CordBloodTransplantVariables.TASK_SELECT_CORD_BLOOD_UNITS, this::reserveProposedUnits);
    clinic.answer(CordBloodTransplantVariables.TASK_PRE_TRANSPLANT_EVALUATION, t -> Map.of(
        CordBloodTransplantVariables.PRE_TRANSPLANT_EVALUATION_DATE, today().toString(),
        DosingWeight.WEIGHT_KG, 23.6, DosingWeight.WEIGHT_DATE, today().toString(),
        CordBloodTransplantVariables.INFECTION_SCREEN_NEGATIVE, true,
        CordBloodTransplantVariables.ORGAN_FUNCTION_SUMMARY, "Echo, lung function, creatinine and bilirubin normal",
        CordBloodTransplantVariables.CENTRAL_VENOUS_CATHETER_DATE, today().toString(),
        CordBloodTransplantVariables.CENTRAL_VENOUS_CATHETER_TYPE, "tunnelled-cvc",
        CordBloodTransplantVariables.CLEARED_FOR_TRANSPLANT, true));
    clinic.answer(CordBloodTransplantVariables.TASK_ADMIT_LAMINAR_FLOW, t -> Map.of(
        CordBloodTransplantVariables.LAMINAR_FLOW_ADMISSION_DATE, today().toString(),
        CordBloodTransplantVariables.LAMINAR_FLOW_ROOM, "LAF-3"));
    clinic.answer(CordBloodTransplantVariables.TASK_START_CONDITIONING, t -> Map.of(
        CordBloodTransplantVariables.CONDITIONING_REGIMEN, "bu-flu-atg",
        CordBloodTransplantVariables.CONDITIONING_INTENSITY, "myeloablative",
        CordBloodTransplantVariables.CONDITIONING_START_DATE, today().toString(),
        CordBloodTransplantVariables.PLANNED_INFUSION_DATE, today().plusDays(8).toString()));
    clinic.answer(CordBloodTransplantVariables.TASK_START_PROPHYLAXIS, t -> Map.of(
        CordBloodTransplantVariables.PROPHYLAXIS_START_DATE, today().toString(),
        CordBloodTransplantVariables.ANTIBACTERIAL_PROPHYLAXIS, true, CordBloodTransplantVariables.ANTIVIRAL_PROPHYLAXIS, true,
        CordBloodTransplantVariables.ANTIFUNGAL_PROPHYLAXIS, true, CordBloodTransplantVariables.THERAPEUTIC_DRUG_MONITORING, true,
        CordBloodTransplantVariables.GVHD_PROPHYLAXIS_REGIMEN, "csa-mmf"));
    clinic.answer(CordBloodTransplantVariables.TASK_THAW_UNIT, this::thawOnThePlannedInfusionDay);
    // weigh-first tasks (dosing weight older than 7 days): the child is weighed that day
    for (String weighing : List.of(CordBloodTransplantVariables.TASK_WEIGH_BEFORE_SEARCH,
        CordBloodTransplantVariables.TASK_WEIGH_FOR_CELL_DOSE, "Task_WeighChild")) {
      clinic.answer(weighing, t -> Map.of(DosingWeight.WEIGHT_KG, 23.8, DosingWeight.WEIGHT_DATE, today().toString()));
    }
    clinic.answer(CordBloodTransplantVariables.TASK_INFUSE_CORD_BLOOD, t -> Map.of(
        CordBloodTransplantVariables.CORD_BLOOD_INFUSION_DATE, today().toString(),
        CordBloodTransplantVariables.INFUSION_REACTION, "none"));
    clinic.answer(CordBloodTransplantVariables.TASK_RECORD_BLOOD_COUNTS, this::neutrophilCount);
    clinic.answer(CordBloodTransplantVariables.TASK_RECORD_PLATELET_COUNTS, this::plateletCount);
    clinic.answer(CordBloodTransplantVariables.TASK_STAGE_ACUTE_GVHD, t -> Map.of(
        CordBloodTransplantVariables.GVHD_ASSESSMENT_DATE, today().toString(), CordBloodTransplantVariables.SKIN_STAGE, 0,
        CordBloodTransplantVariables.LIVER_STAGE, 0, CordBloodTransplantVariables.UPPER_GI_STAGE, 0,
        CordBloodTransplantVariables.LOWER_GI_STAGE, 0));
    clinic.answer(CordBloodTransplantVariables.TASK_DISPATCH_CHIMERISM_SAMPLE, this::sendChimerismSample);
    clinic.answer(CordBloodTransplantVariables.TASK_RECORD_IMMUNE_PANEL, t -> immunePanel());
    clinic.answer(CordBloodTransplantVariables.TASK_ASSESS_DISCHARGE, t -> Map.of(
        CordBloodTransplantVariables.DISCHARGE_ASSESSMENT_DATE, today().toString(),
        CordBloodTransplantVariables.DISCHARGE_CRITERIA, CordBloodTransplantVariables.DISCHARGE_CRITERIA_ALL,
        CordBloodTransplantVariables.READY_FOR_DISCHARGE, true,
        CordBloodTransplantVariables.LAMINAR_FLOW_DISCHARGE_DATE, today().toString(),
        CordBloodTransplantVariables.OUTPATIENT_FIRST_VISIT_DATE, today().plusDays(7).toString(),
        CordBloodTransplantVariables.OUTPATIENT_HANDOVER, "Medication, weekly counts and warning signs handed over"));
    clinic.answer(CordBloodTransplantVariables.TASK_CONFIRM_IMMUNE_STABILITY, t -> Map.of(
        CordBloodTransplantVariables.IMMUNE_STABILITY_REVIEW_DATE, today().toString(),
        CordBloodTransplantVariables.IMMUNE_FUNCTION_STABLE, true,
        CordBloodTransplantVariables.IMMUNE_STABILITY_CRITERIA, List.of("t-cell-recovery", "naive-t-cells",
            "igg-without-substitution", "stable-donor-chimerism"),
        CordBloodTransplantVariables.IMMUNE_STABILITY_RATIONALE,
        "CD4 650/uL with naive T cells, IgG normal off substitution, full donor"));

    // stage 2: the islet laboratory (counted by alice, released by bob: four eyes)
    clinic.answer(IsletIsolationVariables.TASK_PROCURE, this::procurePancreas);
    clinic.answer(IsletIsolationVariables.TASK_TRIM, t -> Map.of("trimmedPancreasWeightG", 78L, "capsuleIntact", true));
    clinic.answer(IsletIsolationVariables.TASK_DIGEST, this::digestSixHoursAfterCrossClamp);
    clinic.answer(IsletIsolationVariables.TASK_COLLECT, t -> Map.of("digestVolumeMl", 1800L, "digestPelletMl", 14.0));
    clinic.answer(IsletIsolationVariables.TASK_PURIFY, t -> Map.of("gradientType", "continuous",
        "gradientDensities", "1.077/1.100", "purifiedFractions", 12L));
    clinic.answer(IsletIsolationVariables.TASK_COUNT, t -> isletCounts());
    clinic.completeAs(IsletIsolationVariables.TASK_COUNT, "alice");
    clinic.answer(IsletIsolationVariables.TASK_RELEASE_TESTS, t -> Map.of(IsletIsolationVariables.PURITY_PERCENT, 60L,
        IsletIsolationVariables.VIABILITY_PERCENT, 85L, IsletIsolationVariables.SETTLED_TISSUE_VOLUME_ML, 4.5,
        IsletIsolationVariables.ENDOTOXIN_EU, 40.0, IsletIsolationVariables.GRAM_STAIN_NEGATIVE, true));
    clinic.answer(IsletIsolationVariables.TASK_DECIDE_RELEASE, t -> Map.of(IsletIsolationVariables.RELEASE_APPROVED, true,
        "releaseDecisionNotes", "Certificate checked"));
    clinic.completeAs(IsletIsolationVariables.TASK_DECIDE_RELEASE, "bob");

    // stage 2: the islet transplant
    clinic.answer(IsletTransplantVariables.TASK_REVIEW_CANDIDACY, t -> Map.of(IsletTransplantVariables.STILL_ISLET_CANDIDATE,
        true, IsletTransplantVariables.CANDIDACY_REVIEW_DATE, today().toString(),
        DosingWeight.WEIGHT_KG, 25.0, DosingWeight.WEIGHT_DATE, today().toString(),
        IsletTransplantVariables.CANDIDACY_REVIEW_RATIONALE, "Immune function stable, indication unchanged"));
    clinic.answer(IsletTransplantVariables.TASK_DECIDE_ISLET_INFUSION, t -> Map.of(IsletTransplantVariables.ISLET_INFUSION_GO,
        true, IsletTransplantVariables.ISLET_INFUSION_GO_DATE, today().toString(),
        IsletTransplantVariables.ISLET_INFUSION_GO_RATIONALE, "Stable immune function, no intercurrent infection",
        IsletTransplantVariables.WEIGHT_KG, 24.0, IsletTransplantVariables.WEIGHT_DATE, today().toString()));
    clinic.answer(IsletTransplantVariables.TASK_ADMINISTER_BASILIXIMAB, t -> Map.of(
        IsletTransplantVariables.BASILIXIMAB_GIVEN_MG, 10.0, IsletTransplantVariables.BASILIXIMAB_GIVEN_AT, now().toString()));
    clinic.answer(IsletTransplantVariables.TASK_PUNCTURE_PORTAL_VEIN, t -> Map.of(
        IsletTransplantVariables.PUNCTURE_SUCCESSFUL, true, IsletTransplantVariables.BASELINE_PORTAL_PRESSURE_MM_HG, 13.0));
    clinic.answer(IsletTransplantVariables.TASK_INFUSE_ISLETS, t -> Map.of(IsletTransplantVariables.INFUSION_DATE,
        today().toString(), IsletTransplantVariables.PORTAL_PRESSURE_MM_HG, 22.0,
        IsletTransplantVariables.INFUSED_FRACTION_PERCENT, 100L, IsletTransplantVariables.HEPARIN_GIVEN, true,
        IsletTransplantVariables.HEPARIN_UNITS, 840L, IsletTransplantVariables.INFUSED_TISSUE_VOLUME_ML, 4.5));
    clinic.answer(IsletTransplantVariables.TASK_EMBOLISE_TRACT, t -> Map.of(IsletTransplantVariables.STEEL_COIL_PLACED, true,
        IsletTransplantVariables.GELATIN_SPONGE_PLACED, true));
    clinic.answer(IsletTransplantVariables.TASK_START_IMMUNOSUPPRESSION, t -> Map.of(
        IsletTransplantVariables.IMMUNOSUPPRESSION_START_DATE, today().toString(),
        IsletTransplantVariables.TACROLIMUS_DOSE_MG_PER_DAY, 4.0, IsletTransplantVariables.MYCOPHENOLATE_DOSE_MG_BID, 600L,
        IsletTransplantVariables.ANTICOAGULATION_CONTINUED, true));
    clinic.answer(IsletTransplantVariables.TASK_BASILIXIMAB_SECOND_DOSE, t -> Map.of(
        IsletTransplantVariables.BASILIXIMAB_SECOND_DOSE_GIVEN, true, IsletTransplantVariables.BASILIXIMAB_SECOND_DOSE_MG, 10.0));
    clinic.answer(IsletTransplantVariables.TASK_TAPER_IMMUNOSUPPRESSION, t -> Map.of(
        IsletTransplantVariables.TACROLIMUS_DOSE_MG_PER_DAY, 3.0, IsletTransplantVariables.MYCOPHENOLATE_DOSE_MG_BID, 500L,
        IsletTransplantVariables.TAPER_NOTE, "Target 6-8 ng/mL"));
    clinic.answer(IsletTransplantVariables.TASK_RECORD_TROUGH, t -> Map.of(IsletTransplantVariables.TROUGH_SAMPLE_DATE,
        scheduledDay(t, IsletTransplantVariables.TROUGH_DUE_DATE), IsletTransplantVariables.TACROLIMUS_TROUGH_NG_PER_ML, 8.0));
    // after the islet transplant's own schedule: monthly troughs from month 13, immunosuppression ended at month 18
    clinic.answer(ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH, t -> ((Number) engine.getTaskService()
        .getVariable(t.getId(), ProtocolVariables.LONG_TERM_TROUGH_MONTH)).intValue() < 18
        ? Map.of(ProtocolVariables.TROUGH_SAMPLE_DATE, scheduledDay(t, ProtocolVariables.TROUGH_DUE_DATE),
            ProtocolVariables.TACROLIMUS_TROUGH_NG_PER_ML, 7.0)
        : Map.of(ProtocolVariables.IMMUNOSUPPRESSION_ENDED, true,
            ProtocolVariables.IMMUNOSUPPRESSION_END_DATE, scheduledDay(t, ProtocolVariables.TROUGH_DUE_DATE),
            ProtocolVariables.IMMUNOSUPPRESSION_END_REASON, "Stable graft function; immunosuppression withdrawn by the team"));
    clinic.answer(IsletTransplantVariables.TASK_REDUCE_INSULIN, t -> Map.of(IsletTransplantVariables.GLUCOSE_REVIEW_DATE,
        scheduledDay(t, IsletTransplantVariables.INSULIN_REVIEW_DUE_DATE), IsletTransplantVariables.FASTING_GLUCOSE_MMOL_L, 6.1,
        IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.3));
    clinic.answer(IsletTransplantVariables.TASK_CHECK_BLEEDING, t -> Map.of(IsletTransplantVariables.BLEEDING_CHECK_DATE,
        scheduledDay(t, IsletTransplantVariables.BLEEDING_CHECK_DUE_DATE), IsletTransplantVariables.HAEMOGLOBIN_G_PER_L, 112L,
        IsletTransplantVariables.ALT_U_PER_L, 48L, IsletTransplantVariables.AST_U_PER_L, 40L,
        IsletTransplantVariables.PORTAL_DOPPLER_RESULT, IsletTransplantVariables.DOPPLER_PATENT));
    clinic.answer(IsletTransplantVariables.TASK_RECORD_ISLET_IMMUNE_PANEL, t -> Map.of(
        IsletTransplantVariables.ISLET_IMMUNE_PANEL_DATE, scheduledDay(t, IsletTransplantVariables.ISLET_IMMUNE_PANEL_DUE_DATE),
        IsletTransplantVariables.PANEL_CD3_CELLS_PER_UL, 1400L, IsletTransplantVariables.PANEL_CD4_CELLS_PER_UL, 780L));
    clinic.answer(IsletTransplantVariables.TASK_ASSESS_GRAFT_DAY_75, t -> goodGraftFunction());
    clinic.answer(IsletTransplantVariables.TASK_ASSESS_GRAFT_DAY_365, t -> goodGraftFunction());
    clinic.answer(IsletTransplantVariables.TASK_DECIDE_FURTHER_INFUSION, t -> Map.of(
        IsletTransplantVariables.FURTHER_INFUSION_ORDERED, false,
        IsletTransplantVariables.FURTHER_INFUSION_DECISION_DATE, today().toString(),
        IsletTransplantVariables.FURTHER_INFUSION_RATIONALE, "Stable graft, no further infusion"));

    // follow-up visits (both follow-ups), on the day their window opens; one visit is never attended
    clinic.answer(FollowUpVariables.TASK_RECORD_GLUCOSE_AND_GROWTH, t -> isTheMissedVisit(t) ? null : glucoseAndGrowth());
    clinic.answer(FollowUpVariables.TASK_RECORD_MMTT_VISIT, t -> {
      Map<String, Object> v = glucoseAndGrowth();
      v.put(FollowUpVariables.MMTT_C_PEPTIDE_90_NG_PER_ML, 1.4);
      return v;
    });
    clinic.answer(FollowUpVariables.TASK_RECORD_IMMUNE_FUNCTION, t -> Map.of(FollowUpVariables.VISIT_DATE,
        today().toString(), FollowUpVariables.CD3_CELLS_PER_UL, 1500, FollowUpVariables.CD4_CELLS_PER_UL, 800,
        FollowUpVariables.IMMUNOGLOBULIN_SUBSTITUTION, false));
    clinic.answer(FollowUpVariables.TASK_CHASE_OVERDUE_VISIT, t -> Map.of(FollowUpVariables.OVERDUE_VISIT_ACTION,
        "notReachable", FollowUpVariables.OVERDUE_VISIT_NOTES, "Family not reachable by phone or letter"));
  }

  private static Map<String, Object> referredChild() {
    Map<String, Object> v = new HashMap<>();
    v.put(ProtocolVariables.SUBJECT_ID, SUBJECT);
    v.put(ProtocolVariables.DATE_OF_BIRTH, DATE_OF_BIRTH.toString());
    v.put(ProtocolVariables.SEX, "male");
    v.put(ProtocolVariables.WEIGHT_KG, 23.5);
    v.put(ProtocolVariables.HEIGHT_CM, 121.0);
    v.put(ProtocolVariables.GENE_NAME, "FOXP3");
    v.put(ProtocolVariables.VARIANT_HGVS, "NM_014009.4:c.1150G>A");
    return v;
  }

  /** Every inclusion criterion met, no exclusion (two organ-damage types), as the endocrinologist records it. */
  private static Map<String, Object> eligibleWorkUp() {
    Map<String, Object> v = new HashMap<>();
    v.put(ScreeningVariables.WORK_UP_DATE, today().toString());
    v.put("symptomPolyuria", true);
    v.put("fastingGlucoseMmolL", 9.8);
    v.put("hba1cPercent", 8.4);
    v.put("cPeptideNgPerMl", 0.21);
    v.put("gadAntibody", "positive");
    v.put(ScreeningVariables.T1D_DIAGNOSIS_CONFIRMED, true);
    v.put(ScreeningVariables.PATHOGENIC_VARIANT_CONFIRMED, true);
    v.put(ScreeningVariables.RECURRENCE_AFTER_STANDARD_TREATMENT, true);
    for (OrganDamage d : OrganDamage.values()) {
      v.put(d.variable(), d == OrganDamage.INFLAMMATORY_BOWEL_DISEASE || d == OrganDamage.IMMUNE_HEPATITIS);
    }
    for (String exclusion : List.of(ScreeningVariables.MATURE_EFFECTIVE_TREATMENT_AVAILABLE, ScreeningVariables.HIV_POSITIVE,
        ScreeningVariables.HBV_POSITIVE, ScreeningVariables.HCV_POSITIVE, ScreeningVariables.ACTIVE_INFECTION,
        ScreeningVariables.ACTIVE_MALIGNANCY, ScreeningVariables.OTHER_FATAL_DISEASE,
        ScreeningVariables.MENTAL_OR_PSYCHOLOGICAL_DISORDER)) {
      v.put(exclusion, false);
    }
    return v;
  }

  private static final String[] CHILD_HLA = {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02",
      "DRB1*09:01", "DRB1*15:01"};

  private static Map<String, Object> hlaTyping() {
    Map<String, Object> v = new HashMap<>();
    v.put(CordBloodTransplantVariables.HLA_TYPING_DATE, today().toString());
    v.put(CordBloodTransplantVariables.HLA_TYPING_METHOD, "ngs");
    List<String> names = List.of(CordBloodTransplantVariables.HLA_A1, CordBloodTransplantVariables.HLA_A2,
        CordBloodTransplantVariables.HLA_B1, CordBloodTransplantVariables.HLA_B2, CordBloodTransplantVariables.HLA_C1,
        CordBloodTransplantVariables.HLA_C2, CordBloodTransplantVariables.HLA_DRB1_1, CordBloodTransplantVariables.HLA_DRB1_2);
    for (int i = 0; i < names.size(); i++) {
      v.put(names.get(i), CHILD_HLA[i]);
    }
    return v;
  }

  /** A bank inventory with an 8/8 unit and two 7/8 units for this child, all within the acceptance criteria. */
  private static CordBloodInventory inventory() {
    String csv = InventoryCsv.HEADER + "\n"
        + "SHCBB,SH-091010,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,2.6e9,9.0e6,2019-04-30\n"
        + "BJCBB,BJ-091020,A*02:01,A*24:02,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,2.2e9,7.0e6,2020-01-15\n"
        + "GZCBB,GZ-091030,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*08:01,DRB1*09:01,DRB1*15:01,1.9e9,6.0e6,2021-06-01\n"
        + "GZCBB,GZ-091040,A*03:01,A*24:02,B*07:02,B*08:01,C*07:01,C*08:01,DRB1*03:01,DRB1*04:01,3.0e9,9.0e6,2021-06-01\n";
    InventoryCsv.Result read = InventoryCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        LocalDate.of(2026, 11, 1), 10);
    Assertions.assertThat(read.rejectedRows()).as("inventory rows rejected").isEmpty();
    CordBloodInventory inventory = new CordBloodInventory();
    inventory.publish(CordBloodIndex.build(read.units()), 1);
    return inventory;
  }

  /** The transplant physician reserves the search's proposal: a primary unit and two backups. */
  private Map<String, Object> reserveProposedUnits(Task t) {
    Map<String, Object> v = new HashMap<>();
    for (String unit : List.of(CordBloodTransplantVariables.PRIMARY_CORD_BLOOD_UNIT,
        CordBloodTransplantVariables.BACKUP_CORD_BLOOD_UNIT_1, CordBloodTransplantVariables.BACKUP_CORD_BLOOD_UNIT_2)) {
      v.put(unit, tasks().getVariable(t.getId(), unit));
    }
    Assertions.assertThat(v.get(CordBloodTransplantVariables.PRIMARY_CORD_BLOOD_UNIT)).as("proposed primary unit")
        .isEqualTo("SHCBB/SH-091010");
    v.put(CordBloodTransplantVariables.UNITS_RESERVED_WITH_BANK, true);
    return v;
  }

  /** The stem cell laboratory thaws the unit on the planned infusion day (end of conditioning). */
  private Map<String, Object> thawOnThePlannedInfusionDay(Task t) {
    LocalDate planned = LocalDate.parse((String) runtime().getVariable(t.getProcessInstanceId(),
        CordBloodTransplantVariables.PLANNED_INFUSION_DATE));
    if (today().isBefore(planned)) {
      clinic.wakeAt(atNine(planned));
      return null;
    }
    // 9.25 x 10^8 TNC and 5.55 x 10^6 CD34 for 23.5 kg: 3.936... x 10^7/kg and 2.361... x 10^5/kg, kept unrounded and
    // shown with two decimals by the infusion form's read-only fields (which the server does not check as input)
    return Map.of(CordBloodTransplantVariables.THAW_DATE, today().toString(),
        CordBloodTransplantVariables.UNIT_IDENTITY_VERIFIED, true, CordBloodTransplantVariables.POST_THAW_TNC_E8, 9.25,
        CordBloodTransplantVariables.POST_THAW_CD34_E6, 5.55, CordBloodTransplantVariables.VIABLE_CD34_PERCENT, 92.0,
        CordBloodTransplantVariables.VIABLE_CD45_PERCENT, 85.0);
  }

  /** Daily counts on their day after day 0: nadir, then neutrophil recovery. */
  private Map<String, Object> neutrophilCount(Task t) {
    LocalDate countDay = day0(t).plusDays(NEUTROPHIL_COUNT_DAYS[neutrophilCounts]);
    if (today().isBefore(countDay)) {
      clinic.wakeAt(atNine(countDay));
      return null;
    }
    int k = neutrophilCounts++;
    return bloodCount(countDay, NEUTROPHILS[k], 12 + 2 * k, k == 0);
  }

  private Map<String, Object> plateletCount(Task t) {
    LocalDate countDay = day0(t).plusDays(PLATELET_COUNT_DAYS[plateletCounts]);
    if (today().isBefore(countDay)) {
      clinic.wakeAt(atNine(countDay));
      return null;
    }
    int k = plateletCounts++;
    return bloodCount(countDay, 1.8, 22 + k, false);
  }

  private static Map<String, Object> bloodCount(LocalDate day, double anc, double platelets, boolean transfusion) {
    return Map.of(CordBloodTransplantVariables.COUNT_DATE, day.toString(), CordBloodTransplantVariables.ANC_E9_PER_L, anc,
        CordBloodTransplantVariables.PLATELETS_E9_PER_L, platelets, CordBloodTransplantVariables.PLATELET_TRANSFUSION,
        transfusion);
  }

  private LocalDate day0(Task t) {
    return LocalDate.parse((String) runtime().getVariable(t.getProcessInstanceId(),
        CordBloodTransplantVariables.CORD_BLOOD_INFUSION_DATE));
  }

  /** The sample goes to the third-party laboratory, whose result (full donor) arrives 4 days later. */
  private Map<String, Object> sendChimerismSample(Task t) {
    clinic.at(now().plus(Duration.ofDays(4)), "chimerism result", () -> runtime()
        .createMessageCorrelation(CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED)
        .processInstanceBusinessKey(SUBJECT).setVariable(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 98.0)
        .setVariable(CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, today().toString()).correlate());
    return Map.of(CordBloodTransplantVariables.CHIMERISM_SAMPLE_DATE, today().toString(),
        CordBloodTransplantVariables.CHIMERISM_SAMPLE_ID, "CHIM-9101-" + today());
  }

  /** An immune visit without chronic GVHD (every NIH organ score 0). */
  private static Map<String, Object> immunePanel() {
    Map<String, Object> v = new HashMap<>(Map.of(CordBloodTransplantVariables.IMMUNE_PANEL_DATE, today().toString(),
        "cd3CellsPerUl", 1200L, CordBloodTransplantVariables.CD4_CELLS_PER_UL, 650L, "immunoglobulinSubstitution", false,
        "organFunctionFollowUp", "Normal"));
    for (String organ : List.of("Skin", "Mouth", "Eyes", "Gi", "Liver", "Lung", "JointsFascia", "Genital")) {
      v.put("chronicGvhd" + organ + "Score", 0L);
    }
    return v;
  }

  private boolean waitingForIslets() {
    return runtime().createExecutionQuery().processDefinitionKey(IsletTransplantVariables.PROCESS_KEY)
        .processInstanceBusinessKey(SUBJECT).activityId(IsletTransplantVariables.TASK_AWAIT_ISLET_PRODUCT).count() == 1;
  }

  private Instant waitingSince() {
    ProcessInstance stage2 = runtime().createProcessInstanceQuery().processDefinitionKey(IsletTransplantVariables.PROCESS_KEY)
        .processInstanceBusinessKey(SUBJECT).singleResult();
    return ((Date) runtime().getVariable(stage2.getId(), IsletTransplantVariables.WAITING_SINCE)).toInstant();
  }

  /** An acceptable brain-dead donor's pancreas is offered to the islet laboratory (message PancreasOffered). */
  private void offerPancreas() {
    Map<String, Object> offer = new HashMap<>();
    offer.put(IsletIsolationVariables.DONOR_ID, DONOR);
    offer.put("donorAgeYears", 42.0);
    offer.put("donorBmi", 24.5);
    offer.put("donorHba1cPercent", 5.4);
    offer.put("coldIschemiaHours", 7.5);
    offer.put("donationAfterCardiacDeath", false);
    offer.put("donorDiabetes", false);
    offer.put("infectionMarkersNormal", true);
    offer.put("donorMalignancy", false);
    ProcessInstance isolation = runtime().startProcessInstanceByMessage(IsletIsolationVariables.MESSAGE_PANCREAS_OFFERED, offer);
    Assertions.assertThat(isolation.getBusinessKey()).isEqualTo(DONOR);
  }

  private Map<String, Object> procurePancreas(Task t) {
    crossClampAt = now();
    return Map.of(IsletIsolationVariables.COLD_ISCHEMIA_STARTED_AT, minutes(crossClampAt), "perfusionSolution", "UW",
        "perfusionTemperatureC", 4.0, "perfusionRoute", "abdominal-aorta", "pancreasWeightG", 92L);
  }

  /** Digestion starts 6 hours after the cross-clamp (within the 12 h cold ischaemia limit). */
  private Map<String, Object> digestSixHoursAfterCrossClamp(Task t) {
    Instant start = crossClampAt.plus(Duration.ofHours(6));
    if (now().isBefore(start)) {
      clinic.wakeAt(start);
      return null;
    }
    return Map.of(IsletIsolationVariables.DIGESTION_STARTED_AT, minutes(now()), "digestionEnzyme",
        "Collagenase NB1 lot 7781", "digestionMinutes", 18L, "dtzTissueCount", 420L, "dtzIsletCount", 160L,
        "dtzFragmentPercent", 12L);
  }

  /** Counts of a 100 uL sample of a 500 mL suspension: 814,660 IEQ in the product. */
  private static Map<String, Object> isletCounts() {
    Map<String, Object> v = new HashMap<>();
    v.put(IsletIsolationVariables.SAMPLE_VOLUME_UL, 100L);
    v.put(IsletIsolationVariables.SUSPENSION_VOLUME_ML, 500.0);
    long[] n = {40, 30, 20, 10, 5, 2, 1};
    String[] classes = {"50-100", "100-150", "150-200", "200-250", "250-300", "300-350", ">=350"};
    for (int i = 0; i < n.length; i++) {
      v.put(IsletIsolationVariables.COUNT_FIELDS.get(classes[i]), n[i]);
    }
    return v;
  }

  /** Mixed-meal tolerance test results that the Igls 2017 rules classify as good graft function. */
  private static Map<String, Object> goodGraftFunction() {
    Map<String, Object> v = new HashMap<>();
    v.put(IsletTransplantVariables.MMTT_DATE, today().toString());
    v.put(IsletTransplantVariables.BASELINE_INSULIN_UNITS_PER_KG_DAY, 0.8);
    v.put(IsletTransplantVariables.HBA1C_PERCENT, 6.8);
    v.put(IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.2);
    v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 1.2);
    v.put(IsletTransplantVariables.SEVERE_HYPOGLYCEMIA_EVENTS, 0L);
    return v;
  }

  /** Glucose metabolism and growth on the visit day; the child grows about 5.5 cm and 2.5 kg a year. */
  private static Map<String, Object> glucoseAndGrowth() {
    double years = Duration.between(REFERRAL, now()).toDays() / 365.25;
    Map<String, Object> v = new HashMap<>();
    v.put(FollowUpVariables.VISIT_DATE, today().toString());
    v.put(FollowUpVariables.HBA1C_PERCENT, 6.1);
    v.put(FollowUpVariables.C_PEPTIDE_NG_PER_ML, 1.2);
    v.put(FollowUpVariables.INSULIN_UNITS_PER_KG_DAY, 0.2);
    v.put(FollowUpVariables.SEVERE_HYPOGLYCEMIA_EVENTS, 0);
    v.put(FollowUpVariables.VISIT_HEIGHT_CM, Math.round((121.0 + 5.5 * years) * 10) / 10.0);
    v.put(FollowUpVariables.HEIGHT_MEASUREMENT, "standing");
    v.put(FollowUpVariables.VISIT_WEIGHT_KG, Math.round((23.5 + 2.5 * years) * 10) / 10.0);
    return v;
  }

  private boolean isTheMissedVisit(Task t) {
    return MISSED_VISIT.equals(tasks().getVariable(t.getId(), FollowUpVariables.VISIT_NAME))
        && FollowUpSettings.AFTER_ISLET_INFUSION.equals(runtime().getVariable(t.getProcessInstanceId(),
        FollowUpVariables.FOLLOW_UP_SCHEDULE));
  }

  private static String scheduledDay(Task t, String dueDateVariable) {
    return ((String) engine.getTaskService().getVariable(t.getId(), dueDateVariable)).substring(0, 10);
  }

  // ------------------------------------------------------------------ the clinic: tasks and time

  /**
   * The child's care team, the islet laboratory and the calendar. {@link #runUntilEnded} repeats: run a job that is due
   * now; otherwise complete an open task that its group answers now ({@link #completeIfAnswered}); otherwise
   * {@link #advanceToNextTimer}: move the clock to the earliest due job of any process (or to an earlier appointment:
   * a lab result, an offer, a count day) and fire it.
   */
  private final class Clinic {

    private record Appointment(Instant at, String what, Runnable action) {}

    private record Trigger(BooleanSupplier condition, Runnable action) {}

    private final Map<String, Function<Task, Map<String, Object>>> answers = new HashMap<>();
    private final Map<String, String> users = new HashMap<>();
    private final PriorityQueue<Appointment> appointments = new PriorityQueue<>(Comparator.comparing(Appointment::at));
    private final List<Trigger> triggers = new ArrayList<>();
    private final Map<String, Integer> tasksByGroup = new TreeMap<>();
    private int tasksCompleted;
    private int timersFired;
    private int asyncJobsExecuted;
    private LocalDate missedVisitRecordedOn;
    private final List<String> createdOverdue = new ArrayList<>();

    /** What the task's group submits for an open task; {@code null} from the function means "not now". */
    void answer(String taskDefinitionKey, Function<Task, Map<String, Object>> values) {
      answers.put(taskDefinitionKey, values);
    }

    /** The user who completes this task (default: a member of its candidate group). */
    void completeAs(String taskDefinitionKey, String userId) {
      users.put(taskDefinitionKey, userId);
    }

    void at(Instant when, String what, Runnable action) {
      appointments.add(new Appointment(when, what, action));
    }

    void wakeAt(Instant when) {
      at(when, "wake up", () -> { });
    }

    /** Runs the action once, the first time the condition holds. */
    void once(BooleanSupplier condition, Runnable action) {
      triggers.add(new Trigger(condition, action));
    }

    void runUntilEnded(ProcessInstance protocol) {
      runUntil(() -> ended(protocol));
    }

    void runUntil(BooleanSupplier done) {
      for (int step = 0; !done.getAsBoolean(); step++) {
        Assertions.assertThat(step).as("steps (a loop that never ends?)").isLessThan(20_000);
        fireTriggers();
        if (runDueJob() || completeAnyOpenTask()) {
          continue;
        }
        advanceToNextTimer();
      }
    }

    private boolean ended(ProcessInstance protocol) {
      return runtime().createProcessInstanceQuery().processInstanceId(protocol.getId()).count() == 0;
    }

    private void fireTriggers() {
      for (Trigger trigger : List.copyOf(triggers)) {
        if (trigger.condition().getAsBoolean()) {
          triggers.remove(trigger);
          trigger.action().run();
        }
      }
    }

    /** An asynchronous continuation, or a timer whose date has come (created with a date already past). */
    private boolean runDueJob() {
      List<Job> due = jobs().createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
      if (due.isEmpty()) {
        return false;
      }
      execute(due.get(0));
      return true;
    }

    private boolean completeAnyOpenTask() {
      for (Task task : tasks().createTaskQuery().orderByTaskCreateTime().asc().list()) {
        if (completeIfAnswered(task)) {
          return true;
        }
      }
      return false;
    }

    /** Completes the open task if its group answers it now, as a member of its candidate group. */
    boolean completeIfAnswered(Task task) {
      Function<Task, Map<String, Object>> values = answers.get(task.getTaskDefinitionKey());
      Assertions.assertThat(values).as("an answer for open task %s (%s)", task.getTaskDefinitionKey(), task.getName())
          .isNotNull();
      Map<String, Object> submission = values.apply(task);
      if (submission == null) {
        return false;
      }
      List<String> groups = tasks().getIdentityLinksForTask(task.getId()).stream()
          .filter(l -> l.getGroupId() != null).map(IdentityLink::getGroupId).toList();
      Assertions.assertThat(groups).as("candidate group of %s", task.getTaskDefinitionKey()).isNotEmpty();
      String user = users.getOrDefault(task.getTaskDefinitionKey(), groups.get(0) + "-member");
      engine.getIdentityService().setAuthenticatedUserId(user);
      try {
        tasks().complete(task.getId(), submission);
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      tasksCompleted++;
      tasksByGroup.merge(groups.get(0), 1, Integer::sum);
      return true;
    }

    /**
     * Moves the clock to the earliest due date of all jobs (never past another due job) and fires that job; an
     * appointment before it is kept instead. Fails when nothing is due, open or planned: the scenario is stuck.
     */
    void advanceToNextTimer() {
      Job next = jobs().createJobQuery().timers().orderByJobDuedate().asc().listPage(0, 1).stream().findFirst().orElse(null);
      Appointment appointment = appointments.peek();
      if (appointment != null && (next == null || !appointment.at().isAfter(next.getDuedate().toInstant()))) {
        appointments.poll();
        moveClockTo(appointment.at());
        appointment.action().run();
        return;
      }
      Assertions.assertThat(next).as("a timer or appointment to wait for; open tasks %s",
          tasks().createTaskQuery().list().stream().map(Task::getTaskDefinitionKey).toList()).isNotNull();
      Assertions.assertThat(jobs().createJobQuery().duedateLowerThan(next.getDuedate()).count())
          .as("no job due before %s", next.getDuedate()).isZero();
      moveClockTo(next.getDuedate().toInstant());
      execute(next);
    }

    private void moveClockTo(Instant when) {
      if (when.isAfter(now())) {
        ClockUtil.setCurrentTime(Date.from(when));
      }
    }

    private void execute(Job job) {
      boolean timer = jobs().createJobQuery().jobId(job.getId()).timers().count() == 1;
      String activity = jobs().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
          .getActivityId();
      if (timer && job.getDuedate().toInstant().isBefore(now())) {
        createdOverdue.add(activity + " due " + job.getDuedate().toInstant() + " fired " + now());
      }
      jobs().executeJob(job.getId());
      if (timer) {
        timersFired++;
        if (FollowUpVariables.TIMER_WINDOW_CLOSED.equals(activity)) {
          missedVisitRecordedOn = today();
        }
      } else {
        asyncJobsExecuted++;
      }
    }
  }

  // ------------------------------------------------------------------ engine helpers

  private static RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private static TaskService tasks() {
    return engine.getTaskService();
  }

  private static ManagementService jobs() {
    return engine.getManagementService();
  }

  private static HistoryService history() {
    return engine.getHistoryService();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static LocalDate today() {
    return LocalDate.ofInstant(now(), ZONE);
  }

  private static LocalDate localDate(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZONE);
  }

  private static Instant atNine(LocalDate day) {
    return day.atTime(9, 0).atZone(ZONE).toInstant();
  }

  /** {@code 2028-02-10T08:00}: the islet laboratory's clock times. */
  private static String minutes(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZONE).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  private static Object historic(String processInstanceId, String name) {
    List<HistoricVariableInstance> values = history().createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).disableCustomObjectDeserialization().list();
    Assertions.assertThat(values).as("variable %s of %s", name, processInstanceId).hasSizeLessThanOrEqualTo(1);
    return values.isEmpty() ? null : values.get(0).getValue();
  }

  private static List<HistoricProcessInstance> called(String superProcessInstanceId, String processDefinitionKey) {
    return history().createHistoricProcessInstanceQuery().superProcessInstanceId(superProcessInstanceId)
        .processDefinitionKey(processDefinitionKey).orderByProcessInstanceStartTime().asc().list();
  }

  private static HistoricActivityInstance activity(String processInstanceId, String activityId) {
    return history().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activityId)
        .singleResult();
  }

  private static long passed(String processInstanceId, String activityId) {
    return history().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activityId)
        .finished().count();
  }
}

package org.ucbislet.isletisolation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.ucbislet.isletisolation.IsletIsolationTestData.*;
import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ucbislet.clinical.DosingWeight;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.FourEyesViolationException;

/**
 * Every path through {@code isletIsolation}, with the real donor and release decisions and the real
 * form rules; the children waiting for islets are stand-ins that honour isletTransplant's contract.
 */
@Deployment(resources = {"bpmn/dosing-weighing.bpmn", "forms/weigh-child.form", "bpmn/islet-isolation.bpmn", "bpmn/pancreas-donor-acceptance.dmn",
    "bpmn/islet-product-release.dmn", "forms/pancreas-offer.form", "forms/procure-pancreas.form",
    "forms/trim-pancreas.form", "forms/digest-pancreas.form", "forms/collect-digest.form", "forms/purify-islets.form",
    "forms/count-islets.form", "forms/record-release-tests.form", "forms/decide-release.form",
    "forms/discard-product.form"})
class IsletIsolationProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private String standInDeployment;

  @BeforeEach
  void setUp() {
    ProcessEngine e = engine.getProcessEngine();
    init(e);
    Mocks.register("assignDonorBusinessKeyListener", new AssignDonorBusinessKeyListener());
    Mocks.register("recordIsletCounterListener", new RecordIsletCounterListener());
    Mocks.register("enforceFourEyesReleaseListener", new EnforceFourEyesReleaseListener());
    Mocks.register("calculateIsletEquivalentsDelegate", new CalculateIsletEquivalentsDelegate());
    Mocks.register("measureColdIschemiaDelegate", new MeasureColdIschemiaDelegate());
    Mocks.register("allocateIsletProductDelegate", new AllocateIsletProductDelegate(org.ucbislet.clinical.DosingWeightSettings.defaults()));
    Mocks.register("deliverIsletProductDelegate", new DeliverIsletProductDelegate());
    standInDeployment = e.getRepositoryService().createDeployment()
        .addModelInstance("islet-transplant-stand-in.bpmn", waitingChildStandIn()).deploy().getId();
  }

  @AfterEach
  void tearDown() {
    engine.getIdentityService().clearAuthentication();
    engine.getRepositoryService().deleteDeployment(standInDeployment, true);
    Mocks.reset();
  }

  private ProcessInstance offered(String donorId) {
    return engine.getRuntimeService().startProcessInstanceByMessage(MESSAGE_PANCREAS_OFFERED, offer(donorId));
  }

  /** A child waiting since the given day of November 2026. */
  private ProcessInstance waitingChild(String subjectId, double weightKg, int infusionNumber, int sinceDay) {
    return waitingChild(subjectId, weightKg, today(), infusionNumber, sinceDay);
  }

  /** A waiting child weighed on that day (the child's current weight, as the protocol holds it). */
  private ProcessInstance waitingChild(String subjectId, double weightKg, LocalDate weighed, int infusionNumber,
                                       int sinceDay) {
    return engine.getRuntimeService().startProcessInstanceByKey(TRANSPLANT_PROCESS_KEY, subjectId, Map.of(
        RECIPIENT_WEIGHT_KG, weightKg, RECIPIENT_INFUSION_NUMBER, infusionNumber,
        RECIPIENT_WAITING_SINCE, new Date(Date.UTC(126, 10, sinceDay, 8, 0, 0)),
        DosingWeight.CURRENT_WEIGHT_KG, weightKg, DosingWeight.CURRENT_WEIGHT_DATE, weighed.toString()));
  }

  private static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(org.ucbislet.clinical.ClinicalTimeZone.get()).toLocalDate();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    engine.getIdentityService().setAuthenticatedUserId(userId);
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Procurement to release tests, counted by {@code alice}. */
  private ProcessInstance isolatedAndTested(String donorId, Map<String, Object> releaseTests) {
    return isolatedAndTested(donorId, releaseTests, 500.0);
  }

  private ProcessInstance isolatedAndTested(String donorId, Map<String, Object> releaseTests, double suspensionMl) {
    ProcessInstance isolation = offered(donorId);
    completeAs("alice", task(TASK_PROCURE, isolation), procurement());
    completeAs("alice", task(TASK_TRIM, isolation), trimming());
    completeAs("alice", task(TASK_DIGEST, isolation), digestion());
    completeAs("alice", task(TASK_COLLECT, isolation), collection());
    completeAs("alice", task(TASK_PURIFY, isolation), purification());
    completeAs("alice", task(TASK_COUNT, isolation), counts(suspensionMl));
    completeAs("alice", task(TASK_RELEASE_TESTS, isolation), releaseTests);
    return isolation;
  }

  @Test
  void acceptedPancreasIsIsolatedReleasedByASecondPersonAndReachesTheWaitingChild() {
    ProcessInstance child = waitingChild("UCBI-0301", 25.0, 1, 1);
    ProcessInstance isolation = offered("OPO-2026-0001");
    Assertions.assertThat(isolation.getBusinessKey()).isEqualTo("OPO-2026-0001");
    assertThat(isolation).hasPassed(TASK_EVALUATE_DONOR).isWaitingAt(TASK_PROCURE);
    assertThat(task(TASK_PROCURE, isolation)).hasCandidateGroup("islet-lab");

    completeAs("alice", task(TASK_PROCURE, isolation), procurement());
    completeAs("alice", task(TASK_TRIM, isolation), trimming());
    completeAs("alice", task(TASK_DIGEST, isolation), digestion());
    completeAs("alice", task(TASK_COLLECT, isolation), collection());
    completeAs("alice", task(TASK_PURIFY, isolation), purification());
    completeAs("alice", task(TASK_COUNT, isolation), counts());
    assertThat(isolation).hasPassed(TASK_CALCULATE).isWaitingAt(TASK_RELEASE_TESTS);
    assertThat(isolation).variables().containsEntry(COUNTED_BY, "alice").containsEntry(ISLET_COUNT, 540_000L);
    Assertions.assertThat((Double) engine.getRuntimeService().getVariable(isolation.getId(), ISLET_EQUIVALENTS))
        .isCloseTo(EXPECTED_PRODUCT_IEQ, Assertions.within(0.01));

    completeAs("alice", task(TASK_RELEASE_TESTS, isolation), releaseTests());
    assertThat(isolation).isWaitingAt(TASK_DECIDE_RELEASE);
    assertThat(isolation).variables().containsEntry(PRODUCT_RELEASED, true).containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0301");
    completeAs("bob", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(true));

    assertThat(isolation).isEnded().hasPassed(TASK_DELIVER, END_RELEASED);
    assertThat(isolation).variables().containsEntry(RELEASED_BY, "bob");
    assertThat(child).isWaitingAt("Task_AdministerBasiliximab");
    assertThat(child).variables().containsEntry(PRODUCT_ID, "OPO-2026-0001");
    Assertions.assertThat((Double) engine.getRuntimeService().getVariable(child.getId(), PRODUCT_IEQ_PER_KG))
        .isCloseTo(EXPECTED_PRODUCT_IEQ / 25.0, Assertions.within(0.01));
  }

  @Test
  void childWhoseWeightIsEightDaysOldIsNotDosedButPassedOverAndWeighedFirst() {
    ProcessInstance stale = waitingChild("UCBI-0321", 30.0, today().minusDays(8), 1, 2);
    ProcessInstance recent = waitingChild("UCBI-0322", 20.0, today(), 1, 10);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0021", releaseTests());

    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0322");
    String evaluations = engine.getRuntimeService().getVariable(isolation.getId(), ALLOCATION_EVALUATIONS).toString();
    Assertions.assertThat(evaluations).contains("UCBI-0321").contains("Weigh first, not dosed").contains("8 days old");
    // the passed-over child gets one weighing task (a second product does not open another)
    ProcessInstance weighing = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AllocateIsletProductDelegate.WEIGHING_PROCESS_KEY).processInstanceBusinessKey("UCBI-0321")
        .singleResult();
    assertThat(weighing).isWaitingAt("Task_WeighChild");
    assertThat(task("Task_WeighChild", weighing)).hasCandidateGroup("transplant-physician");
    Assertions.assertThat((String) engine.getTaskService().getVariable(task("Task_WeighChild", weighing).getId(),
        DosingWeight.WEIGH_FIRST_REASON)).contains("OPO-2026-0021");
    completeAs("bob", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(true));
    assertThat(recent).isWaitingAt("Task_AdministerBasiliximab");
    assertThat(stale).isWaitingAt(TRANSPLANT_AWAIT_PRODUCT);

    engine.getTaskService().complete(task("Task_WeighChild", weighing).getId(),
        Map.of(DosingWeight.WEIGHT_KG, 31.0, DosingWeight.WEIGHT_DATE, today().toString()));
    assertThat(weighing).isEnded();
  }

  @Test
  void childWeighedExactlySevenDaysAgoIsStillDosedOnThatWeight() {
    waitingChild("UCBI-0323", 30.0, today().minusDays(7), 1, 2);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0022", releaseTests());
    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0323");
    Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(AllocateIsletProductDelegate.WEIGHING_PROCESS_KEY).count()).isZero();
  }

  @Test
  void productGoesToTheLongestWaitingChildForWhomTheDoseHolds() {
    // 814,660 IEQ: every child up to 162 kg gets at least 5,000 IEQ/kg at a first infusion
    ProcessInstance newer = waitingChild("UCBI-0302", 20.0, 1, 10);
    ProcessInstance older = waitingChild("UCBI-0303", 30.0, 1, 2);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0002", releaseTests());

    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0303");
    completeAs("bob", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(true));
    assertThat(older).isWaitingAt("Task_AdministerBasiliximab");
    assertThat(newer).isWaitingAt(TRANSPLANT_AWAIT_PRODUCT);
  }

  @Test
  void childForWhomTheTissueVolumePerKgIsTooHighIsPassedOverForAHeavierChild() {
    // 6.0 mL settled: 0.3 mL/kg at 20 kg, 0.2 mL/kg at 30 kg (domain.md Part A islet tissue volume, B 4.4: < 0.25)
    ProcessInstance lighter = waitingChild("UCBI-0313", 20.0, 1, 1);
    waitingChild("UCBI-0314", 30.0, 1, 5);
    Map<String, Object> tests = IsletIsolationTestData.releaseTests();
    tests.put(SETTLED_TISSUE_VOLUME_ML, 6.0);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0013", tests);

    assertThat(isolation).isWaitingAt(TASK_DECIDE_RELEASE);
    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0314");
    assertThat(lighter).isWaitingAt(TRANSPLANT_AWAIT_PRODUCT);
  }

  @Test
  void childForWhomTheDoseFailsIsPassedOverForTheNextWaitingChild() {
    // 162,932 IEQ over 35 kg = 4,655 IEQ/kg < 5,000 (first infusion); over 30 kg = 5,431 IEQ/kg
    waitingChild("UCBI-0304", 35.0, 1, 1);
    waitingChild("UCBI-0305", 30.0, 1, 5);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0003", releaseTests(), 100.0);

    assertThat(isolation).isWaitingAt(TASK_DECIDE_RELEASE);
    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0305");
  }

  @Test
  void secondInfusionQualifiesWithTheLowerDoseThreshold() {
    // 162,932 IEQ over 35 kg = 4,655 IEQ/kg: below 5,000 (first infusion) but above 4,000 (later infusions)
    waitingChild("UCBI-0306", 35.0, 2, 1);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0004", releaseTests(), 100.0);

    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0306").containsEntry(PRODUCT_RELEASED, true);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"purityPercent,29", "viabilityPercent,69", "settledTissueVolumeMl,15.5", "endotoxinEu,126.0",
      "gramStainNegative,false"})
  void productFailingAReleaseCriterionIsDiscardedWithTheReason(String criterion, String value) {
    waitingChild("UCBI-0310", 25.0, 1, 1);
    Object typed = switch (criterion) {
      case "gramStainNegative" -> Boolean.valueOf(value);
      case "purityPercent", "viabilityPercent" -> Long.valueOf(value);
      default -> Double.valueOf(value); // 126 EU over 25 kg = 5.04 EU/kg > 5.0
    };
    Map<String, Object> tests = releaseTests();
    tests.put(criterion, typed);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-" + criterion, tests);

    assertThat(isolation).isWaitingAt(TASK_DISCARD);
    assertThat(isolation).variables().containsEntry(PRODUCT_RELEASED, false).doesNotContainKey(RELEASED_BY);
    String reason = (String) engine.getRuntimeService().getVariable(isolation.getId(), RELEASE_FAILURE_REASON);
    Assertions.assertThat(reason).isNotBlank();
    Assertions.assertThat(engine.getRuntimeService().getVariable(isolation.getId(), DISCARD_REASON)).isEqualTo(reason);
    completeAs("alice", task(TASK_DISCARD, isolation), disposal());
    assertThat(isolation).isEnded().hasPassed(END_DISCARDED);
  }

  @Test
  void pancreasWhoseColdIschaemiaPassed12HoursAtDigestionIsDiscarded() {
    ProcessInstance isolation = offered("OPO-2026-0012");
    completeAs("alice", task(TASK_PROCURE, isolation), procurement()); // cross-clamp 02:10
    completeAs("alice", task(TASK_TRIM, isolation), trimming());
    completeAs("alice", task(TASK_DIGEST, isolation), digestion("2026-11-25T14:20")); // 12 h 10 min

    assertThat(isolation).hasPassed(TASK_MEASURE_COLD_ISCHEMIA, TASK_RECHECK_DONOR).isWaitingAt(TASK_DISCARD)
        .hasNotPassed(TASK_COLLECT);
    assertThat(isolation).variables().containsEntry(COLD_ISCHEMIA_HOURS, 12.0 + 10.0 / 60)
        .containsEntry(COLD_ISCHEMIA_ACCEPTABLE, false);
    Assertions.assertThat((String) engine.getRuntimeService().getVariable(isolation.getId(), DISCARD_REASON))
        .startsWith("Donor criteria not met at digestion: ").contains("12 hours");
    completeAs("alice", task(TASK_DISCARD, isolation), disposal());
    assertThat(isolation).isEnded().hasPassed(END_DISCARDED);
  }

  @Test
  void digestionExactly12HoursAfterCrossClampContinues() {
    ProcessInstance isolation = offered("OPO-2026-0013");
    completeAs("alice", task(TASK_PROCURE, isolation), procurement());
    completeAs("alice", task(TASK_TRIM, isolation), trimming());
    completeAs("alice", task(TASK_DIGEST, isolation), digestion("2026-11-25T14:10"));

    assertThat(isolation).isWaitingAt(TASK_COLLECT);
    assertThat(isolation).variables().containsEntry(COLD_ISCHEMIA_HOURS, 12.0).containsEntry(COLD_ISCHEMIA_ACCEPTABLE, true);
  }

  @Test
  void productWithNoWaitingChildIsDiscarded() {
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0005", releaseTests());

    assertThat(isolation).isWaitingAt(TASK_DISCARD);
    assertThat(isolation).variables().containsEntry(RELEASE_FAILURE_REASON, "No child is waiting for islets");
  }

  @Test
  void theCounterCannotClaimOrCompleteTheReleaseDecision() {
    waitingChild("UCBI-0307", 25.0, 1, 1);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0006", releaseTests());
    Task release = task(TASK_DECIDE_RELEASE, isolation);

    Assertions.assertThatThrownBy(() -> engine.getTaskService().claim(release.getId(), "alice"))
        .hasRootCauseInstanceOf(FourEyesViolationException.class);
    Assertions.assertThatThrownBy(() -> completeAs("alice", release, releaseDecision(true)))
        .hasRootCauseInstanceOf(FourEyesViolationException.class).rootCause().hasMessageContaining("alice counted");
    assertThat(isolation).isWaitingAt(TASK_DECIDE_RELEASE);
    Assertions.assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("alice")
        .resourceId(release.getId()).count()).isEqualTo(1);

    completeAs("bob", release, releaseDecision(true));
    assertThat(isolation).isEnded().hasPassed(END_RELEASED);
  }

  @Test
  void releaseRefusedBySecondPersonLeadsToDisposal() {
    waitingChild("UCBI-0308", 25.0, 1, 1);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0007", releaseTests());
    completeAs("bob", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(false));

    assertThat(isolation).isWaitingAt(TASK_DISCARD);
    completeAs("bob", task(TASK_DISCARD, isolation), disposal());
    assertThat(isolation).isEnded().hasPassed(END_DISCARDED).hasNotPassed(TASK_DELIVER);
  }

  @Test
  void childWhoStoppedWaitingBeforeReleaseIsSkippedAndTheProductReallocated() {
    ProcessInstance first = waitingChild("UCBI-0311", 25.0, 1, 1);
    ProcessInstance isolation = isolatedAndTested("OPO-2026-0008", releaseTests());
    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0311");
    engine.getRuntimeService().deleteProcessInstance(first.getId(), "removed from the waiting list");
    ProcessInstance second = waitingChild("UCBI-0312", 28.0, 1, 20);

    completeAs("bob", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(true));

    assertThat(isolation).isWaitingAt(TASK_DECIDE_RELEASE);
    assertThat(isolation).variables().containsEntry(ALLOCATED_SUBJECT_ID, "UCBI-0312");
    completeAs("carol", task(TASK_DECIDE_RELEASE, isolation), releaseDecision(true));
    assertThat(second).isWaitingAt("Task_AdministerBasiliximab");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"donorAgeYears,70.0", "donorAgeYears,14.0", "donorBmi,31.0", "donorHba1cPercent,6.5",
      "coldIschemiaHours,12.5", "donationAfterCardiacDeath,true", "donorDiabetes,true", "infectionMarkersNormal,false",
      "donorMalignancy,true"})
  void offerFailingADonorCriterionIsDeclinedWithTheReason(String criterion, String value) {
    Object typed = value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value) : Double.valueOf(value);
    ProcessInstance isolation = engine.getRuntimeService().startProcessInstanceByMessage(MESSAGE_PANCREAS_OFFERED,
        with(offer("OPO-D-" + criterion), criterion, typed));

    assertThat(isolation).isEnded().hasPassed(END_OFFER_DECLINED).hasNotPassed(TASK_PROCURE);
    assertThat(isolation).variables().containsEntry(DONOR_ACCEPTED, false);
    Assertions.assertThat((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(isolation.getId()).variableName(DONOR_REJECTION_REASON).singleResult().getValue()).isNotBlank();
  }

  @Test
  void offerWithMissingOrImplausibleValuesIsRefusedNamingTheFields() {
    Map<String, Object> bad = with(offer("OPO-2026-0009"), "donorBmi", "heavy");
    bad.remove("donorAgeYears");
    Assertions.assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByMessage(MESSAGE_PANCREAS_OFFERED, bad))
        .isInstanceOf(FormValidationException.class)
        .hasMessageContaining("donorAgeYears").hasMessageContaining("donorBmi");
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).count()).isZero();
  }

  @Test
  void sameDonorCannotBeOfferedTwiceWhileItsIsolationRuns() {
    offered("OPO-2026-0010");
    Assertions.assertThatThrownBy(() -> offered("OPO-2026-0010"))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("already in progress");
  }

  @Test
  void countWithoutAnIdentifiedUserIsRefused() {
    ProcessInstance isolation = offered("OPO-2026-0011");
    completeAs("alice", task(TASK_PROCURE, isolation), procurement());
    completeAs("alice", task(TASK_TRIM, isolation), trimming());
    completeAs("alice", task(TASK_DIGEST, isolation), digestion());
    completeAs("alice", task(TASK_COLLECT, isolation), collection());
    completeAs("alice", task(TASK_PURIFY, isolation), purification());

    Assertions.assertThatThrownBy(() -> engine.getTaskService().complete(task(TASK_COUNT, isolation).getId(), counts()))
        .hasRootCauseInstanceOf(FourEyesViolationException.class);
    assertThat(isolation).isWaitingAt(TASK_COUNT);
  }
}

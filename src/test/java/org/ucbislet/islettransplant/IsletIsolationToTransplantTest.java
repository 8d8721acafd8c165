package org.ucbislet.islettransplant;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.ucbislet.isletisolation.IsletIsolationTestData.*;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ucbislet.clinical.DosingWeight;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.isletisolation.AllocateIsletProductDelegate;
import org.ucbislet.isletisolation.AssignDonorBusinessKeyListener;
import org.ucbislet.isletisolation.CalculateIsletEquivalentsDelegate;
import org.ucbislet.isletisolation.DeliverIsletProductDelegate;
import org.ucbislet.isletisolation.EnforceFourEyesReleaseListener;
import org.ucbislet.isletisolation.IsletIsolationTestData;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.isletisolation.MeasureColdIschemiaDelegate;
import org.ucbislet.isletisolation.RecordIsletCounterListener;

/** Both stage 2 processes together: an isolation releases its product to a child waiting in isletTransplant. */
@Deployment(resources = {"bpmn/dosing-weighing.bpmn", "forms/weigh-child.form", "bpmn/islet-isolation.bpmn", "bpmn/pancreas-donor-acceptance.dmn",
    "bpmn/islet-product-release.dmn", "forms/pancreas-offer.form", "forms/procure-pancreas.form",
    "forms/trim-pancreas.form", "forms/digest-pancreas.form", "forms/collect-digest.form", "forms/purify-islets.form",
    "forms/count-islets.form", "forms/record-release-tests.form", "forms/decide-release.form",
    "forms/discard-product.form",
    "bpmn/islet-transplant.bpmn", "bpmn/basiliximab-dose.dmn", "bpmn/portal-pressure.dmn",
    "bpmn/islet-infusion-volume.dmn", "bpmn/heparin-bleeding-risk.dmn", "bpmn/tacrolimus-trough-target.dmn", "bpmn/islet-graft-function.dmn",
    "forms/islet-candidacy-review.form", "forms/administer-basiliximab.form", "forms/portal-vein-puncture.form",
    "forms/portal-access-decision.form", "forms/open-portal-injection.form", "forms/islet-infusion.form",
    "forms/stopped-infusion-review.form", "forms/tract-embolisation.form", "forms/start-immunosuppression.form",
    "forms/basiliximab-second-dose.form", "forms/immunosuppression-taper.form", "forms/tacrolimus-trough.form",
    "forms/tacrolimus-dose-adjustment.form", "forms/insulin-reduction.form", "forms/islet-graft-function.form",
    "forms/further-infusion-decision.form", "forms/islet-infusion-go.form", "forms/bleeding-thrombosis-check.form",
    "forms/bleeding-thrombosis-management.form", "bpmn/adverse-event-review.bpmn", "forms/adverse-event-review.form", "forms/islet-immune-panel.form"})
class IsletIsolationToTransplantTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    Mocks.register("assignDonorBusinessKeyListener", new AssignDonorBusinessKeyListener());
    Mocks.register("recordIsletCounterListener", new RecordIsletCounterListener());
    Mocks.register("enforceFourEyesReleaseListener", new EnforceFourEyesReleaseListener());
    Mocks.register("calculateIsletEquivalentsDelegate", new CalculateIsletEquivalentsDelegate());
    Mocks.register("measureColdIschemiaDelegate", new MeasureColdIschemiaDelegate());
    Mocks.register("allocateIsletProductDelegate", new AllocateIsletProductDelegate(org.ucbislet.clinical.DosingWeightSettings.defaults()));
    Mocks.register("deliverIsletProductDelegate", new DeliverIsletProductDelegate());
    IsletTransplantMocks.register(IsletTransplantProcessTest.SETTINGS);
  }

  @AfterEach
  void tearDown() {
    engine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
    Mocks.reset();
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    engine.getIdentityService().setAuthenticatedUserId(userId);
    try {
      engine.getTaskService().complete(task.getId(), variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void isolationReleasesItsProductToTheChildWaitingLongestInIsletTransplant() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-01T06:00:00Z")));
    ProcessInstance longer = engine.getRuntimeService().startProcessInstanceByKey(IsletTransplantVariables.PROCESS_KEY,
        "UCBI-0401", IsletTransplantTestData.calledFor("UCBI-0401", 24.0));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-04-01T06:00:00Z")));
    ProcessInstance shorter = engine.getRuntimeService().startProcessInstanceByKey(IsletTransplantVariables.PROCESS_KEY,
        "UCBI-0402", IsletTransplantTestData.calledFor("UCBI-0402", 20.0));
    assertThat(longer).isWaitingAt(IsletIsolationVariables.TRANSPLANT_AWAIT_PRODUCT);

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-10T02:00:00Z")));
    // both children weighed the day before (their current weight, as the protocol holds it)
    for (ProcessInstance child : List.of(longer, shorter)) {
      engine.getRuntimeService().setVariable(child.getId(), DosingWeight.CURRENT_WEIGHT_KG,
          engine.getRuntimeService().getVariable(child.getId(), IsletTransplantVariables.WEIGHT_KG));
      engine.getRuntimeService().setVariable(child.getId(), DosingWeight.CURRENT_WEIGHT_DATE, "2027-05-09");
    }
    ProcessInstance isolation = engine.getRuntimeService().startProcessInstanceByMessage(
        IsletIsolationVariables.MESSAGE_PANCREAS_OFFERED, offer("OPO-2027-0100"));
    completeAs("alice", task(IsletIsolationVariables.TASK_PROCURE, isolation), procurement());
    completeAs("alice", task(IsletIsolationVariables.TASK_TRIM, isolation), trimming());
    completeAs("alice", task(IsletIsolationVariables.TASK_DIGEST, isolation), digestion());
    completeAs("alice", task(IsletIsolationVariables.TASK_COLLECT, isolation), collection());
    completeAs("alice", task(IsletIsolationVariables.TASK_PURIFY, isolation), purification());
    completeAs("alice", task(IsletIsolationVariables.TASK_COUNT, isolation), counts());
    completeAs("alice", task(IsletIsolationVariables.TASK_RELEASE_TESTS, isolation), releaseTests());
    assertThat(isolation).variables().containsEntry(IsletIsolationVariables.ALLOCATED_SUBJECT_ID, "UCBI-0401");
    completeAs("bob", task(IsletIsolationVariables.TASK_DECIDE_RELEASE, isolation), releaseDecision(true));

    assertThat(isolation).isEnded().hasPassed(IsletIsolationVariables.END_RELEASED);
    assertThat(longer).isWaitingAt(IsletTransplantVariables.TASK_DECIDE_ISLET_INFUSION);
    assertThat(longer).variables().containsEntry(IsletIsolationVariables.PRODUCT_ID, "OPO-2027-0100");
    Assertions.assertThat((Double) engine.getRuntimeService().getVariable(longer.getId(),
        IsletIsolationVariables.PRODUCT_IEQ_PER_KG)).isCloseTo(EXPECTED_PRODUCT_IEQ / 24.0, Assertions.within(0.01));
    assertThat(task(IsletTransplantVariables.TASK_DECIDE_ISLET_INFUSION, longer)).hasCandidateGroup("mdt");
    assertThat(shorter).isWaitingAt(IsletIsolationVariables.TRANSPLANT_AWAIT_PRODUCT);
  }
}

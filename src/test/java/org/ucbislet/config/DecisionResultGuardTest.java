package org.ucbislet.config;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.BusinessRuleTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.ucbislet.clinical.FieldViolation;

/**
 * Issue 18 item 9: a guarded decision table that gives no result inside a process never routes silently. Probe
 * processes (built with the model API) call the real tables acuteGvhdGrade and chronicGvhdSeverity from a business
 * rule task, synchronously (the caller gets the error naming the input, nothing changes) and asynchronously (an
 * incident naming the input); outside a process the table's own answer, no result, stands.
 */
class DecisionResultGuardTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private String deploymentId;

  @BeforeEach
  void deploy() {
    init(engine.getProcessEngine());
    deploymentId = engine.getRepositoryService().createDeployment()
        .addModelInstance("guard-probe.bpmn", probe("guardProbe", false))
        .addModelInstance("guard-probe-async.bpmn", probe("guardProbeAsync", true))
        .addModelInstance("guard-probe-chronic.bpmn", Bpmn.createExecutableProcess("guardProbeChronic").camundaHistoryTimeToLive(1)
            .startEvent("Start_Probe").businessRuleTask("Task_Grade").camundaDecisionRef("chronicGvhdSeverity")
            .camundaMapDecisionResult("singleEntry").camundaResultVariable("severity").endEvent("End_Probe").done())
        .addClasspathResource("bpmn/acute-gvhd-grade.dmn").addClasspathResource("bpmn/chronic-gvhd-severity.dmn").deploy().getId();
  }

  @AfterEach
  void undeploy() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
  }

  private static BpmnModelInstance probe(String key, boolean async) {
    BusinessRuleTaskBuilder task = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent("Start_Probe")
        .businessRuleTask("Task_Grade").camundaDecisionRef("acuteGvhdGrade").camundaMapDecisionResult("singleEntry")
        .camundaResultVariable("grade");
    if (async) {
      task.camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R1/PT1M");
    }
    return task.endEvent("End_Probe").done();
  }

  private static Map<String, Object> stages(Integer skin, Integer liver, Integer upperGi, Integer lowerGi) {
    return Variables.createVariables().putValue("skinStage", skin).putValue("liverStage", liver)
        .putValue("upperGiStage", upperGi).putValue("lowerGiStage", lowerGi);
  }

  @Test
  void completeInputRoutesWithItsResult() {
    ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey("guardProbe", stages(3, 0, 0, 0));
    assertThat(probe).isEnded().hasPassed("End_Probe").variables().containsEntry("grade", 2);
  }

  @Test
  void missingInputStopsTheCallerNamingItAndNothingIsStored() {
    Throwable thrown = Assertions.catchThrowable(() -> engine.getRuntimeService()
        .startProcessInstanceByKey("guardProbe", stages(null, 0, 0, null)));

    Assertions.assertThat(thrown).isInstanceOf(DecisionInputException.class)
        .hasMessageStartingWith("Decision 'acuteGvhdGrade' gave no result").hasMessageContaining("skinStage (Skin stage (0-4)): is missing");
    Assertions.assertThat(((DecisionInputException) thrown).getViolations()).extracting(FieldViolation::field)
        .containsExactly("skinStage", "lowerGiStage");
    Assertions.assertThat(((ProcessEngine) engine.getProcessEngine()).getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("guardProbe").count()).isZero();
  }

  @Test
  void impossibleInputNamesEveryInputWithItsValue() {
    Throwable thrown = Assertions.catchThrowable(() -> engine.getRuntimeService()
        .startProcessInstanceByKey("guardProbe", stages(0, 0, 2, 0)));

    Assertions.assertThat(((DecisionInputException) thrown).getViolations()).extracting(FieldViolation::field)
        .containsExactly("skinStage", "liverStage", "upperGiStage", "lowerGiStage", "decision");
    Assertions.assertThat(thrown).hasMessageContaining("upperGiStage (Upper GI stage (0-1)): is 2")
        .hasMessageContaining("no rule accepts these values together");
  }

  @Test
  void inAJobTheMissingInputBecomesAnIncidentNamingIt() {
    ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey("guardProbeAsync", stages(2, null, 0, 0));
    Job job = engine.getManagementService().createJobQuery().processInstanceId(probe.getId()).singleResult();

    Assertions.assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .isInstanceOf(DecisionInputException.class);

    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(probe.getId()).list();
    Assertions.assertThat(incidents).hasSize(1);
    Assertions.assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_Grade");
    Assertions.assertThat(incidents.get(0).getIncidentMessage()).contains("liverStage (Liver stage (0-4)): is missing");
    assertThat(probe).isNotEnded().isWaitingAt("Task_Grade").variables().doesNotContainKey("grade");
  }

  @Test
  void computedInputsAreNamedByTheirLabels() {
    Map<String, Object> scores = Variables.createVariables();
    for (String organ : List.of("Skin", "Mouth", "Eyes", "Gi", "Liver", "JointsFascia", "Genital")) {
      scores.put("chronicGvhd" + organ + "Score", 0);
    }
    scores.put("chronicGvhdLungScore", null);
    Throwable thrown = Assertions.catchThrowable(() -> engine.getRuntimeService().startProcessInstanceByKey("guardProbeChronic", scores));
    Assertions.assertThat(thrown).isInstanceOf(DecisionInputException.class).hasMessageContaining("chronicGvhdLungScore");
  }

  @Test
  void outsideAProcessTheTablesOwnAnswerNoResultStands() {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("acuteGvhdGrade").variables(stages(null, 0, 0, 0)).evaluate();
    Assertions.assertThat(result).isEmpty();
  }
}

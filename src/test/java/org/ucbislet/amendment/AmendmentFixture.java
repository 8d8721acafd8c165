package org.ucbislet.amendment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Two versions of three small processes that change the way protocol models change, for the amendment engine's own
 * tests: an activity renamed (mapped explicitly), an activity retired, a call activity taken out of an embedded
 * sub-process (its scope changed: Camunda cannot move a child waiting there, though the called instance could move),
 * a boundary timer, a message wait, a timer in a called process and an independent process whose old task is gone.
 */
final class AmendmentFixture {

  static final String ROOT = "amendmentFixture";
  static final String SUB = "amendmentFixtureSub";
  static final String EVENT = "amendmentFixtureEvent";
  static final String AMENDMENT_ID = "2026-12-08-fixture";
  static final String MESSAGE = "FixtureResultReceived";

  private AmendmentFixture() {
  }

  static BpmnModelInstance rootV1() {
    return Bpmn.createExecutableProcess(ROOT).camundaHistoryTimeToLive(9131).startEvent("Start_Fixture")
        .userTask("Task_Review").name("Review")
        .boundaryEvent("Timer_ReviewOverdue").timerWithDuration("P10D").endEvent("End_Overdue")
        .moveToActivity("Task_Review")
        .callActivity("Call_Sub").calledElement(SUB).camundaCalledElementBinding("deployment")
        .subProcess("SubProcess_Stage").embeddedSubProcess().startEvent("Start_Stage")
        .callActivity("Call_Staged").calledElement(SUB).camundaCalledElementBinding("deployment").endEvent("End_Stage").subProcessDone()
        .intermediateCatchEvent("Event_ResultReceived").message(MESSAGE)
        .userTask("Task_Retired").name("Step the amendment removes")
        .endEvent("End_Fixture").done();
  }

  static BpmnModelInstance rootV2() {
    return Bpmn.createExecutableProcess(ROOT).camundaHistoryTimeToLive(9131).startEvent("Start_Fixture")
        .userTask("Task_ReviewRenamed").name("Review (renamed)")
        .boundaryEvent("Timer_ReviewOverdue").timerWithDuration("P10D").endEvent("End_Overdue")
        .moveToActivity("Task_ReviewRenamed")
        .callActivity("Call_Sub").calledElement(SUB).camundaCalledElementBinding("deployment")
        .callActivity("Call_Staged").calledElement(SUB).camundaCalledElementBinding("deployment")
        .intermediateCatchEvent("Event_ResultReceived").message(MESSAGE)
        .endEvent("End_Fixture").done();
  }

  static BpmnModelInstance sub(String version) {
    return Bpmn.createExecutableProcess(SUB).camundaHistoryTimeToLive(9131).name("Fixture sub " + version)
        .startEvent("Start_Sub").intermediateCatchEvent("Timer_Wait").timerWithDuration("P30D")
        .userTask("Task_SubWork").endEvent("End_Sub").done();
  }

  static BpmnModelInstance event(String task) {
    return Bpmn.createExecutableProcess(EVENT).camundaHistoryTimeToLive(9131).startEvent("Start_Event")
        .userTask(task).endEvent("End_Event").done();
  }

  static final String AMENDMENT = """
      {
        "id": "2026-12-08-fixture",
        "title": "Fixture amendment",
        "date": "2026-12-08",
        "description": "Review renamed, a step removed, the staged call taken out of its sub-process.",
        "reconsent": {"dueWithin": "P30D", "statement": "The review step was renamed."},
        "processes": {
          "amendmentFixture": {
            "mappings": [{"from": "Task_Review", "to": "Task_ReviewRenamed", "why": "renamed"}],
            "retired": [{"activity": "Task_Retired", "why": "the step is no longer done"},
                        {"activity": "SubProcess_Stage", "why": "flattened"},
                        {"activity": "Start_Stage", "why": "flattened"}],
            "variables": {"amendedBy": "2026-12-08-fixture"},
            "whenCannotMove": {"rule": "keep-child-on-old-version", "reason": "the child moves whole"}
          },
          "amendmentFixtureSub": {
            "whenCannotMove": {"rule": "keep-child-on-old-version", "reason": "moves with its child"}
          },
          "amendmentFixtureEvent": {
            "retired": [{"activity": "Task_EventOld", "why": "replaced"}],
            "whenCannotMove": {"rule": "leave-this-process-on-old-version", "reason": "an event finishes where it began"}
          }
        }
      }
      """;

  /**
   * The two fixture deployments of this engine, deployed by the first test class that asks (the amendment tests share
   * one in-memory database per JVM: deploying twice would give versions 3 and 4 and move nothing the tests expect).
   */
  static synchronized Deployment[] deployOnce(ProcessEngine engine) {
    java.util.List<Deployment> deployed = engine.getRepositoryService().createDeploymentQuery()
        .deploymentName("amendment-fixture").orderByDeploymentTime().asc().list();
    return deployed.size() >= 2 ? new Deployment[] {deployed.get(0), deployed.get(1)} : deploy(engine);
  }

  /** Deploys version 1 (no amendment) and version 2 with the amendment file; answers the version 2 deployment. */
  static Deployment[] deploy(ProcessEngine engine) {
    Deployment v1 = engine.getRepositoryService().createDeployment().name("amendment-fixture")
        .addModelInstance("fixture/root.bpmn", rootV1()).addModelInstance("fixture/sub.bpmn", sub("1"))
        .addModelInstance("fixture/event.bpmn", event("Task_EventOld")).deploy();
    Deployment v2 = engine.getRepositoryService().createDeployment().name("amendment-fixture")
        .addModelInstance("fixture/root.bpmn", rootV2()).addModelInstance("fixture/sub.bpmn", sub("2"))
        .addModelInstance("fixture/event.bpmn", event("Task_EventNew"))
        .addInputStream("amendments/" + AMENDMENT_ID + "/amendment.json",
            new ByteArrayInputStream(AMENDMENT.getBytes(StandardCharsets.UTF_8))).deploy();
    return new Deployment[] {v1, v2};
  }
}

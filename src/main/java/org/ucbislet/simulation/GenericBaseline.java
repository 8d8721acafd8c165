package org.ucbislet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.ucbislet.security.IdentityBootstrap;

/**
 * The benchmark's baseline: a generic process with the same numbers of user tasks, service tasks, decisions and timers
 * per instance as a child of the protocol had on average, one after the other, run on the same engine by the same kind
 * of driver (claim and submit every task as a member of its group, fire every timer at its due date). What the protocol
 * costs beyond that is its own overhead: variables, listeners, form checks, call activities, messages, parallel paths.
 */
public final class GenericBaseline {

  public static final String PROCESS_KEY = "genericBaseline";
  public static final String DECISION_KEY = "genericBaselineDecision";
  private static final String GROUP = "trial-coordinator";

  /** Elements per instance. */
  public record Shape(int userTasks, int serviceTasks, int decisions, int timers) {}

  /** What the baseline run did. */
  public record Result(int instances, long transactions, long wallMillis) {}

  private final ProcessEngine engine;

  public GenericBaseline(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Deploys the generic process of this shape (elements interleaved round-robin) and its decision table. */
  public String deploy(Shape shape) {
    // never offered in Tasklist's "Start process": it exists only for the benchmark
    AbstractFlowNodeBuilder<?, ?> b = Bpmn.createExecutableProcess(PROCESS_KEY).name("Generic baseline (benchmark)")
        .camundaHistoryTimeToLive(9131).camundaStartableInTasklist(false).startEvent("Start");
    int[] left = {shape.userTasks(), shape.serviceTasks(), shape.decisions(), shape.timers()};
    for (int i = 0; left[0] + left[1] + left[2] + left[3] > 0; i++) {
      if (left[0]-- > 0) {
        b = b.userTask("User_" + i).name("User task " + i).camundaCandidateGroups(GROUP);
      }
      if (left[1]-- > 0) {
        b = b.serviceTask("Service_" + i).name("Service task " + i).camundaExpression("${execution.setVariable('s"
            + (i % 10) + "', " + i + ")}");
      }
      if (left[2]-- > 0) {
        b = b.businessRuleTask("Decision_" + i).name("Decision " + i).camundaDecisionRef(DECISION_KEY)
            .camundaMapDecisionResult("singleEntry").camundaResultVariable("d" + (i % 10));
      }
      if (left[3]-- > 0) {
        b = b.intermediateCatchEvent("Timer_" + i).name("Timer " + i).timerWithDuration("P7D");
      }
    }
    BpmnModelInstance model = b.endEvent("End").done();
    String deploymentId = engine.getRepositoryService().createDeployment().name("generic-baseline")
        .addModelInstance("generic-baseline.bpmn", model)
        .addString("generic-baseline.dmn", DMN).deploy().getId();
    // the same rights as the trial coordinator has on the protocol: start it (tasks: candidate group, TASK_WORK)
    IdentityBootstrap.ensureGrant(engine.getAuthorizationService(), GROUP, Resources.PROCESS_DEFINITION, PROCESS_KEY,
        Permissions.READ, Permissions.CREATE_INSTANCE);
    return deploymentId;
  }

  /** Starts {@code instances} instances at {@code from} and drives them to the end on the engine clock. */
  public Result run(int instances, Instant from) {
    long started = System.nanoTime();
    ClockUtil.setCurrentTime(Date.from(from));
    long transactions = 0;
    try {
      for (int i = 0; i < instances; i++) {
        int value = i;
        asUser(() -> engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, "GEN-" + value,
            Map.of("value", value)));
        transactions++;
      }
      while (true) {
        List<Job> due = engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS_KEY).executable()
            .active().listPage(0, 100);
        if (!due.isEmpty()) {
          for (Job job : due) {
            engine.getManagementService().executeJob(job.getId());
            transactions++;
          }
          continue;
        }
        List<Task> open = engine.getTaskService().createTaskQuery().processDefinitionKey(PROCESS_KEY).listPage(0, 100);
        if (!open.isEmpty()) {
          for (Task task : open) {
            Map<String, Object> values = new HashMap<>();
            values.put("answer" + (transactions % 10), "value " + transactions);
            asUser(() -> {
              engine.getTaskService().claim(task.getId(), GROUP);
              engine.getFormService().submitTaskForm(task.getId(), values);
            });
            transactions += 2;
          }
          continue;
        }
        List<Job> next = engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS_KEY)
            .withRetriesLeft().active().orderByJobDuedate().asc().listPage(0, 1);
        if (next.isEmpty()) {
          break;
        }
        Instant at = next.get(0).getDuedate().toInstant();
        if (at.isAfter(ClockUtil.getCurrentTime().toInstant())) {
          ClockUtil.setCurrentTime(Date.from(at.plus(Duration.ofSeconds(1))));
        }
      }
    } finally {
      ClockUtil.reset();
    }
    return new Result(instances, transactions, (System.nanoTime() - started) / 1_000_000);
  }

  /** Starts, claims and submissions as a member of the group, as the protocol's simulation does; queries and jobs not. */
  private void asUser(Runnable action) {
    engine.getIdentityService().setAuthentication(GROUP, List.of(GROUP));
    try {
      action.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="genericBaselineDefinitions"
          name="Generic baseline" namespace="http://ucbislet.org/bench">
        <decision id="genericBaselineDecision" name="Generic decision">
          <decisionTable id="genericBaselineTable" hitPolicy="FIRST">
            <input id="genericInput" label="Value">
              <inputExpression id="genericInputExpression" typeRef="integer"><text>value</text></inputExpression>
            </input>
            <output id="genericOutput" name="result" typeRef="string"/>
            <rule id="genericRuleLow"><inputEntry id="genericLow"><text>&lt; 500</text></inputEntry>
              <outputEntry id="genericLowOut"><text>"low"</text></outputEntry></rule>
            <rule id="genericRuleHigh"><inputEntry id="genericHigh"><text>&gt;= 500</text></inputEntry>
              <outputEntry id="genericHighOut"><text>"high"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>
      """;
}

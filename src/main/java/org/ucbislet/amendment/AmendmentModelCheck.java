package org.ucbislet.amendment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.ucbislet.amendment.Amendment.ActivityMapping;
import org.ucbislet.amendment.Amendment.ProcessPlan;

/**
 * Checks a process's migration plan against the old and the new model: every explicit mapping names an element of
 * both, and every element of the old model where an instance can be (a task, a sub-process, a call activity, a
 * waiting event, a gateway, a boundary event with its timer or message) either exists with the same ID in the new model
 * (Camunda's {@code mapEqualActivities()} takes it), is mapped explicitly, or is declared retired. What is left is
 * <em>unmapped</em>: a child there could not move and nobody said why, which the amendment's author must decide.
 */
public final class AmendmentModelCheck {

  /** The problems of the plan (field: problem) and the unmapped element IDs of the old model, sorted. */
  public record Result(List<String> problems, List<String> unmapped) {
    public boolean clean() {
      return problems.isEmpty() && unmapped.isEmpty();
    }
  }

  private AmendmentModelCheck() {
  }

  public static Result check(ProcessPlan plan, BpmnModelInstance source, BpmnModelInstance target) {
    String path = "processes." + plan.processKey();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < plan.mappings().size(); i++) {
      ActivityMapping m = plan.mappings().get(i);
      if (!(target.getModelElementById(m.to()) instanceof FlowNode)) {
        problems.add(path + ".mappings[" + i + "].to: '" + m.to() + "' is not an element of the new " + plan.processKey());
      }
      if (source != null && !(source.getModelElementById(m.from()) instanceof FlowNode)) {
        problems.add(path + ".mappings[" + i + "].from: '" + m.from() + "' is not an element of the old "
            + plan.processKey());
      }
      if (source != null && target.getModelElementById(m.from()) instanceof FlowNode) {
        problems.add(path + ".mappings[" + i + "].from: '" + m.from() + "' still exists in the new model: equal IDs "
            + "are mapped without an instruction");
      }
    }
    TreeSet<String> unmapped = new TreeSet<>();
    if (source != null) {
      for (FlowNode node : source.getModelElementsByType(FlowNode.class)) {
        if (!canHoldAnInstance(node)) {
          continue;
        }
        String id = node.getId();
        if (target.getModelElementById(id) instanceof FlowNode || plan.mappingOf(id) != null || plan.isRetired(id)) {
          continue;
        }
        unmapped.add(id);
      }
      for (int i = 0; i < plan.retired().size(); i++) {
        String id = plan.retired().get(i).activity();
        if (!(source.getModelElementById(id) instanceof FlowNode)) {
          problems.add(path + ".retired[" + i + "].activity: '" + id + "' is not an element of the old "
              + plan.processKey());
        }
      }
    }
    return new Result(List.copyOf(problems), List.copyOf(unmapped));
  }

  /** Whether an instance can be at the element: all but a plain start or end event of the process. */
  static boolean canHoldAnInstance(FlowNode node) {
    boolean async = node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter();
    if (node instanceof StartEvent && node.getParentElement() instanceof Process) {
      return async;
    }
    if (node instanceof EndEvent) {
      return async;
    }
    return true;
  }
}

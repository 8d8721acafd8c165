package org.ucbislet.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * Which child (or which donor pancreas) a task is for, on its card in Tasklist. Every group filter lists the variables
 * {@link #CARD_SUBJECT_ID} and {@link #CARD_DONOR_ID} (IdentityBootstrap); Tasklist reads them with the user's own
 * rights, and a clinical group may work a task without reading its process instance (least privilege). So each user
 * task gets the business key as a task-local variable when it is created: the subject ID for a child's process, the
 * donor ID for an islet isolation. The task's own READ right covers it; nothing else of the instance becomes readable.
 * Named apart from the process variables subjectId and donorId, so that Cockpit never lists two "subjectId".
 * The task's name ends with the same ID, so Tasklist's default search ("Name like") finds a child's tasks by
 * subject ID.
 */
@Component
public class TaskCardPlugin extends AbstractProcessEnginePlugin {

  private org.ucbislet.config.BenchFactors benchFactors = org.ucbislet.config.BenchFactors.allOn();

  /** The cohort benchmark's switches (config.BenchFactors): every extension on outside the benchmark. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  public void setBenchFactors(org.ucbislet.config.BenchFactors benchFactors) {
    this.benchFactors = benchFactors;
  }

  private static final Pattern SUBJECT_ID = Pattern.compile(ProtocolVariables.SUBJECT_ID_PATTERN);
  /** Task-local: the subject ID shown on the task's card. */
  public static final String CARD_SUBJECT_ID = "taskCardSubjectId";
  /** Task-local: the donor ID shown on an islet isolation task's card. */
  public static final String CARD_DONOR_ID = "taskCardDonorId";
  /** Between a task's name and the subject ID (or donor ID) it ends with: {@code Record blood counts · UCBI-0042}. */
  public static final String NAME_SEPARATOR = " · ";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!benchFactors.on(org.ucbislet.config.BenchFactors.TASK_CARD)) {
      return;
    }
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) TaskCardPlugin::label);
        }
      }
    });
  }

  static void label(DelegateTask task) {
    String key = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (key == null) {
      return;
    }
    if (SUBJECT_ID.matcher(key).matches()) {
      task.setVariableLocal(CARD_SUBJECT_ID, key);
      nameAfter(task, key);
    } else if (IsletIsolationVariables.PROCESS_KEY.equals(processKey(task))) {
      task.setVariableLocal(CARD_DONOR_ID, key);
      nameAfter(task, key);
    }
  }

  /**
   * The task's name ends with the child's subject ID (or the donor ID): Tasklist's search box searches task names by
   * default ("Name like"), so typing a subject ID there finds that child's tasks in one step, and the ID is in the
   * title of the task card and the open form.
   */
  private static void nameAfter(DelegateTask task, String key) {
    String name = task.getName();
    if (name != null && !name.endsWith(NAME_SEPARATOR + key)) {
      task.setName(name + NAME_SEPARATOR + key);
    }
  }

  private static String processKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    return definitionId == null ? null : definitionId.substring(0, definitionId.indexOf(':'));
  }
}

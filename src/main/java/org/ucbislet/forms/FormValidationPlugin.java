package org.ucbislet.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.spin.json.SpinJsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Enforces every deployed Camunda Form on the server, once and for all elements: a user task is
 * checked when it completes, a start event when the process starts, whoever submits (Tasklist, the
 * REST API or Java). Values that break the form's rules abort the command with a
 * {@link FormValidationException}: the transaction rolls back, nothing is stored, the task stays open.
 * A valid form that weighs the child ({@link Weighings}) updates the child's current weight.
 */
@Component
public class FormValidationPlugin extends AbstractProcessEnginePlugin {

  private org.ucbislet.config.BenchFactors benchFactors = org.ucbislet.config.BenchFactors.allOn();

  /** The cohort benchmark's switches (config.BenchFactors): every extension on outside the benchmark. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  public void setBenchFactors(org.ucbislet.config.BenchFactors benchFactors) {
    this.benchFactors = benchFactors;
  }

  private static final Logger LOG = LoggerFactory.getLogger(FormValidationPlugin.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeployedForms forms = new DeployedForms();

  private ClinicalRules clinicalRules = ClinicalRules.PROTOCOL_DEFAULTS;

  /** The inclusion age limit checked at referral ({@code ucbi.enrolment.max-age-at-referral-years}). */
  @org.springframework.beans.factory.annotation.Value("${ucbi.enrolment.max-age-at-referral-years:18}")
  public void setMaxAgeAtReferralYears(double years) {
    if (!(years > 0)) {
      throw new IllegalArgumentException("ucbi.enrolment.max-age-at-referral-years must be positive, was " + years);
    }
    this.clinicalRules = new ClinicalRules(years);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new FormBindingParseListener());
  }

  private final class FormBindingParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      String formId = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
      if (formId != null && !formId.contains("${")) {
        activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> validate(execution, formId));
      }
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      String formId = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
      if (formId != null && !formId.contains("${")
          && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
        behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_COMPLETE,
            (TaskListener) task -> validate(task, formId));
      }
    }
  }

  private void validate(DelegateExecution execution, String formId) {
    FormSchema schema = schema(execution.getProcessEngineServices().getRepositoryService(),
        execution.getProcessDefinitionId(), formId);
    if (benchFactors.on(org.ucbislet.config.BenchFactors.FORM_VALIDATION)) {
      check(schema, new ScopeVariableMap(execution));
    }
    Weighings.record(schema, execution, (ExecutionEntity) execution, execution.getCurrentActivityName());
  }

  private void validate(DelegateTask task, String formId) {
    FormSchema schema = schema(task.getProcessEngineServices().getRepositoryService(), task.getProcessDefinitionId(),
        formId);
    if (benchFactors.on(org.ucbislet.config.BenchFactors.FORM_VALIDATION)) {
      check(schema, new ScopeVariableMap(task));
    }
    if (task.getExecution() != null) {
      // the element's name (Tasklist's task card adds the subject ID to the task's own name)
      String element = task.getBpmnModelElementInstance() == null ? null : task.getBpmnModelElementInstance().getName();
      Weighings.record(schema, task, (ExecutionEntity) task.getExecution(), element != null ? element : task.getName());
    }
  }

  private FormSchema schema(RepositoryService repository, String processDefinitionId, String formId) {
    // a definition's deployment never changes: read once per definition, not once per submission
    String deploymentId = deployments.computeIfAbsent(processDefinitionId, id -> Context.getCommandContext()
        .runWithoutAuthorization(() -> repository.getProcessDefinition(id).getDeploymentId()));
    return forms.find(repository, deploymentId, formId);
  }

  private final Map<String, String> deployments = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The variables visible to the submitted element (task-local, then the execution and its parents), read one by one
   * as the form's rules ask for them (issue 21): the rules read the form's fields and the few recorded values they
   * compare with (earlier dates, consent answers, a dynamic option list), never the child's other variables. Reading
   * every variable of the scope, as {@code getVariables()} does, loads and deserialises each JSON list of the child (visit
   * plans, growth, deviations, candidate units) on every submission. A JSON variable reads as the plain list, map or
   * value it holds, as {@link #plainValues} makes it. Iterating the map reads every variable (nothing iterates it).
   */
  static final class ScopeVariableMap extends java.util.AbstractMap<String, Object> {
    private final org.camunda.bpm.engine.delegate.VariableScope scope;
    private final Map<String, Object> read = new HashMap<>();

    ScopeVariableMap(org.camunda.bpm.engine.delegate.VariableScope scope) {
      this.scope = scope;
    }

    @Override
    public Object get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      if (!read.containsKey(name)) {
        Object value = scope.getVariable(name);
        read.put(name, value instanceof SpinJsonNode node ? plain(node) : value);
      }
      return read.get(name);
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && scope.hasVariable(name);
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return plainValues(scope.getVariables()).entrySet();
    }
  }

  private void check(FormSchema schema, Map<String, Object> values) {
    List<FieldViolation> violations = new ArrayList<>(schema.validate(values));
    if (violations.isEmpty()) {
      ZoneId zone = ClinicalTimeZone.get();
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
      violations.addAll(clinicalRules.check(schema.inputFieldKeys(), values, schema.labels(), today, zone));
    }
    if (!violations.isEmpty()) {
      LOG.info("Form {} rejected: {}", schema.id(), violations.stream().map(FieldViolation::field).toList());
      throw new FormValidationException(schema.id(), violations);
    }
  }

  /**
   * The values as plain Java: a {@code Json} variable (Spin node) becomes the list, map or scalar it holds. Tasklist
   * 7.24 submits a checklist or tag list as {@code {"type":"Json","value":"[...]"}} when no variable of that name
   * exists yet, and a REST client may do the same; a serialized {@code java.util.ArrayList} arrives as a list already.
   */
  static Map<String, Object> plainValues(Map<String, Object> values) {
    Map<String, Object> plain = new HashMap<>(values);
    plain.replaceAll((name, value) -> value instanceof SpinJsonNode node ? plain(node) : value);
    return plain;
  }

  private static Object plain(SpinJsonNode node) {
    try {
      return JSON.readValue(node.toString(), Object.class);
    } catch (JsonProcessingException e) {
      return node;
    }
  }
}

package org.ucbislet.forms;

import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The server accepts exactly the form's fields (issue 15 item 4). For a submission by an authenticated user (REST,
 * Tasklist, Java with an authentication), before the engine applies it:
 * <ul>
 *   <li>completing a task ({@code complete}, {@code submit-form}) with a form, starting a process whose start event has
 *   a form ({@code start}, {@code submit-form}), and a message that starts a process at a message start event with a
 *   form ({@code POST /message}) may carry only the variables that are fields of that form: any other variable is
 *   refused with 400 naming it ("is not a field of form ..."), so a work-up cannot overwrite {@code dateOfBirth} and an
 *   enrolment cannot set {@code eligible} or {@code protocolEnd};</li>
 *   <li>a read-only field of a task form (a value the engine computed and the form only shows, such as
 *   {@code infusionNumber} or {@code weightKg} on the go/no-go form) may be sent back, as Tasklist does, but only with
 *   the engine's current value (400 otherwise).</li>
 * </ul>
 * Documented engine fields accepted besides a form's fields ({@link #DOCUMENTED_ENGINE_FIELDS}): the diagnostic work-up's
 * {@code extrapancreaticOrganDamageCount}, the contract's decision input (design.md section 3) that a REST client may
 * send instead of the 11 organ-damage answers. A start's business key travels outside the variables. Calls
 * that the engine makes itself inside a command (delegates starting processes, correlating messages) are not checked
 * here; they are the models' own code. The values themselves are checked by {@link FormValidationPlugin}.
 */
@Component
public class FormSubmissionGuardPlugin extends AbstractProcessEnginePlugin {

  private org.ucbislet.config.BenchFactors benchFactors = org.ucbislet.config.BenchFactors.allOn();

  /** The cohort benchmark's switches (config.BenchFactors): every extension on outside the benchmark. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  public void setBenchFactors(org.ucbislet.config.BenchFactors benchFactors) {
    this.benchFactors = benchFactors;
  }

  private static final Logger LOG = LoggerFactory.getLogger(FormSubmissionGuardPlugin.class);
  /** Activity property holding the element's camunda:formRef. */
  static final String FORM_REF = "ucbiFormRef";

  /** Variables a form does not show but a submission may carry (documented in README and docs/security.md). */
  static final Map<String, Set<String>> DOCUMENTED_ENGINE_FIELDS =
      Map.of("diagnostic-work-up", Set.of("extrapancreaticOrganDamageCount"));

  /**
   * The electronic signature's fields, accepted on every submission: they travel as transient variables, are checked
   * by the signature listener (audit.ElectronicSignatures) and never stored. Named here, not imported, so that the
   * form check does not depend on the audit package; FormSubmissionRestTest keeps both lists equal.
   */
  static final Set<String> SIGNATURE_FIELDS = Set.of("signatureUserId", "signaturePassword", "signatureMeaning");

  private final DeployedForms forms = new DeployedForms();

  private ClinicalRules clinicalRules = ClinicalRules.PROTOCOL_DEFAULTS;

  /** The inclusion age limit checked at referral ({@code ucbi.enrolment.max-age-at-referral-years}), as for forms. */
  @org.springframework.beans.factory.annotation.Value("${ucbi.enrolment.max-age-at-referral-years:18}")
  public void setMaxAgeAtReferralYears(double years) {
    if (!(years > 0)) {
      throw new IllegalArgumentException("ucbi.enrolment.max-age-at-referral-years must be positive, was " + years);
    }
    this.clinicalRules = new ClinicalRules(years);
  }

  /** What a command submits, for which element. */
  record Submission(String taskId, String processDefinitionId, String processDefinitionKey, String messageName,
                    Map<String, Object> variables) {
  }

  /** A change of variables outside a task (an administrator's correction), of an execution or a task. */
  record Correction(String executionId, String taskId, Map<String, Object> variables) {
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!benchFactors.on(org.ucbislet.config.BenchFactors.GUARDS)) {
      return;
    }
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        remember(element, activity);
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        remember(element, activity);
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Guard(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private static void remember(Element element, ActivityImpl activity) {
    String formId = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    if (formId != null && !formId.contains("${")) {
      activity.setProperty(FORM_REF, formId);
    }
  }

  private final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() != null) {
        checkFormDeliveredMessage(command);
        return next.execute(command);
      }
      if (configuration.getIdentityService().getCurrentAuthentication() != null) {
        Correction correction = correction(command);
        Submission submitted = submission(command);
        org.camunda.bpm.engine.runtime.DeserializationTypeValidator engineAllowList =
            configuration.isDeserializationTypeValidationEnabled() ? configuration.getDeserializationTypeValidator() : null;
        checkObjectVariables(correction == null ? null : correction.variables(), engineAllowList);
        checkObjectVariables(submitted == null ? null : submitted.variables(), engineAllowList);
        if (correction != null && !correction.variables().isEmpty()) {
          FormValidationException refused = configuration.getCommandExecutorTxRequired()
              .execute(context -> checkCorrection(context, correction));
          if (refused != null) {
            throw refused;
          }
        }
        Submission submission = submission(command);
        if (submission != null && submission.messageName() != null && !submission.variables().isEmpty()) {
          MessageCorrelationBuilderImpl builder = (MessageCorrelationBuilderImpl) field(command, "builder");
          FormValidationException refused = configuration.getCommandExecutorTxRequired()
              .execute(context -> checkMessage(context, builder, submission.variables()));
          if (refused != null) {
            throw refused;
          }
        }
        if (submission != null && !submission.variables().isEmpty()) {
          // read in a command of its own; refused here, outside it, so the engine logs no stack trace for a user's mistake
          FormValidationException refused = configuration.getCommandExecutorTxRequired()
              .execute(context -> check(context, submission));
          if (refused != null) {
            throw refused;
          }
        }
        if (submission != null && submission.taskId() == null && submission.messageName() == null) {
          Boolean outer = USER_START_FORM.get();
          USER_START_FORM.set(Boolean.TRUE);
          try {
            return next.execute(command);
          } finally {
            USER_START_FORM.set(outer);
          }
        }
      }
      return next.execute(command);
    }

    /**
     * A message sent from inside the engine while a user's start form is submitted: Tasklist's way to send a protocol
     * event (consentWithdrawal, deathReport, chimerismResult start forms, {@code protocol/ProtocolEventDelivery}). Its
     * variables are the user's form values, so it passes exactly the rules the same message passes over REST
     * ({@link #checkMessage}): against the variables of the instance it reaches, e.g. a chimerism result date not
     * before that child's cord blood infusion (issue 15 item 5). Messages the engine sends on its own (timers, jobs,
     * task completions) are not user input and are not checked here.
     */
    private void checkFormDeliveredMessage(Command<?> command) {
      if (!Boolean.TRUE.equals(USER_START_FORM.get()) || !(command instanceof AbstractCorrelateMessageCmd)) {
        return;
      }
      Submission submission = submission(command);
      if (submission == null) {
        return;
      }
      // a field left unanswered on the form is delivered as null: over REST it would not be sent at all
      Map<String, Object> sent = new LinkedHashMap<>();
      submission.variables().forEach((name, value) -> {
        if (unwrap(value) != null) {
          sent.put(name, value);
        }
      });
      if (sent.isEmpty()) {
        return;
      }
      MessageCorrelationBuilderImpl builder = (MessageCorrelationBuilderImpl) field(command, "builder");
      FormValidationException refused = checkMessage(Context.getCommandContext(), builder, sent);
      if (refused != null) {
        throw refused;
      }
    }
  }

  /** Set while an authenticated user's start form (or process start) runs: nested messages carry its values. */
  private static final ThreadLocal<Boolean> USER_START_FORM = new ThreadLocal<>();

  /** The refusal of the submission, or null when it carries only the form's fields and unchanged read-only values. */
  private FormValidationException check(CommandContext context, Submission submission) {
    ActivityImpl element;
    TaskEntity task = null;
    if (submission.taskId() != null) {
      task = context.getTaskManager().findTaskById(submission.taskId());
      if (task == null || task.getProcessDefinitionId() == null) {
        return null; // the engine answers a missing task itself; a standalone task has no form
      }
      element = definition(context, task.getProcessDefinitionId(), null).findActivity(task.getTaskDefinitionKey());
    } else if (submission.messageName() != null) {
      element = messageStart(context, submission.messageName());
    } else {
      ProcessDefinitionEntity definition = definition(context, submission.processDefinitionId(), submission.processDefinitionKey());
      element = definition == null ? null : (ActivityImpl) definition.getInitial();
    }
    String formId = element == null ? null : (String) element.getProperty(FORM_REF);
    if (formId == null) {
      return null;
    }
    ProcessDefinitionEntity definition = (ProcessDefinitionEntity) element.getProcessDefinition();
    if (!authorized(context, task, definition)) {
      return null; // the engine's own command answers 403: a form's rules are no concern of someone who may not submit
    }
    FormSchema schema = forms.find(context.getProcessEngineConfiguration().getRepositoryService(),
        definition.getDeploymentId(), formId);
    List<FieldViolation> violations = new ArrayList<>();
    Set<String> fields = Set.copyOf(schema.fieldKeys());
    for (String name : new TreeSet<>(submission.variables().keySet())) {
      if (!fields.contains(name) && !SIGNATURE_FIELDS.contains(name)
          && !DOCUMENTED_ENGINE_FIELDS.getOrDefault(formId, Set.of()).contains(name)) {
        violations.add(new FieldViolation(name, null, "is not a field of form '" + formId
            + "'; only the form's fields are accepted"));
      }
    }
    if (task != null) {
      for (String name : schema.readOnlyFieldKeys()) {
        if (submission.variables().containsKey(name)) {
          Object sent = submission.variables().get(name);
          Object current = task.getVariable(name);
          if (!same(sent, current)) {
            violations.add(new FieldViolation(name, null, "is read-only (computed by the engine): it may only be sent "
                + "back unchanged"));
          }
        }
      }
    }
    if (!violations.isEmpty()) {
      LOG.info("Form {} rejected: {}", formId, violations.stream().map(FieldViolation::field).toList());
      return new FormValidationException(formId, violations);
    }
    return null;
  }

  /**
   * A correction passes the rules of every form of the instance's deployment that has an input field for the corrected
   * variable (issue 15 item 5): an administrator cannot store a weight of -3 kg that no form would accept.
   */
  private FormValidationException checkCorrection(CommandContext context, Correction correction) {
    org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity execution;
    TaskEntity task = null;
    if (correction.taskId() != null) {
      task = context.getTaskManager().findTaskById(correction.taskId());
      execution = task == null ? null : task.getExecution();
    } else {
      execution = context.getExecutionManager().findExecutionById(correction.executionId());
    }
    if (execution == null || execution.getProcessDefinitionId() == null) {
      return null; // the engine answers a missing instance itself
    }
    try {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        if (task != null) {
          checker.checkUpdateTaskVariable(task);
        } else {
          checker.checkUpdateProcessInstanceVariables(execution);
        }
      }
    } catch (AuthorizationException e) {
      return null; // the engine's own command answers 403
    }
    ProcessDefinitionEntity definition = definition(context, execution.getProcessDefinitionId(), null);
    Map<String, Object> values = new LinkedHashMap<>(execution.getVariables());
    correction.variables().forEach((name, value) -> values.put(name, unwrap(value)));
    return rules(context, definition, values, correction.variables().keySet(), null);
  }

  /**
   * A protocol message delivered to running instances (issue 15 item 5: {@code PatientDeceased},
   * {@code ChimerismResultReceived}, {@code ConsentWithdrawn} and any other) passes the same rules as a form, checked
   * against each instance it would reach: the field rules of every form of the deployment that asks for one of its
   * variables and the clinical date rules ({@link ClinicalRules}), so a date of death before the birth or in the future
   * is refused with 400 naming the field before anything changes. A sender without the right to update the instance is
   * left to the engine (403); a message that reaches no instance is the engine's to answer.
   */
  private FormValidationException checkMessage(CommandContext context, MessageCorrelationBuilderImpl builder,
                                               Map<String, Object> variables) {
    for (EventSubscriptionEntity subscription : context.getEventSubscriptionManager()
        .findEventSubscriptionsByNameAndTenantId("message", builder.getMessageName(), null)) {
      org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity execution = subscription.getExecution();
      if (execution == null || !reaches(builder, execution)) {
        continue;
      }
      try {
        for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
          checker.checkUpdateProcessInstance(execution);
        }
      } catch (AuthorizationException e) {
        continue; // the engine's own command answers 403
      }
      Map<String, Object> values = new LinkedHashMap<>(execution.getVariables());
      variables.forEach((name, value) -> values.put(name, unwrap(value)));
      FormValidationException refused = rules(context, definition(context, execution.getProcessDefinitionId(), null),
          values, variables.keySet(), builder.getMessageName() + " message");
      if (refused != null) {
        return refused;
      }
    }
    return null;
  }

  /** Whether the correlation names this execution's instance (business key, instance ID, correlation variables). */
  private static boolean reaches(MessageCorrelationBuilderImpl builder,
                                 org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity execution) {
    org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity instance = execution.getProcessInstance();
    if (builder.getProcessInstanceId() != null && !builder.getProcessInstanceId().equals(instance.getId())) {
      return false;
    }
    if (builder.getBusinessKey() != null && !builder.getBusinessKey().equals(instance.getBusinessKey())) {
      return false;
    }
    Map<String, Object> correlation = builder.getCorrelationProcessInstanceVariables();
    return correlation == null || correlation.entrySet().stream()
        .allMatch(e -> same(e.getValue(), instance.getVariable(e.getKey())));
  }

  /**
   * The refusal of changed variables by the rules a form would apply: the field rules of every form of the deployment
   * that has an input field for a changed variable, then the clinical date and consent rules; null when they pass.
   * {@code what} names a message in the refusal; a correction (null) is named by the form whose rule it broke.
   */
  private FormValidationException rules(CommandContext context, ProcessDefinitionEntity definition,
                                        Map<String, Object> values, Set<String> changed, String what) {
    List<FieldViolation> violations = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    String formIds = "";
    for (FormSchema schema : forms.all(context.getProcessEngineConfiguration().getRepositoryService(),
        definition.getDeploymentId())) {
      schema.labels().forEach(labels::putIfAbsent);
      List<FieldViolation> broken = schema.validateFields(values, changed);
      if (!broken.isEmpty()) {
        formIds = formIds.isEmpty() ? schema.id() : formIds;
        broken.stream().filter(v -> violations.stream().noneMatch(w -> w.field().equals(v.field()))).forEach(violations::add);
      }
    }
    if (violations.isEmpty()) {
      ZoneId zone = ClinicalTimeZone.get();
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
      violations.addAll(clinicalRules.check(new TreeSet<>(changed), values, labels, today, zone));
      formIds = violations.isEmpty() ? formIds : "clinical date rules";
    }
    if (violations.isEmpty()) {
      return null;
    }
    LOG.info("{} refused by {}: {}", what == null ? "Correction" : what, formIds,
        violations.stream().map(FieldViolation::field).toList());
    return new FormValidationException(what == null ? formIds : what, violations);
  }

  static Correction correction(Command<?> command) {
    boolean execution = command instanceof org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd
        || command instanceof org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
    boolean task = command instanceof org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd
        || command instanceof org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
    if (!execution && !task) {
      return null;
    }
    String id = (String) field(command, "entityId");
    Map<String, Object> variables = variables(field(command, "variables"));
    return execution ? new Correction(id, null, variables) : new Correction(null, id, variables);
  }

  /** What the engine itself checks before a completion (TASK_WORK) or a start (CREATE_INSTANCE). */
  private static boolean authorized(CommandContext context, TaskEntity task, ProcessDefinitionEntity definition) {
    try {
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        if (task != null) {
          checker.checkTaskWork(task);
        } else {
          checker.checkCreateProcessInstance(definition);
        }
      }
      return true;
    } catch (AuthorizationException e) {
      return false;
    }
  }

  private static ProcessDefinitionEntity definition(CommandContext context, String id, String key) {
    var cache = context.getProcessEngineConfiguration().getDeploymentCache();
    if (id != null) {
      return cache.findDeployedProcessDefinitionById(id);
    }
    return key == null ? null : cache.findDeployedLatestProcessDefinitionByKey(key);
  }

  /** The message start event with a form that this message would start, or null. */
  private static ActivityImpl messageStart(CommandContext context, String messageName) {
    for (EventSubscriptionEntity subscription : context.getEventSubscriptionManager()
        .findMessageStartEventSubscriptionByName(messageName)) {
      ProcessDefinitionEntity definition = definition(context, subscription.getConfiguration(), null);
      ActivityImpl start = definition == null ? null : definition.findActivity(subscription.getActivityId());
      if (start != null && start.getProperty(FORM_REF) != null) {
        return start;
      }
    }
    return null;
  }

  /** Equal values; numbers by value, other types by their text (Tasklist sends some values back as text). */
  /** The REST API's date format ({@code camunda.bpm.rest... dateFormat} default). */
  private static final java.time.format.DateTimeFormatter REST_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

  static boolean same(Object sent, Object current) {
    Object a = unwrap(sent);
    Object b = unwrap(current);
    if (a == null || b == null) {
      // form-js sends its empty value for a field that showed nothing: "" for text, false for a checkbox
      return a == null && b == null || ("".equals(a) || Boolean.FALSE.equals(a)) && b == null;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (b instanceof java.util.Date date && a instanceof String text) {
      // Tasklist sends a Date variable back as the REST API showed it (2027-01-06T00:00:00.000+0000)
      try {
        return java.time.OffsetDateTime.parse(text, REST_DATE).toInstant().equals(date.toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        return false;
      }
    }
    return Objects.equals(a, b) || String.valueOf(a).equals(String.valueOf(b));
  }

  private static Object unwrap(Object value) {
    if (value instanceof org.camunda.bpm.engine.variable.value.SerializableValue serializable
        && !serializable.isDeserialized()) {
      return serializable.getValueSerialized(); // an object sent serialized: its text, never deserialized here
    }
    return value instanceof org.camunda.bpm.engine.variable.value.TypedValue typed ? typed.getValue() : value;
  }

  /** java.util collections an object variable may be (with the java.lang values and this application's classes). */
  static final Set<String> ALLOWED_COLLECTIONS = Set.of("java.util.ArrayList", "java.util.Arrays$ArrayList",
      "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
      "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.List", "java.util.Map", "java.util.Set");

  /** java.lang values an object variable or its elements may be. */
  static final Set<String> ALLOWED_VALUES = Set.of("java.lang.String", "java.lang.Boolean", "java.lang.Integer",
      "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
      "java.lang.Number", "java.lang.Object");

  /**
   * Object variables sent by a user (issue 15 item 6): only JSON or XML, and only of an allowed class (generic
   * arguments included), so nobody stores a Java-serialized object or makes the engine deserialize a class of their
   * choice.
   */
  static void checkObjectVariables(Map<String, Object> variables) {
    checkObjectVariables(variables, null);
  }

  /**
   * As {@link #checkObjectVariables(Map)}, and a value sent serialized must also pass the engine's own deserialization
   * allow-list ({@code engineAllowList}, null when it is off): what the engine would refuse to read back is not stored.
   */
  static void checkObjectVariables(Map<String, Object> variables,
                                   org.camunda.bpm.engine.runtime.DeserializationTypeValidator engineAllowList) {
    if (variables == null) {
      return;
    }
    for (Map.Entry<String, Object> variable : new java.util.TreeMap<>(variables).entrySet()) {
      if (!(variable.getValue() instanceof org.camunda.bpm.engine.variable.value.SerializableValue value)
          || value instanceof org.camunda.bpm.engine.variable.value.FileValue) {
        continue;
      }
      String format = value.getSerializationDataFormat();
      if (format != null && format.contains("java-serialized")) {
        throw new ObjectVariableRefusedException(variable.getKey(), "Java serialization is not accepted; send the "
            + "value as JSON (serializationDataFormat application/json)");
      }
      if (value instanceof org.camunda.bpm.engine.variable.value.ObjectValue object) {
        String type = object.isDeserialized() && object.getValue() != null ? object.getValue().getClass().getName()
            : object.getObjectTypeName();
        if (!allowedType(type)) {
          throw new ObjectVariableRefusedException(variable.getKey(), "objects of type '" + type + "' are not accepted; "
              + "only java.util collections, java.lang values and this application's value classes");
        }
        if (engineAllowList != null && !object.isDeserialized()) {
          for (String part : type.split("[<>,\\s\\[\\]]+")) {
            if (!part.isEmpty() && !engineAllowList.validate(part)) {
              throw new ObjectVariableRefusedException(variable.getKey(), "objects of type '" + type + "' are not "
                  + "accepted; " + part + " is not on the engine's deserialization allow-list (docs/security.md)");
            }
          }
        }
      }
    }
  }

  static boolean allowedType(String typeName) {
    if (typeName == null || typeName.isBlank()) {
      return false;
    }
    for (String part : typeName.split("[<>,\\s\\[\\]]+")) {
      if (part.isEmpty() || ALLOWED_VALUES.contains(part) || part.startsWith("org.ucbislet.")
          || ALLOWED_COLLECTIONS.contains(part)) {
        continue;
      }
      return false;
    }
    return true;
  }

  static Submission submission(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return new Submission((String) field(command, "taskId"), null, null, null, variables(field(command, "variables")));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new Submission((String) field(command, "taskId"), null, null, null, variables(field(command, "properties")));
    }
    if (command instanceof SubmitStartFormCmd) {
      return new Submission(null, (String) field(command, "processDefinitionId"), null, null,
          variables(field(command, "variables")));
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl builder = (ProcessInstantiationBuilderImpl) field(command, "instantiationBuilder");
      return new Submission(null, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(), null,
          variables(builder.getVariables()));
    }
    if (command instanceof AbstractCorrelateMessageCmd) {
      MessageCorrelationBuilderImpl builder = (MessageCorrelationBuilderImpl) field(command, "builder");
      Map<String, Object> all = new LinkedHashMap<>(variables(builder.getPayloadProcessInstanceVariables()));
      all.putAll(variables(builder.getPayloadProcessInstanceVariablesLocal()));
      all.putAll(variables(builder.getPayloadProcessInstanceVariablesToTriggeredScope()));
      return new Submission(null, null, null, builder.getMessageName(), all);
    }
    return null;
  }

  /**
   * The variables as sent, each as its typed value when the map holds typed values: reading a Java-serialized or
   * JSON object through the map would deserialize it (or fail, "Object is not deserialized").
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Object map) {
    if (map instanceof org.camunda.bpm.engine.variable.VariableMap typed) {
      Map<String, Object> values = new LinkedHashMap<>();
      typed.keySet().forEach(name -> values.put(name, typed.getValueTyped(name)));
      return values;
    }
    return map == null ? Map.of() : (Map<String, Object>) map;
  }

  private static Object field(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
  }
}

package org.ucbislet.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.support.RunningProtocol;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * Tasklist's encoding of a form submission is a contract (issue 14 item 1): every form in {@code forms/}, user task
 * and start form alike, is submitted through the REST API exactly as Tasklist 7.24 encodes it
 * ({@link TasklistSubmission}), as a member of the task's candidate group. Valid values (from the form's own
 * rules) are accepted and stored with the type the field implies; one invalid value per form is refused with HTTP
 * 400 naming the field, and the task stays open. A user task is reached by starting its process at the task, with
 * the variables its input mappings read.
 */
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class TasklistEncodingContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FORMS = Path.of("forms");
  private static final Path MODELS = Path.of("bpmn");
  private static final AtomicInteger SUBJECTS = new AtomicInteger(9300);
  private static final AtomicInteger DONORS = new AtomicInteger(100);
  private static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. (\\S+(?: \\(p\\.\\S+\\))?)");

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  private EngineRest rest;

  /** Where a form is used: a user task or a start event of a process. */
  record Usage(String formId, String processKey, String elementId, boolean startForm, List<String> groups,
               List<String> emptyInputs, List<String> listInputs) {
    @Override
    public String toString() {
      return formId + " (" + processKey + "/" + elementId + ")";
    }
  }

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
  }

  static List<String> formIds() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".form"))
          .map(n -> n.substring(0, n.length() - ".form".length())).sorted().toList();
    }
  }

  static List<Usage> usages() throws IOException {
    List<Usage> usages = new ArrayList<>();
    try (Stream<Path> files = Files.list(MODELS)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process process : model.getModelElementsByType(Process.class)) {
          for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (processOf(task) == process) {
              usages.add(usage(task.getCamundaFormRef(), process, task.getId(), false, task.getCamundaCandidateGroupsList(), task));
            }
          }
          for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
            if (start.getCamundaFormRef() != null) {
              usages.add(usage(start.getCamundaFormRef(), process, start.getId(), true,
                  process.getCamundaCandidateStarterGroupsList(), start));
            }
          }
        }
      }
    }
    return usages;
  }

  private static Process processOf(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    var parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return (Process) parent;
  }

  private static Usage usage(String formId, Process process, String elementId, boolean start, List<String> groups,
                             org.camunda.bpm.model.bpmn.instance.BaseElement element) {
    List<String> empty = new ArrayList<>();
    List<String> lists = new ArrayList<>();
    if (element.getExtensionElements() != null) {
      for (CamundaInputParameter p : element.getExtensionElements().getElementsQuery()
          .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list().stream()
          .flatMap(io -> io.getCamundaInputParameters().stream()).toList()) {
        if (p.getValue() instanceof CamundaList) {
          lists.add(p.getCamundaName());
        } else if (p.getTextContent() == null || p.getTextContent().isBlank()) {
          empty.add(p.getCamundaName());
        }
      }
    }
    return new Usage(formId, process.getId(), elementId, start, groups, empty, lists);
  }

  /** One usage per form (the first in model order): every form is submitted once. */
  static Stream<Usage> everyForm() throws IOException {
    List<Usage> all = usages();
    return formIds().stream().map(id -> all.stream().filter(u -> id.equals(u.formId())).findFirst()
        .orElseThrow(() -> new AssertionError("form " + id + " is used by no user task or start event")));
  }

  @Test
  void everyFormInTheFolderIsCovered() throws IOException {
    List<Usage> all = usages();
    assertThat(formIds()).hasSizeGreaterThan(50).allSatisfy(id -> assertThat(all).anyMatch(u -> id.equals(u.formId())));
  }

  /**
   * The root of the checklist defect: an empty input parameter makes a task-local variable of type {@code Null},
   * and Tasklist then sends a checked list as type {@code Null}, which the REST API cannot convert. A list field's
   * input must start as a list ({@code <camunda:list />}).
   */
  @Test
  void noTaskInputLeavesAListFieldTypedNull() throws IOException {
    for (Usage usage : usages()) {
      FormFields form = FormFields.read(FORMS.resolve(usage.formId() + ".form"));
      for (FormFields.Field field : form.fields()) {
        if (field.isList()) {
          assertThat(usage.emptyInputs()).as("%s: list field %s", usage, field.key()).doesNotContain(field.key());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyForm")
  void tasklistSubmissionWithValidValuesIsAcceptedAndStoredTypedAndAnInvalidValueIsRefusedNamingTheField(Usage usage)
      throws IOException {
    FormFields form = FormFields.read(FORMS.resolve(usage.formId() + ".form"));
    String user = usage.groups().isEmpty() ? "demo" : usage.groups().get(0);
    String subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());

    String taskId = null;
    String processInstanceId = null;
    JsonNode formVariables = TasklistSubmission.object();
    if (usage.startForm()) {
      if (!usage.formId().equals("enrol-subject") && !usage.formId().equals("pancreas-offer")) {
        rest.enrol(subjectId);
      }
      if (usage.formId().equals("chimerism-result")) { // the result answers a dispatched sample
        runtimeService.createProcessInstanceByKey("cordBloodTransplant").businessKey(subjectId)
            .setVariables(RunningProtocol.variables(subjectId)).startBeforeActivity("Task_AwaitChimerismResult").execute();
      }
    } else {
      ProcessInstance instance = runtimeService.createProcessInstanceByKey(usage.processKey())
          .businessKey(subjectId).setVariables(situation(usage, subjectId)).startBeforeActivity(usage.elementId()).execute();
      processInstanceId = instance.getId();
      JsonNode tasks = rest.call("GET", "/engine-rest/task?processInstanceId=" + processInstanceId
          + "&taskDefinitionKey=" + usage.elementId(), user, null).json();
      assertThat(tasks).as("%s open for %s", usage, user).hasSize(1);
      taskId = tasks.get(0).path("id").asText();
      Response loaded = rest.call("GET", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false", user, null);
      assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
      formVariables = loaded.json();
    }

    Map<String, Object> prefilled = TasklistSubmission.prefill(formVariables);
    Map<String, Object> valid = validData(form, prefilled, subjectId);
    Map<String, String> valuesKeys = form.valuesKeys();

    // one invalid value: refused with 400 naming the field, nothing completed
    // a rule Tasklist itself checks first (range, format, option), else a checkbox answered with text
    FormFields.Field broken = form.fields().stream().filter(f -> f.editable() && valid.containsKey(f.key())
            && invalidValue(f) != null)
        .min(java.util.Comparator.comparingInt(f -> "checkbox".equals(f.type()) ? 1 : f.pattern() != null
            || "number".equals(f.type()) || f.staticOptions() != null ? 0 : 2))
        .orElseThrow(() -> new AssertionError(usage + ": no field to break"));
    Map<String, Object> invalid = new LinkedHashMap<>(valid);
    invalid.put(broken.key(), invalidValue(broken));
    Response refused = submit(usage, taskId, user, TasklistSubmission.encode(formVariables, valuesKeys, invalid));
    assertThat(refused.status()).as("%s with invalid %s: %s", usage, broken.key(), refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).as(usage.toString())
        .containsPattern(" " + Pattern.quote(broken.key()) + "( \\(.*\\))?: ").doesNotContain("must match the pattern");
    if (broken.pattern() != null) { // the format in words, never the regular expression
      assertThat(refused.json().path("message").asText()).doesNotContain(broken.pattern().pattern())
          .contains(broken.description().substring(0, 20));
    }
    if (taskId != null) {
      assertThat(rest.call("GET", "/engine-rest/task/" + taskId, user, null).status()).as("task stays open").isEqualTo(200);
    }

    // valid values: accepted, stored with the type the field implies
    Response accepted = submit(usage, taskId, user, TasklistSubmission.encode(formVariables, valuesKeys, valid));
    assertThat(accepted.status()).as("%s valid: %s", usage, accepted.body()).isIn(200, 204);
    if (processInstanceId == null) {
      processInstanceId = accepted.json().path("id").asText();
    }
    for (FormFields.Field field : form.fields()) {
      if (field.editable() && valid.containsKey(field.key()) && valid.get(field.key()) != null) {
        assertStored(usage, processInstanceId, field, valid.get(field.key()));
      }
    }
  }

  /** The variables earlier steps set, as the task's situation has them: day +42 review only without recovery. */
  private static Map<String, Object> situation(Usage usage, String subjectId) {
    Map<String, Object> v = new LinkedHashMap<>(RunningProtocol.variables(subjectId));
    if ("Task_ConfirmPrimaryGraftFailure".equals(usage.elementId())) {
      v.put("neutrophilEngrafted", false);
    }
    return v;
  }

  /** As Tasklist with our e-signature.js: a signed step's submission carries the signer's transient signature fields. */
  private Response submit(Usage usage, String taskId, String user, Map<String, Object> unsigned) {
    Map<String, Object> variables = taskId != null ? rest.signedIfNeeded(taskId, user, unsigned)
        : rest.startSignedIfNeeded(usage.processKey(), user, unsigned);
    return taskId != null
        ? rest.call("POST", "/engine-rest/task/" + taskId + "/submit-form", user, Map.of("variables", variables))
        : rest.call("POST", "/engine-rest/process-definition/key/" + usage.processKey() + "/submit-form", user,
            Map.of("variables", variables));
  }

  private void assertStored(Usage usage, String processInstanceId, FormFields.Field field, Object sent) {
    List<HistoricVariableInstance> stored = historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId).variableName(field.key()).includeDeleted().list();
    assertThat(stored).as("%s: %s stored", usage, field.key()).isNotEmpty();
    assertThat(stored).as("%s: %s stored as %s with the value %s", usage, field.key(), field.storedType(sent), sent)
        .anySatisfy(v -> {
          assertThat(v.getTypeName()).isIn(field.storedType(sent));
          assertThat(plain(v.getValue())).isEqualTo(plain(sent));
        });
  }

  /** Numbers compared by value, lists and JSON by content. */
  private static Object plain(Object value) {
    if (value instanceof org.camunda.spin.json.SpinJsonNode node) {
      try {
        return JSON.readValue(node.toString(), Object.class);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (value instanceof Collection<?> c) {
      return List.copyOf(c);
    }
    return value;
  }

  private static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  /**
   * A date and time of today that has passed, as form-js sends it ({@code 2026-12-08T09:30+00:00}): a minute ago, or
   * midnight when the day is younger than that. (A fixed 09:30 was in the future before 09:30 UTC.)
   */
  private static String pastTimeToday() {
    java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
    java.time.Instant midnight = today().atStartOfDay(ZoneOffset.UTC).toInstant();
    java.time.Instant past = now.minusSeconds(60).isBefore(midnight) ? midnight : now.minusSeconds(60);
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx")
        .format(past.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
  }

  /** What form-js would submit after a clinician filled every editable field validly. */
  private static Map<String, Object> validData(FormFields form, Map<String, Object> prefilled, String subjectId) {
    Map<String, Object> data = new LinkedHashMap<>();
    Map<String, Integer> optionUse = new java.util.HashMap<>();
    for (FormFields.Field f : form.fields()) {
      if (f.disabled()) {
        continue;
      }
      Object value = f.editable() ? validValue(f, prefilled, subjectId)
          : prefilled.getOrDefault(f.key(), TasklistSubmission.emptyValue(f.type()));
      if (f.editable() && f.valuesKey() != null && !f.isList()) { // several picks from one list are different units
        int use = optionUse.merge(f.valuesKey(), 1, Integer::sum) - 1;
        List<String> options = f.options(prefilled);
        value = use < options.size() ? options.get(use) : null;
      }
      if ("rescreeningReason".equals(f.key())) { // only when screening a screen-failed child again: left empty
        value = TasklistSubmission.emptyValue(f.type());
      }
      data.put(f.key(), value);
    }
    // fields hidden by their condition are not submitted (form-js), evaluated on the final values
    for (FormFields.Field f : form.fields()) {
      if (hidden(f, data)) {
        data.remove(f.key());
      }
    }
    return data;
  }

  /** As form-js decides: hidden when one of its (or an enclosing group's) hide conditions holds; the server's evaluator. */
  private static boolean hidden(FormFields.Field f, Map<String, Object> data) {
    for (String hide : f.hideConditions()) {
      FormCondition condition = FormCondition.parse(hide);
      if (!condition.supported()) {
        throw new AssertionError("condition not understood by the server: " + hide);
      }
      if (condition.holds(data)) {
        return true;
      }
    }
    return false;
  }


  private static Object validValue(FormFields.Field f, Map<String, Object> prefilled, String subjectId) {
    return switch (f.type()) {
      case "number" -> number(f);
      case "checkbox" -> Boolean.TRUE;
      case "select", "radio" -> f.options(prefilled).get(0);
      case "checklist", "taglist" -> new ArrayList<>(f.options(prefilled));
      case "datetime" -> switch (f.subtype() == null ? "date" : f.subtype()) {
        case "time" -> "09:30";
        case "datetime" -> pastTimeToday();
        default -> today().toString();
      };
      default -> text(f, subjectId);
    };
  }

  private static Object number(FormFields.Field f) {
    BigDecimal n = f.min() != null ? f.min() : f.max() != null ? f.max().min(BigDecimal.ONE) : BigDecimal.ONE;
    // as JSON.stringify sends it: a whole number has no decimals, and the REST API stores it as Integer
    return n.stripTrailingZeros().scale() <= 0 ? (Object) n.intValueExact() : (Object) n.doubleValue();
  }

  private static String text(FormFields.Field f, String subjectId) {
    if (f.pattern() != null) {
      if ("subjectId".equals(f.key())) {
        return subjectId;
      }
      if ("donorId".equals(f.key())) {
        return "ET-2026-" + DONORS.incrementAndGet();
      }
      Matcher example = EXAMPLE.matcher(f.description() == null ? "" : f.description());
      assertThat(example.find()).as("pattern field %s gives an example (e.g. ...) in its description", f.key()).isTrue();
      String sample = example.group(1).replaceAll("[.;,]$", "");
      assertThat(f.pattern().matcher(sample).find()).as("the example %s of %s fits its pattern", sample, f.key()).isTrue();
      return sample;
    }
    String sample = "Entered through Tasklist (contract test)";
    int min = f.minLength() == null ? 0 : f.minLength();
    while (sample.length() < min) {
      sample = sample + " more";
    }
    return f.maxLength() != null && sample.length() > f.maxLength() ? sample.substring(0, f.maxLength()) : sample;
  }

  /** A value the form refuses, or null when the field has no rule to break. */
  private static Object invalidValue(FormFields.Field f) {
    if ("number".equals(f.type()) && f.min() != null) {
      return f.min().subtract(BigDecimal.ONE).intValue();
    }
    if ("number".equals(f.type()) && f.max() != null) {
      return f.max().add(BigDecimal.ONE).intValue();
    }
    if (f.pattern() != null) {
      return "not in the format";
    }
    if (("select".equals(f.type()) || "radio".equals(f.type())) && f.staticOptions() != null) {
      return "not-an-option";
    }
    if (f.isList() && f.staticOptions() != null) {
      return List.of("not-an-option");
    }
    if ("checkbox".equals(f.type())) {
      return "yes";
    }
    if (f.required()) {
      return TasklistSubmission.emptyValue(f.type());
    }
    if (f.maxLength() != null) {
      return "x".repeat(f.maxLength() + 1);
    }
    return null;
  }
}

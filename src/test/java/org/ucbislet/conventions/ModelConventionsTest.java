package org.ucbislet.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;
import org.ucbislet.clinical.Groups;

/**
 * The conventions of style.md, checked on every model in bpmn/ and forms/: readable IDs, 25-year
 * retention, a deployed form for every user task, a bean for every delegate expression, contract
 * groups, diagram interchange, named exits, annotated decision rules.
 */
class ModelConventionsTest {

  private static final Pattern GENERATED_ID = Pattern.compile(
      "^(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|UserTask|ServiceTask|SequenceFlow|Process|Definitions|"
          + "DecisionRule|Rule|InputClause|OutputClause|IntermediateThrowEvent|DataObject)_([0-9a-z]{7}|\\d+)$");
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z][A-Za-z0-9]*)}$");
  private static final String RETENTION = "P9131D";

  private static final Map<Path, BpmnModelInstance> processes = new HashMap<>();
  private static final Map<Path, DmnModelInstance> decisions = new HashMap<>();
  private static final Map<String, JsonNode> forms = new HashMap<>();
  private static Set<String> beanNames;

  @BeforeAll
  static void loadModels() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path f : files.toList()) {
        if (f.toString().endsWith(".bpmn")) {
          processes.put(f, Bpmn.readModelFromFile(f.toFile()));
        } else if (f.toString().endsWith(".dmn")) {
          decisions.put(f, Dmn.readModelFromFile(f.toFile()));
        }
      }
    }
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode form = new ObjectMapper().readTree(f.toFile());
        assertThat(form.path("id").asText()).as("form id of %s equals its file name", f)
            .isEqualTo(f.getFileName().toString().replace(".form", ""));
        forms.put(form.path("id").asText(), form);
      }
    }
    beanNames = componentBeanNames();
  }

  private static Set<String> componentBeanNames() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
    Set<String> names = new HashSet<>();
    for (BeanDefinition bd : scanner.findCandidateComponents("org.ucbislet")) {
      names.add(java.beans.Introspector.decapitalize(ClassUtils.getShortName(bd.getBeanClassName())));
    }
    return names;
  }

  @Test
  void modelsArePresent() {
    assertThat(processes).isNotEmpty();
    assertThat(decisions).isNotEmpty();
    assertThat(forms).isNotEmpty();
  }

  @Test
  void everyIdIsReadable() {
    List<String> bad = new ArrayList<>();
    processes.forEach((f, m) -> m.getModelElementsByType(BaseElement.class).forEach(e -> {
      if (e.getId() != null && GENERATED_ID.matcher(e.getId()).matches()) {
        bad.add(f + ": " + e.getId());
      }
    }));
    decisions.forEach((f, m) -> m.getModelElementsByType(org.camunda.bpm.model.dmn.instance.DmnElement.class).forEach(e -> {
      if (e.getId() != null && GENERATED_ID.matcher(e.getId()).matches()) {
        bad.add(f + ": " + e.getId());
      }
    }));
    assertThat(bad).as("generated IDs").isEmpty();
  }

  @Test
  void everyProcessAndDecisionKeepsItsHistoryFor25Years() {
    processes.forEach((f, m) -> m.getModelElementsByType(Process.class).stream().filter(Process::isExecutable)
        .forEach(p -> assertThat(p.getCamundaHistoryTimeToLiveString()).as("%s %s", f, p.getId()).isEqualTo(RETENTION)));
    decisions.forEach((f, m) -> m.getModelElementsByType(Decision.class)
        .forEach(d -> assertThat(d.getCamundaHistoryTimeToLiveString()).as("%s %s", f, d.getId()).isEqualTo(RETENTION)));
  }

  @Test
  void everyUserTaskHasADeployedFormAndContractGroups() {
    processes.forEach((f, m) -> m.getModelElementsByType(UserTask.class).forEach(t -> {
      assertThat(forms).as("%s %s formRef", f, t.getId()).containsKey(t.getCamundaFormRef());
      assertThat(t.getCamundaFormRefBinding()).as("%s %s binding", f, t.getId()).isEqualTo("deployment");
      assertThat(t.getCamundaCandidateGroupsList()).as("%s %s groups", f, t.getId())
          .isNotEmpty().allMatch(Groups.ids()::contains);
      assertThat(t.getDocumentations()).as("%s %s cites its protocol step", f, t.getId()).isNotEmpty();
    }));
  }

  @Test
  void everyStartFormExists() {
    processes.forEach((f, m) -> m.getModelElementsByType(StartEvent.class).stream()
        .filter(s -> s.getCamundaFormRef() != null)
        .forEach(s -> assertThat(forms).as("%s %s", f, s.getId()).containsKey(s.getCamundaFormRef())));
  }

  @Test
  void everyDelegateExpressionNamesABean() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Path, BpmnModelInstance> e : processes.entrySet()) {
      for (ModelElementInstance el : e.getValue().getModelElementsByType(BaseElement.class)) {
        collectDelegateExpressions(el).forEach(expr -> {
          Matcher m = BEAN_EXPRESSION.matcher(expr);
          if (!m.matches() || !beanNames.contains(m.group(1))) {
            missing.add(e.getKey() + ": " + expr);
          }
        });
      }
    }
    assertThat(missing).as("delegate expressions without a @Component bean").isEmpty();
  }

  private static Collection<String> collectDelegateExpressions(ModelElementInstance el) {
    List<String> found = new ArrayList<>();
    String own = el.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
    if (own != null) {
      found.add(own);
    }
    if (el instanceof BaseElement b && b.getExtensionElements() != null) {
      b.getExtensionElements().getElements().forEach(x -> {
        String d = x.getAttributeValue("delegateExpression");
        if (d != null) {
          found.add(d);
        }
      });
    }
    return found;
  }

  @Test
  void everyDecisionReferenceResolves() {
    Set<String> keys = new HashSet<>();
    decisions.values().forEach(m -> m.getModelElementsByType(Decision.class).forEach(d -> keys.add(d.getId())));
    processes.forEach((f, m) -> m.getModelElementsByType(BusinessRuleTask.class)
        .forEach(t -> assertThat(keys).as("%s %s", f, t.getId()).contains(t.getCamundaDecisionRef())));
  }

  @Test
  void everyFlowNodeAndFlowHasDiagramInterchange() {
    processes.forEach((f, m) -> {
      Set<String> shapes = new HashSet<>();
      m.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
      Set<String> edges = new HashSet<>();
      m.getModelElementsByType(BpmnEdge.class).forEach(s -> edges.add(s.getBpmnElement().getId()));
      m.getModelElementsByType(FlowNode.class).forEach(n -> assertThat(shapes).as("%s shape of %s", f, n.getId()).contains(n.getId()));
      m.getModelElementsByType(SequenceFlow.class).forEach(s -> assertThat(edges).as("%s edge of %s", f, s.getId()).contains(s.getId()));
    });
  }

  @Test
  void everyExitIsNamedAndEveryConditionalFlowIsLabelled() {
    processes.forEach((f, m) -> {
      m.getModelElementsByType(EndEvent.class).forEach(e -> assertThat(e.getName()).as("%s %s", f, e.getId()).isNotBlank());
      m.getModelElementsByType(SequenceFlow.class).stream().filter(s -> s.getConditionExpression() != null)
          .forEach(s -> assertThat(s.getName()).as("%s %s", f, s.getId()).isNotBlank());
    });
  }

  @Test
  void everyDecisionRuleCitesItsSource() {
    decisions.forEach((f, m) -> m.getModelElementsByType(Rule.class).forEach(r -> {
      assertThat(r.getDescription()).as("%s rule %s", f, r.getId()).isNotNull();
      assertThat(r.getDescription().getTextContent()).as("%s rule %s", f, r.getId()).isNotBlank();
    }));
  }

  @Test
  void everyFormFieldKeyIsAVariableName() {
    Pattern variable = Pattern.compile("^[a-z][A-Za-z0-9_]*$");
    forms.forEach((id, form) -> form.findValues("key").forEach(k ->
        assertThat(k.asText()).as("form %s key", id).matches(variable)));
  }

}

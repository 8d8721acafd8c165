package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.audit.CorrectionReasonFilter;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Issue 15 item 1 (engine side): the engine's own deserialization allow-list is on, with exactly the classes of
 * application.yaml. An object variable of any other class, stored through the Java API (around every REST check), is
 * refused when the engine reads it, and never instantiated; the lists the models store are plain java.util types and
 * read back; values stored before the switch under a JDK-internal list class are made readable at start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class DeserializationAllowListTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(7700);

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private ProcessEngineConfigurationImpl engine;

  private String subjectId;
  private String protocolId;

  @BeforeEach
  void enrol() {
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
    protocolId = new EngineRest(port).enrol(subjectId);
  }

  @AfterEach
  void removeChild() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private static ObjectValue json(String typeName, String json) {
    return Variables.serializedObjectValue(json).serializationDataFormat(SerializationDataFormats.JSON)
        .objectTypeName(typeName).create();
  }

  @Test
  void anObjectOfAClassOutsideTheAllowListIsRefusedWhenTheEngineReadsIt(CapturedOutput log) {
    assertThat(engine.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(engine.getDeserializationTypeValidator()).isInstanceOf(ExactDeserializationAllowList.class);
    Map<String, ObjectValue> disallowed = Map.of(
        "link", json("java.net.URL", "\"http://example.org/\""),
        "gadget", json("javax.management.BadAttributeValueExpException", "{\"val\":\"x\"}"),
        "gadgets", json("java.util.ArrayList<javax.management.BadAttributeValueExpException>", "[{\"val\":\"x\"}]"),
        "keys", json("java.util.HashMap<java.net.URL,java.lang.String>", "{\"http://example.org/\":\"a\"}"),
        "process", json("java.lang.ProcessBuilder", "{\"command\":[\"id\"]}"));
    // stored through the Java API, as code with engine access could (REST refuses them already: RestRefusalsTest)
    disallowed.forEach((name, value) -> runtime.setVariable(protocolId, name, value));

    for (String name : disallowed.keySet()) {
      assertThatThrownBy(() -> runtime.getVariable(protocolId, name)).as(name)
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining(name);
      ObjectValue stored = runtime.getVariableTyped(protocolId, name, false);
      assertThat(stored.isDeserialized()).as("%s kept serialized", name).isFalse();
      assertThat(stored.getObjectTypeName()).isEqualTo(disallowed.get(name).getObjectTypeName());
    }
    assertThat(log.getAll()).contains("Deserialization of class java.net.URL refused")
        .contains("Deserialization of class javax.management.BadAttributeValueExpException refused")
        .contains("Deserialization of class java.lang.ProcessBuilder refused");
    runtime.removeVariables(protocolId, disallowed.keySet());

    // Java serialization is off in the engine: not even the Java API stores it
    assertThatThrownBy(() -> runtime.setVariable(protocolId, "serialized", Variables.serializedObjectValue(
        "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAB3CAAAABAAAAAAeA==")
        .serializationDataFormat(SerializationDataFormats.JAVA).objectTypeName("java.util.HashMap").create()))
        .isInstanceOf(ProcessEngineException.class);
    assertThat((Object) runtime.getVariableTyped(protocolId, "serialized", false)).isNull();
  }

  /** What a user sends must also be readable under the engine's allow-list: nothing is stored that it would refuse. */
  @Test
  void aUserCannotStoreACollectionTheEngineWouldRefuseToReadBack() {
    EngineRest rest = new EngineRest(port);
    Response linked = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/notes", "demo",
        Map.of("value", "[\"a\"]", "type", "Object", "valueInfo", Map.of(
            "objectTypeName", "java.util.LinkedList<java.lang.String>", "serializationDataFormat", "application/json")),
        Map.of(CorrectionReasonFilter.HEADER, "Security test of a correction"));
    assertThat(linked.status()).as(linked.body()).isEqualTo(400);
    assertThat(linked.json().path("message").asText()).contains("notes")
        .contains("java.util.LinkedList is not on the engine's deserialization allow-list");
    assertThat((Object) runtime.getVariableTyped(protocolId, "notes", false)).as("nothing stored").isNull();

    Response plain = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/notes", "demo",
        Map.of("value", "[\"a\"]", "type", "Object", "valueInfo", Map.of(
            "objectTypeName", "java.util.ArrayList<java.lang.String>", "serializationDataFormat", "application/json")),
        Map.of(CorrectionReasonFilter.HEADER, "Security test of a correction"));
    assertThat(plain.status()).as(plain.body()).isEqualTo(204);
    assertThat(runtime.getVariable(protocolId, "notes")).isEqualTo(List.of("a"));
  }

  @Test
  void listsAndMapsAreStoredAsPlainJavaUtilTypesAndReadBack() {
    Map<String, Object> values = Map.of(
        "immutableList", List.of("2025-10-30", "2025-11-29"),
        "streamList", Stream.of(Map.of("day", 30), Map.of("day", 60)).toList(),
        "immutableMap", Map.of("visit", "day 30"),
        "unmodifiable", java.util.Collections.unmodifiableList(new java.util.ArrayList<>(List.of(1L, 2L))));
    values.forEach((name, value) -> runtime.setVariable(protocolId, name, value));

    Map<String, String> stored = Map.of(
        "immutableList", "java.util.ArrayList<java.lang.String>",
        "streamList", "java.util.ArrayList<java.util.LinkedHashMap<java.lang.Object,java.lang.Object>>",
        "immutableMap", "java.util.LinkedHashMap<java.lang.Object,java.lang.Object>",
        "unmodifiable", "java.util.ArrayList<java.lang.Long>");
    stored.forEach((name, typeName) -> {
      ObjectValue value = runtime.getVariableTyped(protocolId, name, false);
      assertThat(value.getObjectTypeName()).as(name).isEqualTo(typeName);
      assertThat(runtime.getVariable(protocolId, name)).as(name).isEqualTo(values.get(name));
    });
    runtime.removeVariables(protocolId, stored.keySet());
  }

  @Test
  void aListStoredBeforeTheSwitchUnderAJdkInternalClassIsMadeReadableAtStartUp() {
    runtime.setVariable(protocolId, "chimerismSchedule",
        json("java.util.ImmutableCollections$ListN<java.lang.String>", "[\"2025-10-30\",\"2025-11-29\"]"));
    runtime.setVariable(protocolId, "visitPlan", json(
        "java.util.ArrayList<java.util.ImmutableCollections$MapN<java.lang.Object,java.lang.Object>>", "[{\"day\":30}]"));
    assertThatThrownBy(() -> runtime.getVariable(protocolId, "chimerismSchedule")).isInstanceOf(ProcessEngineException.class);

    Map<String, Integer> changed = StoredCollectionTypeFixUp.fixUp(engine.getDataSource(), engine.getDatabaseTablePrefix());

    assertThat(changed.get("ACT_RU_VARIABLE")).isEqualTo(2);
    assertThat(changed.get("ACT_HI_VARINST")).isEqualTo(2);
    assertThat(runtime.getVariable(protocolId, "chimerismSchedule")).isEqualTo(List.of("2025-10-30", "2025-11-29"));
    assertThat(runtime.getVariable(protocolId, "visitPlan")).isEqualTo(List.of(Map.of("day", 30)));
    assertThat(((ObjectValue) runtime.getVariableTyped(protocolId, "visitPlan", false)).getObjectTypeName())
        .isEqualTo("java.util.ArrayList<java.util.LinkedHashMap<java.lang.Object,java.lang.Object>>");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protocolId)
        .variableName("chimerismSchedule").singleResult().getValue()).as("history readable too")
        .isEqualTo(List.of("2025-10-30", "2025-11-29"));
    assertThat(StoredCollectionTypeFixUp.fixUp(engine.getDataSource(), engine.getDatabaseTablePrefix()).values())
        .as("a second start finds nothing").containsOnly(0);
    runtime.removeVariables(protocolId, List.of("chimerismSchedule", "visitPlan"));
  }
}

package org.ucbislet.cordblood;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.ucbislet.cordblood.CordBloodSearchVariables.*;
import static org.ucbislet.cordblood.TestUnits.unit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code searchCordBloodBankDelegate} in a process (a test-only process: start, "Search cord blood bank", a wait
 * state), on the in-memory engine with the real {@code cordBloodUnitAcceptance} table deployed: the variables it
 * writes, the proposals found below the listed units, weight changing acceptance, a newly deployed table version
 * applying, and the errors it raises.
 */
@Deployment(resources = "bpmn/cord-blood-unit-acceptance.dmn")
class SearchCordBloodBankDelegateTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private static final String PROCESS = "cordBloodSearchTest";
  private static final String TASK_SEARCH = "Task_SearchCordBloodBank";
  private static final String TASK_WAIT = "Task_AwaitUnitSelection";
  private static final String[] RECIPIENT = HlaMatchingTest.RECIPIENT;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CordBloodInventory inventory = new CordBloodInventory();
  private final List<String> deployments = new ArrayList<>();
  private UnitAcceptanceDecision decision;

  static BpmnModelInstance searchProcess() {
    return Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(9131)
        .startEvent("Start_Search")
        .serviceTask(TASK_SEARCH).name("Search cord blood bank").camundaDelegateExpression("${" + DELEGATE_BEAN + "}")
        .receiveTask(TASK_WAIT).name("Await unit selection")
        .endEvent("End_Search")
        .moveToActivity(TASK_SEARCH).boundaryEvent("Boundary_WeightNotChecked")
        .error(SearchCordBloodBankDelegate.WEIGHT_NOT_CHECKED_ERROR).endEvent("End_WeighFirst")
        .done();
  }

  @BeforeEach
  void setUp() {
    ProcessEngine e = engine.getProcessEngine();
    init(e);
    deployments.add(e.getRepositoryService().createDeployment().addModelInstance("cord-blood-search-test.bpmn", searchProcess())
        .deploy().getId());
    decision = new UnitAcceptanceDecision(e);
    CordBloodSettings settings = CordBloodSettings.defaults();
    Mocks.register(DELEGATE_BEAN, new SearchCordBloodBankDelegate(new CordBloodSearch(inventory, decision, settings), settings));
  }

  @AfterEach
  void tearDown() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    Mocks.reset();
  }

  private static Map<String, Object> typing(String[] alleles, double weightKg) {
    Map<String, Object> v = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      v.put(HLA_TYPING.get(i), alleles[i]);
    }
    v.put(WEIGHT_KG, weightKg);
    return v;
  }

  private ProcessInstance search(Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS, "UCBI-0042", variables);
  }

  private Object variable(ProcessInstance pi, String name) {
    return engine.getRuntimeService().getVariable(pi.getId(), name);
  }

  private JsonNode json(ProcessInstance pi, String name) throws IOException {
    TypedValue value = engine.getRuntimeService().getVariableTyped(pi.getId(), name);
    Assertions.assertThat(value.getType().getName()).isEqualTo("json");
    return JSON.readTree(value.getValue().toString());
  }

  /** An 8/8 unit with a TNC of {@code tnc} and a CD34 of {@code cd34} cells. */
  private static TestUnits.Unit identical(String id, double tnc, double cd34) {
    return unit("SHCBB", id, RECIPIENT, tnc, cd34);
  }

  @Test
  void searchWritesCandidatesSelectOptionsAndThreeProposals() throws IOException {
    // 20 kg. Ranked by TNC (all 8/8): U1 2.4e9 -> 12.0, U2 2.2e9, U3 2.0e9 with too little CD34 (1.0e6 -> 0.5 x10^5/kg),
    // U4 1.5e9 -> 7.5 and CD34 3.1e6 -> 1.55 (acceptable), U5 1.2e9 -> 6.0, U6 1.1e9 -> 5.5 (acceptable),
    // U7 0.9e9 -> 4.5 (TNC below 5.0), U8 0.4e9 -> 2.0 (listed, not acceptable); a 3/8 unit is below the floor
    inventory.publish(TestUnits.index(List.of(
        identical("U1", 2.4e9, 1.0e6), identical("U2", 2.2e9, 1.0e6), identical("U3", 2.0e9, 1.0e6),
        identical("U4", 1.5e9, 3.1e6), identical("U5", 1.2e9, 4.0e6), identical("U6", 1.1e9, 4.0e6),
        identical("U7", 0.9e9, 4.0e6), identical("U8", 0.4e9, 4.0e6),
        unit("BJCBB", "LOW", new String[] {"A*02:01", "A*11:01", "B*46:01", "B*13:01", "C*03:04", "C*08:01",
            "DRB1*04:05", "DRB1*12:01"}, 9.0e9, 9.0e6))), 1);
    Map<String, Object> variables = typing(RECIPIENT, 20.0);
    variables.put(SEARCH_LIMIT, 2);

    ProcessInstance pi = search(variables);

    assertThat(pi).hasPassed(TASK_SEARCH).isWaitingAt(TASK_WAIT);
    Assertions.assertThat(variable(pi, SEARCHED)).isEqualTo(9L);
    Assertions.assertThat(variable(pi, PROPOSED_PRIMARY_UNIT)).isEqualTo("SHCBB/U4");
    Assertions.assertThat(variable(pi, PROPOSED_BACKUP_UNIT_1)).isEqualTo("SHCBB/U5");
    Assertions.assertThat(variable(pi, PROPOSED_BACKUP_UNIT_2)).isEqualTo("SHCBB/U6");
    Assertions.assertThat(variable(pi, ACCEPTABLE_UNIT_FOUND)).isEqualTo(true);
    // candidates: the first 2 of the ranking (U1, U2: not acceptable), then the proposals ranked below them
    JsonNode candidates = json(pi, CANDIDATES);
    Assertions.assertThat(candidates).extracting(c -> c.path("unitKey").asText())
        .containsExactly("SHCBB/U1", "SHCBB/U2", "SHCBB/U4", "SHCBB/U5", "SHCBB/U6");
    Assertions.assertThat(variable(pi, ACCEPTABLE_UNIT_COUNT)).isEqualTo(3);
    JsonNode u4 = candidates.get(2);
    Assertions.assertThat(u4.path("bank").asText()).isEqualTo("SHCBB");
    Assertions.assertThat(u4.path("unitId").asText()).isEqualTo("U4");
    Assertions.assertThat(u4.path("alleleMatches8").asInt()).isEqualTo(8);
    Assertions.assertThat(u4.path("antigenMatches6").asInt()).isEqualTo(6);
    Assertions.assertThat(u4.path("mismatchedLoci").isArray()).isTrue();
    Assertions.assertThat(u4.path("mismatchedLoci")).isEmpty();
    Assertions.assertThat(u4.path("tncPerKgE7").asDouble()).isEqualTo(7.5);   // 1.5e9 / 20 / 1e7
    Assertions.assertThat(u4.path("cd34PerKgE5").asDouble()).isEqualTo(1.55); // 3.1e6 / 20 / 1e5
    Assertions.assertThat(u4.path(TNC_TOTAL).asDouble()).isEqualTo(1.5e9);
    Assertions.assertThat(u4.path(CD34_TOTAL).asDouble()).isEqualTo(3.1e6);
    Assertions.assertThat(u4.path("unitAcceptable").asBoolean()).isTrue();
    Assertions.assertThat(candidates.get(0).path("unitAcceptable").asBoolean()).isFalse();
    JsonNode options = json(pi, CANDIDATE_OPTIONS);
    Assertions.assertThat(options).hasSize(5);
    Assertions.assertThat(options.get(2).path("value").asText()).isEqualTo("SHCBB/U4");
    Assertions.assertThat(options.get(2).path("label").asText())
        .isEqualTo("SHCBB/U4 · 8/8 allele · 6/6 antigen · TNC 7.50 x10^7/kg · CD34 1.55 x10^5/kg · acceptable");
    Assertions.assertThat(options.get(0).path("label").asText()).endsWith("· not acceptable");
  }

  @Test
  void theSameUnitIsAcceptableForALighterChildButNotForAHeavierOne() {
    // 1.0e9 TNC, 4.0e6 CD34. 18 kg: TNC 5.56, CD34 2.22 -> acceptable. 25 kg: TNC 4.0 (< 5.0) -> not acceptable
    inventory.publish(TestUnits.index(List.of(identical("U1", 1.0e9, 4.0e6))), 1);

    ProcessInstance light = search(typing(RECIPIENT, 18.0));
    ProcessInstance heavy = search(typing(RECIPIENT, 25.0));

    Assertions.assertThat(variable(light, PROPOSED_PRIMARY_UNIT)).isEqualTo("SHCBB/U1");
    Assertions.assertThat(variable(light, ACCEPTABLE_UNIT_FOUND)).isEqualTo(true);
    Assertions.assertThat(variable(heavy, PROPOSED_PRIMARY_UNIT)).isNull();
    Assertions.assertThat(variable(heavy, ACCEPTABLE_UNIT_FOUND)).isEqualTo(false);
    Assertions.assertThat(variable(heavy, ACCEPTABLE_UNIT_COUNT)).isEqualTo(0);
  }

  @Test
  void withoutAnyAcceptableUnitNothingIsProposed() {
    inventory.publish(TestUnits.index(List.of(identical("U1", 0.6e9, 1.0e6), identical("U2", 0.5e9, 1.0e6))), 1);

    ProcessInstance pi = search(typing(RECIPIENT, 20.0));

    Assertions.assertThat(variable(pi, ACCEPTABLE_UNIT_FOUND)).isEqualTo(false);
    Assertions.assertThat(variable(pi, ACCEPTABLE_UNIT_COUNT)).isEqualTo(0);
    for (String proposed : PROPOSED_UNITS) {
      Assertions.assertThat(engine.getRuntimeService().getVariables(pi.getId())).containsEntry(proposed, null);
    }
    Assertions.assertThat(variable(pi, SEARCHED)).isEqualTo(2L);
  }

  @Test
  void blankOrMissingSecondAllelesAreHomozygousAndTheLimitDefaultsFromConfiguration() throws IOException {
    List<TestUnits.Unit> units = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      units.add(identical(String.format("U%02d", i), (20 + i) * 1.0e8, 4.0e6));
    }
    inventory.publish(TestUnits.index(units), 1);
    String[] homozygous = RECIPIENT.clone();
    homozygous[1] = null; // A homozygous A*02:01: every unit 7/8 (its A*11:01 is foreign)
    homozygous[7] = "  ";
    Map<String, Object> variables = typing(homozygous, 20.0);
    variables.remove(HLA_A2);

    ProcessInstance pi = search(variables);

    JsonNode candidates = json(pi, CANDIDATES);
    Assertions.assertThat(candidates).hasSize(CordBloodSettings.defaults().processLimit());
    Assertions.assertThat(candidates.get(0).path("alleleMatches8").asInt()).isEqualTo(6); // A 1 + B 2 + C 2 + DRB1 1
    Assertions.assertThat(candidates.get(0).path("mismatchedLoci")).extracting(JsonNode::asText).containsExactly("A", "DRB1");
  }

  @Test
  void badTypingIsAnErrorNamingTheVariable() {
    inventory.publish(TestUnits.index(List.of(identical("U1", 2.0e9, 4.0e6))), 1);
    String[] bad = RECIPIENT.clone();
    bad[2] = "B*4601";

    Assertions.assertThatThrownBy(() -> search(typing(bad, 20.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HLA typing variable hlaB1: 'B*4601' is not a WHO HLA allele name");
    String[] wrongLocus = RECIPIENT.clone();
    wrongLocus[5] = "A*02:01";
    Assertions.assertThatThrownBy(() -> search(typing(wrongLocus, 20.0)))
        .hasMessageContaining("hlaC2: 'A*02:01' is an allele of locus A, not C");
    String[] missing = RECIPIENT.clone();
    missing[6] = null;
    Assertions.assertThatThrownBy(() -> search(typing(missing, 20.0)))
        .hasMessageContaining("hlaDRB1_1: the first allele of locus DRB1 is required");
    Map<String, Object> noWeight = typing(RECIPIENT, 20.0);
    noWeight.remove(WEIGHT_KG);
    // no checked dosing weight (a search job moved by an amendment past the weight check): the search checks the
    // child's current weight itself and, with none recorded, goes back to the weight check (BPMN error), never searching
    assertThat(search(noWeight)).isEnded().hasPassed("Boundary_WeightNotChecked", "End_WeighFirst")
        .hasNotPassed(TASK_WAIT);
    Map<String, Object> badWeight = typing(RECIPIENT, 20.0);
    badWeight.put(WEIGHT_KG, -3.0);
    Assertions.assertThatThrownBy(() -> search(badWeight)).hasMessageContaining("dosingWeightKg must be the child's weight");
    Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS).count())
        .as("nothing started").isZero();
  }

  /**
   * A model version before the dosing weight amendment (the baseline of 2026-12-07: no weight check before the search,
   * no boundary event to go back to it) runs the search as that version did, on the child's last recorded weight
   * however old: a BPMN error nothing catches would end the stage silently (found by FirstAmendmentTest: children still
   * on the baseline lost their stage 1 at the search).
   */
  @Test
  void aVersionWithoutTheWeightCheckSearchesWithTheLastRecordedWeightAsItDid() {
    engine.getRepositoryService().createDeployment().addModelInstance("cord-blood-search-baseline.bpmn",
        Bpmn.createExecutableProcess(PROCESS + "Baseline").camundaHistoryTimeToLive(9131).startEvent("Start_Search")
            .serviceTask(TASK_SEARCH).camundaDelegateExpression("${" + DELEGATE_BEAN + "}")
            .receiveTask(TASK_WAIT).endEvent("End_Search").done()).deploy();
    deployments.add(engine.getRepositoryService().createDeploymentQuery().orderByDeploymentTime().desc().list().get(0).getId());
    inventory.publish(TestUnits.index(List.of(identical("U1", 1.0e9, 4.0e6))), 1);
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        java.time.Instant.parse("2031-02-25T10:00:00Z")));
    try {
      // enrolled on 2031-01-26 at 18 kg: 30 days old, older than the 7-day limit of the amended models
      Map<String, Object> enrolled = typing(RECIPIENT, 18.0);
      enrolled.remove(WEIGHT_KG);
      enrolled.put("weightKg", 18.0);
      enrolled.put("referralDate", "2031-01-26");
      ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(PROCESS + "Baseline", "UCBI-0043", enrolled);
      assertThat(pi).hasPassed(TASK_SEARCH).isWaitingAt(TASK_WAIT);
      Assertions.assertThat(variable(pi, PROPOSED_PRIMARY_UNIT)).isEqualTo("SHCBB/U1");
      Assertions.assertThat(variable(pi, WEIGHT_KG)).isEqualTo(18.0);
      Assertions.assertThat(variable(pi, org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_DATE)).isEqualTo("2031-01-26");
      // no weight at all: an incident naming what is missing, never a search and never a silent end of the stage
      Map<String, Object> none = typing(RECIPIENT, 18.0);
      none.remove(WEIGHT_KG);
      Assertions.assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(PROCESS + "Baseline",
          "UCBI-0044", none)).hasMessageContaining("no weight is recorded for UCBI-0044");
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  @Test
  void inventoryStillLoadingIsAnErrorSoTheJobIsRetried() {
    Assertions.assertThatThrownBy(() -> search(typing(RECIPIENT, 20.0)))
        .isInstanceOf(InventoryNotReadyException.class).hasMessageContaining("loading");
  }

  @Test
  void aNewlyDeployedVersionOfTheTableApplies() throws IOException {
    // a unit with TNC 6.0 x10^7/kg is acceptable under the shipped table (>= 5.0); a version requiring >= 8.0 is deployed
    inventory.publish(TestUnits.index(List.of(identical("U1", 1.2e9, 4.0e6))), 1);
    Assertions.assertThat(variable(search(typing(RECIPIENT, 20.0)), PROPOSED_PRIMARY_UNIT)).isEqualTo("SHCBB/U1");
    Assertions.assertThat(decision.compiled()).isTrue();

    String stricter;
    try (InputStream shipped = getClass().getClassLoader().getResourceAsStream("bpmn/cord-blood-unit-acceptance.dmn")) {
      stricter = new String(shipped.readAllBytes(), StandardCharsets.UTF_8)
          .replace("<text>&lt; 5.0</text>", "<text>&lt; 8.0</text>").replace("<text>&gt;= 5.0</text>", "<text>&gt;= 8.0</text>");
    }
    deployments.add(engine.getRepositoryService().createDeployment()
        .addString("cord-blood-unit-acceptance.dmn", stricter).deploy().getId());
    decision.recheck();

    ProcessInstance pi = search(typing(RECIPIENT, 20.0));
    Assertions.assertThat(variable(pi, PROPOSED_PRIMARY_UNIT)).isNull();
    Assertions.assertThat(variable(pi, ACCEPTABLE_UNIT_FOUND)).isEqualTo(false);
  }
}

package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;

/**
 * The search answer ({@code POST /api/cord-blood/search}) and the stage 1 service task
 * ({@code searchCordBloodBankDelegate}, in the application's engine) list the same units in the same order with the
 * same values for the same typing, weight and limit, on a synthetic inventory of 20,000 units.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class CordBloodSearchConsistencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 40;

  @LocalServerPort
  private int port;

  @Autowired
  private ProcessEngine engine;

  @Autowired
  private CordBloodInventoryService inventoryService;

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void searchAnswerAndDelegateGiveTheSameRanking() throws Exception {
    CordBloodApi rest = new CordBloodApi(port);
    assertThat(inventoryService.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    StringWriter csv = new StringWriter();
    SyntheticInventory.writeCsv(7L, 20_000, csv);
    assertThat(rest.putInventory(CordBloodRestTest.ADMIN, csv.toString()).status()).isEqualTo(200);
    String[] typing = HlaMatchingTest.RECIPIENT; // the typing of DESIGN_REQUEST
    double weightKg = 18.5;

    JsonNode answer = rest.search(CordBloodRestTest.HLA_LAB, CordBloodRestTest.DESIGN_REQUEST
        .replace("\"limit\": 10", "\"limit\": " + LIMIT)).json();

    deployments.add(engine.getRepositoryService().createDeployment()
        .addModelInstance("cord-blood-search-test.bpmn", SearchCordBloodBankDelegateTest.searchProcess()).deploy().getId());
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i < 8; i++) {
      variables.put(CordBloodSearchVariables.HLA_TYPING.get(i), typing[i]);
    }
    variables.put(CordBloodSearchVariables.WEIGHT_KG, weightKg);
    variables.put(CordBloodSearchVariables.SEARCH_LIMIT, LIMIT);
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("cordBloodSearchTest", "UCBI-0001", variables);
    JsonNode candidates = JSON.readTree(engine.getRuntimeService()
        .getVariableTyped(pi.getId(), CordBloodSearchVariables.CANDIDATES).getValue().toString());

    JsonNode units = answer.path("units");
    assertThat(units.size()).as("enough units to compare").isEqualTo(LIMIT);
    assertThat(answer.path("searched").asLong())
        .isEqualTo(engine.getRuntimeService().getVariable(pi.getId(), CordBloodSearchVariables.SEARCHED));
    for (int i = 0; i < LIMIT; i++) {
      ObjectNode candidate = (ObjectNode) candidates.get(i).deepCopy();
      assertThat(candidate.remove(CordBloodSearchVariables.UNIT_KEY).asText())
          .isEqualTo(units.get(i).path("bank").asText() + "/" + units.get(i).path("unitId").asText());
      // the unit's pre-freeze counts, kept for re-evaluating a reserved backup on a later weight: per kg on this weight
      assertThat(candidate.remove(CordBloodSearchVariables.TNC_TOTAL).asDouble() / weightKg / 1e7)
          .isCloseTo(units.get(i).path("tncPerKgE7").asDouble(), org.assertj.core.api.Assertions.within(0.01));
      assertThat(candidate.remove(CordBloodSearchVariables.CD34_TOTAL).asDouble() / weightKg / 1e5)
          .isCloseTo(units.get(i).path("cd34PerKgE5").asDouble(), org.assertj.core.api.Assertions.within(0.01));
      assertThat(candidate).as("unit %d", i).isEqualTo(units.get(i));
    }
    // beyond the listed units the delegate only adds proposals, each acceptable and ranked below the list
    for (int i = LIMIT; i < candidates.size(); i++) {
      assertThat(candidates.get(i).path("unitAcceptable").asBoolean()).isTrue();
    }
    Object primary = engine.getRuntimeService().getVariable(pi.getId(), CordBloodSearchVariables.PROPOSED_PRIMARY_UNIT);
    String firstAcceptable = null;
    for (JsonNode u : units) {
      if (u.path("unitAcceptable").asBoolean()) {
        firstAcceptable = u.path("bank").asText() + "/" + u.path("unitId").asText();
        break;
      }
    }
    if (firstAcceptable != null) {
      assertThat(primary).isEqualTo(firstAcceptable);
    }
  }
}

package org.ucbislet.isletisolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.isletisolation.IsletIsolationTestData.*;
import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.islettransplant.IsletTransplantVariables;
import org.ucbislet.support.EngineRest;

/**
 * The islet isolation through the real REST API as the demo users work it: the islet laboratory starts it
 * by message, the counter's own release attempt is refused by the engine (403), a second islet-lab member
 * releases, and the product reaches the child waiting in isletTransplant.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class IsletIsolationRestTest {

  private static final String LAB = "islet-lab";
  private static final String SECOND_PERSON = "islet-lab-2";

  @LocalServerPort
  private int port;

  @Autowired
  private RuntimeService runtime;

  private EngineRest rest;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
  }

  @Test
  void counterCannotReleaseTheProductASecondIsletLabMemberReleasesItToTheWaitingChild() {
    // the child as ucbIsletProtocol will call it (stage 1 is not built yet: started here directly)
    // waiting for islets, weighed today (dosing weight: a per-kg decision needs a weight at most 7 days old)
    runtime.startProcessInstanceByKey(TRANSPLANT_PROCESS_KEY, "UCBI-6001",
        Map.of("subjectId", "UCBI-6001", RECIPIENT_WEIGHT_KG, 24.0,
            org.ucbislet.clinical.DosingWeight.CURRENT_WEIGHT_KG, 24.0,
            org.ucbislet.clinical.DosingWeight.CURRENT_WEIGHT_DATE,
            org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()
                .atZone(org.ucbislet.clinical.ClinicalTimeZone.get()).toLocalDate().toString()));
    String donor = "OPO-REST-0001";

    assertThat(rest.call("POST", "/engine-rest/message", "endocrinologist", Map.of("messageName", MESSAGE_PANCREAS_OFFERED,
        "processVariables", EngineRest.variables(offer(donor)))).status()).as("only the islet lab starts isolations")
        .isEqualTo(403);
    assertThat(rest.call("POST", "/engine-rest/message", LAB, Map.of("messageName", MESSAGE_PANCREAS_OFFERED,
        "processVariables", EngineRest.variables(offer(donor)))).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, procurement()).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, trimming()).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, digestion()).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, collection()).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, purification()).status()).isEqualTo(204);
    JsonNode count = rest.task(donor, LAB);
    assertThat(rest.call("POST", "/engine-rest/task/" + count.get("id").asText() + "/claim", LAB,
        Map.of("userId", LAB)).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, counts()).status()).isEqualTo(204);
    assertThat(rest.complete(donor, LAB, releaseTests()).status()).isEqualTo(204);

    JsonNode release = rest.task(donor, LAB);
    assertThat(release.get("taskDefinitionKey").asText()).isEqualTo(TASK_DECIDE_RELEASE);
    String releaseId = release.get("id").asText();
    assertThat(rest.call("POST", "/engine-rest/task/" + releaseId + "/claim", LAB, Map.of("userId", LAB)).status())
        .as("the counter may not claim the release").isEqualTo(403);
    assertThat(rest.call("POST", "/engine-rest/task/" + releaseId + "/complete", LAB,
        Map.of("variables", EngineRest.variables(releaseDecision(true)))).status())
        .as("nor complete it").isEqualTo(403);
    assertThat(rest.complete(donor, SECOND_PERSON, releaseDecision(true)).status()).isEqualTo(204);

    JsonNode childTask = rest.task("UCBI-6001", "mdt");
    assertThat(childTask.get("taskDefinitionKey").asText()).isEqualTo(IsletTransplantVariables.TASK_DECIDE_ISLET_INFUSION);
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.simulation.CohortRun;
import org.ucbislet.support.EngineRest;

/**
 * The data behind Cockpit's Children pages over REST ({@code GET /api/children}, {@code GET /api/children/{subjectId}}):
 * what a screen-failed child's and a followed-up child's records hold, who may read them (trial manager, auditor,
 * administrator; 403 for clinical groups, 401 without credentials), bad and unknown subject IDs, and the audit record
 * of each view.
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ChildrenRestTest {

  private static final String SCREEN_FAILED = "UCBI-0971";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  CordBloodInventoryService inventory;
  @Autowired
  JdbcTemplate jdbc;

  private static ExtensionContext extensionContext;

  @RegisterExtension
  static final org.junit.jupiter.api.extension.BeforeAllCallback CONTEXT = context -> extensionContext = context;

  private EngineRest rest;

  @BeforeEach
  void setUp() throws Exception {
    rest = new EngineRest(port);
    if (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(SCREEN_FAILED).count() == 0) {
      ChildRecordTestData.screenFailure(rest, SCREEN_FAILED);
    }
  }

  private JsonNode child(String user, String subjectId) {
    EngineRest.Response r = rest.call("GET", "/api/children/" + subjectId, user, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode line(JsonNode list, String subjectId) {
    return StreamSupport.stream(list.path("children").spliterator(), false)
        .filter(c -> subjectId.equals(c.path("subjectId").asText())).findFirst().orElseThrow();
  }

  private static List<JsonNode> all(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }

  @Test
  void screenFailedChildShowsItsPathToTheScreenFailureWithTheEligibilityDecision() {
    JsonNode list = rest.call("GET", "/api/children", "trial-manager", null).json();
    JsonNode summary = line(list, SCREEN_FAILED);
    assertThat(summary.path("status").asText()).isEqualTo(ChildRecords.ENDED);
    assertThat(summary.path("endedHow").asText()).isEqualTo("Screen failure");
    assertThat(summary.path("endActivityId").asText()).isEqualTo(ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(summary.path("openTasks")).isEmpty();
    assertThat(summary.path("daySinceCordBloodInfusion").isNull()).isTrue();

    JsonNode answer = child("auditor", SCREEN_FAILED);
    assertThat(answer.path("viewer").path("auditor").asBoolean()).isTrue();
    JsonNode record = answer.path("record");
    JsonNode protocol = all(record.path("processes")).stream()
        .filter(p -> ProtocolVariables.PROCESS_KEY.equals(p.path("processDefinitionKey").asText())).findFirst().orElseThrow();
    assertThat(protocol.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(protocol.path("endActivityId").asText()).isEqualTo(ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(all(protocol.path("visited")).stream().map(v -> v.path("activityId").asText()))
        .contains(ProtocolVariables.START_REFERRED, ProtocolVariables.CALL_SCREENING, ProtocolVariables.END_SCREEN_FAILURE)
        .doesNotContain(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    JsonNode screening = all(record.path("processes")).stream()
        .filter(p -> ScreeningVariables.PROCESS_KEY.equals(p.path("processDefinitionKey").asText())).findFirst().orElseThrow();
    assertThat(screening.path("endActivityId").asText()).isEqualTo(ScreeningVariables.END_NOT_ELIGIBLE);

    // the eligibility decision with its inputs and outputs
    JsonNode eligibility = all(record.path("decisions")).stream()
        .filter(d -> "eligibility".equals(d.path("decisionDefinitionKey").asText())).findFirst().orElseThrow();
    assertThat(all(eligibility.path("inputs")).stream().map(i -> i.path("name").asText() + "=" + i.path("value").asText()))
        .contains("HIV positive=true");
    assertThat(all(eligibility.path("outputs")).stream().map(i -> i.path("name").asText() + "=" + i.path("value").asText()))
        .contains("eligible=false", "screenFailureReason=HIV positive (exclusion)");

    // the work-up in the timeline: who completed it and what the form recorded
    JsonNode workUp = all(record.path("timeline")).stream()
        .filter(t -> ScreeningVariables.TASK_WORK_UP.equals(t.path("activityId").asText())).findFirst().orElseThrow();
    assertThat(workUp.path("assignee").asText()).isEqualTo("endocrinologist");
    assertThat(workUp.path("ended").isNull()).isFalse();
    assertThat(all(workUp.path("recorded")).stream().map(v -> v.path("name").asText() + "=" + v.path("value").asText()))
        .contains("hivPositive=true");
    // the same value as a variable change, with the user from the audit log
    JsonNode hiv = all(record.path("variableChanges")).stream()
        .filter(c -> "hivPositive".equals(c.path("name").asText())).findFirst().orElseThrow();
    assertThat(hiv.path("newValue").asText()).isEqualTo("true");
    assertThat(hiv.path("user").asText()).isEqualTo("endocrinologist");
    assertThat(all(record.path("messages")).stream().map(m -> m.path("activityId").asText())).isEmpty();
  }

  @Test
  void followedUpChildShowsBothStagesTakenAndACorrectionWithItsReason() throws Exception {
    ChildRecordTestData.Follow follow = ChildRecordTestData.followUp(new CohortRun(engine, inventory), engine, inventory, extensionContext);
    String subject = follow.subjectIds().get(0);
    JsonNode list = rest.call("GET", "/api/children?subjectId=UCBI-86", "auditor", null).json();
    assertThat(all(list.path("children")).stream().map(c -> c.path("subjectId").asText())).allMatch(s -> s.startsWith("UCBI-86"));
    JsonNode summary = line(list, subject);
    assertThat(summary.path("status").asText()).isEqualTo(ChildRecords.FOLLOW_UP);
    assertThat(summary.path("statusText").asText()).isEqualTo("In long-term follow-up");
    assertThat(summary.path("daySinceCordBloodInfusion").asLong()).isPositive();
    assertThat(summary.path("cordBloodInfusionDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

    // a manual correction by the administrator, with its reason
    String protocolId = summary.path("protocolInstanceId").asText();
    String reason = "Reweighed on admission, scale recalibrated";
    EngineRest.Response corrected = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId
        + "/variables/" + ProtocolVariables.WEIGHT_KG, "demo", Map.of("value", 25.5, "type", "Double"),
        Map.of("X-Correction-Reason", URLEncoder.encode(reason, StandardCharsets.UTF_8).replace("+", "%20")));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(204);

    JsonNode record = child("trial-manager", subject).path("record");
    assertThat(record.path("summary").path("status").asText()).isEqualTo(ChildRecords.FOLLOW_UP);
    for (String stage : List.of("cordBloodTransplant", "isletTransplant")) {
      JsonNode p = all(record.path("processes")).stream()
          .filter(x -> stage.equals(x.path("processDefinitionKey").asText())).findFirst().orElseThrow();
      assertThat(p.path("state").asText()).as(stage).isEqualTo("COMPLETED");
      assertThat(p.path("visited")).as(stage).hasSizeGreaterThan(10);
    }
    JsonNode protocol = all(record.path("processes")).stream()
        .filter(p -> ProtocolVariables.PROCESS_KEY.equals(p.path("processDefinitionKey").asText())).findFirst().orElseThrow();
    assertThat(all(protocol.path("visited")).stream().filter(v -> v.path("running").asInt() > 0)
        .map(v -> v.path("activityId").asText())).contains(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    assertThat(all(record.path("processes")).stream().map(p -> p.path("processDefinitionKey").asText()))
        .contains("screening", "cordBloodTransplant", "isletTransplant", "followUp", "isletIsolation");
    assertThat(record.path("messages")).isNotEmpty();
    assertThat(all(record.path("decisions")).stream().map(d -> d.path("decisionDefinitionKey").asText()))
        .contains("eligibility", "isletProductRelease", "tacrolimusTroughTarget");
    JsonNode correction = all(record.path("variableChanges")).stream()
        .filter(c -> ProtocolVariables.WEIGHT_KG.equals(c.path("name").asText()) && "demo".equals(c.path("user").asText()))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(correction.path("newValue").asText()).isEqualTo("25.5");
    assertThat(correction.path("oldValue").isNull()).isFalse();
    assertThat(correction.path("correctionReason").asText()).isEqualTo(reason);
  }

  @Test
  void onlyTrialManagersAuditorsAndAdministratorsReadChildrenAndEachViewIsAudited() {
    for (String user : List.of("trial-manager", "auditor", "demo")) {
      assertThat(rest.call("GET", "/api/children", user, null).status()).as(user).isEqualTo(200);
    }
    for (String user : List.of("endocrinologist", "trial-coordinator", "transplant-physician", "mdt", "hla-lab")) {
      EngineRest.Response list = rest.call("GET", "/api/children", user, null);
      assertThat(list.status()).as(user).isEqualTo(403);
      assertThat(list.body()).doesNotContain(SCREEN_FAILED);
      EngineRest.Response one = rest.call("GET", "/api/children/" + SCREEN_FAILED, user, null);
      assertThat(one.status()).as(user).isEqualTo(403);
      assertThat(one.body()).doesNotContain("eligibility");
    }
    assertThat(rest.call("GET", "/api/children", null, null).status()).isEqualTo(401);
    assertThat(rest.call("GET", "/api/children/" + SCREEN_FAILED, null, null).status()).isEqualTo(401);

    EngineRest.Response bad = rest.call("GET", "/api/children/UCBI-12", "trial-manager", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("field").asText()).isEqualTo("subjectId");
    assertThat(rest.call("GET", "/api/children?subjectId=%3Cscript%3E", "trial-manager", null).status()).isEqualTo(400);
    EngineRest.Response unknown = rest.call("GET", "/api/children/UCBI-0999", "trial-manager", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("detail").asText()).contains("UCBI-0999");

    int before = views("auditor", SCREEN_FAILED);
    long beforeDenied = views("endocrinologist", SCREEN_FAILED);
    child("auditor", SCREEN_FAILED);
    assertThat(views("auditor", SCREEN_FAILED)).isEqualTo(before + 1);
    assertThat(views("endocrinologist", SCREEN_FAILED)).isEqualTo(beforeDenied);
    Map<String, Object> last = jdbc.queryForMap("select RECORDED_AT, CHANGES from UCBI_AUDIT_LOG where ENTITY = 'child-record'"
        + " and EVENT_TYPE = 'view' and ACTOR = 'auditor' and SUBJECT_ID = ? order by ID desc limit 1", SCREEN_FAILED);
    assertThat(last.get("RECORDED_AT")).isNotNull();
    assertThat(String.valueOf(last.get("CHANGES"))).contains("processInstances");
    // the view is part of the hash chain
    assertThat(rest.call("GET", "/api/audit/verify", "auditor", null).json().path("valid").asBoolean()).isTrue();
  }

  /**
   * The auditor's Cockpit counted running instances it could not open (dashboard "Running Process Instances 4",
   * definition page "0"): the definition statistics behind the counts and the instances the auditor may read agree.
   */
  @Test
  void auditorsCockpitCountsAgreeWithTheInstancesTheAuditorCanOpen() {
    String running = rest.enrol("UCBI-0973");
    try {
      int counted = 0;
      for (JsonNode definition : rest.call("GET", "/engine-rest/process-definition/statistics", "auditor", null).json()) {
        if (ProtocolVariables.PROCESS_KEY.equals(definition.path("definition").path("key").asText())) {
          counted += definition.path("instances").asInt();
        }
      }
      int readable = rest.call("GET", "/engine-rest/process-instance/count?processDefinitionKey=" + ProtocolVariables.PROCESS_KEY,
          "auditor", null).json().path("count").asInt();
      assertThat(counted).isPositive().isEqualTo(readable);
      assertThat(rest.call("GET", "/engine-rest/process-instance/" + running, "auditor", null).status()).isEqualTo(200);
      // reading is all: the auditor still changes nothing and sees no task
      assertThat(rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + running + "/variables/" + ProtocolVariables.WEIGHT_KG,
          "auditor", Map.of("value", 30.0, "type", "Double"), Map.of("X-Correction-Reason", "auditor%20tries%20to%20change"))
          .status()).isEqualTo(403);
      assertThat(rest.call("GET", "/engine-rest/task/count?processInstanceBusinessKey=UCBI-0973", "auditor", null).json()
          .path("count").asInt()).isZero();
    } finally {
      engine.getRuntimeService().deleteProcessInstanceIfExists(running, "test clean-up", true, true, true, true);
    }
  }

  private int views(String actor, String subjectId) {
    return jdbc.queryForObject("select count(*) from UCBI_AUDIT_LOG where ENTITY = 'child-record' and EVENT_TYPE = 'view'"
        + " and ACTOR = ? and SUBJECT_ID = ?", Integer.class, actor, subjectId);
  }
}

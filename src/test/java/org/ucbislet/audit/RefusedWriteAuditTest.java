package org.ucbislet.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Issue 15 item 7: every refused write is in the audit log with who, what and why (REST, Cockpit, a Cockpit edit
 * refused for lack of rights), and never its value in the log; clients never get an exception text from the error
 * page; a variable record whose predecessor cannot be read says so instead of chaining a null old value.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class RefusedWriteAuditTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(7600);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> REASON = Map.of(CorrectionReasonFilter.HEADER, "weight typed wrongly at enrolment");

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private JdbcTemplate jdbc;
  @Value("${server.error.include-message}")
  private String includeMessage;

  private EngineRest rest;
  private String subjectId;
  private String protocolId;

  @BeforeEach
  void enrol() {
    rest = new EngineRest(port);
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
    protocolId = rest.enrol(subjectId);
  }

  @AfterEach
  void removeChild() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private List<JsonNode> refusals(String actor, String pathPart) {
    return jdbc.queryForList("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'request' AND EVENT_TYPE = "
        + "'write-refused' AND ACTOR = ? AND CHANGES LIKE ?", String.class, actor, "%" + pathPart + "%").stream()
        .map(RefusedWriteAuditTest::parse).toList();
  }

  @Test
  void aCorrectionRefusedByTheFormRulesIsAuditedWithWhoWhatAndWhyButTheLogHasNoValue(CapturedOutput log) {
    Response refused = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/"
        + ProtocolVariables.WEIGHT_KG, "demo", Map.of("value", -3.0, "type", "Double"), REASON);
    assertThat(refused.status()).isEqualTo(400);

    List<JsonNode> records = refusals("demo", protocolId + "/variables/weightKg");
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.path("request").asText()).isEqualTo("PUT /engine-rest/process-instance/" + protocolId
          + "/variables/weightKg");
      assertThat(r.path("httpStatus").asInt()).isEqualTo(400);
      assertThat(r.path("why").asText()).contains("weightKg").contains("must be at least 0.5");
    });
    assertThat(log.getAll()).doesNotContain("was -3");
  }

  @Test
  void aCorrectionWithoutRightsOrWithoutAReasonIsAuditedToo() {
    Response noRight = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/"
        + ProtocolVariables.WEIGHT_KG, "trial-manager", Map.of("value", 32.0, "type", "Double"), REASON);
    assertThat(noRight.status()).isEqualTo(403);
    assertThat(refusals("trial-manager", protocolId + "/variables/weightKg")).singleElement()
        .satisfies(r -> assertThat(r.path("httpStatus").asInt()).isEqualTo(403));

    Response noReason = rest.call("DELETE", "/engine-rest/process-instance/" + protocolId, "demo", null);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(refusals("demo", "DELETE /engine-rest/process-instance/" + protocolId)).singleElement()
        .satisfies(r -> assertThat(r.path("why").asText()).contains("correctionReason"));
  }

  @Test
  void aCockpitVariableEditRefusedForLackOfRightsIsAudited() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create(url("/camunda/app/cockpit/default/"))).GET().build(),
        BodyHandlers.discarding());
    String form = "username=trial-manager&password=" + URLEncoder.encode(EngineRest.DEMO_PASSWORD, UTF_8);
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(url(
            "/camunda/api/admin/auth/user/default/login/cockpit")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token(cookies))
        .POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // the login starts a new session: Cockpit's next page load hands out its CSRF token
    browser.send(HttpRequest.newBuilder(URI.create(url("/camunda/api/engine/engine/default/process-instance/"
        + protocolId))).header("Accept", "application/json").GET().build(), BodyHandlers.discarding());

    HttpResponse<String> edit = browser.send(HttpRequest.newBuilder(URI.create(url(
            "/camunda/api/engine/engine/default/process-instance/" + protocolId + "/variables/weightKg")))
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token(cookies))
        .header(CorrectionReasonFilter.HEADER, "weight%20typed%20wrongly%20at%20enrolment")
        .PUT(BodyPublishers.ofString("{\"value\":30.0,\"type\":\"Double\"}")).build(), BodyHandlers.ofString());

    assertThat(edit.statusCode()).as(edit.body()).isEqualTo(403);
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.WEIGHT_KG)).isEqualTo(31.0);
    assertThat(refusals("trial-manager", "/camunda/api/engine/engine/default/process-instance/" + protocolId))
        .as(jdbc.queryForList("SELECT ACTOR, CHANGES FROM UCBI_AUDIT_LOG WHERE EVENT_TYPE = 'write-refused'").toString())
        .singleElement().satisfies(r -> {
          assertThat(r.path("request").asText()).startsWith("PUT /camunda/api/engine/");
          assertThat(r.path("httpStatus").asInt()).isEqualTo(403);
          assertThat(r.path("why").asText()).isNotBlank();
        });
  }

  /** Issue 15 item 7: a write through the application's own API ({@code /api/*}) refused with any 4xx is recorded too. */
  @Test
  void everyRefusedWriteThroughTheApplicationsApiIsAuditedButAFailedLoginIsNotAWrite() {
    Response invalid = rest.call("POST", "/api/islets/ieq", "islet-lab", Map.of("recipientWeightKg", 31.0));
    assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
    assertThat(refusals("islet-lab", "POST /api/islets/ieq")).singleElement().satisfies(r -> {
      assertThat(r.path("httpStatus").asInt()).isEqualTo(400);
      assertThat(r.path("why").asText()).isNotBlank().isNotEqualTo("(no message)");
    });

    Response noRight = rest.call("PUT", "/api/cord-blood/inventory", "psychologist", Map.of("units", List.of()));
    assertThat(noRight.status()).as(noRight.body()).isEqualTo(403);
    assertThat(refusals("psychologist", "PUT /api/cord-blood/inventory")).singleElement()
        .satisfies(r -> assertThat(r.path("httpStatus").asInt()).isEqualTo(403));

    Response noBody = rest.call("POST", "/api/amendments/" + subjectId + "/apply", "trial-manager", null);
    assertThat(noBody.status()).as(noBody.body()).isEqualTo(400);
    assertThat(refusals("trial-manager", "/api/amendments/" + subjectId + "/apply")).singleElement()
        .satisfies(r -> assertThat(r.path("why").asText()).contains("body"));

    Response missing = rest.call("POST", "/api/amendments/" + subjectId + "/dry-run", "trial-manager", Map.of());
    assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    assertThat(refusals("trial-manager", "/api/amendments/" + subjectId + "/dry-run")).singleElement()
        .satisfies(r -> assertThat(r.path("httpStatus").asInt()).isEqualTo(404));

    // a user ID that does not exist: a wrong password for a real user would delay that user's logins (and electronic
    // signatures) on the engine's clock, which other tests of the shared database move
    Response wrongPassword = rest.call("POST", "/api/islets/ieq", "nobody-" + subjectId, "not-the-password", Map.of());
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'request' AND EVENT_TYPE = "
        + "'write-refused' AND CHANGES LIKE '%POST /api/islets/ieq%' AND CHANGES LIKE '%401%'", Long.class))
        .as("a failed login is recorded by the login audit, not as a refused write").isZero();
  }

  @Test
  void clientsNeverGetAnExceptionTextFromTheErrorPage() {
    assertThat(includeMessage).isEqualTo("never");
  }

  @Test
  void aVariableRecordWhosePredecessorCannotBeReadSaysSoAndTheProblemIsLogged(CapturedOutput log) {
    String path = "/engine-rest/process-instance/" + protocolId + "/variables/" + ProtocolVariables.WEIGHT_KG;
    assertThat(rest.callWithHeaders("PUT", path, "demo", Map.of("value", 32.0, "type", "Double"), REASON).status())
        .isEqualTo(204);
    String variableId = runtime.createVariableInstanceQuery().processInstanceIdIn(protocolId)
        .variableName(ProtocolVariables.WEIGHT_KG).singleResult().getId();
    Long last = jdbc.queryForObject("SELECT MAX(ID) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'variable' AND ENTITY_ID = ?",
        Long.class, variableId);
    String changes = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ID = ?", String.class, last);
    try {
      jdbc.update("UPDATE UCBI_AUDIT_LOG SET CHANGES = ? WHERE ID = ?", "{not json", last); // damaged storage
      assertThat(rest.callWithHeaders("PUT", path, "demo", Map.of("value", 33.0, "type", "Double"), REASON).status())
          .isEqualTo(204);
    } finally {
      jdbc.update("UPDATE UCBI_AUDIT_LOG SET CHANGES = ? WHERE ID = ?", changes, last);
    }
    JsonNode next = parse(jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'variable' AND "
        + "ENTITY_ID = ? AND ID > ? ORDER BY ID FETCH FIRST 1 ROWS ONLY", String.class, variableId, last));
    assertThat(next.path("oldValue").path(AuditStore.UNKNOWN_OLD_VALUE).asText())
        .contains("could not be read").contains("audit record " + last);
    assertThat(log.getAll()).contains("Audit record " + last + " (variable instance " + variableId
        + ") has changes that are not JSON").doesNotContain("{not json");
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String token(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Manual corrections need a reason (issue 8 item 1): changing a child's variables or cancelling its protocol outside a
 * task, through the REST API as Cockpit does, is refused without header {@code X-Correction-Reason} (HTTP 400 naming
 * {@code correctionReason}, nothing changed, nothing recorded), and with one the reason is written into the audit
 * records of the change and exported with the old and new value.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class CorrectionReasonRestTest {

  private static final String ADMIN = "demo";
  private static final String COORDINATOR = "trial-coordinator";
  private static final String AUDITOR = "auditor";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(8800);
  private static final String REASON = "Weighed again on the ward: the scale was not zeroed – Gewicht korrigiert";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;

  private EngineRest rest;

  @BeforeEach
  void client() {
    rest = new EngineRest(port);
  }

  @Test
  void variableChangeWithoutReasonIsRefusedNamingTheFieldAndChangesNothing() {
    String subjectId = nextSubjectId();
    String instance = enrol(subjectId);
    long auditRowsBefore = auditRows(subjectId);

    Response refused = putWeight(instance, 39.5, Map.of());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.json().path("field").asText()).isEqualTo("correctionReason");
    assertThat(refused.json().path("detail").asText()).contains("correctionReason").contains("X-Correction-Reason")
        .contains("nothing was changed");
    assertThat(weight(instance)).isEqualTo(32.5);
    assertThat(auditRows(subjectId)).isEqualTo(auditRowsBefore);
  }

  @Test
  void reasonThatSaysNothingIsRefused() {
    String instance = enrol(nextSubjectId());

    assertThat(putWeight(instance, 39.5, Map.of(CorrectionReasonFilter.HEADER, "fix")).status()).isEqualTo(400);
    assertThat(putWeight(instance, 39.5, Map.of(CorrectionReasonFilter.HEADER, "          ")).status()).isEqualTo(400);
    assertThat(putWeight(instance, 39.5, Map.of(CorrectionReasonFilter.HEADER, "%E0%A4%A-broken-encoding")).status()).isEqualTo(400);
    assertThat(weight(instance)).isEqualTo(32.5);
  }

  @Test
  void variableChangeWithReasonIsMadeAndTheReasonIsExportedWithOldAndNewValue() {
    String subjectId = nextSubjectId();
    String instance = enrol(subjectId);

    Response changed = putWeight(instance, 39.5, Map.of(CorrectionReasonFilter.HEADER, URLEncoder.encode(REASON, StandardCharsets.UTF_8).replace("+", "%20")));

    assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    assertThat(weight(instance)).isEqualTo(39.5);
    Response export = rest.call("GET", "/api/audit/export?format=json&subjectId=" + subjectId, AUDITOR, null);
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    JsonNode update = null;
    for (JsonNode row : export.json().get("variableUpdates")) {
      if (ProtocolVariables.WEIGHT_KG.equals(row.path("variable_name").asText()) && "update".equals(row.path("event_type").asText())) {
        update = row;
      }
    }
    assertThat(update).as("the weight correction in the export").isNotNull();
    assertThat(update.path("old_value").asText()).isEqualTo("32.5");
    assertThat(update.path("new_value").asText()).isEqualTo("39.5");
    assertThat(update.path("user").asText()).isEqualTo(ADMIN);
    assertThat(update.path("correction_reason").asText()).isEqualTo(REASON);
    String changes = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ID = ?", String.class,
        update.path("audit_id").asLong());
    assertThat(changes).contains("\"correctionReason\":\"" + REASON + "\"")
        .contains("\"correctionRequest\":\"PUT /process-instance/" + instance.toLowerCase() + "/variables/weightkg\"");
  }

  @Test
  void cancellingAChildsProtocolNeedsAReasonToo() {
    String subjectId = nextSubjectId();
    String instance = enrol(subjectId);

    Response refused = rest.call("DELETE", "/engine-rest/process-instance/" + instance, ADMIN, null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(rest.call("GET", "/engine-rest/process-instance/" + instance, ADMIN, null).status()).isEqualTo(200);

    Response cancelled = rest.callWithHeaders("DELETE", "/engine-rest/process-instance/" + instance, ADMIN, null,
        Map.of(CorrectionReasonFilter.HEADER, "Enrolled%20twice%20by%20mistake%3B%20see%20UCBI-0001"));
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(204);
    assertThat(rest.call("GET", "/engine-rest/process-instance/" + instance, ADMIN, null).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE SUBJECT_ID = ? AND CHANGES LIKE ?", Long.class,
        subjectId, "%Enrolled twice by mistake; see UCBI-0001%")).isPositive();
  }

  @Test
  void anonymousCallerIsStillAskedToAuthenticateFirst() {
    String instance = enrol(nextSubjectId());
    Response anonymous = rest.send("PUT", "/engine-rest/process-instance/" + instance + "/variables/" + ProtocolVariables.WEIGHT_KG,
        Map.of("value", 1.0, "type", "Double"), Map.of());
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void readingVariablesAndTheProtocolsOwnWorkNeedNoReason() {
    String instance = enrol(nextSubjectId());
    assertThat(rest.call("GET", "/engine-rest/process-instance/" + instance + "/variables", ADMIN, null).status()).isEqualTo(200);
  }

  private Response putWeight(String instance, double weightKg, Map<String, String> extraHeaders) {
    return rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + instance + "/variables/" + ProtocolVariables.WEIGHT_KG,
        ADMIN, Map.of("value", weightKg, "type", "Double"), extraHeaders);
  }

  private double weight(String instance) {
    Response response = rest.call("GET", "/engine-rest/process-instance/" + instance + "/variables/" + ProtocolVariables.WEIGHT_KG, ADMIN, null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().path("value").asDouble();
  }

  private String enrol(String subjectId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, subjectId);
    values.put(ProtocolVariables.DATE_OF_BIRTH, "2015-03-14");
    values.put(ProtocolVariables.SEX, "male");
    values.put(ProtocolVariables.WEIGHT_KG, 32.5);
    values.put(ProtocolVariables.HEIGHT_CM, 138);
    values.put(ProtocolVariables.GENE_NAME, "FOXP3");
    values.put(ProtocolVariables.VARIANT_HGVS, "NM_014009.4:c.1150G>A");
    Response started = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form",
        COORDINATOR, Map.of("businessKey", subjectId, "variables", EngineRest.typedVariables(values)));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    return started.json().path("id").asText();
  }

  private long auditRows(String subjectId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE SUBJECT_ID = ?", Long.class, subjectId);
  }

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }
}

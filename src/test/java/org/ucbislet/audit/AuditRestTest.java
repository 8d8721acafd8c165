package org.ucbislet.audit;

import org.ucbislet.support.ScreeningCriteria;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.ucbislet.Application;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.clinical.Groups;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * The audit trail through the real REST API (issue 8): what the engine does for a child is recorded with the
 * user, old and new values, UTC times and the decisions' inputs and outputs; the export filters, is for auditors
 * only and verifies offline; tampering is found; a rolled-back command and a history deletion leave the log as it
 * was. Every test works on subjects of its own (UCBI-7xxx).
 */
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class AuditRestTest {

  private static final String DEMO_PASSWORD = "demo";
  private static final String COORDINATOR = "trial-coordinator";
  private static final String ENDOCRINOLOGIST = "endocrinologist";
  private static final String AUDITOR = "auditor";
  private static final String ADMIN = "demo";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(7000);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private AuditStore store;
  @Autowired
  private HistoryService historyService;
  @Autowired
  private RuntimeService runtimeService;
  @Autowired
  private IdentityService identityService;
  @Autowired
  private PlatformTransactionManager transactionManager;

  @TempDir
  Path dir;

  // --- content ---------------------------------------------------------------------------------

  @Test
  void screeningStepsAreRecordedWithUsersOldAndNewValuesDecisionsAndUtcTimes() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);
    completeWorkUp(subjectId, ScreeningCriteria.clinicalWorkUp());
    Response change = call("PUT", "/engine-rest/process-instance/" + protocol + "/variables/" + ProtocolVariables.WEIGHT_KG,
        ADMIN, Map.of("value", 39.5, "type", "Double"), Map.of(CorrectionReasonFilter.HEADER, "Weighed%20again%20on%20the%20ward",
            SignatureFields.HEADER_USER_ID, ADMIN, SignatureFields.HEADER_PASSWORD, org.ucbislet.support.EngineRest.DEMO_PASSWORD));
    assertThat(change.status()).as(change.body()).isEqualTo(204);

    JsonNode export = exportJson("subjectId=" + subjectId);

    JsonNode weight = only(export.get("variableUpdates"), r -> ProtocolVariables.WEIGHT_KG.equals(r.path("variable_name").asText())
        && "update".equals(r.path("event_type").asText()));
    assertThat(weight.path("old_value").asText()).isEqualTo("38.2");
    assertThat(weight.path("new_value").asText()).isEqualTo("39.5");
    assertThat(weight.path("user").asText()).isEqualTo(ADMIN);
    assertThat(weight.path("value_type").asText()).isEqualTo("double");
    assertThat(weight.path("correction_reason").asText()).isEqualTo("Weighed again on the ward");
    JsonNode created = only(export.get("variableUpdates"), r -> ProtocolVariables.WEIGHT_KG.equals(r.path("variable_name").asText())
        && "create".equals(r.path("event_type").asText()) && r.path("process_instance_id").asText().equals(protocol));
    assertThat(created.path("old_value").isNull()).isTrue();
    assertThat(created.path("new_value").asText()).isEqualTo("38.2");
    assertThat(created.path("user").asText()).isEqualTo(COORDINATOR);
    JsonNode hiv = only(export.get("variableUpdates"), r -> ScreeningVariables.HIV_POSITIVE.equals(r.path("variable_name").asText()));
    assertThat(hiv.path("user").asText()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(hiv.path("element").asText()).isEqualTo(ScreeningVariables.TASK_WORK_UP);

    JsonNode task = only(export.get("tasks"), r -> ScreeningVariables.TASK_WORK_UP.equals(r.path("task_definition_key").asText()));
    assertThat(task.path("assignee").asText()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(task.path("end_reason").asText()).isEqualTo("completed");
    // the consent (screening's first step) and the work-up are the two completions; the work-up's is the endocrinologist's
    JsonNode completion = only(export.get("auditLog"), r -> AuditEntities.TASK.equals(r.path("entity").asText())
        && "complete".equals(r.path("event_type").asText())
        && ScreeningVariables.TASK_WORK_UP.equals(r.path("element").asText()));
    assertThat(completion.path("actor").asText()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(completion.path("element").asText()).isEqualTo(ScreeningVariables.TASK_WORK_UP);
    assertThat(completion.path("changes").asText()).contains("\"assignee\":\"endocrinologist\"");
    JsonNode claim = only(export.get("userOperations"), r -> "Claim".equals(r.path("operation_type").asText()));
    assertThat(claim.path("user").asText()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(claim.path("new_value").asText()).isEqualTo(ENDOCRINOLOGIST);

    JsonNode decision = only(export.get("decisions"), r -> "eligibility".equals(r.path("decision_key").asText()));
    assertThat(decision.path("user").asText()).isEqualTo(ENDOCRINOLOGIST);
    JsonNode inputs = parse(decision.path("inputs").asText());
    assertThat(inputs.path("HIV positive").asBoolean(true)).isFalse();
    assertThat(inputs.path("Extrapancreatic organ damage types (0-11)").asInt()).isEqualTo(2);
    assertThat(decision.path("outputs").asText()).contains("\"name\":\"eligible\",\"value\":true");
    JsonNode decided = only(export.get("auditLog"), r -> AuditEntities.DECISION.equals(r.path("entity").asText()));
    JsonNode decidedChanges = parse(decided.path("changes").asText());
    assertThat(decidedChanges.path("decisionKey").asText()).isEqualTo("eligibility");
    assertThat(decidedChanges.path("inputs").path("HIV positive").asBoolean(true)).isFalse();
    assertThat(decidedChanges.path("outputs").toString()).contains("\"name\":\"eligible\",\"value\":true");

    for (String section : List.of("processInstances", "activityInstances", "tasks", "variableUpdates", "decisions",
        "userOperations", "auditLog")) {
      assertThat(export.get(section)).as(section).isNotEmpty();
      export.get(section).forEach(row -> assertThat(row.path("subject_id").asText()).as(section).isEqualTo(subjectId));
    }
    export.get("auditLog").forEach(row -> assertThat(row.path("recorded_at").asText()).matches(".*T.*Z"));
    export.get("tasks").forEach(row -> assertThat(row.path("created").asText()).matches(".*T.*Z"));
    export.get("processInstances").forEach(row -> assertThat(row.path("start_time").asText()).matches(".*T.*Z"));
  }

  // --- filters -----------------------------------------------------------------------------------

  @Test
  void subjectFilterExportsOnlyThatChild() {
    String first = nextSubjectId();
    String second = nextSubjectId();
    enrol(first);
    enrol(second);

    JsonNode export = exportJson("subjectId=" + second);

    assertThat(export.path("filters").path("subjectId").asText()).isEqualTo(second);
    assertThat(export.get("processInstances")).hasSize(2); // the protocol and its screening
    assertThat(export.get("auditLog").findValuesAsText("subject_id")).containsOnly(second);
    assertThat(export.get("tasks").findValuesAsText("subject_id")).containsOnly(second);
    assertThat(export.get("variableUpdates").findValuesAsText("subject_id")).containsOnly(second);
  }

  @Test
  void timeFiltersExportOnlyWhatHappenedInTheInterval() {
    String subjectId = nextSubjectId();
    enrol(subjectId);

    JsonNode future = exportJson("subjectId=" + subjectId + "&from=2999-01-01");
    JsonNode past = exportJson("subjectId=" + subjectId + "&to=2000-01-01T00:00:00Z");
    JsonNode around = exportJson("subjectId=" + subjectId + "&from=2000-01-01&to=2999-12-31");

    future.path("rows").forEach(count -> assertThat(count.asLong()).as(future.path("rows").toString()).isZero());
    past.path("rows").forEach(count -> assertThat(count.asLong()).isZero());
    assertThat(around.path("rows").path("processInstances").asLong()).isEqualTo(2);
    assertThat(around.path("rows").path("auditLog").asLong()).isGreaterThan(5);
  }

  @Test
  void badFilterValuesAreAnsweredWithTheParameterName() {
    Response from = call("GET", "/api/audit/export?from=yesterday", AUDITOR, null);
    Response odm = call("GET", "/api/audit/export?format=xml", AUDITOR, null);

    assertThat(from.status()).isEqualTo(400);
    assertThat(from.contentType()).contains("application/problem+json");
    assertThat(from.json().path("field").asText()).isEqualTo("from");
    assertThat(from.json().path("detail").asText()).startsWith("from: must be an ISO-8601");
    assertThat(odm.status()).isEqualTo(400);
    assertThat(odm.json().path("detail").asText()).contains("must be zip, json, odm or fhir");
  }

  // --- access ------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"trial-manager", "endocrinologist"})
  void onlyAuditorsExportAndVerify(String user) {
    assertThat(call("GET", "/api/audit/export?format=json&subjectId=UCBI-7999", user, null).status()).isEqualTo(403);
    assertThat(call("GET", "/api/audit/verify", user, null).status()).isEqualTo(403);
  }

  @Test
  void auditorExportsAndAnonymousIsUnauthorized() {
    assertThat(call("GET", "/api/audit/export?format=json&subjectId=UCBI-7999", AUDITOR, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/audit/export", null, null).status()).isEqualTo(401);
    assertThat(call("GET", "/api/audit/verify", null, null).status()).isEqualTo(401);
  }

  // --- transactions ------------------------------------------------------------------------------

  @Test
  void refusedTaskCompletionLeavesNoAuditRecordButTheRefusal() {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    String taskId = claimWorkUp(subjectId);
    long before = auditRows(subjectId);
    long all = store.head().id();
    Map<String, Object> invalid = ScreeningCriteria.clinicalWorkUp();
    invalid.remove(ScreeningVariables.HIV_POSITIVE);

    Response refused = call("POST", "/engine-rest/task/" + taskId + "/submit-form", ENDOCRINOLOGIST,
        Map.of("variables", variables(invalid)));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(auditRows(subjectId)).isEqualTo(before);
    // nothing of the completion; one record of the refusal itself (issue 15 item 7, RefusedWriteAuditFilter)
    assertThat(store.head().id()).isEqualTo(all + 1);
    assertThat(jdbc.queryForObject("SELECT EVENT_TYPE FROM UCBI_AUDIT_LOG WHERE ID = ?", String.class, all + 1))
        .isEqualTo(RefusedWriteAuditFilter.EVENT);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY_ID = ? AND EVENT_TYPE = 'complete'",
        Long.class, taskId)).isZero();
  }

  @Test
  void historyDeletionLeavesTheAuditLogIntact() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);
    long before = auditRows(subjectId);
    List<String> instances = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId)
        .list().stream().map(HistoricProcessInstance::getId).toList();

    identityService.setAuthentication(ADMIN, List.of(Groups.CAMUNDA_ADMIN.id()));
    try {
      runtimeService.deleteProcessInstance(protocol, "withdrawn (test)");
      historyService.deleteHistoricProcessInstances(instances);
    } finally {
      identityService.clearAuthentication();
    }

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
    assertThat(auditRows(subjectId)).isGreaterThan(before);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE SUBJECT_ID = ? AND ENTITY = ? AND ACTOR = ? "
        + "AND EVENT_TYPE = 'delete'", Long.class, subjectId, AuditEntities.USER_OPERATION, ADMIN)).isPositive();
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void concurrentAppendsFormOneChain() throws Exception {
    long before = store.head().id();
    TransactionTemplate tx = new TransactionTemplate(transactionManager);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 20; i++) {
          int n = i;
          tx.executeWithoutResult(s -> store.append(List.of(event("UCBI-7990", thread + "-" + n + "a"),
              event("UCBI-7990", thread + "-" + n + "b"))));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(store.head().id()).isEqualTo(before + 160);
    JsonNode verification = verify();
    assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    assertThat(verification.path("records").asLong()).isEqualTo(store.head().id());
  }

  // --- verification ------------------------------------------------------------------------------

  @Test
  void liveVerificationFindsEditedDeletedAndSwappedRecords() {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    List<Long> ids = jdbc.queryForList("SELECT ID FROM UCBI_AUDIT_LOG WHERE SUBJECT_ID = ? ORDER BY ID", Long.class, subjectId);
    long a = ids.get(1);
    long b = ids.get(3);
    AuditRecord first = read(a);
    AuditRecord second = read(b);
    assertThat(verify().path("valid").asBoolean()).isTrue();

    try { // edited
      jdbc.update("UPDATE UCBI_AUDIT_LOG SET ACTOR = 'someone-else' WHERE ID = ?", a);
      assertBrokenAt(a, "changed");
    } finally {
      restore(first);
    }
    try { // deleted
      jdbc.update("DELETE FROM UCBI_AUDIT_LOG WHERE ID = ?", a);
      assertBrokenAt(a + 1, "missing");
    } finally {
      jdbc.update("INSERT INTO UCBI_AUDIT_LOG (ID, RECORDED_AT, ACTOR, ENTITY, EVENT_TYPE, PREV_HASH, HASH) "
          + "VALUES (?, CURRENT_TIMESTAMP, 'x', 'x', 'x', 'x', 'x')", a);
      restore(first);
    }
    try { // swapped
      write(AuditTestRecords.contentOf(second, a));
      write(AuditTestRecords.contentOf(first, b));
      assertBrokenAt(a, "does not follow");
    } finally {
      restore(first);
      restore(second);
    }
    assertThat(verify().path("valid").asBoolean()).isTrue();
  }

  @Test
  void zipExportPassesTheOfflineCheckAndIsItselfRecorded() throws Exception {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    completeWorkUp(subjectId, ScreeningCriteria.clinicalWorkUp());

    for (String query : List.of("", "?subjectId=" + subjectId)) {
      HttpRequest request = authorized("/api/audit/export" + query, AUDITOR).GET().build();
      var response = HTTP.send(request, BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
      Path file = Files.write(dir.resolve("export" + query.length() + ".zip"), response.body());

      VerifyAuditExport.Report report = VerifyAuditExport.verify(file);

      assertThat(report.valid()).as(String.join("\n", report.lines())).isTrue();
      Map<String, byte[]> entries = unzip(response.body());
      assertThat(entries).containsOnlyKeys("process-instances.csv", "activity-instances.csv", "tasks.csv",
          "variable-updates.csv", "decisions.csv", "incidents.csv", "user-operations.csv", "signatures.csv", "audit-log.csv",
          "manifest.json");
      JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
      assertThat(manifest.path("exportedBy").asText()).isEqualTo(AUDITOR);
      assertThat(manifest.path("auditChain").path("complete").asBoolean()).isEqualTo(query.isEmpty());
      assertThat(manifest.path("files")).hasSize(9);
      String tasks = new String(entries.get("tasks.csv"), UTF_8);
      assertThat(tasks).startsWith(String.join(",", AuditExporter.TASK_COLUMNS) + "\r\n");
      assertThat(tasks).contains(subjectId).contains(ENDOCRINOLOGIST);
      String manifestHash = AuditRecord.sha256Hex(new String(entries.get("manifest.json"), UTF_8));
      String recorded = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'export' ORDER BY ID DESC "
          + "FETCH FIRST 1 ROWS ONLY", String.class);
      assertThat(parse(recorded).path("manifestSha256").asText()).isEqualTo(manifestHash);
      assertThat(jdbc.queryForObject("SELECT ACTOR FROM UCBI_AUDIT_LOG WHERE ENTITY = 'export' ORDER BY ID DESC "
          + "FETCH FIRST 1 ROWS ONLY", String.class)).isEqualTo(AUDITOR);
    }
  }

  // --- CDISC ODM 1.3.2 and FHIR R4 ------------------------------------------------------------------

  @Test
  void odmExportHasTheScreenedChildsValuesUsersDecisionsAndAuditRecords() throws Exception {
    String subjectId = nextSubjectId();
    String other = nextSubjectId();
    enrol(subjectId);
    enrol(other);
    completeWorkUp(subjectId, ScreeningCriteria.clinicalWorkUp());

    HttpRequest request = authorized("/api/audit/export?format=odm&subjectId=" + subjectId, AUDITOR).GET().build();
    var response = HTTP.send(request, BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
    assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("ucbi-audit.odm.xml");
    org.w3c.dom.Document odm = OdmStructure.check(response.body());
    org.w3c.dom.Element root = odm.getDocumentElement();
    assertThat(root.getAttribute("ODMVersion")).isEqualTo("1.3.2");
    assertThat(root.getAttribute("FileType")).isEqualTo("Snapshot");
    assertThat(OdmStructure.all(odm, "SubjectData")).extracting(e -> e.getAttribute("SubjectKey")).containsExactly(subjectId);
    assertThat(OdmStructure.all(odm, "StudyEventDef")).extracting(e -> e.getAttribute("Name"))
        .contains(ProtocolVariables.PROCESS_KEY, "screening");
    assertThat(OdmStructure.all(odm, "User")).extracting(e -> e.getAttribute("OID"))
        .contains("USR." + COORDINATOR, "USR." + ENDOCRINOLOGIST);
    org.w3c.dom.Element weight = OdmStructure.all(odm, "ItemData").stream()
        .filter(e -> e.getAttribute("ItemOID").endsWith("." + ProtocolVariables.WEIGHT_KG)).findFirst().orElseThrow();
    assertThat(weight.getAttribute("Value")).isEqualTo("38.2");
    org.w3c.dom.Element hiv = OdmStructure.all(odm, "ItemData").stream()
        .filter(e -> e.getAttribute("ItemOID").endsWith("." + ScreeningVariables.TASK_WORK_UP + "." + ScreeningVariables.HIV_POSITIVE))
        .findFirst().orElseThrow();
    assertThat(hiv.getAttribute("Value")).isEqualTo("false");
    org.w3c.dom.Element hivAudit = OdmStructure.child(hiv, "AuditRecord");
    assertThat(OdmStructure.child(hivAudit, "UserRef").getAttribute("UserOID")).isEqualTo("USR." + ENDOCRINOLOGIST);
    String stamp = OdmStructure.child(hivAudit, "DateTimeStamp").getTextContent();
    assertThat(stamp).endsWith("Z");
    long sourceId = Long.parseLong(OdmStructure.child(hivAudit, "SourceID").getTextContent());
    assertThat(read(sourceId).actor()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(read(sourceId).recordedAt().toString()).isEqualTo(stamp);
    List<org.w3c.dom.Element> decisionKeys = OdmStructure.all(odm, "ItemData").stream()
        .filter(e -> e.getAttribute("ItemOID").endsWith(".Decisions.decisionKey")).toList();
    assertThat(decisionKeys).extracting(e -> e.getAttribute("Value")).contains("eligibility");
    org.w3c.dom.Element group = (org.w3c.dom.Element) decisionKeys.stream()
        .filter(e -> e.getAttribute("Value").equals("eligibility")).findFirst().orElseThrow().getParentNode();
    String inputs = OdmStructure.all(group, "ItemData").stream().filter(e -> e.getAttribute("ItemOID").endsWith(".inputs"))
        .findFirst().orElseThrow().getAttribute("Value");
    String outputs = OdmStructure.all(group, "ItemData").stream().filter(e -> e.getAttribute("ItemOID").endsWith(".outputs"))
        .findFirst().orElseThrow().getAttribute("Value");
    assertThat(parse(inputs).size()).isPositive();
    assertThat(parse(outputs).size()).isPositive();
    String recorded = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'export' ORDER BY ID DESC "
        + "FETCH FIRST 1 ROWS ONLY", String.class);
    assertThat(parse(recorded).path("format").asText()).isEqualTo("odm");
    assertThat(parse(recorded).path("documentSha256").asText()).isEqualTo(
        java.util.HexFormat.of().formatHex(AuditRecord.sha256().digest(response.body())));
  }

  @Test
  void odmAndFhirExportsApplyTheFilters() throws Exception {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    enrol(nextSubjectId());

    org.w3c.dom.Document all = OdmStructure.check(exportBytes("format=odm"));
    org.w3c.dom.Document future = OdmStructure.check(exportBytes("format=odm&subjectId=" + subjectId + "&from=2999-01-01"));
    JsonNode fhir = JSON.readTree(exportBytes("format=fhir&subjectId=" + subjectId));
    JsonNode past = JSON.readTree(exportBytes("format=fhir&to=2000-01-01"));

    assertThat(OdmStructure.all(all, "SubjectData").size()).isGreaterThanOrEqualTo(2);
    assertThat(OdmStructure.all(future, "SubjectData")).isEmpty();
    assertThat(past.path("entry")).isEmpty();
    assertThat(fhir.path("entry").size()).isPositive();
    for (JsonNode entry : fhir.path("entry")) {
      if (entry.path("resource").path("resourceType").asText().equals("AuditEvent")) {
        assertThat(entry.toString()).contains("\"value\":\"" + subjectId + "\"");
      }
    }
  }

  @Test
  void fhirExportIsAStrictlyValidR4BundleOfAuditEventsAndProvenances() throws Exception {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    completeWorkUp(subjectId, ScreeningCriteria.clinicalWorkUp());

    HttpRequest request = authorized("/api/audit/export?format=fhir&subjectId=" + subjectId, AUDITOR).GET().build();
    var response = HTTP.send(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
    assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("ucbi-audit.fhir.json");
    org.hl7.fhir.r4.model.Bundle bundle = FhirStructure.parse(response.body());
    assertThat(bundle.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
    List<org.hl7.fhir.r4.model.AuditEvent> events = bundle.getEntry().stream().map(e -> e.getResource())
        .filter(r -> r instanceof org.hl7.fhir.r4.model.AuditEvent).map(r -> (org.hl7.fhir.r4.model.AuditEvent) r).toList();
    List<org.hl7.fhir.r4.model.Provenance> provenances = bundle.getEntry().stream().map(e -> e.getResource())
        .filter(r -> r instanceof org.hl7.fhir.r4.model.Provenance).map(r -> (org.hl7.fhir.r4.model.Provenance) r).toList();
    assertThat(events).hasSize((int) auditRows(subjectId) - 1); // all records of the child but this export's own
    assertThat(provenances).isNotEmpty();
    org.hl7.fhir.r4.model.AuditEvent hiv = events.stream().filter(e -> e.getEntity().get(0).getDetail().stream()
        .anyMatch(d -> d.getType().equals("changes") && d.getValueStringType().getValue().contains(ScreeningVariables.HIV_POSITIVE)))
        .findFirst().orElseThrow();
    assertThat(hiv.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(ENDOCRINOLOGIST);
    assertThat(hiv.getAgentFirstRep().getWho().getIdentifier().getSystem()).isEqualTo("urn:ucbi:user");
    assertThat(hiv.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.C);
    assertThat(hiv.getRecordedElement().getValueAsString()).endsWith("Z");
    assertThat(hiv.getEntity()).anyMatch(e -> "urn:ucbi:subject".equals(e.getWhat().getIdentifier().getSystem())
        && subjectId.equals(e.getWhat().getIdentifier().getValue()) && "1".equals(e.getRole().getCode()));
    org.hl7.fhir.r4.model.AuditEvent decision = events.stream().filter(e -> "decision".equals(e.getType().getCode()))
        .filter(e -> e.getEntity().get(0).getDetail().stream().anyMatch(d -> d.getValueStringType().getValue().contains("\"eligibility\"")))
        .findFirst().orElseThrow();
    String changes = decision.getEntity().get(0).getDetail().stream().filter(d -> d.getType().equals("changes"))
        .findFirst().orElseThrow().getValueStringType().getValue();
    assertThat(parse(changes).path("inputs").size()).isPositive();
    assertThat(parse(changes).path("outputs").size()).isPositive();
    assertThat(provenances).anyMatch(p -> p.getTargetFirstRep().getIdentifier().getValue()
        .equals(decision.getEntity().get(0).getWhat().getIdentifier().getValue())
        && ENDOCRINOLOGIST.equals(p.getAgentFirstRep().getWho().getIdentifier().getValue()) && p.getRecorded() != null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"odm", "fhir"})
  void onlyAuditorsExportOdmAndFhir(String format) {
    assertThat(call("GET", "/api/audit/export?format=" + format + "&subjectId=UCBI-7999", "trial-manager", null).status())
        .isEqualTo(403);
    assertThat(call("GET", "/api/audit/export?format=" + format + "&subjectId=UCBI-7999", ENDOCRINOLOGIST, null).status())
        .isEqualTo(403);
    assertThat(call("GET", "/api/audit/export?format=" + format + "&subjectId=UCBI-7999", AUDITOR, null).status())
        .isEqualTo(200);
  }

  private byte[] exportBytes(String query) throws Exception {
    var response = HTTP.send(authorized("/api/audit/export?" + query, AUDITOR).GET().build(), BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  // --- logins ------------------------------------------------------------------------------------

  @Test
  void webappLoginsAreRecordedWithoutThePassword() throws Exception {
    String good = throwawayUser();
    String bad = throwawayUser();
    try {
      int success = login(good, DEMO_PASSWORD);
      int failure = login(bad, "Wrong-Secret-4711");

      assertThat(success).isEqualTo(200);
      assertThat(failure).isEqualTo(401);
      assertThat(jdbc.queryForObject("SELECT EVENT_TYPE FROM UCBI_AUDIT_LOG WHERE ENTITY = 'login' AND ACTOR = ?",
          String.class, good)).isEqualTo("login-success");
      assertThat(jdbc.queryForObject("SELECT EVENT_TYPE FROM UCBI_AUDIT_LOG WHERE ENTITY = 'login' AND ACTOR = ?",
          String.class, bad)).isEqualTo("login-failure");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE CHANGES LIKE '%Wrong-Secret%'", Long.class))
          .isZero();
    } finally {
      identityService.deleteUser(good);
      identityService.deleteUser(bad);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  private long auditRows(String subjectId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE SUBJECT_ID = ?", Long.class, subjectId);
  }

  private static AuditEvent event(String subjectId, String entityId) {
    return new AuditEvent("test", subjectId, "test", null, null, "test", entityId, "test",
        JSON.createObjectNode().put("n", entityId));
  }

  private JsonNode verify() {
    Response response = call("GET", "/api/audit/verify", AUDITOR, null);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private void assertBrokenAt(long id, String problem) {
    JsonNode result = verify();
    assertThat(result.path("valid").asBoolean()).isFalse();
    assertThat(result.path("firstBrokenRecord").asLong()).as(result.toString()).isEqualTo(id);
    assertThat(result.path("problem").asText()).contains(problem);
  }

  private AuditRecord read(long id) {
    return jdbc.queryForObject("SELECT " + AuditStore.COLUMNS + " FROM UCBI_AUDIT_LOG WHERE ID = ?",
        (rs, i) -> AuditStore.map(rs), id);
  }

  /** Test-only tampering and repair (the application itself never updates the log). */
  private void write(AuditRecord r) {
    jdbc.update("UPDATE UCBI_AUDIT_LOG SET RECORDED_AT = ?, ACTOR = ?, SUBJECT_ID = ?, PROC_DEF_KEY = ?, PROC_INST_ID = ?, "
        + "ELEMENT = ?, ENTITY = ?, ENTITY_ID = ?, EVENT_TYPE = ?, CHANGES = ?, PREV_HASH = ?, HASH = ? WHERE ID = ?",
        java.time.OffsetDateTime.ofInstant(r.recordedAt(), java.time.ZoneOffset.UTC), r.actor(), r.subjectId(),
        r.processDefinitionKey(), r.processInstanceId(), r.element(), r.entity(), r.entityId(), r.eventType(), r.changes(),
        r.prevHash(), r.hash(), r.id());
  }

  private void restore(AuditRecord r) {
    write(r);
  }

  private String throwawayUser() {
    String id = "auditlogin" + SUBJECTS.incrementAndGet();
    User user = identityService.newUser(id);
    user.setPassword(DEMO_PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, Groups.ENDOCRINOLOGIST.id());
    return id;
  }

  /** As the Tasklist login page does it: a session with its CSRF token first, then the form post. */
  private int login(String user, String password) throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).GET().build(),
        BodyHandlers.discarding());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
        .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    String form = "username=" + URLEncoder.encode(user, UTF_8) + "&password=" + URLEncoder.encode(password, UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", token).POST(BodyPublishers.ofString(form)).build();
    return browser.send(request, BodyHandlers.ofString()).statusCode();
  }

  private JsonNode exportJson(String query) {
    Response response = call("GET", "/api/audit/export?format=json&" + query, AUDITOR, null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode only(JsonNode rows, java.util.function.Predicate<JsonNode> test) {
    List<JsonNode> matches = new ArrayList<>();
    rows.forEach(r -> {
      if (test.test(r)) {
        matches.add(r);
      }
    });
    assertThat(matches).as(rows.toString()).hasSize(1);
    return matches.get(0);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), UTF_8)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private String enrol(String subjectId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, subjectId);
    values.put(ProtocolVariables.DATE_OF_BIRTH, "2013-07-15");
    values.put(ProtocolVariables.SEX, "male");
    values.put(ProtocolVariables.WEIGHT_KG, 38.2);
    values.put(ProtocolVariables.HEIGHT_CM, 146.0);
    values.put(ProtocolVariables.GENE_NAME, "CTLA4");
    values.put(ProtocolVariables.VARIANT_HGVS, "NM_005214.5:c.410C>T");
    values.put(ProtocolVariables.REFERRAL_DATE, "2025-01-10");
    Response response = call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form",
        COORDINATOR, Map.of("businessKey", subjectId, "variables", variables(values)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().path("id").asText();
  }

  private String claimWorkUp(String subjectId) {
    new org.ucbislet.support.EngineRest(port).consent(subjectId); // screening's first step
    JsonNode tasks = call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId + "&taskDefinitionKey="
        + ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, null).json();
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).path("id").asText();
    Response claim = call("POST", "/engine-rest/task/" + taskId + "/claim", ENDOCRINOLOGIST, Map.of("userId", ENDOCRINOLOGIST));
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    return taskId;
  }

  private void completeWorkUp(String subjectId, Map<String, Object> values) {
    String taskId = claimWorkUp(subjectId);
    Response complete = call("POST", "/engine-rest/task/" + taskId + "/submit-form", ENDOCRINOLOGIST,
        Map.of("variables", variables(values)));
    assertThat(complete.status()).as(complete.body()).isIn(200, 204);
  }

  private static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", value.getClass().getSimpleName())));
    return typed;
  }

  private HttpRequest.Builder authorized(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + DEMO_PASSWORD).getBytes(UTF_8)));
    }
    return request;
  }

  private Response call(String method, String path, String user, Object body) {
    return call(method, path, user, body, Map.of());
  }

  private Response call(String method, String path, String user, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = authorized(path, user).header("Accept", "application/json");
    headers.forEach(request::header);
    try {
      if (body == null) {
        request.method(method, BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      var response = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Response(int status, String body, String contentType) {
    JsonNode json() {
      return parse(body);
    }
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Electronic signatures (issue 20) through the real REST API and the Java API: every signed element of the models
 * refuses a completion without a valid signature (missing, not transient, wrong meaning, someone else's name, wrong
 * password counted like a failed login); a valid one completes and leaves a signature record in the audit log whose
 * values hash the offline verifier checks; an altered signed value is detected.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ElectronicSignatureRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(9300);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Sign-Test-2026";

  /** A signed element of the models: process, element, candidate group, meaning, variables it needs to be created. */
  record Signed(String processKey, String elementId, String group, String meaning, boolean startEvent) {
    @Override
    public String toString() {
      return processKey + "." + elementId;
    }
  }

  static List<Signed> signedElements() {
    return List.of(
        new Signed("screening", "Task_ObtainInformedConsent", "trial-coordinator", "responsibility", false),
        new Signed("screening", "Task_ReviewIndicationsMdt", "mdt", "approval", false),
        new Signed("cordBloodTransplant", "Task_SelectCordBloodUnits", "transplant-physician", "approval", false),
        new Signed("cordBloodTransplant", "Task_ReviewPostThawFailure", "transplant-physician", "approval", false),
        new Signed("cordBloodTransplant", "Task_ConfirmImmuneStability", "mdt", "approval", false),
        new Signed("isletIsolation", "Task_CountIslets", "islet-lab", "authorship", false),
        new Signed("isletIsolation", "Task_DecideRelease", "islet-lab", "approval", false),
        new Signed("isletTransplant", "Task_DecideIsletInfusion", "mdt", "approval", false),
        new Signed("adverseEvent", "Task_SubmitInitialSaeReport", "transplant-physician", "authorship", false),
        new Signed("adverseEvent", "Task_SubmitExpeditedReport", "trial-manager", "authorship", false),
        new Signed("deathReport", "Start_DeathReport", "transplant-physician", "authorship", true),
        new Signed("consentWithdrawal", "Start_ConsentWithdrawal", "trial-coordinator", "responsibility", true));
  }

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private TaskService tasks;
  @Autowired
  private IdentityService identity;
  @Autowired
  private HistoryService history;
  @Autowired
  private JdbcTemplate jdbc;

  private EngineRest rest;

  @BeforeEach
  void client() {
    rest = new EngineRest(port);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedElements")
  void everySignedElementIsDeclaredInTheModelWithItsMeaning(Signed signed) {
    String definitionId = rest.call("GET", "/engine-rest/process-definition/key/" + signed.processKey(), "demo", null)
        .json().path("id").asText();
    assertThat(rest.signatureMeaning(definitionId, signed.elementId())).isEqualTo(signed.meaning());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedElements")
  void withoutAValidSignatureNothingIsCompletedAndNothingStored(Signed signed) {
    String signer = newUser(signed.group());
    String other = newUser(signed.group());
    Attempt attempt = prepare(signed, signer);
    long auditBefore = auditRows("sign");

    Response missing = attempt.submit(Map.of());
    assertThat(missing.status()).as(missing.body()).isEqualTo(400);
    assertThat(missing.body()).contains("signatureUserId");

    Map<String, Object> noMeaning = new LinkedHashMap<>(EngineRest.signature(signer, PASSWORD, signed.meaning()));
    noMeaning.remove("signatureMeaning");
    Response missingMeaning = attempt.submit(noMeaning);
    assertThat(missingMeaning.status()).as(missingMeaning.body()).isEqualTo(400);
    assertThat(missingMeaning.body()).contains("signatureMeaning");

    Response wrongMeaning = attempt.submit(EngineRest.signature(signer, PASSWORD,
        signed.meaning().equals("review") ? "approval" : "review"));
    assertThat(wrongMeaning.status()).as(wrongMeaning.body()).isEqualTo(400);
    assertThat(wrongMeaning.body()).contains("signatureMeaning");

    Map<String, Object> storedPassword = new LinkedHashMap<>(EngineRest.signature(signer, PASSWORD, signed.meaning()));
    storedPassword.put("signaturePassword", Map.of("value", PASSWORD, "type", "String"));
    Response notTransient = attempt.submit(storedPassword);
    assertThat(notTransient.status()).as(notTransient.body()).isEqualTo(400);
    assertThat(notTransient.body()).contains("signaturePassword").contains("transient");

    Response someoneElse = attempt.submit(EngineRest.signature(other, PASSWORD, signed.meaning()));
    assertThat(someoneElse.status()).as(someoneElse.body()).isEqualTo(403);
    assertThat(someoneElse.body()).contains("signatureUserId");

    Response wrongPassword = attempt.submit(EngineRest.signature(signer, "not-" + PASSWORD, signed.meaning()));
    assertThat(wrongPassword.status()).as(wrongPassword.body()).isEqualTo(403);
    assertThat(wrongPassword.body()).contains("signaturePassword").doesNotContain("not-" + PASSWORD);
    assertThat(rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=x", signer, PASSWORD, null).status())
        .as("a wrong signature password delays the user's next login, as a failed login does").isEqualTo(401);

    if (!signed.startEvent()) {
      assertThat(tasks.createTaskQuery().taskId(attempt.taskId()).count()).as("the task stays open").isEqualTo(1);
    }
    assertThat(auditRows("sign")).as("no signature recorded").isEqualTo(auditBefore);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' AND EVENT_TYPE = 'refused' "
        + "AND ELEMENT = ? AND ACTOR = ?", Long.class, signed.elementId(), signer)).as("refusals are recorded").isEqualTo(2);
    assertThat(history.createHistoricVariableInstanceQuery().variableNameLike("signature%").count())
        .as("no signature field is ever a variable").isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE CHANGES LIKE ?", Long.class,
        "%" + PASSWORD + "%")).as("the password is nowhere in the audit log").isZero();
  }

  @Test
  void theMdtSignsItsScreeningDecisionAndTheSignatureIsBoundToTheValues() throws Exception {
    String signer = newUser("mdt");
    String subjectId = nextSubjectId();
    ProcessInstance screening = runtime.createProcessInstanceByKey("screening").businessKey(subjectId)
        .startBeforeActivity("Task_ReviewIndicationsMdt").setVariable("subjectId", subjectId).execute();
    Task task = tasks.createTaskQuery().processInstanceId(screening.getId()).singleResult();
    Map<String, Object> values = new LinkedHashMap<>(EngineRest.typedVariables(Map.of("mdtMeetingDate", "2026-03-02",
        "mdtApprovedTransplant", false, "mdtRationale", "Indication not met: a mature effective treatment exists")));
    values.putAll(EngineRest.signature(signer, PASSWORD, "approval"));

    Response signedCompletion = rest.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", signer, PASSWORD,
        Map.of("variables", values));

    assertThat(signedCompletion.status()).as(signedCompletion.body()).isIn(200, 204);
    JsonNode record = signatureRecord(task.getId());
    assertThat(record.path("actor").asText()).isEqualTo(signer);
    assertThat(record.path("subject_id").asText()).isEqualTo(subjectId);
    assertThat(record.path("element").asText()).isEqualTo("Task_ReviewIndicationsMdt");
    JsonNode changes = JSON.readTree(record.path("changes").asText());
    assertThat(changes.path("signerName").asText()).isEqualTo("Test Signer " + signer);
    assertThat(changes.path("meaning").asText()).isEqualTo("approval");
    assertThat(changes.path("statement").asText()).isEqualTo("I approve the MDT's screening decision for " + subjectId);
    assertThat(changes.path("values").path("mdtApprovedTransplant").asBoolean(true)).isFalse();
    assertThat(changes.path("values").path("mdtMeetingDate").asText()).isEqualTo("2026-03-02");
    assertThat(changes.path("valuesSha256").asText()).isEqualTo(SignedValues.sha256(changes.path("values")));
    assertThat(Instant.parse(changes.path("signedAt").asText())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(screening.getId())
        .variableNameLike("signature%").count()).isZero();
  }

  @Test
  void theExportsShowEachSignatureAndTheVerifierDetectsAlteredSignedValues(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String signer = newUser("mdt");
    String subjectId = nextSubjectId();
    ProcessInstance screening = runtime.createProcessInstanceByKey("screening").businessKey(subjectId)
        .startBeforeActivity("Task_ReviewIndicationsMdt").setVariable("subjectId", subjectId).execute();
    Task task = tasks.createTaskQuery().processInstanceId(screening.getId()).singleResult();
    Map<String, Object> values = new LinkedHashMap<>(EngineRest.typedVariables(Map.of("mdtMeetingDate", "2026-03-02",
        "mdtApprovedTransplant", false, "mdtRationale", "Indication not met: a mature effective treatment exists")));
    values.putAll(EngineRest.signature(signer, PASSWORD, "approval"));
    assertThat(rest.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form", signer, PASSWORD,
        Map.of("variables", values)).status()).isIn(200, 204);

    // CSV: the signature's manifestation, and the offline verifier binds it to its values
    java.nio.file.Path zip = Files.write(dir.resolve("export.zip"), download("format=zip&subjectId=" + subjectId));
    Map<String, String> files = unzip(zip);
    List<List<String>> rows = new java.util.ArrayList<>();
    Csv.Parser parser = new Csv.Parser(new java.io.StringReader(files.get("signatures.csv")));
    for (List<String> r = parser.next(); r != null; r = parser.next()) {
      rows.add(r);
    }
    assertThat(rows.get(0)).containsExactlyElementsOf(AuditExporter.SIGNATURE_COLUMNS);
    assertThat(rows).hasSize(2);
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < rows.get(0).size(); i++) {
      row.put(rows.get(0).get(i), rows.get(1).get(i));
    }
    assertThat(row).containsEntry("signer_id", signer).containsEntry("signer_name", "Test Signer " + signer)
        .containsEntry("meaning", "approval").containsEntry("subject_id", subjectId)
        .containsEntry("statement", "I approve the MDT's screening decision for " + subjectId)
        .containsEntry("element", "Task_ReviewIndicationsMdt").containsEntry("task_id", task.getId());
    assertThat(row.get("signed_at")).endsWith("Z");
    assertThat(row.get("values_sha256")).isEqualTo(AuditRecord.sha256Hex(row.get("values")));
    VerifyAuditExport.Report intact = VerifyAuditExport.verify(zip);
    assertThat(intact.valid()).as(String.join("\n", intact.lines())).isTrue();
    assertThat(intact.lines()).anyMatch(line -> line.contains("Test Signer " + signer) && line.contains("approval"))
        .contains("Electronic signatures: 1 checked, each bound to its values");

    // a signed value altered afterwards (here in the archive) no longer matches the signature
    files.put("audit-log.csv", files.get("audit-log.csv").replace("\"\"mdtApprovedTransplant\"\":false",
        "\"\"mdtApprovedTransplant\"\":true"));
    java.nio.file.Path altered = dir.resolve("altered.zip");
    rezip(files, altered);
    VerifyAuditExport.Report report = VerifyAuditExport.verify(altered);
    assertThat(report.valid()).isFalse();
    assertThat(report.lines()).anyMatch(line -> line.contains("the signed values do not match their SHA-256"));

    // the live check (GET /api/audit/verify) checks the signatures as well: intact, then altered in the table
    JsonNode live = rest.call("GET", "/api/audit/verify", "auditor", EngineRest.DEMO_PASSWORD, null).json();
    assertThat(live.path("valid").asBoolean()).as(live.toString()).isTrue();
    assertThat(live.path("signatures").asLong()).isPositive();
    assertThat(live.path("signatureProblems")).isEmpty();
    Map<String, Object> signatureRow = jdbc.queryForMap("SELECT ID, CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' "
        + "AND EVENT_TYPE = 'sign' AND PROC_INST_ID = ?", screening.getId());
    String signedChanges = (String) signatureRow.get("CHANGES");
    try {
      jdbc.update("UPDATE UCBI_AUDIT_LOG SET CHANGES = ? WHERE ID = ?",
          signedChanges.replace("\"mdtApprovedTransplant\":false", "\"mdtApprovedTransplant\":true"), signatureRow.get("ID"));
      JsonNode tampered = rest.call("GET", "/api/audit/verify", "auditor", EngineRest.DEMO_PASSWORD, null).json();
      assertThat(tampered.path("valid").asBoolean()).isFalse();
      assertThat(tampered.path("signatureProblems").toString()).as(tampered.toString())
          .contains("signature record " + signatureRow.get("ID") + ": the signed values do not match their SHA-256");
    } finally {
      jdbc.update("UPDATE UCBI_AUDIT_LOG SET CHANGES = ? WHERE ID = ?", signedChanges, signatureRow.get("ID"));
    }
    assertThat(rest.call("GET", "/api/audit/verify", "auditor", EngineRest.DEMO_PASSWORD, null).json().path("valid")
        .asBoolean()).isTrue();

    // ODM: Signature with SignatureRef to a SignatureDef carrying the meaning
    org.w3c.dom.Document odm = OdmStructure.check(download("format=odm&subjectId=" + subjectId));
    org.w3c.dom.Element signature = OdmStructure.all(odm, "Signature").get(0);
    assertThat(OdmStructure.child(signature, "UserRef").getAttribute("UserOID")).isEqualTo("USR." + signer);
    assertThat(OdmStructure.child(signature, "SignatureRef").getAttribute("SignatureOID")).isEqualTo("SD.approval");
    assertThat(OdmStructure.child(signature, "CryptoBindingManifest").getTextContent()).isEqualTo("sha256:" + row.get("values_sha256"));
    assertThat(OdmStructure.all(odm, "SignatureDef")).extracting(d -> OdmStructure.child(d, "Meaning").getTextContent())
        .containsExactly("Approval");

    // FHIR: Provenance.signature with type, when and who
    org.hl7.fhir.r4.model.Bundle bundle = FhirStructure.parse(new String(download("format=fhir&subjectId=" + subjectId),
        java.nio.charset.StandardCharsets.UTF_8));
    org.hl7.fhir.r4.model.Signature fhirSignature = bundle.getEntry().stream()
        .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
        .filter(r -> r instanceof org.hl7.fhir.r4.model.Provenance p && p.hasSignature())
        .map(r -> ((org.hl7.fhir.r4.model.Provenance) r).getSignatureFirstRep()).findFirst().orElseThrow();
    assertThat(fhirSignature.getWho().getIdentifier().getValue()).isEqualTo(signer);
    assertThat(fhirSignature.getWho().getDisplay()).isEqualTo("Test Signer " + signer);
    assertThat(fhirSignature.getWhen().toInstant()).isEqualTo(Instant.parse(row.get("signed_at")));
    assertThat(fhirSignature.getType()).extracting(org.hl7.fhir.r4.model.Coding::getCode)
        .contains("1.2.840.10065.1.12.1.5", "approval");
  }

  @Test
  void theJavaApiNeedsTheSignatureToo() {
    String signer = newUser("mdt");
    String subjectId = nextSubjectId();
    ProcessInstance screening = runtime.createProcessInstanceByKey("screening").businessKey(subjectId)
        .startBeforeActivity("Task_ReviewIndicationsMdt").setVariable("subjectId", subjectId).execute();
    Task task = tasks.createTaskQuery().processInstanceId(screening.getId()).singleResult();
    Map<String, Object> values = Map.of("mdtMeetingDate", "2026-03-02", "mdtApprovedTransplant", false,
        "mdtRationale", "Indication not met: a mature effective treatment exists");

    identity.setAuthentication(signer, List.of("mdt"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.complete(task.getId(), values))
        .hasMessageContaining("signatureUserId");
    var signedValues = SignatureFields.of(signer, PASSWORD, "approval");
    signedValues.putAll(values);
    tasks.complete(task.getId(), signedValues);
    identity.clearAuthentication();

    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' AND EVENT_TYPE = 'sign' "
        + "AND ENTITY_ID = ?", Long.class, task.getId())).isEqualTo(1);
  }

  @Test
  void aManualCorrectionIsSignedAndAnUnsignedOneChangesNothing() throws Exception {
    String signer = newUser("camunda-admin");
    String subjectId = nextSubjectId();
    ProcessInstance screening = runtime.createProcessInstanceByKey("screening").businessKey(subjectId)
        .startBeforeActivity("Task_ReviewIndicationsMdt").setVariable("subjectId", subjectId).execute();
    String path = "/engine-rest/process-instance/" + screening.getId() + "/variables/mdtRationale";
    Map<String, Object> body = Map.of("value", "Corrected rationale after the minutes were approved", "type", "String");
    String reason = "Minutes%20of%20the%20MDT%20meeting%20approved";

    Response unsigned = rest.send("PUT", path, body, Map.of("Authorization", EngineRest.basic(signer, PASSWORD),
        "X-Correction-Reason", reason));
    assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(400);
    assertThat(unsigned.body()).contains("signatureUserId");
    Response othersName = rest.send("PUT", path, body, Map.of("Authorization", EngineRest.basic(signer, PASSWORD),
        "X-Correction-Reason", reason, "X-Signature-User", "demo", "X-Signature-Password", "demo"));
    assertThat(othersName.status()).as(othersName.body()).isEqualTo(403);
    assertThat(runtime.getVariable(screening.getId(), "mdtRationale")).isNull();

    Response signedCorrection = rest.send("PUT", path, body, Map.of("Authorization", EngineRest.basic(signer, PASSWORD),
        "X-Correction-Reason", reason, "X-Signature-User", signer, "X-Signature-Password", PASSWORD));
    assertThat(signedCorrection.status()).as(signedCorrection.body()).isEqualTo(204);
    assertThat(runtime.getVariable(screening.getId(), "mdtRationale")).isEqualTo(body.get("value"));
    String changes = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' AND EVENT_TYPE = 'sign' "
        + "AND PROC_INST_ID = ? AND ACTOR = ?", String.class, screening.getId(), signer);
    JsonNode signature = JSON.readTree(changes);
    assertThat(signature.path("meaning").asText()).isEqualTo("correction");
    assertThat(signature.path("values").path("reason").asText()).isEqualTo("Minutes of the MDT meeting approved");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'variable' AND PROC_INST_ID = ? "
        + "AND CHANGES LIKE ?", Long.class, screening.getId(), "%\"correctionSignedBy\":\"" + signer + "\"%")).isEqualTo(1);
  }

  // --- helpers --------------------------------------------------------------------------------

  private byte[] download(String query) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/audit/export?" + query))
        .header("Authorization", EngineRest.basic("auditor", EngineRest.DEMO_PASSWORD)).GET().build();
    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Map<String, String> unzip(java.nio.file.Path zip) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private static void rezip(Map<String, String> files, java.nio.file.Path to) throws Exception {
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
      for (var file : files.entrySet()) {
        out.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
        out.write(file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  /** One way to submit the signed element: completing the task, or submitting the process's start form. */
  private record Attempt(String taskId, java.util.function.Function<Map<String, Object>, Response> submitter) {
    Response submit(Map<String, Object> signature) {
      return submitter.apply(signature);
    }
  }

  private Attempt prepare(Signed signed, String signer) {
    String subjectId = nextSubjectId();
    if (signed.startEvent()) {
      return new Attempt(null, signature -> rest.call("POST", "/engine-rest/process-definition/key/" + signed.processKey()
          + "/submit-form", signer, PASSWORD, Map.of("variables", withSignature(Map.of("subjectId", subjectId), signature))));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("subjectId", subjectId);
    variables.put("donorId", "OPO-SIG-" + subjectId);
    Date due = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    variables.put("initialReportDueAt", due);
    variables.put("expeditedReportDueAt", due);
    ProcessInstance instance = runtime.createProcessInstanceByKey(signed.processKey()).businessKey(subjectId)
        .startBeforeActivity(signed.elementId()).setVariables(variables).execute();
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(signed.elementId()).singleResult();
    assertThat(task).as("%s created", signed.elementId()).isNotNull();
    tasks.claim(task.getId(), signer);
    return new Attempt(task.getId(), signature -> rest.call("POST", "/engine-rest/task/" + task.getId() + "/submit-form",
        signer, PASSWORD, Map.of("variables", withSignature(Map.of(), signature))));
  }

  private static Map<String, Object> withSignature(Map<String, Object> values, Map<String, Object> signature) {
    Map<String, Object> all = new LinkedHashMap<>(EngineRest.typedVariables(values));
    all.putAll(signature);
    return all;
  }

  /** A fresh member of the group with a password of its own (wrong-password attempts lock only this user). */
  private String newUser(String group) {
    String id = "sig-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setFirstName("Test");
    user.setLastName("Signer " + id);
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(id, group);
    return id;
  }

  private long auditRows(String eventType) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' AND EVENT_TYPE = ?",
        Long.class, eventType);
  }

  private JsonNode signatureRecord(String taskId) {
    Map<String, Object> row = jdbc.queryForMap("SELECT ACTOR, SUBJECT_ID, ELEMENT, CHANGES FROM UCBI_AUDIT_LOG "
        + "WHERE ENTITY = 'signature' AND EVENT_TYPE = 'sign' AND ENTITY_ID = ?", taskId);
    return JSON.createObjectNode().put("actor", (String) row.get("ACTOR")).put("subject_id", (String) row.get("SUBJECT_ID"))
        .put("element", (String) row.get("ELEMENT")).put("changes", (String) row.get("CHANGES"));
  }

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }
}

package org.ucbislet.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * FHIR R4 Bundle (type collection) of the audit log, written with a Jackson generator while the records are
 * streamed in ID order: one AuditEvent per record, and a Provenance for each variable update and decision.
 */
final class AuditFhirWriter {

  static final String SUBJECT_SYSTEM = "urn:ucbi:subject";
  static final String USER_SYSTEM = "urn:ucbi:user";
  static final String ENTITY_SYSTEM = "urn:ucbi:audit-entity";
  static final String EVENT_SYSTEM = "urn:ucbi:audit-event-type";
  static final String RECORD_SYSTEM = "urn:ucbi:audit-record";
  private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  private static final String OBJECT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  AuditFhirWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the bundle; returns {AuditEvent count, Provenance count}. */
  long[] write(ExportFilters f, AuditStore.Head head, Instant exportedAt, JsonGenerator json) throws IOException {
    long[] counts = {0, 0};
    json.writeStartObject();
    json.writeStringField("resourceType", "Bundle");
    json.writeStringField("id", "ucbi-audit-" + head.id() + "-" + exportedAt.toEpochMilli());
    json.writeObjectFieldStart("meta");
    json.writeStringField("lastUpdated", exportedAt.toString());
    json.writeEndObject();
    json.writeObjectFieldStart("identifier");
    json.writeStringField("system", "urn:ucbi:audit-export");
    json.writeStringField("value", head.id() + ":" + head.hash());
    json.writeEndObject();
    json.writeStringField("type", "collection");
    json.writeStringField("timestamp", exportedAt.toString());
    json.writeArrayFieldStart("entry");
    query(f, head, r -> {
      try {
        auditEvent(json, r);
        counts[0]++;
        if (AuditEntities.VARIABLE.equals(r.entity()) || AuditEntities.DECISION.equals(r.entity())
            || AuditEntities.SIGNATURE.equals(r.entity()) && ElectronicSignatures.SIGN.equals(r.eventType())) {
          provenance(json, r);
          counts[1]++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    json.writeEndArray();
    json.writeEndObject();
    return counts;
  }

  private static void auditEvent(JsonGenerator json, AuditRecord r) throws IOException {
    String id = "audit-" + r.id();
    json.writeStartObject();
    json.writeStringField("fullUrl", "urn:uuid:" + uuid(id));
    json.writeObjectFieldStart("resource");
    json.writeStringField("resourceType", "AuditEvent");
    json.writeStringField("id", id);
    json.writeObjectFieldStart("type");
    coding(json, ENTITY_SYSTEM, r.entity());
    json.writeEndObject();
    json.writeArrayFieldStart("subtype");
    json.writeStartObject();
    coding(json, EVENT_SYSTEM, r.eventType());
    json.writeEndObject();
    json.writeEndArray();
    json.writeStringField("action", action(r));
    json.writeStringField("recorded", r.recordedAt().toString());
    boolean failure = r.eventType().endsWith("-failure") || r.eventType().endsWith("-failed");
    json.writeStringField("outcome", failure ? "4" : "0");
    json.writeArrayFieldStart("agent");
    json.writeStartObject();
    json.writeObjectFieldStart("who");
    identifier(json, USER_SYSTEM, r.actor());
    json.writeStringField("display", r.actor());
    json.writeEndObject();
    json.writeBooleanField("requestor", true);
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("source");
    json.writeStringField("site", "UCBI");
    json.writeObjectFieldStart("observer");
    json.writeStringField("display", "ucb-islet-protocol audit log");
    json.writeEndObject();
    json.writeEndObject();
    json.writeArrayFieldStart("entity");
    // the entity the record is about, with what changed
    json.writeStartObject();
    json.writeObjectFieldStart("what");
    identifier(json, "urn:ucbi:" + r.entity(), r.entityId() != null ? r.entityId() : "record-" + r.id());
    json.writeEndObject();
    json.writeObjectFieldStart("type");
    coding(json, OBJECT_TYPE, "2");
    json.writeEndObject();
    json.writeObjectFieldStart("role");
    coding(json, OBJECT_ROLE, "4"); // Domain Resource
    json.writeEndObject();
    if (r.element() != null) {
      json.writeStringField("name", r.element());
    }
    json.writeArrayFieldStart("detail");
    detail(json, "auditRecordId", Long.toString(r.id()));
    if (r.processDefinitionKey() != null) {
      detail(json, "processDefinitionKey", r.processDefinitionKey());
    }
    if (r.changes() != null) {
      detail(json, "changes", r.changes());
    }
    detail(json, "prevHash", r.prevHash());
    detail(json, "hash", r.hash());
    json.writeEndArray();
    json.writeEndObject();
    if (r.processInstanceId() != null) {
      json.writeStartObject();
      json.writeObjectFieldStart("what");
      identifier(json, "urn:ucbi:process-instance", r.processInstanceId());
      json.writeEndObject();
      json.writeObjectFieldStart("type");
      coding(json, OBJECT_TYPE, "2");
      json.writeEndObject();
      json.writeObjectFieldStart("role");
      coding(json, OBJECT_ROLE, "20"); // Job
      json.writeEndObject();
      if (r.processDefinitionKey() != null) {
        json.writeStringField("name", r.processDefinitionKey());
      }
      json.writeEndObject();
    }
    if (r.subjectId() != null) {
      json.writeStartObject();
      json.writeObjectFieldStart("what");
      identifier(json, SUBJECT_SYSTEM, r.subjectId());
      json.writeEndObject();
      json.writeObjectFieldStart("type");
      coding(json, OBJECT_TYPE, "1"); // Person
      json.writeEndObject();
      json.writeObjectFieldStart("role");
      coding(json, OBJECT_ROLE, "1"); // Patient
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void provenance(JsonGenerator json, AuditRecord r) throws IOException {
    String id = "provenance-" + r.id();
    json.writeStartObject();
    json.writeStringField("fullUrl", "urn:uuid:" + uuid(id));
    json.writeObjectFieldStart("resource");
    json.writeStringField("resourceType", "Provenance");
    json.writeStringField("id", id);
    JsonNode signed = AuditEntities.SIGNATURE.equals(r.entity()) ? parse(r.changes()) : null;
    json.writeArrayFieldStart("target");
    json.writeStartObject();
    if (signed == null) {
      identifier(json, "urn:ucbi:" + r.entity(), r.entityId() != null ? r.entityId() : "record-" + r.id());
      json.writeStringField("display", display(r));
    } else { // the signed record: the task (or the process started by a signed start form)
      identifier(json, signed.hasNonNull("taskId") ? "urn:ucbi:task" : "urn:ucbi:process-instance", r.entityId());
      json.writeStringField("display", r.element() + ": " + signed.path("statement").asText());
    }
    json.writeEndObject();
    json.writeEndArray();
    json.writeStringField("recorded", r.recordedAt().toString());
    if (signed != null) {
      json.writeArrayFieldStart("policy");
      json.writeString("urn:ucbi:signed-values-sha256:" + signed.path("valuesSha256").asText());
      json.writeEndArray();
    }
    json.writeObjectFieldStart("activity");
    json.writeArrayFieldStart("coding");
    json.writeStartObject();
    coding(json, EVENT_SYSTEM, r.eventType());
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("agent");
    json.writeStartObject();
    json.writeObjectFieldStart("who");
    identifier(json, USER_SYSTEM, r.actor());
    json.writeStringField("display", r.actor());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
    json.writeArrayFieldStart("entity");
    json.writeStartObject();
    json.writeStringField("role", "source");
    json.writeObjectFieldStart("what");
    identifier(json, RECORD_SYSTEM, Long.toString(r.id()));
    json.writeStringField("display", "audit record " + r.id());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
    if (signed != null) {
      signature(json, r, signed);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Provenance.signature: the manifestation of an electronic signature (type = meaning, when, who with full name). */
  private static void signature(JsonGenerator json, AuditRecord r, JsonNode signed) throws IOException {
    SignatureMeaning meaning = SignatureMeaning.of(signed.path("meaning").asText());
    json.writeArrayFieldStart("signature");
    json.writeStartObject();
    json.writeArrayFieldStart("type");
    if (meaning != null) {
      json.writeStartObject();
      coding(json, SignatureMeaning.ASTM_E1762, meaning.astmCode());
      json.writeStringField("display", meaning.astmDisplay());
      json.writeEndObject();
    }
    json.writeStartObject();
    coding(json, "urn:ucbi:signature-meaning", signed.path("meaning").asText());
    json.writeStringField("display", meaning == null ? signed.path("meaning").asText() : meaning.label());
    json.writeEndObject();
    json.writeEndArray();
    json.writeStringField("when", signed.path("signedAt").asText(r.recordedAt().toString()));
    json.writeObjectFieldStart("who");
    identifier(json, USER_SYSTEM, r.actor());
    json.writeStringField("display", signed.path("signerName").asText(r.actor()));
    json.writeEndObject();
    json.writeStringField("targetFormat", "application/json");
    json.writeEndObject();
    json.writeEndArray();
  }

  private static String display(AuditRecord r) {
    JsonNode c = parse(r.changes());
    String name = AuditEntities.DECISION.equals(r.entity()) ? "decision " + c.path("decisionKey").asText()
        : "variable " + c.path("name").asText();
    return name + (r.subjectId() == null ? "" : " of " + r.subjectId());
  }

  private static void detail(JsonGenerator json, String type, String value) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", type);
    json.writeStringField("valueString", value);
    json.writeEndObject();
  }

  private static void coding(JsonGenerator json, String system, String code) throws IOException {
    json.writeStringField("system", system);
    json.writeStringField("code", code);
  }

  private static void identifier(JsonGenerator json, String system, String value) throws IOException {
    json.writeObjectFieldStart("identifier");
    json.writeStringField("system", system);
    json.writeStringField("value", value);
    json.writeEndObject();
  }

  /** FHIR AuditEvent.action: C create, R read, U update, D delete, E execute. */
  static String action(AuditRecord r) {
    return switch (r.eventType()) {
      case "create", "start" -> "C";
      case "delete" -> "D";
      case "update", "assign", "claim", "migrate", "end", "complete", "inventory-replaced" -> "U";
      case "export" -> "R";
      default -> "E";
    };
  }

  private static String uuid(String id) {
    return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private void query(ExportFilters f, AuditStore.Head head, java.util.function.Consumer<AuditRecord> consumer) {
    AuditLogQuery.stream(jdbc, f, head, null, List.of(), "ID", consumer);
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}

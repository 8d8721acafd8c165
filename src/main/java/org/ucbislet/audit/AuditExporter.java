package org.ucbislet.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the audit archive (design.md section 8) straight to an output stream: one CSV per history entity read
 * from Camunda's history tables and the audit log, streamed row by row (JDBC fetch size, decisions in keyset
 * pages), then {@code manifest.json}. All files are read in one read-only repeatable-read transaction, so they
 * describe the same moment. Memory does not grow with the size of the history.
 */
@Component
public class AuditExporter {

  static final String MANIFEST = "manifest.json";
  static final String AUDIT_LOG_FILE = "audit-log.csv";
  static final String SIGNATURES_FILE = "signatures.csv";
  static final String FORMAT_VERSION = "ucbi-audit-export/1";
  static final int FETCH_SIZE = 500;
  static final int DECISION_PAGE = 200;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One file of the archive: its name, the key of its array in the JSON format, its columns and its reader. */
  record Section(String file, String key, List<String> columns, SectionReader reader) {}

  @FunctionalInterface
  interface SectionReader {
    void read(ExportFilters filters, AuditStore.Head head, RowSink sink);
  }

  @FunctionalInterface
  interface RowSink {
    void row(List<String> values);
  }

  /** What an export wrote: rows per file, file hashes, and the hash of the manifest (ZIP) or document (JSON). */
  public record Summary(Map<String, Long> rows, Map<String, String> sha256, String manifestSha256, AuditStore.Head head) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshot;
  private final AuditStore store;
  private final List<Section> sections;

  public AuditExporter(AuditStore store, PlatformTransactionManager transactionManager) {
    this.store = store;
    this.jdbc = new JdbcTemplate(store.dataSource());
    this.jdbc.setFetchSize(FETCH_SIZE);
    this.snapshot = new TransactionTemplate(transactionManager);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.sections = List.of(
        new Section("process-instances.csv", "processInstances", PROCESS_COLUMNS, this::processInstances),
        new Section("activity-instances.csv", "activityInstances", ACTIVITY_COLUMNS, this::activityInstances),
        new Section("tasks.csv", "tasks", TASK_COLUMNS, this::tasks),
        new Section("variable-updates.csv", "variableUpdates", VARIABLE_COLUMNS, this::variableUpdates),
        new Section("decisions.csv", "decisions", DECISION_COLUMNS, this::decisions),
        new Section("incidents.csv", "incidents", INCIDENT_COLUMNS, this::incidents),
        new Section("user-operations.csv", "userOperations", OPERATION_COLUMNS, this::userOperations),
        new Section(SIGNATURES_FILE, "signatures", SIGNATURE_COLUMNS, this::signatures),
        new Section(AUDIT_LOG_FILE, "auditLog", AUDIT_COLUMNS, this::auditLog));
  }

  // --- ZIP -----------------------------------------------------------------------------------------

  public Summary writeZip(ExportFilters filters, String user, OutputStream out) throws IOException {
    Instant exportedAt = Instant.now();
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    AuditStore.Head head = inSnapshot(h -> {
      for (Section section : sections) {
        zip.putNextEntry(entry(section.file(), exportedAt));
        MessageDigest digest = AuditRecord.sha256();
        Writer writer = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(unclosable(zip), digest),
            StandardCharsets.UTF_8), 64 * 1024);
        long[] count = {0};
        Csv.write(writer, section.columns());
        section.reader().read(filters, h, values -> {
          try {
            Csv.write(writer, values);
            count[0]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        writer.flush();
        zip.closeEntry();
        rows.put(section.file(), count[0]);
        hashes.put(section.file(), HexFormat.of().formatHex(digest.digest()));
      }
    });
    ObjectNode manifest = NODES.objectNode();
    manifest.put("format", FORMAT_VERSION);
    manifest.put("exportedAt", exportedAt.toString());
    manifest.put("exportedBy", user);
    manifest.set("filters", filters.toJson());
    ObjectNode chain = manifest.putObject("auditChain");
    chain.put("complete", filters.unfiltered());
    chain.put("headId", head.id());
    chain.put("headHash", head.hash());
    ArrayNode files = manifest.putArray("files");
    rows.forEach((file, count) -> files.addObject().put("name", file).put("rows", count).put("sha256", hashes.get(file)));
    byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    zip.putNextEntry(entry(MANIFEST, exportedAt));
    zip.write(manifestBytes);
    zip.closeEntry();
    zip.finish();
    zip.flush();
    return new Summary(rows, hashes, HexFormat.of().formatHex(AuditRecord.sha256().digest(manifestBytes)), head);
  }

  private static ZipEntry entry(String name, Instant time) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(time.toEpochMilli());
    return entry;
  }

  // --- JSON ----------------------------------------------------------------------------------------

  public Summary writeJson(ExportFilters filters, String user, OutputStream out) throws IOException {
    Instant exportedAt = Instant.now();
    MessageDigest digest = AuditRecord.sha256();
    JsonGenerator json = new JsonFactory().createGenerator(new DigestOutputStream(unclosable(out), digest), JsonEncoding.UTF8);
    Map<String, Long> rows = new LinkedHashMap<>();
    json.writeStartObject();
    json.writeStringField("format", FORMAT_VERSION);
    json.writeStringField("exportedAt", exportedAt.toString());
    json.writeStringField("exportedBy", user);
    json.writeFieldName("filters");
    JSON.writeTree(json, filters.toJson());
    AuditStore.Head head = inSnapshot(h -> {
      json.writeObjectFieldStart("auditChain");
      json.writeBooleanField("complete", filters.unfiltered());
      json.writeNumberField("headId", h.id());
      json.writeStringField("headHash", h.hash());
      json.writeEndObject();
      for (Section section : sections) {
        json.writeArrayFieldStart(section.key());
        long[] count = {0};
        section.reader().read(filters, h, values -> {
          try {
            json.writeStartObject();
            for (int i = 0; i < values.size(); i++) {
              json.writeStringField(section.columns().get(i), values.get(i));
            }
            json.writeEndObject();
            count[0]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        json.writeEndArray();
        rows.put(section.key(), count[0]);
      }
    });
    json.writeObjectFieldStart("rows");
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      json.writeNumberField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
    json.flush();
    return new Summary(rows, Map.of(), HexFormat.of().formatHex(digest.digest()), head);
  }

  // --- CDISC ODM 1.3.2 and FHIR R4 (streamed from the audit log) ------------------------------------

  public Summary writeOdm(ExportFilters filters, String user, OutputStream out) throws IOException {
    Instant exportedAt = Instant.now();
    MessageDigest digest = AuditRecord.sha256();
    OutputStream target = new java.io.BufferedOutputStream(new DigestOutputStream(unclosable(out), digest), 64 * 1024);
    long[] items = {0};
    AuditStore.Head head = inSnapshot(h -> items[0] = new AuditOdmWriter(jdbc).write(filters, h, exportedAt, user, target));
    target.flush();
    return new Summary(Map.of("itemGroups", items[0]), Map.of(), HexFormat.of().formatHex(digest.digest()), head);
  }

  public Summary writeFhir(ExportFilters filters, String user, OutputStream out) throws IOException {
    Instant exportedAt = Instant.now();
    MessageDigest digest = AuditRecord.sha256();
    JsonGenerator json = new JsonFactory().createGenerator(new DigestOutputStream(unclosable(out), digest), JsonEncoding.UTF8);
    long[][] counts = {null};
    AuditStore.Head head = inSnapshot(h -> counts[0] = new AuditFhirWriter(jdbc).write(filters, h, exportedAt, json));
    json.flush();
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("auditEvents", counts[0][0]);
    rows.put("provenances", counts[0][1]);
    return new Summary(rows, Map.of(), HexFormat.of().formatHex(digest.digest()), head);
  }

  @FunctionalInterface
  private interface SnapshotWork {
    void run(AuditStore.Head head) throws IOException;
  }

  private AuditStore.Head inSnapshot(SnapshotWork work) throws IOException {
    try {
      return snapshot.execute(status -> {
        AuditStore.Head head = store.head();
        try {
          work.run(head);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return head;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  // --- the files -----------------------------------------------------------------------------------

  static final List<String> PROCESS_COLUMNS = List.of("process_instance_id", "subject_id", "process_definition_key",
      "process_definition_id", "state", "start_time", "end_time", "duration_ms", "start_user", "start_activity_id",
      "end_activity_id", "super_process_instance_id", "root_process_instance_id", "delete_reason");

  private void processInstances(ExportFilters f, AuditStore.Head head, RowSink sink) {
    history("SELECT P.ID_, P.BUSINESS_KEY_, P.PROC_DEF_KEY_, P.PROC_DEF_ID_, P.STATE_, P.START_TIME_, P.END_TIME_, "
        + "P.DURATION_, P.START_USER_ID_, P.START_ACT_ID_, P.END_ACT_ID_, P.SUPER_PROCESS_INSTANCE_ID_, "
        + "P.ROOT_PROC_INST_ID_, P.DELETE_REASON_ FROM ACT_HI_PROCINST P", "P.START_TIME_", "P.END_TIME_",
        "P.START_TIME_, P.ID_", f, sink, PROCESS_COLUMNS.size());
  }

  static final List<String> ACTIVITY_COLUMNS = List.of("activity_instance_id", "subject_id", "process_definition_key",
      "process_instance_id", "activity_id", "activity_name", "activity_type", "assignee", "task_id",
      "called_process_instance_id", "start_time", "end_time", "duration_ms", "state", "parent_activity_instance_id");

  private void activityInstances(ExportFilters f, AuditStore.Head head, RowSink sink) {
    history("SELECT A.ID_, P.BUSINESS_KEY_, A.PROC_DEF_KEY_, A.PROC_INST_ID_, A.ACT_ID_, A.ACT_NAME_, A.ACT_TYPE_, "
        + "A.ASSIGNEE_, A.TASK_ID_, A.CALL_PROC_INST_ID_, A.START_TIME_, A.END_TIME_, A.DURATION_, "
        + "CASE WHEN A.ACT_INST_STATE_ = 2 THEN 'canceled' WHEN A.END_TIME_ IS NULL THEN 'active' ELSE 'completed' END, "
        + "A.PARENT_ACT_INST_ID_ FROM ACT_HI_ACTINST A LEFT JOIN ACT_HI_PROCINST P ON P.ID_ = A.PROC_INST_ID_",
        "A.START_TIME_", "A.END_TIME_", "A.START_TIME_, A.SEQUENCE_COUNTER_, A.ID_", f, sink, ACTIVITY_COLUMNS.size());
  }

  static final List<String> TASK_COLUMNS = List.of("task_id", "subject_id", "process_definition_key",
      "process_instance_id", "task_definition_key", "name", "assignee", "owner", "created", "ended", "duration_ms",
      "end_reason", "due_date", "follow_up_date", "priority", "activity_instance_id");

  private void tasks(ExportFilters f, AuditStore.Head head, RowSink sink) {
    history("SELECT T.ID_, P.BUSINESS_KEY_, T.PROC_DEF_KEY_, T.PROC_INST_ID_, T.TASK_DEF_KEY_, T.NAME_, T.ASSIGNEE_, "
        + "T.OWNER_, T.START_TIME_, T.END_TIME_, T.DURATION_, T.DELETE_REASON_, T.DUE_DATE_, T.FOLLOW_UP_DATE_, "
        + "T.PRIORITY_, T.ACT_INST_ID_ FROM ACT_HI_TASKINST T LEFT JOIN ACT_HI_PROCINST P ON P.ID_ = T.PROC_INST_ID_",
        "T.START_TIME_", "T.END_TIME_", "T.START_TIME_, T.ID_", f, sink, TASK_COLUMNS.size());
  }

  static final List<String> INCIDENT_COLUMNS = List.of("incident_id", "subject_id", "process_definition_key",
      "process_instance_id", "activity_id", "failed_activity_id", "incident_type", "message", "state", "created",
      "ended", "cause_incident_id", "root_cause_incident_id", "configuration", "annotation");

  private void incidents(ExportFilters f, AuditStore.Head head, RowSink sink) {
    history("SELECT I.ID_, P.BUSINESS_KEY_, I.PROC_DEF_KEY_, I.PROC_INST_ID_, I.ACTIVITY_ID_, I.FAILED_ACTIVITY_ID_, "
        + "I.INCIDENT_TYPE_, I.INCIDENT_MSG_, CASE I.INCIDENT_STATE_ WHEN 0 THEN 'open' WHEN 1 THEN 'deleted' "
        + "WHEN 2 THEN 'resolved' END, I.CREATE_TIME_, I.END_TIME_, I.CAUSE_INCIDENT_ID_, I.ROOT_CAUSE_INCIDENT_ID_, "
        + "I.CONFIGURATION_, I.ANNOTATION_ FROM ACT_HI_INCIDENT I LEFT JOIN ACT_HI_PROCINST P ON P.ID_ = I.PROC_INST_ID_",
        "I.CREATE_TIME_", "I.END_TIME_", "I.CREATE_TIME_, I.ID_", f, sink, INCIDENT_COLUMNS.size());
  }

  static final List<String> OPERATION_COLUMNS = List.of("operation_log_id", "operation_id", "time", "user",
      "subject_id", "process_definition_key", "process_instance_id", "task_id", "category", "entity_type",
      "operation_type", "property", "old_value", "new_value", "annotation");

  private void userOperations(ExportFilters f, AuditStore.Head head, RowSink sink) {
    history("SELECT O.ID_, O.OPERATION_ID_, O.TIMESTAMP_, O.USER_ID_, P.BUSINESS_KEY_, O.PROC_DEF_KEY_, O.PROC_INST_ID_, "
        + "O.TASK_ID_, O.CATEGORY_, O.ENTITY_TYPE_, O.OPERATION_TYPE_, O.PROPERTY_, O.ORG_VALUE_, O.NEW_VALUE_, "
        + "O.ANNOTATION_ FROM ACT_HI_OP_LOG O LEFT JOIN ACT_HI_PROCINST P ON P.ID_ = O.PROC_INST_ID_",
        "O.TIMESTAMP_", null, "O.TIMESTAMP_, O.ID_", f, sink, OPERATION_COLUMNS.size());
  }

  /**
   * A history table with the subject filter on the process instance's business key ({@code P.BUSINESS_KEY_}) and
   * the time filter: a row is exported when its start or its end (for a point in time: its time) lies in
   * [from, to), that is when something happened to it in the interval.
   */
  private void history(String select, String startColumn, String endColumn, String order, ExportFilters f, RowSink sink,
                       int columns) {
    StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.subjectId() != null) {
      sql.append(" AND P.BUSINESS_KEY_ = ?");
      args.add(f.subjectId());
    }
    if (f.from() != null || f.to() != null) {
      sql.append(" AND (").append(within(startColumn, f, args));
      if (endColumn != null) {
        sql.append(" OR ").append(within(endColumn, f, args));
      }
      sql.append(")");
    }
    sql.append(" ORDER BY ").append(order);
    jdbc.query(sql.toString(), rs -> {
      sink.row(texts(rs, columns));
    }, args.toArray());
  }

  /** {@code column} in [from, to), for the filters given. */
  private static String within(String column, ExportFilters f, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    if (f.from() != null) {
      conditions.add(column + " >= ?");
      args.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      conditions.add(column + " < ?");
      args.add(Timestamp.from(f.to()));
    }
    return "(" + String.join(" AND ", conditions) + ")";
  }

  /** Every column as text: timestamps as ISO-8601 UTC, numbers in plain notation, absent as null. */
  static List<String> texts(ResultSet rs, int columns) throws SQLException {
    List<String> values = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      Object value = rs.getObject(i);
      if (value instanceof Timestamp) {
        values.add(rs.getTimestamp(i).toInstant().toString());
      } else if (value instanceof java.time.LocalDateTime local) {
        values.add(Timestamp.valueOf(local).toInstant().toString());
      } else if (value instanceof OffsetDateTime offset) {
        values.add(offset.toInstant().toString());
      } else if (value instanceof java.sql.Clob) {
        values.add(rs.getString(i));
      } else {
        values.add(value == null ? null : value.toString());
      }
    }
    return values;
  }

  // --- from the audit log --------------------------------------------------------------------------

  static final List<String> VARIABLE_COLUMNS = List.of("audit_id", "time", "user", "subject_id",
      "process_definition_key", "process_instance_id", "element", "variable_instance_id", "variable_name", "event_type",
      "value_type", "old_value", "new_value", "task_id", "activity_instance_id", "correction_reason");

  private void variableUpdates(ExportFilters f, AuditStore.Head head, RowSink sink) {
    audit(f, head, AuditEntities.VARIABLE, record -> {
      JsonNode changes = parse(record.changes());
      sink.row(java.util.Arrays.asList(Long.toString(record.id()), record.recordedAt().toString(), record.actor(),
          record.subjectId(), record.processDefinitionKey(), record.processInstanceId(), record.element(),
          record.entityId(), text(changes.get("name")), record.eventType(), text(changes.get("type")),
          text(changes.get(AuditHistoryEventHandler.OLD_VALUE)), text(changes.get(AuditHistoryEventHandler.NEW_VALUE)),
          text(changes.get("taskId")), text(changes.get("activityInstanceId")), text(changes.get("correctionReason"))));
    });
  }

  /** One row per electronic signature (audit records of entity signature, event sign): its manifestation. */
  static final List<String> SIGNATURE_COLUMNS = List.of("audit_id", "signed_at", "signer_id", "signer_name", "meaning",
      "statement", "subject_id", "process_definition_key", "process_instance_id", "element", "element_name", "task_id",
      "form_id", "values", "values_sha256");

  private void signatures(ExportFilters f, AuditStore.Head head, RowSink sink) {
    audit(f, head, AuditEntities.SIGNATURE, record -> {
      if (!ElectronicSignatures.SIGN.equals(record.eventType())) {
        return; // refused attempts stay in audit-log.csv
      }
      JsonNode c = parse(record.changes());
      sink.row(java.util.Arrays.asList(Long.toString(record.id()), text(c.get("signedAt")), text(c.get("signerId")),
          text(c.get("signerName")), text(c.get("meaning")), text(c.get("statement")), record.subjectId(),
          record.processDefinitionKey(), record.processInstanceId(), record.element(), text(c.get("elementName")),
          text(c.get("taskId")), text(c.get("formId")), c.has("values") ? SignedValues.canonical(c.get("values")) : null,
          text(c.get("valuesSha256"))));
    });
  }

  static final List<String> AUDIT_COLUMNS = List.of("id", "recorded_at", "actor", "subject_id", "process_definition_key",
      "process_instance_id", "element", "entity", "entity_id", "event_type", "changes", "prev_hash", "hash");

  private void auditLog(ExportFilters f, AuditStore.Head head, RowSink sink) {
    audit(f, head, null, record -> sink.row(auditRow(record)));
  }

  static List<String> auditRow(AuditRecord r) {
    return java.util.Arrays.asList(Long.toString(r.id()), r.recordedAt().toString(), r.actor(), r.subjectId(),
        r.processDefinitionKey(), r.processInstanceId(), r.element(), r.entity(), r.entityId(), r.eventType(), r.changes(),
        r.prevHash(), r.hash());
  }

  private void audit(ExportFilters f, AuditStore.Head head, String entity, java.util.function.Consumer<AuditRecord> consumer) {
    AuditLogQuery.stream(jdbc, f, head, entity == null ? null : "ENTITY = ?", entity == null ? List.of() : List.of(entity),
        "ID", consumer);
  }

  // --- decisions (history tables, keyset pages: each page's inputs and outputs in two queries) ------

  static final List<String> DECISION_COLUMNS = List.of("decision_instance_id", "subject_id", "process_definition_key",
      "process_instance_id", "activity_id", "decision_key", "decision_name", "evaluation_time", "user",
      "root_decision_instance_id", "inputs", "outputs", "collect_result_value");

  private void decisions(ExportFilters f, AuditStore.Head head, RowSink sink) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.subjectId() != null) {
      where.append(" AND P.BUSINESS_KEY_ = ?");
      args.add(f.subjectId());
    }
    if (f.from() != null) {
      where.append(" AND D.EVAL_TIME_ >= ?");
      args.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      where.append(" AND D.EVAL_TIME_ < ?");
      args.add(Timestamp.from(f.to()));
    }
    String select = "SELECT D.ID_, P.BUSINESS_KEY_, D.PROC_DEF_KEY_, D.PROC_INST_ID_, D.ACT_ID_, D.DEC_DEF_KEY_, "
        + "D.DEC_DEF_NAME_, D.EVAL_TIME_, COALESCE(D.USER_ID_, L.ACTOR), D.ROOT_DEC_INST_ID_, D.COLLECT_VALUE_ "
        + "FROM ACT_HI_DECINST D LEFT JOIN ACT_HI_PROCINST P ON P.ID_ = D.PROC_INST_ID_ "
        // Camunda stores no user for decisions evaluated by a process: the audit log knows who completed the step
        + "LEFT JOIN " + AuditStore.LOG + " L ON L.ENTITY_ID = D.ID_ AND L.ENTITY = '" + AuditEntities.DECISION + "'";
    Timestamp lastTime = null;
    String lastId = null;
    while (true) {
      List<Object> pageArgs = new ArrayList<>(args);
      String keyset = "";
      if (lastId != null) {
        keyset = " AND (D.EVAL_TIME_ > ? OR (D.EVAL_TIME_ = ? AND D.ID_ > ?))";
        pageArgs.addAll(List.of(lastTime, lastTime, lastId));
      }
      List<Object[]> page = jdbc.query(select + where + keyset + " ORDER BY D.EVAL_TIME_, D.ID_ FETCH FIRST "
          + DECISION_PAGE + " ROWS ONLY", (rs, i) -> {
            List<String> texts = texts(rs, 11);
            return new Object[] {texts, rs.getTimestamp(8), rs.getString(1)};
          }, pageArgs.toArray());
      if (page.isEmpty()) {
        return;
      }
      List<String> ids = page.stream().map(row -> (String) row[2]).toList();
      Map<String, ObjectNode> inputs = inputs(ids);
      Map<String, ArrayNode> outputs = outputs(ids);
      for (Object[] row : page) {
        @SuppressWarnings("unchecked")
        List<String> t = (List<String>) row[0];
        String id = (String) row[2];
        sink.row(java.util.Arrays.asList(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), t.get(6), t.get(7),
            t.get(8), t.get(9), inputs.getOrDefault(id, NODES.objectNode()).toString(),
            outputs.getOrDefault(id, NODES.arrayNode()).toString(), t.get(10)));
      }
      Object[] last = page.get(page.size() - 1);
      lastTime = (Timestamp) last[1];
      lastId = (String) last[2];
      if (page.size() < DECISION_PAGE) {
        return;
      }
    }
  }

  private Map<String, ObjectNode> inputs(List<String> ids) {
    Map<String, ObjectNode> inputs = new LinkedHashMap<>();
    jdbc.query("SELECT DEC_INST_ID_, CLAUSE_ID_, CLAUSE_NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ FROM ACT_HI_DEC_IN "
        + "WHERE DEC_INST_ID_ IN (" + placeholders(ids.size()) + ") ORDER BY DEC_INST_ID_, CLAUSE_ID_", rs -> {
          String name = rs.getString(3) != null ? rs.getString(3) : rs.getString(2);
          inputs.computeIfAbsent(rs.getString(1), k -> NODES.objectNode()).set(name, value(rs, 4));
        }, ids.toArray());
    return inputs;
  }

  private Map<String, ArrayNode> outputs(List<String> ids) {
    Map<String, ArrayNode> outputs = new LinkedHashMap<>();
    jdbc.query("SELECT DEC_INST_ID_, RULE_ID_, RULE_ORDER_, VAR_NAME_, CLAUSE_NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ "
        + "FROM ACT_HI_DEC_OUT WHERE DEC_INST_ID_ IN (" + placeholders(ids.size()) + ") "
        + "ORDER BY DEC_INST_ID_, RULE_ORDER_, CLAUSE_ID_", rs -> {
          ObjectNode out = outputs.computeIfAbsent(rs.getString(1), k -> NODES.arrayNode()).addObject();
          out.put("ruleId", rs.getString(2));
          out.put("ruleOrder", (Integer) rs.getObject(3, Integer.class));
          out.put("name", rs.getString(4) != null ? rs.getString(4) : rs.getString(5));
          out.set("value", value(rs, 6));
        }, ids.toArray());
    return outputs;
  }

  /** A typed value of Camunda's history tables (type, text, long, double columns from {@code first}). */
  private static JsonNode value(ResultSet rs, int first) throws SQLException {
    String type = rs.getString(first);
    String text = rs.getString(first + 1);
    Long number = rs.getObject(first + 2) == null ? null : rs.getLong(first + 2);
    Double decimal = rs.getObject(first + 3) == null ? null : rs.getDouble(first + 3);
    if (type == null || "null".equals(type)) {
      return NODES.nullNode();
    }
    return switch (type) {
      case "boolean" -> number == null ? NODES.nullNode() : NODES.booleanNode(number != 0);
      case "integer", "long", "short" -> number == null ? NODES.nullNode() : NODES.numberNode(number);
      case "double" -> decimal == null ? NODES.nullNode() : NODES.numberNode(decimal);
      case "date" -> number == null ? NODES.nullNode() : NODES.textNode(Instant.ofEpochMilli(number).toString());
      case "string" -> text == null ? NODES.nullNode() : NODES.textNode(text);
      default -> NODES.textNode("[" + type + "]");
    };
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? NODES.objectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return NODES.objectNode();
    }
  }

  /** A JSON value as CSV text: texts as they are, other values as JSON, null as empty. */
  static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }
}

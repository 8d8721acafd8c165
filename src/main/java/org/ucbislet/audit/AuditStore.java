package org.ucbislet.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only audit log: table {@code UCBI_AUDIT_LOG} and its one-row chain head {@code UCBI_AUDIT_HEAD},
 * created at start-up when missing (same DDL on H2 and PostgreSQL). Rows are only ever inserted: this class
 * has no code path that updates or deletes a log row, and the engine does not know the tables, so history
 * cleanup and history deletion never touch them.
 *
 * <p>Appends are serialised by locking the head row ({@code SELECT ... FOR UPDATE}) inside the writing
 * transaction, just before it commits: the next ID and the previous hash are read under the lock, the records
 * inserted and the head moved, and the lock is released by the commit (or the rollback, which takes the
 * records with it). Concurrent transactions therefore append one after another and the chain has no fork.
 * The JDBC calls go through the Spring-managed DataSource, so they join the transaction of the engine command.
 */
@Component
public class AuditStore {

  static final String LOG = "UCBI_AUDIT_LOG";
  static final String HEAD = "UCBI_AUDIT_HEAD";
  static final int MAX_SHORT = 255;
  static final int MAX_CHANGES = 1_000_000;
  static final String COLUMNS = "ID, RECORDED_AT, ACTOR, SUBJECT_ID, PROC_DEF_KEY, PROC_INST_ID, ELEMENT, ENTITY, ENTITY_ID, "
      + "EVENT_TYPE, CHANGES, PREV_HASH, HASH";

  /** DDL valid on H2 2.x and PostgreSQL 12+. */
  static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS " + LOG + " ("
          + "ID BIGINT NOT NULL PRIMARY KEY, "
          + "RECORDED_AT TIMESTAMP WITH TIME ZONE NOT NULL, "
          + "ACTOR VARCHAR(255) NOT NULL, "
          + "SUBJECT_ID VARCHAR(255), "
          + "PROC_DEF_KEY VARCHAR(255), "
          + "PROC_INST_ID VARCHAR(64), "
          + "ELEMENT VARCHAR(255), "
          + "ENTITY VARCHAR(32) NOT NULL, "
          + "ENTITY_ID VARCHAR(64), "
          + "EVENT_TYPE VARCHAR(64) NOT NULL, "
          + "CHANGES VARCHAR(1000000), "
          + "PREV_HASH VARCHAR(64) NOT NULL, "
          + "HASH VARCHAR(64) NOT NULL)",
      "CREATE INDEX IF NOT EXISTS UCBI_AUDIT_LOG_SUBJECT ON " + LOG + " (SUBJECT_ID, ID)",
      "CREATE INDEX IF NOT EXISTS UCBI_AUDIT_LOG_TIME ON " + LOG + " (RECORDED_AT)",
      "CREATE INDEX IF NOT EXISTS UCBI_AUDIT_LOG_PROC_INST ON " + LOG + " (PROC_INST_ID)",
      "CREATE INDEX IF NOT EXISTS UCBI_AUDIT_LOG_ENTITY_ID ON " + LOG + " (ENTITY_ID)",
      "CREATE TABLE IF NOT EXISTS " + HEAD + " (ID INTEGER NOT NULL PRIMARY KEY, LAST_ID BIGINT NOT NULL, "
          + "LAST_HASH VARCHAR(64) NOT NULL)");

  private static final Logger LOGGER = LoggerFactory.getLogger(AuditStore.class);
  /** Member of a variable record's {@code oldValue} when the previous value could not be read from the log. */
  static final String UNKNOWN_OLD_VALUE = "unknownOldValue";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The end of the chain: the last record's ID and hash (0 and the genesis hash when the log is empty). */
  public record Head(long id, String hash) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final DataSource dataSource;

  public AuditStore(DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.newTransaction = new TransactionTemplate(transactionManager);
    this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Creates the tables and the head row when missing (idempotent; safe when two nodes start at once). */
  public void createSchema() {
    SCHEMA.forEach(jdbc::execute);
    Integer heads = jdbc.queryForObject("SELECT COUNT(*) FROM " + HEAD + " WHERE ID = 1", Integer.class);
    if (heads == null || heads == 0) {
      try {
        jdbc.update("INSERT INTO " + HEAD + " (ID, LAST_ID, LAST_HASH) VALUES (1, 0, ?)", AuditRecord.GENESIS);
      } catch (DataIntegrityViolationException e) {
        LOGGER.debug("Audit head created by another node");
      }
    }
  }

  /** The current head (as committed, no lock). */
  public Head head() {
    return jdbc.queryForObject("SELECT LAST_ID, LAST_HASH FROM " + HEAD + " WHERE ID = 1",
        (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
  }

  /** Appends in a transaction of its own (logins, exports): committed when this returns. */
  void appendNow(AuditEvent event) {
    newTransaction.executeWithoutResult(status -> append(List.of(event)));
  }

  /**
   * Appends the events, in order, to the chain, inside the current transaction: they are committed or rolled
   * back with it. Holds the head lock until the transaction ends.
   */
  void append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Audit records are appended inside a transaction");
    }
    Head head = jdbc.queryForObject("SELECT LAST_ID, LAST_HASH FROM " + HEAD + " WHERE ID = 1 FOR UPDATE",
        (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    Resolver resolver = new Resolver();
    List<AuditRecord> records = new ArrayList<>(events.size());
    long id = head.id();
    String hash = head.hash();
    for (AuditEvent event : events) {
      resolver.complete(event);
      AuditRecord record = new AuditRecord(0, event.recordedAt, cut(event.actor, MAX_SHORT), cut(event.subjectId, MAX_SHORT),
          cut(event.processDefinitionKey, MAX_SHORT), cut(event.processInstanceId, 64), cut(event.element, MAX_SHORT),
          event.entity, cut(event.entityId, 64), cut(event.eventType, 64), json(event), null, null).chained(++id, hash);
      hash = record.hash();
      records.add(record);
    }
    jdbc.batchUpdate("INSERT INTO " + LOG + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records,
        records.size(), AuditStore::bind);
    jdbc.update("UPDATE " + HEAD + " SET LAST_ID = ?, LAST_HASH = ? WHERE ID = 1", id, hash);
  }

  private static void bind(PreparedStatement ps, AuditRecord r) throws SQLException {
    ps.setLong(1, r.id());
    ps.setObject(2, OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
    ps.setString(3, r.actor() == null ? AuditEntities.SYSTEM : r.actor());
    setString(ps, 4, r.subjectId());
    setString(ps, 5, r.processDefinitionKey());
    setString(ps, 6, r.processInstanceId());
    setString(ps, 7, r.element());
    ps.setString(8, r.entity());
    setString(ps, 9, r.entityId());
    ps.setString(10, r.eventType());
    setString(ps, 11, r.changes());
    ps.setString(12, r.prevHash());
    ps.setString(13, r.hash());
  }

  private static void setString(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null || value.isEmpty()) {
      ps.setNull(index, Types.VARCHAR); // absent and empty are the same in the chain and in CSV
    } else {
      ps.setString(index, value);
    }
  }

  private static String json(AuditEvent event) {
    try {
      String text = JSON.writeValueAsString(event.changes);
      return text.length() <= MAX_CHANGES ? text
          : JSON.writeValueAsString(JSON.createObjectNode().put("truncated", true).put("length", text.length())
              .put("sha256", AuditRecord.sha256Hex(text)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Audit changes not serialisable", e);
    }
  }

  static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Reads rows in ID order, streamed (fetch size), from {@code fromId} to {@code toId} inclusive. */
  public void forEach(long fromId, long toId, Consumer<AuditRecord> consumer) {
    JdbcTemplate streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(500);
    streaming.query("SELECT " + COLUMNS + " FROM " + LOG + " WHERE ID >= ? AND ID <= ? ORDER BY ID",
        rs -> {
          consumer.accept(map(rs));
        }, fromId, toId);
  }

  /** Maps a row selected with {@link #COLUMNS}. */
  static AuditRecord map(ResultSet rs) throws SQLException {
    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
    return new AuditRecord(rs.getLong(1), at == null ? null : at.toInstant(), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        rs.getString(11), rs.getString(12), rs.getString(13));
  }

  /** Verifies the whole live chain against the head (reads in one transaction, streamed). */
  public AuditChainVerifier.Result verify() {
    return verify(record -> { });
  }

  /**
   * Verifies the whole live chain against the head and hands every record, in ID order and in the same read-only
   * transaction, to {@code alsoEach} (the live signature check reads the same snapshot as the chain check).
   */
  public AuditChainVerifier.Result verify(Consumer<AuditRecord> alsoEach) {
    TransactionTemplate readOnly = new TransactionTemplate(newTransaction.getTransactionManager());
    readOnly.setReadOnly(true);
    readOnly.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
    return readOnly.execute(status -> {
      Head head = head();
      AuditChainVerifier verifier = new AuditChainVerifier(true);
      forEach(1, Long.MAX_VALUE, record -> {
        verifier.accept(record);
        alsoEach.accept(record);
      });
      return verifier.finish(head.hash(), head.id());
    });
  }

  /** Fills in what was not known when the event happened, reading the current transaction's state. */
  private final class Resolver {
    private final Map<String, String> subjects = new HashMap<>();
    private final Map<String, String> taskKeys = new HashMap<>();
    private final Map<String, JsonNode> lastValues = new HashMap<>();

    void complete(AuditEvent event) {
      if (event.entityId == null && event.idSource != null) {
        event.entityId = event.idSource.getId();
      }
      if (AuditEntities.TASK.equals(event.entity) && event.entityId != null && event.element != null) {
        taskKeys.put(event.entityId, event.element);
      }
      if (event.subjectId == null && event.processInstanceId != null) {
        event.subjectId = subjects.computeIfAbsent(event.processInstanceId, this::subjectOf);
      } else if (event.subjectId != null && event.processInstanceId != null) {
        subjects.putIfAbsent(event.processInstanceId, event.subjectId);
      }
      if (AuditEntities.VARIABLE.equals(event.entity)) {
        if (event.element == null && event.taskId != null) {
          event.element = taskKeys.computeIfAbsent(event.taskId, this::taskKeyOf);
        }
        if (!AuditHistoryEventHandler.CREATE.equals(event.eventType) && !event.changes.has(AuditHistoryEventHandler.OLD_VALUE)) {
          JsonNode old = lastValues.containsKey(event.entityId) ? lastValues.get(event.entityId) : lastValueOf(event.entityId);
          event.changes.set(AuditHistoryEventHandler.OLD_VALUE, old == null ? NullNode.getInstance() : old);
        }
        JsonNode newValue = event.changes.get(AuditHistoryEventHandler.NEW_VALUE);
        lastValues.put(event.entityId, newValue == null ? NullNode.getInstance() : newValue);
      }
    }

    private String subjectOf(String processInstanceId) {
      List<String> keys = jdbc.queryForList("SELECT BUSINESS_KEY_ FROM ACT_HI_PROCINST WHERE ID_ = ?", String.class,
          processInstanceId);
      if (!keys.isEmpty() && keys.get(0) != null) {
        return keys.get(0);
      }
      // history deleted in this transaction, or a history level without process instances: the log knows
      List<String> logged = jdbc.queryForList("SELECT SUBJECT_ID FROM " + LOG + " WHERE PROC_INST_ID = ? "
          + "AND SUBJECT_ID IS NOT NULL ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY", String.class, processInstanceId);
      return logged.isEmpty() ? null : logged.get(0);
    }

    private String taskKeyOf(String taskId) {
      List<String> keys = jdbc.queryForList("SELECT TASK_DEF_KEY_ FROM ACT_HI_TASKINST WHERE ID_ = ?", String.class, taskId);
      return keys.isEmpty() ? null : keys.get(0);
    }

    /**
     * The new value of the last audit record of this variable instance (null when there is none). When that record's
     * changes cannot be read (not JSON, or too long and stored as their hash), the old value is not silently null: the
     * problem is logged (record ID and parser position, never the content) and the old value recorded as unknown,
     * naming the record.
     */
    private JsonNode lastValueOf(String variableInstanceId) {
      if (variableInstanceId == null) {
        return null;
      }
      List<java.util.Map<String, Object>> rows = jdbc.queryForList("SELECT ID, CHANGES FROM " + LOG
          + " WHERE ENTITY_ID = ? AND ENTITY = ? ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY", variableInstanceId,
          AuditEntities.VARIABLE);
      if (rows.isEmpty() || rows.get(0).get("CHANGES") == null) {
        return null;
      }
      Object recordId = rows.get(0).get("ID");
      try {
        JsonNode changes = JSON.readTree((String) rows.get(0).get("CHANGES"));
        if (changes.path("truncated").asBoolean(false)) {
          return unknownOldValue(recordId, "the previous record's changes were too long and are kept as their hash");
        }
        return changes.get(AuditHistoryEventHandler.NEW_VALUE);
      } catch (JsonProcessingException e) {
        LOGGER.error("Audit record {} (variable instance {}) has changes that are not JSON ({} at line {}, column {}); "
            + "the next record of that variable gives its old value as unknown", recordId, variableInstanceId,
            e.getClass().getSimpleName(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
            e.getLocation() == null ? -1 : e.getLocation().getColumnNr());
        return unknownOldValue(recordId, "the previous record's changes could not be read");
      }
    }

    private static JsonNode unknownOldValue(Object recordId, String why) {
      return JSON.createObjectNode().put(UNKNOWN_OLD_VALUE, why + " (audit record " + recordId + ")");
    }
  }

}

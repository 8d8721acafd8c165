package org.ucbislet.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Streams the audit log records of an export: up to the chain head, with the export's filters
 * (subject, from, to) and a format's own condition and order. Shared by every export format.
 */
final class AuditLogQuery {

  private AuditLogQuery() {
  }

  /**
   * @param condition extra SQL condition with {@code ?} placeholders, or null
   * @param conditionArgs the values of those placeholders
   * @param orderBy the ORDER BY expression list
   */
  static void stream(JdbcTemplate jdbc, ExportFilters f, AuditStore.Head head, String condition,
                     List<Object> conditionArgs, String orderBy, Consumer<AuditRecord> consumer) {
    StringBuilder sql = new StringBuilder("SELECT " + AuditStore.COLUMNS + " FROM " + AuditStore.LOG + " WHERE ID <= ?");
    List<Object> args = new ArrayList<>(List.of(head.id()));
    if (condition != null) {
      sql.append(" AND ").append(condition);
      args.addAll(conditionArgs);
    }
    if (f.subjectId() != null) {
      sql.append(" AND SUBJECT_ID = ?");
      args.add(f.subjectId());
    }
    if (f.from() != null) {
      sql.append(" AND RECORDED_AT >= ?");
      args.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
    }
    if (f.to() != null) {
      sql.append(" AND RECORDED_AT < ?");
      args.add(OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
    }
    sql.append(" ORDER BY ").append(orderBy);
    jdbc.query(sql.toString(), rs -> {
      consumer.accept(AuditStore.map(rs));
    }, args.toArray());
  }
}

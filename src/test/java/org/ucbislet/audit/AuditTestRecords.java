package org.ucbislet.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small valid chain for tests without the engine. */
final class AuditTestRecords {

  private AuditTestRecords() {
  }

  static List<AuditRecord> chain(int size) {
    List<AuditRecord> records = new ArrayList<>();
    String previous = AuditRecord.GENESIS;
    for (int i = 1; i <= size; i++) {
      AuditRecord record = new AuditRecord(0, Instant.parse("2025-02-03T10:00:00Z").plusSeconds(i), "endocrinologist",
          "UCBI-7900", "screening", "pi-1", "Task_WorkUp", AuditEntities.VARIABLE, "var-" + i, "update",
          "{\"name\":\"weightKg\",\"oldValue\":" + (30 + i) + ",\"newValue\":\"a, \\\"quoted\\\"\\nvalue " + i + "\"}",
          null, null).chained(i, previous);
      previous = record.hash();
      records.add(record);
    }
    return records;
  }

  /** The record with other content but the same ID and chain fields (a forged edit). */
  static AuditRecord withChanges(AuditRecord r, String changes) {
    return new AuditRecord(r.id(), r.recordedAt(), r.actor(), r.subjectId(), r.processDefinitionKey(), r.processInstanceId(),
        r.element(), r.entity(), r.entityId(), r.eventType(), changes, r.prevHash(), r.hash());
  }

  /** Record {@code target}'s ID with {@code source}'s content and hashes (two rows' contents swapped). */
  static AuditRecord contentOf(AuditRecord source, long targetId) {
    return new AuditRecord(targetId, source.recordedAt(), source.actor(), source.subjectId(), source.processDefinitionKey(),
        source.processInstanceId(), source.element(), source.entity(), source.entityId(), source.eventType(),
        source.changes(), source.prevHash(), source.hash());
  }
}

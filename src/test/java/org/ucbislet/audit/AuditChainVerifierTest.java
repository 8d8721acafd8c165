package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {

  private final List<AuditRecord> chain = AuditTestRecords.chain(6);
  private final AuditRecord head = chain.get(chain.size() - 1);

  @Test
  void intactChainIsValid() {
    AuditChainVerifier.Result result = AuditChainVerifier.verify(chain, true, head.hash(), head.id());

    assertThat(result.valid()).isTrue();
    assertThat(result.records()).isEqualTo(6);
    assertThat(result.head()).isEqualTo(head.hash());
    assertThat(result.firstBrokenRecord()).isNull();
  }

  @Test
  void editedRecordIsTheFirstBrokenRecord() {
    List<AuditRecord> edited = new ArrayList<>(chain);
    edited.set(2, AuditTestRecords.withChanges(chain.get(2), chain.get(2).changes().replace("33", "34")));

    AuditChainVerifier.Result result = AuditChainVerifier.verify(edited, true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(3);
    assertThat(result.problem()).contains("record 3 was changed");
  }

  @Test
  void deletedRecordIsDetectedAtTheNextRecord() {
    List<AuditRecord> deleted = new ArrayList<>(chain);
    deleted.remove(3);

    AuditChainVerifier.Result result = AuditChainVerifier.verify(deleted, true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(5);
    assertThat(result.problem()).contains("record 4 missing");
  }

  @Test
  void deletedLastRecordIsDetectedAgainstTheHead() {
    List<AuditRecord> truncated = new ArrayList<>(chain.subList(0, 5));

    AuditChainVerifier.Result result = AuditChainVerifier.verify(truncated, true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(6);
  }

  @Test
  void deletedFirstRecordIsDetected() {
    AuditChainVerifier.Result result = AuditChainVerifier.verify(chain.subList(1, 6), true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(2);
  }

  @Test
  void swappedContentsAreDetectedAtTheFirstSwappedRecord() {
    List<AuditRecord> swapped = new ArrayList<>(chain);
    swapped.set(1, AuditTestRecords.contentOf(chain.get(4), 2));
    swapped.set(4, AuditTestRecords.contentOf(chain.get(1), 5));

    AuditChainVerifier.Result result = AuditChainVerifier.verify(swapped, true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(2);
  }

  @Test
  void reorderedRowsAreDetected() {
    List<AuditRecord> reordered = new ArrayList<>(chain);
    reordered.set(2, chain.get(3));
    reordered.set(3, chain.get(2));

    AuditChainVerifier.Result result = AuditChainVerifier.verify(reordered, true, head.hash(), head.id());

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(4);
  }

  @Test
  void partialChainAcceptsGapsButNotEdits() {
    List<AuditRecord> filtered = List.of(chain.get(0), chain.get(2), chain.get(3), chain.get(5));
    assertThat(AuditChainVerifier.verify(filtered, false, null, null).valid()).isTrue();

    List<AuditRecord> edited = List.of(chain.get(0), AuditTestRecords.withChanges(chain.get(2), "{}"), chain.get(5));
    AuditChainVerifier.Result result = AuditChainVerifier.verify(edited, false, null, null);
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBrokenRecord()).isEqualTo(3);
  }

  @Test
  void absentAndEmptyValuesHashAlike() {
    AuditRecord r = chain.get(0);
    AuditRecord empty = new AuditRecord(r.id(), r.recordedAt(), r.actor(), "", r.processDefinitionKey(), r.processInstanceId(),
        r.element(), r.entity(), r.entityId(), r.eventType(), r.changes(), r.prevHash(), r.hash());
    AuditRecord absent = new AuditRecord(r.id(), r.recordedAt(), r.actor(), null, r.processDefinitionKey(), r.processInstanceId(),
        r.element(), r.entity(), r.entityId(), r.eventType(), r.changes(), r.prevHash(), r.hash());

    assertThat(empty.canonical()).isEqualTo(absent.canonical());
    assertThat(empty.canonical()).isNotEqualTo(r.canonical());
  }
}

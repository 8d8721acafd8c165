package org.ucbislet.audit;

import java.util.Objects;

/**
 * Checks the hash chain of audit records read in ID order (from the live table or from an export's
 * {@code audit-log.csv}), one record at a time, so memory does not grow with the log.
 *
 * <p>For a <em>complete</em> chain (the live store, an export without filters) the IDs must be 1, 2, 3, ...
 * without gaps, record 1 must follow the genesis hash, each record's {@code prevHash} must be the hash of the
 * record before, each record's hash must be the SHA-256 of its content, and the last hash must be the head.
 * For a <em>partial</em> chain (an export filtered by subject or time) records may be missing between IDs; each
 * record's own hash is still checked, and so is every link between consecutive IDs.
 */
public final class AuditChainVerifier {

  /** What a verification found. {@code firstBrokenRecord} and {@code problem} are null when valid. */
  public record Result(long records, String head, boolean valid, Long firstBrokenRecord, String problem) {}

  private final boolean complete;
  private long records;
  private AuditRecord previous;
  private Long firstBroken;
  private String problem;

  public AuditChainVerifier(boolean complete) {
    this.complete = complete;
  }

  /** Checks the next record; answers false once the chain is broken (later records are then only counted). */
  public boolean accept(AuditRecord record) {
    records++;
    if (firstBroken != null) {
      return false;
    }
    String fault = check(record);
    if (fault != null) {
      firstBroken = record.id();
      problem = fault;
    }
    previous = record;
    return firstBroken == null;
  }

  private String check(AuditRecord record) {
    if (previous == null) {
      if (complete && record.id() != 1) {
        return "the log starts at record " + record.id() + ": records 1 to " + (record.id() - 1) + " are missing";
      }
      if (complete && !AuditRecord.GENESIS.equals(record.prevHash())) {
        return "record 1 does not start the chain (previous hash is not the genesis hash)";
      }
    } else {
      if (record.id() <= previous.id()) {
        return "record " + record.id() + " comes after record " + previous.id() + ": records are out of order";
      }
      if (complete && record.id() != previous.id() + 1) {
        return "record " + (previous.id() + 1) + (record.id() - previous.id() > 2 ? " to " + (record.id() - 1) : "")
            + " missing before record " + record.id();
      }
      if (record.id() == previous.id() + 1 && !Objects.equals(record.prevHash(), previous.hash())) {
        return "record " + record.id() + " does not follow record " + previous.id()
            + " (its previous hash is not the hash of record " + previous.id() + ")";
      }
    }
    if (record.prevHash() == null || !record.computeHash(record.prevHash()).equals(record.hash())) {
      return "record " + record.id() + " was changed (its content does not match its hash)";
    }
    return null;
  }

  /**
   * The result. {@code expectedHead} (the head hash of the live store or of an export's manifest, may be null)
   * must be the last record's hash when the chain is complete.
   */
  public Result finish(String expectedHead, Long expectedHeadId) {
    String head = previous == null ? AuditRecord.GENESIS : previous.hash();
    if (firstBroken == null && complete && expectedHeadId != null) {
      long lastId = previous == null ? 0 : previous.id();
      if (lastId != expectedHeadId) {
        firstBroken = lastId < expectedHeadId ? lastId + 1 : expectedHeadId + 1;
        problem = lastId < expectedHeadId
            ? "the chain ends at record " + lastId + " but the head is record " + expectedHeadId + ": records are missing"
            : "record " + (expectedHeadId + 1) + " is beyond the head (record " + expectedHeadId + ")";
      }
    }
    if (firstBroken == null && complete && expectedHead != null && !expectedHead.equals(head)) {
      firstBroken = previous == null ? 0L : previous.id();
      problem = "the last record's hash is not the head hash " + expectedHead;
    }
    return new Result(records, expectedHead != null ? expectedHead : head, firstBroken == null, firstBroken, problem);
  }

  /** Verifies records in order. */
  public static Result verify(Iterable<AuditRecord> records, boolean complete, String expectedHead, Long expectedHeadId) {
    AuditChainVerifier verifier = new AuditChainVerifier(complete);
    records.forEach(verifier::accept);
    return verifier.finish(expectedHead, expectedHeadId);
  }
}

package org.ucbislet.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One row of the audit log ({@code UCBI_AUDIT_LOG}), as stored and as exported in {@code audit-log.csv}.
 *
 * <p>The hash chain: {@code hash = hex(SHA-256(prevHash + "\n" + canonical()))} in UTF-8, where {@code prevHash}
 * is the hash of the record with the previous ID (64 zeros for record 1) and {@link #canonical()} lists the
 * record's content fields, each as {@code <length>:<text>} (an absent value counts as the empty text), one per
 * line. Changing, removing or reordering any record breaks the chain from that record on.
 */
public record AuditRecord(long id, Instant recordedAt, String actor, String subjectId, String processDefinitionKey,
                          String processInstanceId, String element, String entity, String entityId, String eventType,
                          String changes, String prevHash, String hash) {

  /** The previous hash of record 1. */
  public static final String GENESIS = "0".repeat(64);
  static final String VERSION = "ucbi-audit-v1";

  /** The content fields hashed into the chain (everything but the two hashes), in a form that cannot be ambiguous. */
  public String canonical() {
    StringBuilder text = new StringBuilder(256 + (changes == null ? 0 : changes.length())).append(VERSION);
    for (String field : new String[] {Long.toString(id), recordedAt == null ? null : recordedAt.toString(), actor,
        subjectId, processDefinitionKey, processInstanceId, element, entity, entityId, eventType, changes}) {
      String value = field == null ? "" : field;
      text.append('\n').append(value.length()).append(':').append(value);
    }
    return text.toString();
  }

  /** The hash this record must have after {@code previousHash}. */
  public String computeHash(String previousHash) {
    return sha256Hex(previousHash + "\n" + canonical());
  }

  /** This record with its chain fields set. */
  AuditRecord chained(long newId, String previousHash) {
    AuditRecord withId = new AuditRecord(newId, recordedAt, actor, subjectId, processDefinitionKey, processInstanceId,
        element, entity, entityId, eventType, changes, previousHash, null);
    return new AuditRecord(newId, recordedAt, actor, subjectId, processDefinitionKey, processInstanceId, element,
        entity, entityId, eventType, changes, previousHash, withId.computeHash(previousHash));
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}

package org.ucbislet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The audit log's side of a protocol amendment (package {@code org.ucbislet.amendment}, docs/amendments.md): a child's
 * migration to the amended models is a manual correction of its record in the sense of docs/audit.md, made by the
 * trial manager with a reason and signed electronically (meaning {@code correction}, checked like a Cockpit
 * correction when the migration first changes something, in the child's own transaction); each migrated process
 * instance gets a record (entity {@value #ENTITY}, event {@value #MIGRATED}) with the old and new definition, the
 * activity mapping, the user and the reason, committed or rolled back with the migration itself. A child that could
 * not move is recorded too ({@value #NOT_MIGRATED}), in a transaction of its own.
 */
@Component
public class AmendmentRecords {

  /** The audit log's entity of amendment records. */
  public static final String ENTITY = "amendment";
  public static final String MIGRATED = "migrated";
  public static final String NOT_MIGRATED = "not-migrated";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditStore store;

  public AmendmentRecords(AuditStore store) {
    this.store = store;
  }

  /**
   * Runs one child's migration as a signed manual correction: every audit record written meanwhile carries the
   * reason, and the first change checks the signature (user ID, password) of the logged-in user and records it; a
   * missing or wrong signature throws {@link SignatureRefusedException} (400 or 403) and the change rolls back.
   *
   * @param request what is corrected, as the signature statement shows it ("amendment X applied to UCBI-0001")
   */
  public <T> T signedCorrection(String reason, String request, String signerId, String password, Supplier<T> work) {
    ManualCorrection.begin(new ManualCorrection(reason, request));
    CorrectionSignature.begin(new CorrectionSignature(signerId, password));
    try {
      return work.get();
    } finally {
      CorrectionSignature.end();
      ManualCorrection.end();
    }
  }

  /** A migrated process instance; appended with the records of the current (migration's) transaction. */
  public void migrated(String actor, String subjectId, String processDefinitionKey, String processInstanceId,
                       String amendmentId, Map<String, Object> details) {
    ObjectNode changes = JSON.valueToTree(details);
    AuditHistoryEventHandler.appendAtCommit(store, new AuditEvent(AuditStore.cut(actor, AuditStore.MAX_SHORT), subjectId,
        processDefinitionKey, processInstanceId, null, ENTITY, amendmentId, MIGRATED, changes));
  }

  /** A child the amendment could not move (it stays on its old versions), appended in a transaction of its own. */
  public void notMigrated(String actor, String subjectId, String amendmentId, Map<String, Object> details) {
    ObjectNode changes = JSON.valueToTree(details);
    store.appendNow(new AuditEvent(AuditStore.cut(actor, AuditStore.MAX_SHORT), subjectId, null, null, null, ENTITY,
        amendmentId, NOT_MIGRATED, changes));
  }
}

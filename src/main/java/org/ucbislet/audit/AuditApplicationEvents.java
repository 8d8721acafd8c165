package org.ucbislet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.ucbislet.cordblood.InventoryChange;
import org.ucbislet.security.LoginThrottled;

/**
 * Application changes outside the engine that an auditor must see in the same hash-chained log: an import of the cord
 * blood bank inventory (which units every later search and stage 1 choose from), with who, the file's SHA-256, the
 * counts and the new version, or why it was refused. Entity {@code cord-blood-inventory}, event type
 * {@code inventory-replaced} or {@code inventory-refused}, entity ID = the new inventory version.
 */
@Component
public class AuditApplicationEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditStore store;

  public AuditApplicationEvents(AuditStore store) {
    this.store = store;
  }

  @EventListener
  public void inventoryChanged(InventoryChange change) {
    ObjectNode changes = JSON.createObjectNode();
    changes.put("received", change.received()).put("loaded", change.loaded()).put("rejected", change.rejected())
        .put("fileSha256", change.fileSha256());
    if (change.version() != null) {
      changes.put("version", change.version());
    }
    if (change.reason() != null) {
      changes.put("reason", AuditStore.cut(change.reason(), AuditStore.MAX_SHORT));
    }
    store.appendNow(new AuditEvent(AuditStore.cut(change.user(), AuditStore.MAX_SHORT), null, null, null, null,
        AuditEntities.CORD_BLOOD_INVENTORY, change.version() == null ? null : String.valueOf(change.version()),
        "inventory-" + change.outcome(), changes));
  }

  /** A cohort report downloaded (GET /api/reports/cohort): an export of trial data like the audit export. */
  @EventListener
  public void cohortReportExported(CohortReportExported export) {
    ObjectNode changes = JSON.createObjectNode();
    changes.put("report", "cohort").put("children", export.children()).put("bytes", export.bytes())
        .put("zipSha256", export.sha256());
    store.appendNow(new AuditEvent(AuditStore.cut(export.user(), AuditStore.MAX_SHORT), null, null, null, null,
        AuditEntities.EXPORT, null, "cohort-report", changes));
  }

  /**
   * A login throttle started (security/LoginThrottle): the account tried (or "anonymous" for a client's counter), the
   * client address, the count and until when logins are refused; never a password.
   */
  @EventListener
  public void loginThrottled(LoginThrottled throttled) {
    ObjectNode changes = JSON.createObjectNode();
    changes.put("scope", throttled.scope().name()).put("client", throttled.client())
        .put("failures", throttled.failures()).put("until", throttled.until().toString());
    String account = throttled.account() == null ? "anonymous" : AuditStore.cut(throttled.account(), AuditStore.MAX_SHORT);
    store.appendNow(new AuditEvent(account, null, null, null, null, AuditEntities.LOGIN, null, "login-throttled", changes));
  }
}

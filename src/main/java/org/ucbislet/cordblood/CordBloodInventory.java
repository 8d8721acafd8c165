package org.ucbislet.cordblood;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The inventory the searches use: one immutable {@link CordBloodIndex}, swapped atomically. A replaced inventory
 * becomes visible to every new search at once; a search in flight keeps the index it started with. Before the first
 * inventory is published (start-up loading) every search is refused with {@link InventoryNotReadyException}.
 */
@Component
public class CordBloodInventory {

  /** A published inventory: its index, the database version it came from, and when it was published. */
  public record Snapshot(CordBloodIndex index, long version, Instant publishedAt) {}

  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private volatile String notReadyReason = "the cord blood inventory is loading";

  /** The current inventory. */
  public Snapshot current() {
    Snapshot snapshot = current.get();
    if (snapshot == null) {
      throw new InventoryNotReadyException(notReadyReason);
    }
    return snapshot;
  }

  public boolean ready() {
    return current.get() != null;
  }

  /** The published version, -1 before the first. */
  public long version() {
    Snapshot snapshot = current.get();
    return snapshot == null ? -1 : snapshot.version();
  }

  public void publish(CordBloodIndex index, long version) {
    current.set(new Snapshot(index, version, Instant.now()));
  }

  /** Why searches are refused while nothing is published. */
  void notReady(String reason) {
    this.notReadyReason = reason;
  }
}

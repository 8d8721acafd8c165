package org.ucbislet.cordblood;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Keeps the in-memory inventory ({@link CordBloodInventory}) and the database ({@link CordBloodInventoryStore}) in
 * step: imports, start-up loading, the default inventory, and noticing another node's import.
 *
 * <ul>
 *   <li><b>Import</b> ({@link #replace}): the whole CSV is read and checked first ({@link InventoryCsv}); a file that
 *       cannot be read, or whose every row is rejected, changes nothing. Then the new index is built, the table
 *       replaced in one transaction, and the index published: searches switch to it at once.</li>
 *   <li><b>Start-up</b>: in the background (thread {@code cord-blood-inventory}), so the application starts as fast
 *       as without a bank; until the inventory is in memory, searches answer 503 and the stage 1 search task fails
 *       and is retried. The table is read into memory; when no inventory was ever imported (so the table is empty)
 *       and {@code ucbi.cord-blood.default-inventory.enabled} is true, the synthetic default inventory
 *       ({@link SyntheticInventory}, seed and size from {@code ucbi.cord-blood.default-inventory.*}) is generated
 *       and imported through the same CSV import as an upload. An inventory that was emptied by an import stays
 *       empty.</li>
 *   <li><b>Several nodes</b>: every {@code ucbi.cord-blood.inventory.refresh-interval} a node compares the table's
 *       version with its own and reloads when another node imported.</li>
 * </ul>
 */
@Component
public class CordBloodInventoryService {

  /** Who the default inventory's import is recorded as. */
  public static final String DEFAULT_INVENTORY_USER = "system:default-inventory";
  private static final Logger LOG = LoggerFactory.getLogger(CordBloodInventoryService.class);

  private final CordBloodInventoryStore store;
  private final CordBloodInventory inventory;
  private final CordBloodSettings settings;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private ApplicationEventPublisher events;
  private ScheduledExecutorService worker;

  @Autowired
  public CordBloodInventoryService(CordBloodInventoryStore store, CordBloodInventory inventory, CordBloodSettings settings) {
    this(store, inventory, settings, Clock.system(ClinicalTimeZone.get()));
  }

  public CordBloodInventoryService(CordBloodInventoryStore store, CordBloodInventory inventory, CordBloodSettings settings,
                                   Clock clock) {
    this.store = store;
    this.inventory = inventory;
    this.settings = settings;
    this.clock = clock;
  }

  /** Creates the tables, then loads (or generates) the inventory in the background. */
  @PostConstruct
  public void start() {
    store.createSchema();
    worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cord-blood-inventory");
      t.setDaemon(true);
      return t;
    });
    worker.execute(this::loadAtStart);
    Duration every = settings.refreshInterval();
    if (every != null && !every.isZero() && !every.isNegative()) {
      worker.scheduleWithFixedDelay(this::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
    }
  }

  /**
   * Replaces the inventory by the CSV's valid rows.
   *
   * @throws InventoryFileException when the file cannot be read at all (nothing changed)
   * @throws InventoryRejectedException when every data row was rejected (nothing changed)
   */
  public InventoryImport replace(InputStream csv, String user) {
    return importCsv(csv, user, false);
  }

  private InventoryImport importCsv(InputStream csv, String user, boolean defaultInventory) {
    long started = System.nanoTime();
    MessageDigest sha256 = sha256();
    DigestInputStream digested = new DigestInputStream(csv, sha256);
    InventoryCsv.Result read;
    try {
      read = InventoryCsv.read(digested, LocalDate.now(clock), settings.maxReportedRejections(), settings.maxInventoryRows());
    } catch (InventoryFileException e) {
      publish(new InventoryChange(user, InventoryChange.REFUSED, 0, 0, 0, null, hex(sha256), e.getMessage()));
      throw e;
    }
    String fileSha256 = hex(sha256);
    if (read.received() > 0 && read.loaded() == 0) {
      LOG.info("Cord blood inventory import by {} refused: all {} rows rejected; inventory unchanged", user, read.received());
      publish(new InventoryChange(user, InventoryChange.REFUSED, read.received(), 0, read.rejected(), null, fileSha256,
          "every row rejected"));
      throw new InventoryRejectedException(InventoryImport.of(read, 0));
    }
    CordBloodIndex index = CordBloodIndex.build(read.units());
    lock.lock();
    try {
      long version = store.replace(read.units(), user, defaultInventory);
      if (version < 0) {
        return null; // the default inventory, but another node imported first
      }
      inventory.publish(index, version);
      LOG.info("Cord blood inventory replaced by {}: {} rows received, {} loaded, {} rejected; version {}, {} ms", user,
          read.received(), read.loaded(), read.rejected(), version, (System.nanoTime() - started) / 1_000_000);
      publish(new InventoryChange(user, InventoryChange.REPLACED, read.received(), read.loaded(), read.rejected(), version,
          fileSha256, null));
      deleteReplacedVersions(version);
      return InventoryImport.of(read, version);
    } finally {
      lock.unlock();
    }
  }

  /** For the audit log (audit/AuditApplicationEvents); not set outside Spring (unit tests). */
  @Autowired(required = false)
  void setEvents(ApplicationEventPublisher events) {
    this.events = events;
  }

  private void publish(InventoryChange change) {
    if (events != null) {
      events.publishEvent(change);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static String hex(MessageDigest digest) {
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  /** Deletes the rows of the versions before {@code version}, on the worker thread (not in the caller's request). */
  private void deleteReplacedVersions(long version) {
    Runnable delete = () -> {
      try {
        int deleted = store.deleteVersionsBefore(version);
        if (deleted > 0) {
          LOG.info("Cord blood inventory: {} units of replaced versions deleted", deleted);
        }
      } catch (RuntimeException e) {
        LOG.warn("Cord blood inventory: deleting replaced versions failed (retried at the next import or start): {}",
            e.getMessage());
      }
    };
    if (worker == null || worker.isShutdown()) {
      delete.run();
    } else {
      worker.execute(delete);
    }
  }

  /** The start-up load, also retried by {@link #refresh()} while nothing is published. */
  void loadAtStart() {
    lock.lock();
    try {
      CordBloodInventoryStore.Version version = store.version();
      if (version.version() == 0 && settings.defaultInventoryEnabled() && importDefaultInventory() != null) {
        return;
      }
      loadFromTable();
      deleteReplacedVersions(version.version());
    } catch (RuntimeException e) {
      inventory.notReady("the cord blood inventory could not be loaded: " + e.getMessage());
      LOG.error("Cord blood inventory could not be loaded; searches are refused until it is", e);
    } finally {
      lock.unlock();
    }
  }

  /** Generates the synthetic default inventory and imports it through the CSV import; null if another node did. */
  private InventoryImport importDefaultInventory() {
    long seed = settings.defaultInventorySeed();
    int units = settings.defaultInventoryUnits();
    LOG.info("Cord blood inventory empty: generating the synthetic default inventory ({} units, seed {})", units, seed);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (PipedInputStream in = new PipedInputStream(1 << 16)) {
      PipedOutputStream out = new PipedOutputStream(in);
      Thread generator = new Thread(() -> {
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
          SyntheticInventory.writeCsv(seed, units, writer);
        } catch (IOException | RuntimeException e) {
          failure.set(e);
        }
      }, "cord-blood-default-inventory");
      generator.setDaemon(true);
      generator.start();
      InventoryImport result = importCsv(in, DEFAULT_INVENTORY_USER, true);
      generator.join();
      if (failure.get() != null) {
        throw new IllegalStateException("default inventory generation failed", failure.get());
      }
      if (result == null) {
        loadFromTable();
      }
      return result == null ? new InventoryImport(0, 0, 0, java.util.List.of(), 0, inventory.version()) : result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the default inventory", e);
    }
  }

  private void loadFromTable() {
    long started = System.nanoTime();
    CordBloodInventoryStore.Loaded loaded = store.readAll();
    CordBloodIndex index = CordBloodIndex.build(loaded.units());
    inventory.publish(index, loaded.version());
    LOG.info("Cord blood inventory loaded from the database: {} units (version {}{}) in {} ms", index.size(),
        loaded.version(), loaded.skipped() == 0 ? "" : ", " + loaded.skipped() + " invalid rows skipped",
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Reloads when the table's version differs from the one in memory (another node imported). */
  void refresh() {
    try {
      if (!inventory.ready()) {
        loadAtStart();
        return;
      }
      if (store.version().version() != inventory.version()) {
        lock.lock();
        try {
          if (store.version().version() != inventory.version()) {
            loadFromTable();
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Cord blood inventory refresh failed: {}", e.getMessage());
    }
  }

  /** Waits until an inventory is in memory (tests, tools); answers whether it is. */
  public boolean awaitReady(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (!inventory.ready() && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return inventory.ready();
  }
}

package org.ucbislet.cordblood;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucbislet.cordblood.TestUnits.unit;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Import, storage and start-up of the inventory on a real database (H2 in memory, one per test), without Spring:
 * the table is replaced in one transaction, unreadable files change nothing, a restart reloads the table, the
 * default inventory is generated once, and another node's import is picked up.
 */
class CordBloodInventoryServiceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  private static final String[] RECIPIENT = HlaMatchingTest.RECIPIENT;
  private static final SearchFloor FLOOR = new SearchFloor(4, 1.5);

  private DataSource dataSource;
  private final List<CordBloodInventoryService> started = new ArrayList<>();

  @BeforeEach
  void database() {
    dataSource = new DriverManagerDataSource("jdbc:h2:mem:cord-blood-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "sa");
  }

  @AfterEach
  void stop() {
    started.forEach(CordBloodInventoryService::stop);
    new JdbcTemplate(dataSource).execute("SHUTDOWN");
  }

  private static CordBloodSettings settings(boolean defaultInventory, int defaultUnits) {
    return new CordBloodSettings(4, 1.5, 10, 500, 20, 100, Duration.ZERO, defaultInventory, 20261125L, defaultUnits);
  }

  /** A node: its own memory, the shared database; started and loaded. */
  private Node start(CordBloodSettings settings) {
    CordBloodInventory inventory = new CordBloodInventory();
    CordBloodInventoryStore store = new CordBloodInventoryStore(dataSource, new DataSourceTransactionManager(dataSource));
    CordBloodInventoryService service = new CordBloodInventoryService(store, inventory, settings, CLOCK);
    service.start();
    started.add(service);
    assertThat(service.awaitReady(Duration.ofSeconds(60))).as("inventory loaded").isTrue();
    return new Node(service, inventory, store);
  }

  private Node start() {
    return start(settings(false, 0));
  }

  private record Node(CordBloodInventoryService service, CordBloodInventory inventory, CordBloodInventoryStore store) {
    InventoryImport replace(String csv) {
      return service.replace(new ByteArrayInputStream(csv.getBytes(UTF_8)), "demo");
    }

    List<String> search() {
      return inventory.current().index().search(TestUnits.typing(RECIPIENT), 20.0, FLOOR, 50).stream()
          .map(CandidateUnit::unitKey).toList();
    }
  }

  /** Units of the current inventory version in the table. */
  private long unitsInTable() {
    return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM UCBI_CORD_BLOOD_UNIT WHERE INVENTORY_VERSION = "
        + "(SELECT VERSION FROM UCBI_CORD_BLOOD_INVENTORY)", Long.class);
  }

  private long rowsOfVersion(long version) {
    return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM UCBI_CORD_BLOOD_UNIT WHERE INVENTORY_VERSION = ?",
        Long.class, version);
  }

  private static String inventory(String... ids) {
    List<TestUnits.Unit> units = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      units.add(unit("SHCBB", ids[i], RECIPIENT, (10 + i) * 1.0e8, 3.0e6));
    }
    return TestUnits.csv(units);
  }

  @Test
  void emptyDatabaseWithoutDefaultInventoryIsAnEmptyInventory() {
    Node node = start();

    assertThat(node.inventory().current().index().size()).isZero();
    assertThat(node.inventory().version()).isZero();
    assertThat(node.store().version().replacedAt()).isNull();
  }

  @Test
  void importReplacesTableAndMemoryWithTheValidRows() {
    Node node = start();
    node.replace(inventory("OLD-1", "OLD-2"));

    InventoryImport result = node.replace(inventory("SH-1", "SH-2", "SH-3") + "SHCBB,BAD,A*2:01,,B*46:01,,C*01:02,,DRB1*09:01,,1E9,1E6,2019-01-01\n");

    assertThat(result.received()).isEqualTo(4);
    assertThat(result.loaded()).isEqualTo(3);
    assertThat(result.rejected()).isEqualTo(1);
    assertThat(result.rejectedRows()).singleElement().satisfies(r -> {
      assertThat(r.row()).isEqualTo(5);
      assertThat(r.unitId()).isEqualTo("BAD");
      assertThat(r.reason()).startsWith("A1: 'A*2:01'");
    });
    assertThat(result.version()).isEqualTo(2);
    assertThat(unitsInTable()).isEqualTo(3);
    assertThat(node.search()).containsExactly("SHCBB/SH-3", "SHCBB/SH-2", "SHCBB/SH-1");
    CordBloodInventoryStore.Version version = node.store().version();
    assertThat(version.version()).isEqualTo(2);
    assertThat(version.unitCount()).isEqualTo(3);
    assertThat(version.replacedBy()).isEqualTo("demo");
    assertThat(version.replacedAt()).isNotNull();
  }

  @Test
  void inventorySurvivesARestart() {
    Node before = start();
    before.replace(inventory("SH-1", "SH-2", "SH-3") + "BJCBB,BJ-1,A*02:01:01,,B*46:01,B*40:01,C*01:02,C*07:02,"
        + "DRB1*09:01,DRB1*15:01,2.5E9,4E6,2019-01-01\n");
    before.service().stop();

    Node after = start(); // a new node's memory, loaded from the table

    assertThat(after.inventory().version()).isEqualTo(1);
    assertThat(after.search()).isEqualTo(before.search())
        .containsExactly("SHCBB/SH-3", "SHCBB/SH-2", "SHCBB/SH-1", "BJCBB/BJ-1"); // BJ-1 is 7/8, the others 8/8
    CandidateUnit reloaded = after.inventory().current().index().search(TestUnits.typing(RECIPIENT), 20.0, FLOOR, 4).get(3);
    assertThat(reloaded.grade().alleleMatches8()).as("homozygous A kept as blank second allele: 1 + 2 + 2 + 2").isEqualTo(7);
    assertThat(new JdbcTemplate(dataSource).queryForObject(
        "SELECT HLA_A1 || '/' || COALESCE(HLA_A2, '-') FROM UCBI_CORD_BLOOD_UNIT WHERE UNIT_ID = 'BJ-1'", String.class))
        .as("full allele names stored").isEqualTo("A*02:01:01/-");
  }

  @Test
  void unreadableFileChangesNothing() {
    Node node = start();
    node.replace(inventory("SH-1", "SH-2"));
    CordBloodInventory.Snapshot before = node.inventory().current();

    assertThatThrownBy(() -> node.replace("bank;unitId\nSHCBB;SH-9\n")).isInstanceOf(InventoryFileException.class);
    assertThatThrownBy(() -> node.replace("")).isInstanceOf(InventoryFileException.class);
    assertThatThrownBy(() -> node.service().replace(new ByteArrayInputStream(
        (TestUnits.HEADER + "\nSHCBB,SH-\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), "demo"))
        .isInstanceOf(InventoryFileException.class);

    assertThat(node.inventory().current()).isSameAs(before);
    assertThat(node.store().version().version()).isEqualTo(1);
    assertThat(unitsInTable()).isEqualTo(2);
  }

  @Test
  void fileWhoseEveryRowIsRejectedChangesNothing() {
    Node node = start();
    node.replace(inventory("SH-1"));

    assertThatThrownBy(() -> node.replace(TestUnits.HEADER + "\nSHCBB,SH-2,A*2:01,,B*46:01,,C*01:02,,DRB1*09:01,,1E9,1E6,2019-01-01\n"))
        .isInstanceOfSatisfying(InventoryRejectedException.class, e -> {
          assertThat(e.outcome().received()).isEqualTo(1);
          assertThat(e.outcome().rejectedRows()).hasSize(1);
        });
    assertThat(node.search()).containsExactly("SHCBB/SH-1");
    assertThat(unitsInTable()).isEqualTo(1);
  }

  @Test
  void headerOnlyEmptiesTheInventoryDeliberately() {
    Node node = start();
    node.replace(inventory("SH-1"));

    InventoryImport result = node.replace(TestUnits.HEADER + "\n");

    assertThat(result.loaded()).isZero();
    assertThat(node.inventory().current().index().size()).isZero();
    assertThat(unitsInTable()).isZero();
  }

  @Test
  void replacementIsOneTransaction() {
    Node node = start();
    node.replace(inventory("SH-1", "SH-2"));
    CordBloodInventory.Snapshot before = node.inventory().current();
    // the database refuses the last unit of the next file, after 1,500 others were inserted
    new JdbcTemplate(dataSource).execute("ALTER TABLE UCBI_CORD_BLOOD_UNIT ADD CONSTRAINT TEST_REFUSE CHECK (UNIT_ID <> 'REFUSED')");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      ids.add("NEW-" + i);
    }
    ids.add("REFUSED");

    assertThatThrownBy(() -> node.replace(inventory(ids.toArray(String[]::new))))
        .isInstanceOf(org.springframework.dao.DataAccessException.class);

    assertThat(unitsInTable()).as("rolled back: the old units").isEqualTo(2);
    assertThat(rowsOfVersion(2)).as("none of the new").isZero();
    assertThat(node.store().version().version()).isEqualTo(1);
    assertThat(node.inventory().current()).as("memory not switched").isSameAs(before);
  }

  @Test
  void rowsOfReplacedVersionsAreDeletedAfterTheReplacement() throws InterruptedException {
    Node node = start();
    node.replace(inventory("OLD-1", "OLD-2"));
    node.replace(inventory("NEW-1"));

    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rowsOfVersion(1) > 0 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(rowsOfVersion(1)).isZero();
    assertThat(rowsOfVersion(2)).isEqualTo(1);
  }

  @Test
  void searchInFlightFinishesOnTheInventoryItStartedWith() {
    Node node = start();
    node.replace(inventory("OLD-1", "OLD-2"));
    CordBloodIndex inFlight = node.inventory().current().index();

    node.replace(inventory("NEW-1"));

    assertThat(inFlight.search(TestUnits.typing(RECIPIENT), 20.0, FLOOR, 10)).extracting(CandidateUnit::unitId)
        .containsExactly("OLD-2", "OLD-1");
    assertThat(node.search()).containsExactly("SHCBB/NEW-1");
  }

  @Test
  void defaultInventoryIsGeneratedOnceAtTheFirstStartThroughTheCsvImport() {
    Node first = start(settings(true, 300));

    assertThat(first.inventory().current().index().size()).isEqualTo(300);
    CordBloodInventoryStore.Version version = first.store().version();
    assertThat(version.version()).isEqualTo(1);
    assertThat(version.replacedBy()).isEqualTo(CordBloodInventoryService.DEFAULT_INVENTORY_USER);
    assertThat(unitsInTable()).isEqualTo(300);
    first.service().stop();

    Node second = start(settings(true, 300));
    assertThat(second.store().version().version()).as("loaded, not generated again").isEqualTo(1);
    assertThat(second.inventory().current().index().size()).isEqualTo(300);

    second.replace(TestUnits.HEADER + "\n");
    second.service().stop();
    Node third = start(settings(true, 300));
    assertThat(third.inventory().current().index().size()).as("emptied by an import: stays empty").isZero();
    assertThat(third.store().version().version()).isEqualTo(2);
  }

  @Test
  void anotherNodesImportIsPickedUpByTheRefresh() {
    Node a = start();
    Node b = start();
    b.replace(inventory("SH-1", "SH-2"));
    assertThat(a.inventory().current().index().size()).isZero();

    a.service().refresh();

    assertThat(a.inventory().version()).isEqualTo(1);
    assertThat(a.search()).containsExactly("SHCBB/SH-2", "SHCBB/SH-1");
  }

  @Test
  void beforeLoadingSearchesAreRefused() {
    CordBloodInventory notLoaded = new CordBloodInventory();

    assertThatThrownBy(notLoaded::current).isInstanceOf(InventoryNotReadyException.class).hasMessageContaining("loading");
  }
}

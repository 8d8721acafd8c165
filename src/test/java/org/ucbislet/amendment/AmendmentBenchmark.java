package org.ucbislet.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.ucbislet.Application;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.followup.WhoGrowthReference;
import org.ucbislet.simulation.ChildGenerator;
import org.ucbislet.simulation.CohortParameters;
import org.ucbislet.simulation.CohortSimulator;
import org.ucbislet.simulation.SyntheticChild;
import org.ucbislet.support.PostgresTestDatabase;

/**
 * The amendment benchmark (bench/amendment.sh; not part of the test suite: it runs only with
 * {@code -Ducbi.bench.children=N}). On a database of its own (H2 file, or a fresh PostgreSQL database with
 * {@code -Ducbi.bench.database=postgres}): N simulated children are enrolled on the baseline models over
 * {@code ucbi.bench.enrolment-years} and brought to the middle of the protocol, today's models are deployed with the
 * first amendment, then every child is dry-run and the amendment applied to all of them, as the trial manager would.
 * Measures the wall time of the dry run and of the apply (not the simulation) and writes one JSON line to
 * {@code ucbi.bench.output}.
 */
@EnabledIfSystemProperty(named = "ucbi.bench.children", matches = "\\d+")
@SpringBootTest(classes = Application.class, properties = "camunda.bpm.job-execution.enabled=false")
class AmendmentBenchmark {

  private static String postgresDatabase;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    if ("postgres".equals(System.getProperty("ucbi.bench.database"))) {
      postgresDatabase = PostgresTestDatabase.create("ucbi_amendment_bench_");
      registry.add("spring.datasource.url", () -> PostgresTestDatabase.SERVER + postgresDatabase);
      registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
      registry.add("spring.datasource.password", () -> "");
      registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
    } else {
      Path dir = Files.createTempDirectory("ucbi-amendment-bench");
      registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir + "/ucb-islet;DB_CLOSE_ON_EXIT=FALSE");
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    PostgresTestDatabase.drop(postgresDatabase);
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  CordBloodInventoryService inventory;
  @Autowired
  AmendmentService service;
  @Autowired
  DataSource dataSource;

  @Test
  void migrateTheCohort() throws Exception {
    int children = Integer.parseInt(System.getProperty("ucbi.bench.children"));
    double years = Double.parseDouble(System.getProperty("ucbi.bench.enrolment-years", "2"));
    Path output = Path.of(System.getProperty("ucbi.bench.output", "target/amendment-bench.json"));
    FirstAmendmentTest.syntheticInventory(inventory);
    FirstAmendmentTest.deploy(engine, FirstAmendmentTest.BASELINE, false);
    CohortParameters p = new CohortParameters();
    p.setChildren(children);
    p.setEnrolmentYears(years);
    ZoneId zone = ZoneId.of("UTC");
    Instant from = LocalDate.of(2031, 1, 6).atStartOfDay(zone).toInstant();
    Instant until = from.plus(Duration.ofDays(Math.round(years * 365 * 0.75)));
    List<SyntheticChild> cohort = new ChildGenerator(p, WhoGrowthReference.fromClasspath()).cohort(from, zone);
    long simulationStarted = System.nanoTime();
    long[] lastPrint = {System.nanoTime()};
    // a wall-time budget for bringing the cohort to the amendment (ucbi.bench.simulation-minutes, on a loaded machine):
    // the simulation goes a week at a time and stops at the first week that ends after the budget; the children
    // referred by then are the trial the amendment meets (counted in the result)
    long budgetNanos = (long) (Double.parseDouble(System.getProperty("ucbi.bench.simulation-minutes", "1e9")) * 60e9);
    CohortSimulator simulator = new CohortSimulator(engine, p, zone);
    java.util.function.Consumer<CohortSimulator.Progress> print = progress -> {
      if (System.nanoTime() - lastPrint[0] > 60_000_000_000L) {
        lastPrint[0] = System.nanoTime();
        System.out.printf(Locale.ROOT, "Amendment benchmark: simulated to %s, %d referred, %d ended, %d tasks (%.0f s)%n",
            progress.simulatedNow(), progress.referred(), progress.ended(), progress.tasksCompleted(),
            (System.nanoTime() - simulationStarted) / 1e9);
      }
    };
    Instant reached = from;
    List<String> refused = new java.util.ArrayList<>();
    for (List<SyntheticChild> starting = cohort; reached.isBefore(until)
        && System.nanoTime() - simulationStarted < budgetNanos; starting = List.of()) {
      Instant next = reached.plus(Duration.ofDays(7)).isAfter(until) ? until : reached.plus(Duration.ofDays(7));
      refused.addAll(simulator.run(starting, reached, next, print).refusedSubmissions());
      reached = next;
    }
    Instant simulatedTo = reached;
    long referred = cohort.stream().filter(c -> !c.referredAt().isAfter(simulatedTo)).count();
    long simulationMillis = (System.nanoTime() - simulationStarted) / 1_000_000;
    Deployment amended = FirstAmendmentTest.deploy(engine, "", true);
    Amendment amendment = FirstAmendmentTest.first(engine, amended);
    long running = engine.getRuntimeService().createProcessInstanceQuery().count();
    // the units to migrate (children, and donors with an islet isolation running), in batches of BATCH: after each batch
    // the output holds the measurement so far, so a run stopped at a deadline still says how many were migrated and how fast
    List<String> units = engine.getRuntimeService().createProcessInstanceQuery().list().stream()
        .map(org.camunda.bpm.engine.runtime.ProcessInstance::getBusinessKey).filter(java.util.Objects::nonNull).distinct()
        .sorted().toList();
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
    Measurement m = new Measurement(product.replace("\"", "'"), (int) referred, years,
        Duration.between(from, simulatedTo).toDays(), simulationMillis, refused.size(), units.size());
    m.write(output);
    engine.getIdentityService().setAuthentication("trial-manager", List.of("trial-manager"));
    try {
      for (int i = 0; i < units.size(); i += BATCH) {
        MigrationReport dryRun = service.dryRun(amendment, units.subList(i, Math.min(units.size(), i + BATCH)));
        m.dryRunMillis += dryRun.millis();
        m.dryRunUnits += dryRun.children().size();
        m.write(output);
      }
      for (int i = 0; i < units.size(); i += BATCH) {
        MigrationReport applied = service.apply(amendment, units.subList(i, Math.min(units.size(), i + BATCH)),
            "Amendment benchmark", "trial-manager", "demo");
        m.applyMillis += applied.millis();
        m.appliedUnits += applied.children().size();
        m.instances += applied.children().stream().mapToLong(c -> c.instances().size()).sum();
        m.migratedInstances += applied.children().stream().flatMap(c -> c.instances().stream())
            .filter(in -> MigrationReport.MIGRATED.equals(in.outcome())).count();
        applied.outcomes().forEach((k, v) -> m.outcomes.merge(k, v, Long::sum));
        m.write(output);
        System.out.println("Amendment benchmark: " + m.json());
      }
    } finally {
      engine.getIdentityService().clearAuthentication();
      ClockUtil.reset();
    }
    System.out.println("Amendment benchmark: " + m.json());
    assertThat(m.outcomes).containsOnlyKeys(MigrationReport.MIGRATED);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(running);
  }

  /** Children (units) per dry-run and apply call. */
  private static final int BATCH = 50;

  /** The measurement so far, written (one JSON line) after every batch. */
  private static final class Measurement {
    final String database;
    final int children;
    final double years;
    final long simulatedDays;
    final long simulationMillis;
    final int refused;
    final int units;
    long dryRunMillis;
    int dryRunUnits;
    long applyMillis;
    int appliedUnits;
    long instances;
    long migratedInstances;
    final java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();

    Measurement(String database, int children, double years, long simulatedDays, long simulationMillis, int refused,
                int units) {
      this.database = database;
      this.children = children;
      this.years = years;
      this.simulatedDays = simulatedDays;
      this.simulationMillis = simulationMillis;
      this.refused = refused;
      this.units = units;
    }

    String json() {
      return String.format(Locale.ROOT, "{\"database\":\"%s\",\"children\":%d,\"enrolmentYears\":%.2f,"
              + "\"simulatedDays\":%d,\"simulationSeconds\":%.1f,\"refusedSubmissions\":%d,\"units\":%d,"
              + "\"dryRunUnits\":%d,\"appliedUnits\":%d,\"complete\":%s,\"instances\":%d,"
              + "\"migratedInstances\":%d,\"outcomes\":\"%s\",\"dryRunSeconds\":%.1f,\"dryRunMillisPerChild\":%.1f,"
              + "\"applySeconds\":%.1f,\"applyMillisPerChild\":%.1f,\"applyMillisPerInstance\":%.1f}",
          database, children, years, simulatedDays, simulationMillis / 1000.0, refused, units, dryRunUnits, appliedUnits,
          appliedUnits == units, instances, migratedInstances, outcomes, dryRunMillis / 1000.0,
          dryRunMillis / (double) Math.max(1, dryRunUnits), applyMillis / 1000.0,
          applyMillis / (double) Math.max(1, appliedUnits), applyMillis / (double) Math.max(1, migratedInstances));
    }

    void write(Path output) throws java.io.IOException {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, json() + "\n");
    }
  }
}

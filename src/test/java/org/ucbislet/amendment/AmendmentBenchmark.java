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
    CohortSimulator.Result result = new CohortSimulator(engine, p, zone).run(cohort, from, until, progress -> { });
    long simulationMillis = (System.nanoTime() - simulationStarted) / 1_000_000;
    Deployment amended = FirstAmendmentTest.deploy(engine, "", true);
    Amendment amendment = FirstAmendmentTest.first(engine, amended);
    long running = engine.getRuntimeService().createProcessInstanceQuery().count();

    engine.getIdentityService().setAuthentication("trial-manager", List.of("trial-manager"));
    MigrationReport dryRun;
    MigrationReport applied;
    try {
      dryRun = service.dryRun(amendment, null);
      applied = service.apply(amendment, null, "Amendment benchmark", "trial-manager", "demo");
    } finally {
      engine.getIdentityService().clearAuthentication();
      ClockUtil.reset();
    }
    int units = applied.children().size();
    long instances = applied.children().stream().mapToLong(c -> c.instances().size()).sum();
    long migrated = applied.children().stream().flatMap(c -> c.instances().stream())
        .filter(i -> MigrationReport.MIGRATED.equals(i.outcome())).count();
    assertThat(applied.outcomes()).containsOnlyKeys(MigrationReport.MIGRATED);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(running);
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
    String json = String.format(Locale.ROOT, "{\"database\":\"%s\",\"children\":%d,\"enrolmentYears\":%.2f,"
            + "\"simulatedDays\":%d,\"simulationSeconds\":%.1f,\"refusedSubmissions\":%d,\"units\":%d,\"instances\":%d,"
            + "\"migratedInstances\":%d,\"outcomes\":\"%s\",\"dryRunSeconds\":%.1f,\"dryRunMillisPerChild\":%.1f,"
            + "\"applySeconds\":%.1f,\"applyMillisPerChild\":%.1f,\"applyMillisPerInstance\":%.1f}",
        product.replace("\"", "'"), children, years, Duration.between(from, until).toDays(), simulationMillis / 1000.0,
        result.refusedSubmissions().size(), units, instances, migrated, applied.outcomes(), dryRun.millis() / 1000.0,
        dryRun.millis() / (double) Math.max(1, dryRun.children().size()), applied.millis() / 1000.0,
        applied.millis() / (double) Math.max(1, units), applied.millis() / (double) Math.max(1, migrated));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, json + "\n");
    System.out.println("Amendment benchmark: " + json);
  }
}

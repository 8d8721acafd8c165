package org.ucbislet.simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Profile {@code cohort-bench} (bench/cohort.sh): simulates {@code ucbi.simulation.children} children through the whole
 * protocol to the end, then the generic baseline of the same shape on the same engine, writes one line of results
 * (JSON) to {@code ucbi.simulation.bench-output} and stops the application. Measures wall time of the simulation only
 * (not the start-up, not the inventory), so children/s and transactions/s are the engine's and the driver's.
 */
@Component
@Profile(SimulationConfig.COHORT_BENCH)
public class CohortBenchmark implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CohortBenchmark.class);

  private final CohortRun run;
  private final CohortParameters parameters;
  private final ProcessEngine engine;
  private final DataSource dataSource;
  private final ConfigurableApplicationContext context;
  private final Path output;

  public CohortBenchmark(CohortRun run, CohortParameters parameters, ProcessEngine engine, DataSource dataSource,
      ConfigurableApplicationContext context, @Value("${ucbi.simulation.bench-output:cohort-bench.json}") Path output) {
    this.run = run;
    this.parameters = parameters;
    this.engine = engine;
    this.dataSource = dataSource;
    this.context = context;
    this.output = output;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    int exit = 0;
    try {
      measure();
    } catch (Exception e) {
      LOG.error("Cohort benchmark failed", e);
      exit = 1;
    }
    int code = exit;
    System.exit(SpringApplication.exit(context, () -> code));
  }

  private void measure() throws Exception {
    Instant from = LocalDate.of(2030, 1, 7).atStartOfDay(ClinicalTimeZone.get()).toInstant();
    List<SyntheticChild> cohort = run.cohort(parameters, from);
    long bytesBefore = databaseBytes();
    CohortSimulator.Result protocol = run.simulate(parameters, cohort, from, null, ConsoleProgress.onConsole(from, null));
    long bytesAfter = databaseBytes();
    int n = cohort.size();
    HistoryService history = engine.getHistoryService();
    long userTasks = history.createHistoricTaskInstanceQuery().finished().count();
    long serviceTasks = history.createHistoricActivityInstanceQuery().activityType("serviceTask").count();
    long decisions = history.createHistoricActivityInstanceQuery().activityType("businessRuleTask").count();
    GenericBaseline.Shape shape = new GenericBaseline.Shape(perChild(userTasks, n), perChild(serviceTasks, n),
        perChild(decisions, n), perChild(protocol.timersFired(), n));
    GenericBaseline baseline = new GenericBaseline(engine);
    baseline.deploy(shape);
    GenericBaseline.Result generic = baseline.run(n, from);
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
    String json = String.format(java.util.Locale.ROOT, "{\"database\":\"%s\",\"children\":%d,\"seed\":%d,"
            + "\"enrolmentYears\":%.2f,\"protocolSeconds\":%.1f,\"childrenPerSecond\":%.3f,\"engineTransactions\":%d,"
            + "\"transactionsPerSecond\":%.1f,\"tasksCompleted\":%d,\"timersFired\":%d,\"asyncJobs\":%d,"
            + "\"refusedSubmissions\":%d,\"jobFailures\":%d,\"databaseBytesPerChild\":%d,"
            + "\"shape\":{\"userTasks\":%d,\"serviceTasks\":%d,\"decisions\":%d,\"timers\":%d},"
            + "\"genericSeconds\":%.1f,\"genericTransactions\":%d,\"genericTransactionsPerSecond\":%.1f,"
            + "\"overheadRatio\":%.2f,\"overheadRatioPerTransaction\":%.2f}",
        product.replace("\"", "'"), n, parameters.getSeed(), parameters.getEnrolmentYears(),
        protocol.wallMillis() / 1000.0, protocol.childrenPerSecond(), protocol.engineTransactions(),
        protocol.transactionsPerSecond(), protocol.tasksCompleted(), protocol.timersFired(), protocol.asyncJobsExecuted(),
        protocol.refusedSubmissions().size(), protocol.jobFailures(), n == 0 ? 0 : (bytesAfter - bytesBefore) / n,
        shape.userTasks(), shape.serviceTasks(), shape.decisions(), shape.timers(), generic.wallMillis() / 1000.0,
        generic.transactions(), generic.transactions() * 1000.0 / Math.max(1, generic.wallMillis()),
        protocol.wallMillis() / (double) Math.max(1, generic.wallMillis()),
        (protocol.wallMillis() / (double) Math.max(1, protocol.engineTransactions()))
            / (generic.wallMillis() / (double) Math.max(1, generic.transactions())));
    Files.writeString(output, json + "\n");
    LOG.info("Cohort benchmark: {}", json);
    if (!protocol.refusedSubmissions().isEmpty()) {
      LOG.warn("Refused submissions: {}", protocol.refusedSubmissions());
    }
  }

  private static int perChild(long total, int children) {
    return children == 0 ? 0 : (int) Math.round(total / (double) children);
  }

  /** PostgreSQL: the database's size; H2: the space used by its tables (DISK_SPACE_USED). */
  private long databaseBytes() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if (product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
        Long size = jdbc.queryForObject("select pg_database_size(current_database())", Long.class);
        return size == null ? 0 : size;
      }
      // H2: the space its tables and indexes use (the file itself keeps freed pages until it is compacted)
      Long used = jdbc.queryForObject("select sum(disk_space_used('\"' || table_schema || '\".\"' || table_name"
          + " || '\"')) from information_schema.tables where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'",
          Long.class);
      return used == null ? 0 : used;
    }
  }
}

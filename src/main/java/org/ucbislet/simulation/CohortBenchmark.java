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
  private final String factorsOff;
  private final org.ucbislet.cordblood.CordBloodInventoryService inventory;
  private final String historyLevel;

  public CohortBenchmark(CohortRun run, CohortParameters parameters, ProcessEngine engine, DataSource dataSource,
      org.ucbislet.cordblood.CordBloodInventoryService inventory,
      ConfigurableApplicationContext context, @Value("${ucbi.simulation.bench-output:cohort-bench.json}") Path output,
      @Value("${" + org.ucbislet.config.BenchFactors.PROPERTY + ":}") String factorsOff,
      @Value("${camunda.bpm.history-level:full}") String historyLevel) {
    this.inventory = inventory;
    this.factorsOff = factorsOff.trim();
    this.historyLevel = historyLevel.trim();
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
    // the synthetic cord blood inventory is written in the background after start-up: the database growth counted per
    // child starts once it is stored (issue 21: a quick run of 4 children counted 2.8 MB of inventory per child)
    inventory.awaitReady(java.time.Duration.ofMinutes(5));
    long bytesBefore = databaseBytes();
    java.util.Map<String, Long> tablesBefore = tableBytes();
    CohortSimulator.Result protocol = run.simulate(parameters, cohort, from, null, ConsoleProgress.onConsole(from, null));
    long bytesAfter = databaseBytes();
    java.util.Map<String, Long> tablesAfter = tableBytes();
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
            + "\"overheadRatio\":%.2f,\"overheadRatioPerTransaction\":%.2f,\"driverReadSeconds\":%.1f,"
            + "\"factorsOff\":\"%s\",\"historyLevel\":\"%s\",\"tableBytesPerChild\":%s}",
        product.replace("\"", "'"), n, parameters.getSeed(), parameters.getEnrolmentYears(),
        protocol.wallMillis() / 1000.0, protocol.childrenPerSecond(), protocol.engineTransactions(),
        protocol.transactionsPerSecond(), protocol.tasksCompleted(), protocol.timersFired(), protocol.asyncJobsExecuted(),
        protocol.refusedSubmissions().size(), protocol.jobFailures(), n == 0 ? 0 : (bytesAfter - bytesBefore) / n,
        shape.userTasks(), shape.serviceTasks(), shape.decisions(), shape.timers(), generic.wallMillis() / 1000.0,
        generic.transactions(), generic.transactions() * 1000.0 / Math.max(1, generic.wallMillis()),
        protocol.wallMillis() / (double) Math.max(1, generic.wallMillis()),
        (protocol.wallMillis() / (double) Math.max(1, protocol.engineTransactions()))
            / (generic.wallMillis() / (double) Math.max(1, generic.transactions())),
        protocol.driverReadMillis() / 1000.0, factorsOff, historyLevel, tableGrowth(tablesBefore, tablesAfter, n));
    Files.writeString(output, json + "\n");
    LOG.info("Cohort benchmark: {}", json);
    if (!protocol.refusedSubmissions().isEmpty()) {
      LOG.warn("Refused submissions: {}", protocol.refusedSubmissions());
    }
  }

  /** Growth per child of each table that grew, largest first, as a JSON object. */
  private static String tableGrowth(java.util.Map<String, Long> before, java.util.Map<String, Long> after, int n) {
    StringBuilder json = new StringBuilder("{");
    after.entrySet().stream()
        .map(e -> java.util.Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / Math.max(1, n)))
        .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> json.append(json.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":")
            .append(e.getValue()));
    return json.append('}').toString();
  }

  /** Bytes per table with its indexes: PostgreSQL pg_total_relation_size, H2 DISK_SPACE_USED. */
  private java.util.Map<String, Long> tableBytes() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    java.util.Map<String, Long> sizes = new java.util.TreeMap<>();
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    }
    String sql = product.contains("postgres")
        ? "select upper(relname), pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid ="
            + " c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'"
        : "select table_name, disk_space_used('\"' || table_schema || '\".\"' || table_name || '\"') from"
            + " information_schema.tables where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'";
    jdbc.query(sql, rs -> {
      sizes.put(rs.getString(1), rs.getLong(2));
    });
    return sizes;
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

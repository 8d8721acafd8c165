package org.ucbislet.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.report.CohortReport;

/**
 * A synthetic cohort through the real application (every bean, the form checks, authorization on, the demo users, the
 * real bank search over a synthetic inventory): every task answered by its group without a refusal, no job failing,
 * every protocol ended.
 */
class CohortSimulationTest extends SimulatedCohortTest {

  private static final ZoneId ZONE = ClinicalTimeZone.get();

  @Autowired
  javax.sql.DataSource dataSource;
  @org.springframework.boot.test.web.server.LocalServerPort
  int port;

  private java.net.http.HttpResponse<byte[]> get(String user) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/api/reports/cohort"));
    if (user != null) {
      request.header("Authorization", org.ucbislet.support.EngineRest.basic(user, "demo"));
    }
    return java.net.http.HttpClient.newHttpClient().send(request.build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A run to a date (the demo's way): stops there with work open, nothing stuck. */
  @Test
  void cohortRunsToADateAndStopsThere() {
    CohortParameters p = new CohortParameters();
    p.setChildren(6);
    p.setFirstSubjectNumber(8101);
    p.setEnrolmentYears(1);
    Instant from = LocalDate.of(2021, 1, 4).atStartOfDay(ZONE).toInstant();
    Instant until = from.plus(java.time.Duration.ofDays(400));
    CohortSimulator.Result result = run.simulate(p, run.cohort(p, from), from, until, progress -> { });
    System.out.println("Cohort to a date: " + result);
    assertThat(result.refusedSubmissions()).isEmpty();
    assertThat(result.until()).isEqualTo(until);
    // the children are mid-protocol: their open work is removed, as other tests of the shared database count tasks
    for (String key : result.businessKeys()) {
      engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().forEach(
          pi -> engine.getRuntimeService().deleteProcessInstanceIfExists(pi.getId(), "test clean-up", true, true,
              true, true));
    }
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("UCBI-81%").count()).isZero();
  }

  @TempDir
  Path reportDirectory;

  @Test
  void cohortRunsToTheEndWithEveryTaskAnsweredAndNoJobFailing() throws Exception {
    CohortParameters p = new CohortParameters();
    p.setChildren(12);
    p.setFirstSubjectNumber(8001);
    p.setEnrolmentYears(0.5);
    Instant from = LocalDate.of(2020, 1, 6).atStartOfDay(ZONE).toInstant();
    List<SyntheticChild> cohort = run.cohort(p, from);
    CohortSimulator.Result result = run.simulate(p, cohort, from, null, progress -> { });
    System.out.println("Cohort result: " + result);

    assertThat(result.refusedSubmissions()).as("submissions the server refused").isEmpty();
    assertThat(result.jobFailures()).as("jobs failed").isZero();
    assertThat(result.protocolsEnded()).isEqualTo(12);
    HistoryService history = engine.getHistoryService();
    List<HistoricProcessInstance> protocols = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).list();
    protocols = protocols.stream().filter(h -> h.getBusinessKey().startsWith("UCBI-80")).toList();
    assertThat(protocols).hasSize(12).allSatisfy(p1 -> assertThat(p1.getEndTime()).isNotNull());
    history.createHistoricVariableInstanceQuery().variableName("discardReason").list().stream()
        .map(v -> String.valueOf(v.getValue())).collect(java.util.stream.Collectors.groupingBy(x -> x,
            java.util.stream.Collectors.counting())).forEach((k, n) -> System.out.println("DISCARD " + n + " x " + k));
    history.createHistoricVariableInstanceQuery().variableName("allocationEvaluations").listPage(0, 3)
        .forEach(v -> System.out.println("ALLOC " + v.getValue()));
    System.out.println("Ends: " + protocols.stream().map(HistoricProcessInstance::getEndActivityId).toList());
    CohortReport.Summary report = new CohortReport(engine, ZONE).write(reportDirectory);
    // the report covers the whole (shared) test database: at least this cohort, one line per child
    assertThat(report.children()).isGreaterThanOrEqualTo(12);
    assertThat(report.tasks()).isGreaterThanOrEqualTo(result.tasksCompleted());
    List<String> lines = Files.readAllLines(reportDirectory.resolve("children.csv"));
    assertThat(lines).hasSize(report.children() + 1);
    assertThat(lines.stream().filter(l -> l.startsWith("UCBI-80")).toList()).hasSize(12)
        .allSatisfy(l -> assertThat(l).contains("Ended: "));
    for (String png : List.of("tasks-per-role-per-week.png", "outcomes.png", "neutrophil-engraftment.png",
        "islet-eligibility.png", "missed-windows.png")) {
      assertThat(javax.imageio.ImageIO.read(reportDirectory.resolve(png).toFile())).as(png).isNotNull();
    }
    assertThat(Files.readString(reportDirectory.resolve("index.html"))).contains("UCBI-8001", "outcomes.png");
    // the same report over REST, for the trial manager (an export in the audit log); others 403, nobody 401
    java.net.http.HttpResponse<byte[]> zip = get("trial-manager");
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    List<String> entries = new java.util.ArrayList<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("index.html", "children.csv", "tasks-per-role-per-week.csv", "missed-windows.csv",
        "outcomes.csv", "outcomes.png", "tasks-per-role-per-week.png");
    assertThat(get("endocrinologist").statusCode()).isEqualTo(403);
    assertThat(get(null).statusCode()).isEqualTo(401);
    assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
        "select count(*) from UCBI_AUDIT_LOG where ENTITY = 'export' and EVENT_TYPE = 'cohort-report'"
            + " and ACTOR = 'trial-manager'", Integer.class)).isEqualTo(1);
    System.out.println("Report outcomes: " + report.outcomes() + ", missed windows " + report.missedWindows());
    for (String key : List.of("isletIsolation", "isletTransplant", "adverseEvent", "followUp", "cordBloodTransplant")) {
      System.out.println("Ends of " + key + ": " + history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
          .list().stream().collect(java.util.stream.Collectors.groupingBy(h -> String.valueOf(h.getEndActivityId())
              + (h.getEndTime() == null ? "" : "@" + h.getEndTime().toInstant().toString().substring(0, 4)),
              java.util.TreeMap::new, java.util.stream.Collectors.counting())));
    }
  }
}

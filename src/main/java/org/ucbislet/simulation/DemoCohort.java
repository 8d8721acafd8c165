package org.ucbislet.simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.report.CohortReport;

/**
 * Profile {@code cohort}: on the first start with an empty database, a synthetic trial that opened
 * {@code ucbi.simulation.enrolment-years} ago is simulated up to now, so that Tasklist, Cockpit and the audit export
 * show a living trial: children in every stage, tasks open in every group's list, timers due in real time from now
 * on. Then the cohort report is written. A database that already holds children is left as it is.
 */
@Component
@Profile(SimulationConfig.COHORT)
public class DemoCohort implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCohort.class);

  private final CohortRun run;
  private final CohortParameters parameters;
  private final ProcessEngine engine;
  private final Path reportDirectory;

  public DemoCohort(CohortRun run, CohortParameters parameters, ProcessEngine engine,
      @Value("${ucbi.simulation.report-directory:./data-cohort/report}") Path reportDirectory) {
    this.run = run;
    this.parameters = parameters;
    this.engine = engine;
    this.reportDirectory = reportDirectory;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    long existing = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).count();
    if (existing > 0) {
      LOG.info("Cohort demo: the database already holds {} children; nothing simulated (delete ./data-cohort to "
          + "simulate a new cohort). Report: {}", existing, reportDirectory.resolve("index.html").toAbsolutePath());
      return;
    }
    Instant until = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant from = until.minus(Duration.ofMinutes(Math.round(parameters.getEnrolmentYears() * 365.25 * 24 * 60)));
    List<SyntheticChild> cohort = run.cohort(parameters, from);
    LOG.info("Cohort demo: {} synthetic children referred from {} to today (seed {}); simulating on the engine clock",
        cohort.size(), from, parameters.getSeed());
    CohortSimulator.Result result = run.simulate(parameters, cohort, from, until, ConsoleProgress.onConsole(from, until));
    LOG.info("Cohort demo simulated in {} s: {} tasks completed, {} timers fired, {} refused submissions, {} job "
        + "failures", result.wallMillis() / 1000, result.tasksCompleted(), result.timersFired(),
        result.refusedSubmissions().size(), result.jobFailures());
    CohortReport.Summary report = new CohortReport(engine, ClinicalTimeZone.get()).write(reportDirectory);
    LOG.info("Cohort report: {} ({} children: {})", report.index().toAbsolutePath(), report.children(),
        report.outcomes());
  }
}

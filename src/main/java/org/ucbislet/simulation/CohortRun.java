package org.ucbislet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.followup.WhoGrowthReference;

/**
 * Runs a cohort in the application: waits for the cord blood inventory, stops the job executor (the simulation runs the
 * jobs itself on its moved clock), simulates, then puts the clock back to real time and starts the job executor again,
 * so that what is due after the run happens in real time. A bean only in the simulation's profiles ({@link SimulationConfig}).
 */
public class CohortRun {

  private static final Logger LOG = LoggerFactory.getLogger(CohortRun.class);

  private final ProcessEngine engine;
  private final CordBloodInventoryService inventory;

  public CohortRun(ProcessEngine engine, CordBloodInventoryService inventory) {
    this.engine = engine;
    this.inventory = inventory;
  }

  /** The cohort of the parameters, referred over {@code enrolmentYears} before {@code until} (or from {@code from}). */
  public List<SyntheticChild> cohort(CohortParameters parameters, Instant from) {
    return new ChildGenerator(parameters, WhoGrowthReference.fromClasspath()).cohort(from, ClinicalTimeZone.get());
  }

  public synchronized CohortSimulator.Result simulate(CohortParameters parameters, List<SyntheticChild> cohort,
      Instant from, Instant until, Consumer<CohortSimulator.Progress> progress) {
    if (!inventory.awaitReady(Duration.ofMinutes(5))) {
      throw new IllegalStateException("the cord blood inventory is not ready after 5 minutes: the bank search of "
          + "stage 1 cannot run (ucbi.cord-blood.default-inventory.enabled, or import an inventory first)");
    }
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean wasActive = jobExecutor != null && jobExecutor.isActive();
    if (wasActive) {
      jobExecutor.shutdown();
    }
    try {
      return new CohortSimulator(engine, parameters, ClinicalTimeZone.get()).run(cohort, from, until, progress);
    } finally {
      ClockUtil.reset();
      if (wasActive) {
        jobExecutor.start();
        LOG.info("Job executor started again: what is due from now on runs in real time");
      }
    }
  }
}

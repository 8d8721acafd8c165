package org.ucbislet.simulation;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.ucbislet.Application;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.cordblood.SyntheticInventory;

/**
 * A simulated cohort through the real application: the suite's shared application context (one process engine per
 * JVM: a second context would take over the engine's name), with the simulation's own synthetic inventory of 20,000
 * units (other tests of the shared context import theirs).
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
abstract class SimulatedCohortTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  CordBloodInventoryService inventory;
  /** Built here: a CohortRun is a bean only in the profiles cohort and cohort-bench (SimulationConfig). */
  CohortRun run;

  @BeforeEach
  void syntheticInventory() throws Exception {
    run = new CohortRun(engine, inventory);
    if (!inventory.awaitReady(Duration.ofSeconds(60))) {
      throw new IllegalStateException("inventory not ready");
    }
    StringWriter csv = new StringWriter();
    SyntheticInventory.writeCsv(SyntheticInventory.DEFAULT_SEED, 20_000, csv);
    inventory.replace(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "simulation-test");
  }
}

package org.ucbislet.simulation;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.ucbislet.cordblood.CordBloodInventoryService;

/**
 * The simulation's beans, only in the profiles that run a cohort: {@value #COHORT} (a simulated trial on first start)
 * and {@value #COHORT_BENCH} (the cohort benchmark). A {@link CohortRun} moves the JVM-wide engine clock and stops the
 * job executor while it runs, so no other profile, production above all, has one. Tests build their own
 * ({@code new CohortRun(engine, inventory)}) inside the suite's shared application context.
 */
@Configuration
@Profile({SimulationConfig.COHORT, SimulationConfig.COHORT_BENCH})
public class SimulationConfig {

  /** Profile: a simulated trial on first start (with {@code demo}). */
  public static final String COHORT = "cohort";
  /** Profile: the cohort benchmark (bench/cohort.sh). */
  public static final String COHORT_BENCH = "cohort-bench";

  /** The cohort's distributions from {@code ucbi.simulation.*} (defaults in {@link CohortParameters}). */
  @Bean
  @ConfigurationProperties(prefix = "ucbi.simulation")
  public CohortParameters cohortParameters() {
    return new CohortParameters();
  }

  @Bean
  public CohortRun cohortRun(ProcessEngine engine, CordBloodInventoryService inventory) {
    return new CohortRun(engine, inventory);
  }
}

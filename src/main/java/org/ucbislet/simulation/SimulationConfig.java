package org.ucbislet.simulation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cohort's distributions from {@code ucbi.simulation.*} (defaults in {@link CohortParameters}). */
@Configuration
public class SimulationConfig {

  @Bean
  @ConfigurationProperties(prefix = "ucbi.simulation")
  public CohortParameters cohortParameters() {
    return new CohortParameters();
  }
}

package org.ucbislet.security;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link StartRequestFilter} with the engine's REST API ({@code /engine-rest}). It lives beside the filter, not
 * in {@code config}, so that security depends on config and never the reverse (ArchitectureTest: no package cycle).
 */
@Configuration
public class StartRequestFilterConfig {

  @Bean
  ResourceConfigCustomizer startRequestFilter() {
    return config -> config.register(new StartRequestFilter());
  }
}

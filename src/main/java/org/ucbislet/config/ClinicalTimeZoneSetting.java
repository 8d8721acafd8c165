package org.ucbislet.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Sets the clinical time zone ({@link ClinicalTimeZone#KEY}) from the configuration before any bean is created, so
 * the first timer or delegate already plans in it; an unknown zone stops the start naming the setting. Registered in
 * {@code META-INF/spring.factories}.
 */
public class ClinicalTimeZoneSetting implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String configured = environment.getProperty(ClinicalTimeZone.KEY);
    if (configured == null) {
      return; // not this application's configuration (no application.yaml): the file's default stays
    }
    ClinicalTimeZone.configure(configured);
  }
}

package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.ucbislet.Application;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Issue 15 item 7: the demo profile runs only on the embedded H2 database, and the PostgreSQL profile takes its
 * database account from the environment. Each start fails fast, before any connection, with a message that says what
 * to do.
 */
class ProductionDefaultsTest {

  private static void start(String... args) {
    new SpringApplicationBuilder(Application.class).run(args).close();
  }

  @Test
  void demoProfileRefusesPostgresql() {
    assertThatThrownBy(() -> start("--spring.profiles.active=demo",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/ucbislet", "--server.port=0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Profile 'demo'").hasMessageContaining("jdbc:postgresql://127.0.0.1:1/ucbislet")
        .hasMessageContaining("--spring.profiles.active=postgres");
  }

  @Test
  void theDefaultProfileIsDemoAndRefusesAnH2Server() {
    assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:1/ucbi", "--server.port=0"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Profile 'demo'");
  }

  @Test
  void embeddedH2IsTheDemoDatabase() {
    assertThat(DemoProfileGuard.isEmbeddedH2("jdbc:h2:file:./data/ucb-islet;DB_CLOSE_ON_EXIT=FALSE")).isTrue();
    assertThat(DemoProfileGuard.isEmbeddedH2("jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1")).isTrue();
    assertThat(DemoProfileGuard.isEmbeddedH2("jdbc:h2:ssl://db/ucbi")).isFalse();
    assertThat(DemoProfileGuard.isEmbeddedH2("jdbc:postgresql://db/ucbi")).isFalse();
  }

  @Test
  void postgresProfileWithoutDatabaseCredentialsFailsNamingTheVariable() {
    assertThatThrownBy(() -> start("--spring.profiles.active=postgres", "--ucbi.admin.id=trialadmin",
        "--ucbi.admin.password=S3cure-Passw0rd!", "--server.port=0", "--camunda.bpm.process-engine-name=nocredentials"))
        .hasStackTraceContaining("UCBI_DB_USER");
  }

  @Test
  void anUnknownClinicalTimeZoneStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> start("--ucbi.clinical-time-zone=Mars/Olympus_Mons", "--server.port=0",
        "--camunda.bpm.process-engine-name=badzone"))
        .hasStackTraceContaining("ucbi.clinical-time-zone").hasStackTraceContaining("Mars/Olympus_Mons");
    assertThat(ClinicalTimeZone.get()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }
}

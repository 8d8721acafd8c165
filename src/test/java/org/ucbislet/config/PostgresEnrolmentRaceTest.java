package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.clinical.Groups;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EnrolmentRace;
import org.ucbislet.support.PostgresTestDatabase;

/**
 * One child, one protocol on PostgreSQL (issue 15 item 2): 8 identical enrolments of a subject sent at once over REST,
 * for several subjects, give exactly one running protocol and one active enrolment row per subject; the other
 * requests answer 409. Skipped without a local server, except in CI.
 */
@Tag("postgres")
class PostgresEnrolmentRaceTest {

  private static final String PASSWORD = "S3cure-Passw0rd!";
  private static final String COORDINATOR = "pg-race-coordinator";

  private static String database;
  private static ConfigurableApplicationContext context;
  private static ProcessEngine engine;
  private static EngineRest rest;

  @BeforeAll
  static void startOnFreshPostgresDatabase() {
    database = PostgresTestDatabase.create("ucbi_race_");
    context = new SpringApplicationBuilder(Application.class).profiles("postgres").run(
        "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
        "--spring.datasource.username=" + PostgresTestDatabase.USER,
        "--spring.datasource.password=",
        "--ucbi.admin.id=pgadmin",
        "--ucbi.admin.password=" + PASSWORD,
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.process-engine-name=race_" + database,
        "--camunda.bpm.webapp.enabled=false");
    engine = context.getBean(ProcessEngine.class);
    IdentityService identity = engine.getIdentityService();
    User user = identity.newUser(COORDINATOR);
    user.setFirstName("Race");
    user.setLastName("Coordinator");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(COORDINATOR, Groups.TRIAL_COORDINATOR.id());
    rest = new EngineRest(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void closeAndDropDatabase() throws SQLException {
    if (context != null) {
      context.close();
    }
    PostgresTestDatabase.drop(database);
  }

  @Test
  void eightIdenticalEnrolmentsSentAtOnceGiveExactlyOneProtocolPerSubject() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
    for (int subject = 1; subject <= 4; subject++) {
      String subjectId = String.format("UCBI-%04d", 5900 + subject);

      List<EngineRest.Response> answers = EnrolmentRace.enrolAtOnce(rest, "/engine-rest/engine/race_" + database, COORDINATOR, PASSWORD, subjectId, 8);

      assertThat(answers).as("answers for %s: %s", subjectId, answers.stream().map(a -> a.status() + " " + a.body()).toList()).filteredOn(a -> a.status() == 200).hasSize(1);
      assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(409));
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY)
          .processInstanceBusinessKey(subjectId).count()).isOne();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_ENROLMENT WHERE ACTIVE_SUBJECT_ID = ?", Long.class, subjectId))
          .isOne();
    }
  }
}

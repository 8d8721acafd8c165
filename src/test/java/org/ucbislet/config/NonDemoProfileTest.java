package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;

/**
 * Outside the default {@code demo} profile no user with a known password exists (design.md section 4):
 * the first administrator comes from {@code UCBI_ADMIN_ID} / {@code UCBI_ADMIN_PASSWORD}, start-up
 * stops without them, and the engine's password policy is on.
 *
 * <p>Each context gets an in-memory database and a process engine name of its own, so it never replaces
 * the {@code default} engine of another test context in Camunda's static engine registry. Settings are
 * passed as command-line arguments, which win over any {@code UCBI_ADMIN_*} variables of the environment
 * running the tests.
 */
class NonDemoProfileTest {

  private static final String PROFILE = "production";
  private static final String ADMIN_ID = "trialadmin";
  private static final String ADMIN_PASSWORD = "S3cure-Passw0rd!";

  @Test
  void startWithoutAdministratorFailsNamingTheEnvironmentVariables() {
    assertThatThrownBy(() -> start("--ucbi.admin.id=", "--ucbi.admin.password=").close())
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UCBI_ADMIN_ID")
        .hasMessageContaining("UCBI_ADMIN_PASSWORD");
  }

  @Test
  void startWithAdministratorIdButNoPasswordFails() {
    assertThatThrownBy(() -> start("--ucbi.admin.id=" + ADMIN_ID, "--ucbi.admin.password=").close())
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("UCBI_ADMIN_PASSWORD");
  }

  /** One application started with a configured administrator, shared by the checks of what it contains. */
  @Nested
  @TestInstance(Lifecycle.PER_CLASS)
  class StartedWithAdministrator {

    private ConfigurableApplicationContext context;
    private IdentityService identity;

    @BeforeAll
    void start() {
      context = NonDemoProfileTest.start("--ucbi.admin.id=" + ADMIN_ID, "--ucbi.admin.password=" + ADMIN_PASSWORD);
      identity = context.getBean(ProcessEngine.class).getIdentityService();
    }

    @AfterAll
    void stop() {
      context.close();
    }

    @Test
    void administratorIsTheOnlyMemberOfCamundaAdmin() {
      assertThat(identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN.id()).list())
          .extracting(User::getId).containsExactly(ADMIN_ID);
      assertThat(identity.checkPassword(ADMIN_ID, ADMIN_PASSWORD)).isTrue();
    }

    @Test
    void noDemoUserExists() {
      List<String> demoUsers = new ArrayList<>(Groups.ids());
      demoUsers.add("demo");

      assertThat(identity.createUserQuery().userIdIn(demoUsers.toArray(String[]::new)).count()).isZero();
      assertThat(identity.createUserQuery().list()).extracting(User::getId).containsExactly(ADMIN_ID);
      assertThat(identity.checkPassword("demo", "demo")).isFalse();
    }

    @Test
    void contractGroupsExistForUsersAddedLater() {
      assertThat(identity.createGroupQuery().groupIdIn(Groups.ids().toArray(String[]::new)).count())
          .isEqualTo(Groups.values().length);
    }

    @Test
    void noSimulationOrBenchmarkBeanCanMoveTheEngineClock() {
      // the simulation moves the JVM-wide engine clock and stops the job executor: beans only in cohort, cohort-bench
      List<String> simulationBeans = new ArrayList<>();
      for (String name : context.getBeanDefinitionNames()) {
        Class<?> type = context.getType(name);
        if (type != null && type.getPackageName().startsWith("org.ucbislet.simulation")) {
          simulationBeans.add(name + " (" + type.getName() + ")");
        }
      }
      assertThat(simulationBeans).isEmpty();
      assertThat(context.getEnvironment().getActiveProfiles()).containsExactly(PROFILE);
    }

    @Test
    void passwordPolicyIsEnforced() {
      assertThat(identity.checkPasswordAgainstPolicy("demo").isValid()).isFalse();
      assertThat(identity.checkPasswordAgainstPolicy(ADMIN_PASSWORD).isValid()).isTrue();
    }
  }

  @Test
  void weakAdministratorPasswordIsRefusedAtStartUp() {
    // the engine's password policy refuses the administrator's password, so the application does not start
    assertThatThrownBy(() -> start("--ucbi.admin.id=" + ADMIN_ID, "--ucbi.admin.password=demo").close())
        .rootCause()
        .hasMessageContaining("UCBI_ADMIN_PASSWORD does not meet the password policy").hasMessageContaining("length");
  }

  /** Starts the application in a non-demo profile on a fresh in-memory database and a random port. */
  private static ConfigurableApplicationContext start(String... adminSettings) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:mem:ucbi-nondemo-" + unique + ";DB_CLOSE_DELAY=-1",
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        // no '-' in the engine name: the starter ignores such a name and falls back to "default", which would
        // replace (and, when this context closes, close) the engine of the other test contexts
        "--camunda.bpm.process-engine-name=nondemo" + unique,
        // no webapps: closing a context's webapps clears Camunda's static webapp runtime delegates (Admin, Cockpit,
        // Tasklist) for every context in the JVM, which breaks the webapps of a test context started earlier
        "--camunda.bpm.webapp.enabled=false"));
    args.addAll(List.of(adminSettings));
    return new SpringApplicationBuilder(Application.class).profiles(PROFILE).run(args.toArray(String[]::new));
  }
}

package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.support.PostgresTestDatabase;
import org.ucbislet.support.ScreeningCriteria;

/**
 * The engine on the local PostgreSQL server (profile {@code postgres}, issue 2 item 7), on a database
 * created for this run and dropped afterwards: one child walks through screening to "ready for stage 1",
 * each step done by a member of the right group, and the history records it.
 *
 * <p>Without a reachable server the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
@Tag("postgres")
class PostgresScreeningTest {

  private static final String STRONG_PASSWORD = "S3cure-Passw0rd!";
  private static final String SUBJECT_ID = "UCBI-6001";

  private static String database;
  private static ConfigurableApplicationContext context;
  private static ProcessEngine engine;

  @BeforeAll
  static void startOnFreshPostgresDatabase() throws SQLException {
    database = PostgresTestDatabase.create("ucbi_test_");
    context = new SpringApplicationBuilder(Application.class).profiles("postgres").run(
        "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
        "--spring.datasource.username=" + PostgresTestDatabase.USER,
        "--spring.datasource.password=",
        "--ucbi.admin.id=pgadmin",
        "--ucbi.admin.password=" + STRONG_PASSWORD,
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        // an engine name of its own: never replaces the "default" engine of another test context (no '-': the
        // starter ignores a name with a hyphen and falls back to "default")
        "--camunda.bpm.process-engine-name=postgres_" + database,
        // no webapps: closing them would clear Camunda's static webapp runtime delegates for every test context
        "--camunda.bpm.webapp.enabled=false");
    engine = context.getBean(ProcessEngine.class);
  }

  @AfterAll
  static void closeAndDropDatabase() throws SQLException {
    if (context != null) {
      context.close();
    }
    PostgresTestDatabase.drop(database);
  }

  @Test
  void engineRunsOnPostgres() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(configuration.getDatabaseType()).isEqualTo("postgres");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).count()).isEqualTo(1);
  }

  @Test
  void screenedChildGoesOnToStage1() {
    String coordinator = member(Groups.TRIAL_COORDINATOR);
    String endocrinologist = member(Groups.ENDOCRINOLOGIST);
    String psychologist = member(Groups.PSYCHOLOGIST);
    String mdt = member(Groups.MDT);
    RuntimeService runtime = engine.getRuntimeService();
    TaskService tasks = engine.getTaskService();

    ProcessInstance protocol = as(coordinator, Groups.TRIAL_COORDINATOR,
        () -> runtime.startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, SUBJECT_ID, enrolment()));
    // consent first, as the protocol orders it; then the work-up and the eligibility decision
    work(coordinator, Groups.TRIAL_COORDINATOR, ScreeningVariables.TASK_CONSENT, ScreeningCriteria.consentGiven());
    work(endocrinologist, Groups.ENDOCRINOLOGIST, ScreeningVariables.TASK_WORK_UP, eligibleWorkUp());
    work(psychologist, Groups.PSYCHOLOGIST, ScreeningVariables.TASK_PSYCHOLOGICAL, Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, true));
    work(mdt, Groups.MDT, ScreeningVariables.TASK_MDT, Map.of(ScreeningVariables.MDT_APPROVED_TRANSPLANT, true));

    HistoryService history = engine.getHistoryService();
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(protocol.getId()).singleResult();
    assertThat(protocol.getBusinessKey()).isEqualTo(SUBJECT_ID);
    assertThat(instance.getState()).isEqualTo(HistoricProcessInstance.STATE_ACTIVE);
    assertThat(instance.getStartUserId()).isEqualTo(coordinator);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(protocol.getId())
        .activityId(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT).unfinished().count()).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(SUBJECT_ID)
        .taskDefinitionKey(org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.TASK_RECORD_HLA_TYPING).count()).isEqualTo(1);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protocol.getId())
        .variableName(ScreeningVariables.ELIGIBLE).singleResult().getValue()).isEqualTo(true);
    HistoricProcessInstance screening = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ScreeningVariables.PROCESS_KEY).processInstanceBusinessKey(SUBJECT_ID).singleResult();
    assertThat(screening.getEndActivityId()).isEqualTo(ScreeningVariables.END_PASSED);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(SUBJECT_ID).finished().list())
        .extracting(t -> t.getTaskDefinitionKey() + " by " + t.getAssignee())
        .containsExactlyInAnyOrder(ScreeningVariables.TASK_WORK_UP + " by " + endocrinologist,
            ScreeningVariables.TASK_CONSENT + " by " + coordinator,
            ScreeningVariables.TASK_PSYCHOLOGICAL + " by " + psychologist,
            ScreeningVariables.TASK_MDT + " by " + mdt);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(SUBJECT_ID).list())
        .extracting(org.camunda.bpm.engine.task.Task::getTaskDefinitionKey)
        .containsExactly(org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.TASK_RECORD_HLA_TYPING);
  }

  /** The user finds the child's task among its own, claims and completes it, authenticated as itself. */
  private static void work(String user, Groups group, String taskDefinitionKey, Map<String, Object> values) {
    TaskService tasks = engine.getTaskService();
    as(user, group, () -> {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(SUBJECT_ID).taskDefinitionKey(taskDefinitionKey).singleResult();
      assertThat(task).as("%s sees %s", user, taskDefinitionKey).isNotNull();
      tasks.claim(task.getId(), user);
      // signed where the model asks for it (issue 20): the signature fields stay typed (transient)
      org.camunda.bpm.engine.variable.VariableMap submitted = org.ucbislet.audit.SignedElements
          .of(engine.getRepositoryService(), task.getProcessDefinitionId(), taskDefinitionKey)
          .map(s -> org.ucbislet.audit.SignatureFields.of(user, STRONG_PASSWORD, s.meaning()))
          .orElseGet(org.camunda.bpm.engine.variable.Variables::createVariables);
      submitted.putAll(values);
      tasks.complete(task.getId(), submitted);
      return task;
    });
  }

  private static <T> T as(String user, Groups group, Supplier<T> step) {
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(user, List.of(group.id()));
    try {
      return step.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A staff account in the group, created as the administrator would in Camunda Admin (no demo users here). */
  private static String member(Groups group) {
    IdentityService identity = engine.getIdentityService();
    String id = "pg-" + group.id();
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName("Staff");
      user.setLastName(group.label());
      user.setPassword(STRONG_PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, group.id());
    }
    return id;
  }

  private static Map<String, Object> enrolment() {
    Map<String, Object> values = new HashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, SUBJECT_ID);
    values.put(ProtocolVariables.DATE_OF_BIRTH, "2015-02-28");
    values.put(ProtocolVariables.SEX, "female");
    values.put(ProtocolVariables.WEIGHT_KG, 27.0);
    values.put(ProtocolVariables.HEIGHT_CM, 128.0);
    values.put(ProtocolVariables.GENE_NAME, "AIRE");
    values.put(ProtocolVariables.VARIANT_HGVS, "NM_000383.4:c.769C>T");
    return values;
  }

  private static Map<String, Object> eligibleWorkUp() {
    return ScreeningCriteria.eligibleWorkUp(1);
  }
}

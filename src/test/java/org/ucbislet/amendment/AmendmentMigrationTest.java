package org.ucbislet.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanExecutionBuilder;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.ucbislet.Application;
import org.ucbislet.audit.AmendmentRecords;
import org.ucbislet.audit.SignatureRefusedException;
import org.ucbislet.clinical.InvalidInputException;
import org.ucbislet.support.EngineRest;

/**
 * The amendment engine on small models that change the way protocol models change ({@link AmendmentFixture}): the dry
 * run says where each child lands or why it cannot move and changes nothing; apply moves each child whole (root and
 * called instances, timers with their due dates, message waits), sets the plan's variables, records each move and the
 * signature in the audit log and gives the child a re-consent task; a child that cannot move, a failure in the middle
 * of a child and a refused signature leave the child exactly as it was. The REST API is the trial manager's only.
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class AmendmentMigrationTest {

  private static final Instant NOW = Instant.parse("2027-02-01T09:00:00Z");
  private static Deployment[] deployments;
  private static int next = 1;

  @Autowired
  ProcessEngine engine;
  @Autowired
  AmendmentCatalog catalog;
  @Autowired
  AmendmentService service;
  @Autowired
  AmendmentRecords records;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;

  private RuntimeService runtime;
  private Amendment amendment;

  @BeforeEach
  void deployBothVersions() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    runtime = engine.getRuntimeService();
    synchronized (AmendmentMigrationTest.class) {
      if (deployments == null) {
        deployments = AmendmentFixture.deployOnce(engine);
      }
    }
    amendment = catalog.get(AmendmentFixture.AMENDMENT_ID);
  }

  /** Runs the call as the trial manager, the way the REST API runs it (authenticated, authorization on). */
  private <T> T asTrialManager(java.util.function.Supplier<T> call) {
    engine.getIdentityService().setAuthentication("trial-manager", List.of("trial-manager"));
    try {
      return call.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @AfterEach
  void reset() {
    unlockTrialManager();
    ClockUtil.reset();
  }

  /** A wrong signature password counts as a failed login and locks the user for a while (on the fixed clock: on). */
  private void unlockTrialManager() {
    engine.getIdentityService().setAuthentication("demo", List.of("camunda-admin"));
    try {
      engine.getIdentityService().unlockUser("trial-manager");
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private String definition(String key, int deployment) {
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployments[deployment].getId())
        .processDefinitionKey(key).singleResult().getId();
  }

  private static synchronized String key() {
    return String.format("UCBI-95%02d", next++); // subject IDs: a migrated child gets a re-consent task
  }

  /** A child on version 1 at the review task (boundary timer) and an open event whose task version 2 retired. */
  private String childAtReview() {
    String key = key();
    runtime.startProcessInstanceById(definition(AmendmentFixture.ROOT, 0), key);
    runtime.startProcessInstanceById(definition(AmendmentFixture.EVENT, 0), key);
    return key;
  }

  private ProcessInstance root(String key) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(AmendmentFixture.ROOT).singleResult();
  }

  private void completeTask(String processInstanceId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
    engine.getTaskService().complete(task.getId());
  }

  /** A child whose root waits at the call activity, its called instance at a 30-day timer. */
  private String childInCalledProcess() {
    String key = key();
    ProcessInstance pi = runtime.startProcessInstanceById(definition(AmendmentFixture.ROOT, 0), key);
    completeTask(pi.getId());
    return key;
  }

  private ProcessInstance sub(ProcessInstance root) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(root.getId()).singleResult();
  }

  /** Moves a child past the first call (its timer fired, its task done) to the staged call in the old sub-process. */
  private String childInStagedCall() {
    String key = childInCalledProcess();
    ProcessInstance sub = sub(root(key));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(sub.getId()).singleResult().getId());
    completeTask(sub.getId());
    return key;
  }

  private String childAtMessage() {
    String key = childInStagedCall();
    ProcessInstance sub = sub(root(key));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(sub.getId()).singleResult().getId());
    completeTask(sub.getId());
    return key;
  }

  private String childAtRetiredTask() {
    String key = childAtMessage();
    runtime.createMessageCorrelation(AmendmentFixture.MESSAGE).processInstanceBusinessKey(key).correlate();
    return key;
  }

  private static MigrationReport.Child child(MigrationReport report, String key) {
    return report.children().stream().filter(c -> c.subjectId().equals(key)).findFirst().orElseThrow();
  }

  private static MigrationReport.Instance instance(MigrationReport.Child child, String processKey) {
    return child.instances().stream().filter(i -> i.processDefinitionKey().equals(processKey)).findFirst().orElseThrow();
  }

  private long auditRecords(String entity, String event, String subject) {
    return jdbc.queryForObject("select count(*) from UCBI_AUDIT_LOG where ENTITY = ? and EVENT_TYPE = ?"
        + " and SUBJECT_ID = ?", Long.class, entity, event, subject);
  }

  @Test
  void dryRunSaysWhereEachChildLandsAndWhyOthersCannotMoveAndChangesNothing() {
    String review = childAtReview();
    String called = childInCalledProcess();
    String staged = childInStagedCall();
    String message = childAtMessage();
    String retired = childAtRetiredTask();
    String timerDue = engine.getManagementService().createJobQuery().processInstanceId(root(review).getId())
        .singleResult().getDuedate().toInstant().toString();

    MigrationReport report = asTrialManager(() -> service.dryRun(amendment,
        List.of(review, called, staged, message, retired, "UCBI-9599")));

    assertThat(report.dryRun()).isTrue();
    MigrationReport.Child atReview = child(report, review);
    assertThat(atReview.outcome()).isEqualTo(MigrationReport.MIGRATES_PARTLY);
    MigrationReport.Instance reviewRoot = instance(atReview, AmendmentFixture.ROOT);
    assertThat(reviewRoot.outcome()).isEqualTo(MigrationReport.MIGRATES);
    assertThat(reviewRoot.landsAt()).containsExactly(new MigrationReport.Move("Task_Review", "Task_ReviewRenamed"));
    assertThat(reviewRoot.toVersion()).isEqualTo(reviewRoot.fromVersion() + 1);
    assertThat(reviewRoot.timersBefore()).containsExactly("Timer_ReviewOverdue at " + timerDue);
    assertThat(reviewRoot.timersAfter()).containsExactly("Timer_ReviewOverdue at " + timerDue);
    MigrationReport.Instance event = instance(atReview, AmendmentFixture.EVENT);
    assertThat(event.outcome()).isEqualTo(MigrationReport.STAYS);
    assertThat(event.problems()).anyMatch(p -> p.contains("Task_EventOld"));
    assertThat(atReview.explanation()).contains("leave-this-process-on-old-version: an event finishes where it began");

    MigrationReport.Child inCall = child(report, called);
    assertThat(inCall.outcome()).isEqualTo(MigrationReport.MIGRATES);
    assertThat(inCall.instances()).extracting(MigrationReport.Instance::processDefinitionKey)
        .containsExactly(AmendmentFixture.ROOT, AmendmentFixture.SUB); // the root first, the called instance with it
    assertThat(instance(inCall, AmendmentFixture.SUB).landsAt()).containsExactly(
        new MigrationReport.Move("Timer_Wait", "Timer_Wait"));

    // the called instance could move, its root cannot (the call left its sub-process): the whole child stays
    MigrationReport.Child inStage = child(report, staged);
    assertThat(inStage.outcome()).isEqualTo(MigrationReport.CANNOT_MOVE);
    assertThat(instance(inStage, AmendmentFixture.ROOT).outcome()).isEqualTo(MigrationReport.CANNOT_MOVE);
    assertThat(instance(inStage, AmendmentFixture.ROOT).problems()).isNotEmpty();
    assertThat(instance(inStage, AmendmentFixture.SUB).outcome()).isEqualTo(MigrationReport.NOT_ATTEMPTED);
    assertThat(inStage.explanation()).contains("Call_Staged", "keep-child-on-old-version: the child moves whole");

    MigrationReport.Child atMessage = child(report, message);
    assertThat(instance(atMessage, AmendmentFixture.ROOT).messageWaitsAfter())
        .containsExactly("message " + AmendmentFixture.MESSAGE + " at Event_ResultReceived");

    assertThat(child(report, retired).outcome()).isEqualTo(MigrationReport.CANNOT_MOVE);
    assertThat(child(report, retired).explanation()).contains("Task_Retired");
    assertThat(child(report, "UCBI-9599").outcome()).isEqualTo(MigrationReport.UP_TO_DATE);

    // nothing changed: every instance on version 1, no audit record, no re-consent task
    String v1 = definition(AmendmentFixture.ROOT, 0);
    for (String key : List.of(review, called, staged, message, retired)) {
      assertThat(root(key).getProcessDefinitionId()).isEqualTo(v1);
      assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.MIGRATED, key)).isZero();
    }
    assertThat(runtime.getVariable(root(review).getId(), "amendedBy")).isNull();
    assertThat(engine.getTaskService().createTaskQuery().taskVariableValueEquals(
        AmendmentService.RECONSENT_SUBJECT_ID, review).count()).isZero();
  }

  @Test
  void applyMovesEachChildWholeKeepsTimersAndMessagesRecordsItAndAsksForReconsent() {
    String review = childAtReview();
    String called = childInCalledProcess();
    String message = childAtMessage();
    String retired = childAtRetiredTask();
    ProcessInstance calledSub = sub(root(called));
    Date subTimer = engine.getManagementService().createJobQuery().processInstanceId(calledSub.getId()).singleResult()
        .getDuedate();

    MigrationReport report = asTrialManager(() -> service.apply(amendment, List.of(review, called, message, retired),
        "Approved by the ethics committee on 2027-01-20", "trial-manager", "demo"));

    assertThat(report.outcomes()).containsEntry(MigrationReport.MIGRATED, 2L)
        .containsEntry(MigrationReport.MIGRATED_PARTLY, 1L).containsEntry(MigrationReport.CANNOT_MOVE, 1L);
    String v2 = definition(AmendmentFixture.ROOT, 1);
    // the review task continues as the renamed task, its overdue timer with the same due date; the variable is set
    ProcessInstance reviewRoot = root(review);
    assertThat(reviewRoot.getProcessDefinitionId()).isEqualTo(v2);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(reviewRoot.getId()).singleResult()
        .getTaskDefinitionKey()).isEqualTo("Task_ReviewRenamed");
    assertThat(runtime.getVariable(reviewRoot.getId(), "amendedBy")).isEqualTo(AmendmentFixture.AMENDMENT_ID);
    // the open event stays on version 1 by the amendment's rule
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(review)
        .processDefinitionKey(AmendmentFixture.EVENT).singleResult().getProcessDefinitionId())
        .isEqualTo(definition(AmendmentFixture.EVENT, 0));
    // the called instance moved with its root, still called by it, its timer unchanged; it runs on to the end
    ProcessInstance movedSub = sub(root(called));
    assertThat(movedSub.getId()).isEqualTo(calledSub.getId());
    assertThat(movedSub.getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.SUB, 1));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(movedSub.getId()).singleResult()
        .getDuedate()).isEqualTo(subTimer);
    // the message wait survived: the result is correlated on version 2 and the child ends there
    ProcessInstance messageRoot = root(message);
    assertThat(messageRoot.getProcessDefinitionId()).isEqualTo(v2);
    runtime.createMessageCorrelation(AmendmentFixture.MESSAGE).processInstanceBusinessKey(message).correlate();
    assertThat(root(message)).isNull();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(messageRoot.getId())
        .singleResult().getEndActivityId()).isEqualTo("End_Fixture");
    // the child at the retired step is untouched and recorded as not migrated
    assertThat(root(retired).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.ROOT, 0));
    assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.NOT_MIGRATED, retired)).isEqualTo(1);

    // audit: one record per migrated instance with versions, mapping, user and reason; the signature of each child
    assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.MIGRATED, called)).isEqualTo(2);
    String changes = jdbc.queryForObject("select CHANGES from UCBI_AUDIT_LOG where ENTITY = 'amendment' and "
        + "EVENT_TYPE = 'migrated' and SUBJECT_ID = ? and PROC_DEF_KEY = ?", String.class, review, AmendmentFixture.ROOT);
    assertThat(changes).contains("\"toDefinitionId\":\"" + v2 + "\"", "Task_Review -> Task_ReviewRenamed",
        "\"user\":\"trial-manager\"", "Approved by the ethics committee");
    // the engine's own history of the migration carries the reason as a correction's records do
    assertThat(jdbc.queryForObject("select count(*) from UCBI_AUDIT_LOG where PROC_INST_ID = ? and ENTITY <> 'amendment'"
        + " and CHANGES like '%correctionReason%Approved by the ethics committee%'", Long.class, reviewRoot.getId()))
        .isPositive();
    assertThat(jdbc.queryForObject("select count(*) from UCBI_AUDIT_LOG where ENTITY = 'signature' and EVENT_TYPE = "
        + "'sign' and CHANGES like ?", Long.class, "%amendment " + AmendmentFixture.AMENDMENT_ID + " applied to " + called
        + "%")).isEqualTo(1);

    // re-consent: a task for the trial coordinators, due in 30 days, naming the child; they can see and complete it
    String taskId = child(report, review).reconsentTaskId();
    assertThat(taskId).isNotNull();
    assertThat(child(report, retired).reconsentTaskId()).isNull();
    engine.getIdentityService().setAuthentication("trial-coordinator", List.of("trial-coordinator"));
    Task task = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
    assertThat(task).as("visible to the trial coordinators").isNotNull();
    assertThat(task.getName()).contains(AmendmentFixture.AMENDMENT_ID, review);
    assertThat(task.getDueDate().toInstant()).isEqualTo(NOW.plus(java.time.Duration.ofDays(30)));
    engine.getTaskService().claim(taskId, "trial-coordinator");
    engine.getTaskService().complete(taskId);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).singleResult()
        .getEndTime()).isNotNull();
  }

  @Test
  void failureInTheMiddleOfAChildLeavesTheWholeChildOnItsOldVersions() {
    String called = childInCalledProcess();
    ProcessInstance root = root(called);
    ProcessInstance sub = sub(root);
    // the called instance's migration fails in the apply (after the root's, in the same transaction): a lost race
    ProcessEngine spied = Mockito.spy(engine);
    RuntimeService runtimeSpy = Mockito.spy(engine.getRuntimeService());
    Mockito.doReturn(runtimeSpy).when(spied).getRuntimeService();
    Map<String, Integer> executions = new HashMap<>();
    Mockito.doAnswer(call -> {
      MigrationPlanExecutionBuilder real = engine.getRuntimeService().newMigration(call.getArgument(0, MigrationPlan.class));
      AtomicReference<String> id = new AtomicReference<>();
      MigrationPlanExecutionBuilder builder = Mockito.mock(MigrationPlanExecutionBuilder.class);
      Mockito.when(builder.processInstanceIds(Mockito.<String>any())).thenAnswer(ids -> {
        id.set(ids.getArgument(0));
        real.processInstanceIds(id.get());
        return builder;
      });
      Mockito.doAnswer(x -> {
        if (executions.merge(id.get(), 1, Integer::sum) == 2 && id.get().equals(sub.getId())) {
          throw new org.camunda.bpm.engine.OptimisticLockingException("the called instance changed meanwhile");
        }
        real.execute();
        return null;
      }).when(builder).execute();
      return builder;
    }).when(runtimeSpy).newMigration(Mockito.any());
    AmendmentService failing = new AmendmentService(spied, records, transactionManager);

    MigrationReport report = asTrialManager(() -> failing.apply(amendment, List.of(called), "ethics approval",
        "trial-manager", "demo"));

    MigrationReport.Child child = child(report, called);
    assertThat(child.outcome()).isEqualTo(MigrationReport.FAILED);
    assertThat(child.explanation()).contains("unchanged on its old versions", "the called instance changed meanwhile");
    assertThat(root(called).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.ROOT, 0));
    assertThat(sub(root(called)).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.SUB, 0));
    assertThat(runtime.getVariable(root.getId(), "amendedBy")).isNull();
    assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.MIGRATED, called)).isZero();
    assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.NOT_MIGRATED, called)).isEqualTo(1);
    assertThat(engine.getTaskService().createTaskQuery().taskVariableValueEquals(
        AmendmentService.RECONSENT_SUBJECT_ID, called).count()).isZero();
  }

  @Test
  void wrongSignatureOrNoReasonChangesNothing() {
    String review = childAtReview();
    assertThatThrownBy(() -> asTrialManager(() -> service.apply(amendment, List.of(review), "ethics approval",
        "trial-manager", "wrong")))
        .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("signaturePassword");
    unlockTrialManager();
    assertThatThrownBy(() -> asTrialManager(() -> service.apply(amendment, List.of(review), "ethics approval",
        "auditor", "demo")))
        .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("signatureUserId");
    assertThatThrownBy(() -> asTrialManager(() -> service.apply(amendment, List.of(review), " ", "trial-manager",
        "demo")))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("reason: is required");
    assertThat(root(review).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.ROOT, 0));
    assertThat(auditRecords(AmendmentRecords.ENTITY, AmendmentRecords.MIGRATED, review)).isZero();
  }

  @Test
  void restApiIsTheTrialManagersAndAnswersProblemsNamingTheField() {
    EngineRest rest = new EngineRest(port);
    String review = childAtReview();
    EngineRest.Response list = rest.call("GET", "/api/amendments", "trial-manager", null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains(AmendmentFixture.AMENDMENT_ID, AmendmentRepositoryTest.FIRST);
    assertThat(rest.call("GET", "/api/amendments", "endocrinologist", null).status()).isEqualTo(403);
    assertThat(rest.call("GET", "/api/amendments", "auditor", null).status()).isEqualTo(403);
    assertThat(rest.call("GET", "/api/amendments", null, null).status()).isEqualTo(401);
    assertThat(rest.call("POST", "/api/amendments/2030-01-01-none/dry-run", "trial-manager", Map.of()).status())
        .isEqualTo(404);

    String path = "/api/amendments/" + AmendmentFixture.AMENDMENT_ID;
    EngineRest.Response dryRun = rest.call("POST", path + "/dry-run", "trial-manager", Map.of("subjectIds", List.of(review)));
    assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
    assertThat(dryRun.json().path("children").get(0).path("outcome").asText()).isEqualTo(MigrationReport.MIGRATES_PARTLY);

    EngineRest.Response noReason = rest.call("POST", path + "/apply", "trial-manager", Map.of("subjectIds", List.of(review),
        "signatureUserId", "trial-manager", "signaturePassword", "demo"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
    EngineRest.Response badId = rest.call("POST", path + "/apply", "trial-manager", Map.of("subjectIds", List.of("x y"),
        "reason", "r", "signatureUserId", "trial-manager", "signaturePassword", "demo"));
    assertThat(badId.json().path("field").asText()).isEqualTo("subjectIds[0]");
    EngineRest.Response wrong = rest.call("POST", path + "/apply", "trial-manager", Map.of("subjectIds", List.of(review),
        "reason", "ethics approval", "signatureUserId", "trial-manager", "signaturePassword", "nope"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().path("field").asText()).isEqualTo("signaturePassword");
    unlockTrialManager();
    assertThat(rest.call("POST", path + "/apply", "transplant-physician", Map.of("subjectIds", List.of(review),
        "reason", "r", "signatureUserId", "transplant-physician", "signaturePassword", "demo")).status()).isEqualTo(403);
    assertThat(root(review).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.ROOT, 0));

    EngineRest.Response applied = rest.call("POST", path + "/apply", "trial-manager", Map.of("subjectIds", List.of(review),
        "reason", "ethics approval 2027-01-20", "signatureUserId", "trial-manager", "signaturePassword", "demo"));
    assertThat(applied.status()).as(applied.body()).isEqualTo(200);
    assertThat(applied.json().path("children").get(0).path("outcome").asText()).isEqualTo(MigrationReport.MIGRATED_PARTLY);
    assertThat(root(review).getProcessDefinitionId()).isEqualTo(definition(AmendmentFixture.ROOT, 1));
  }
}

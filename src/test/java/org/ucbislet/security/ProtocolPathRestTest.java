package org.ucbislet.security;

import org.ucbislet.clinical.Groups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucbislet.support.EngineRest.typedVariables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.audit.CorrectionReasonFilter;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Issue 15 item 1: no path around the protocol. Each attack of the issue, and its neighbours, sent over REST as the
 * real demo users: refused with HTTP 400 that names what is refused, and nothing stored (no instance, no variable, no
 * moved token).
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ProtocolPathRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(5600);
  private static final String COORDINATOR = "trial-coordinator";
  private static final String ADMIN = "demo";
  private static final String START = "/engine-rest/process-definition/key/%s/start";

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private RepositoryService repository;
  @Autowired
  private IdentityService identity;
  @Autowired
  private org.camunda.bpm.engine.ManagementService management;

  private EngineRest rest;
  private String subjectId;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  @AfterEach
  void removeChild() {
    identity.clearAuthentication();
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private Map<String, Object> startBody(Map<String, Object> values, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("businessKey", subjectId);
    body.put("variables", typedVariables(values));
    body.putAll(extra);
    return body;
  }

  private static Map<String, Object> instruction(String type, String activityId) {
    return Map.of("type", type, "activityId", activityId);
  }

  private long storedInstances(String businessKey) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).count();
  }

  private static void assertRefused(Response response, int status, String naming) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().path("message").asText()).contains(naming);
    assertThat(response.body()).doesNotContain("at org.", "Exception:");
  }

  @Test
  void coordinatorCannotStartTheProtocolInsideTheTransplantStagesSkippingListenersAndMappings() {
    Response refused = rest.call("POST", START.formatted(ProtocolVariables.PROCESS_KEY), COORDINATOR,
        startBody(EngineRest.referral(subjectId), Map.of(
            "startInstructions", List.of(instruction("startBeforeActivity", ProtocolVariables.SUBPROCESS_TRANSPLANT_STAGES)),
            "skipCustomListeners", true, "skipIoMappings", true)));

    assertRefused(refused, 400, "startInstructions");
    assertThat(storedInstances(subjectId)).isZero();
  }

  @Test
  void coordinatorCannotStartBeforeScreeningWithANegativeWeightAndAMalformedSubjectId() {
    Map<String, Object> values = EngineRest.referral(subjectId);
    values.put(ProtocolVariables.WEIGHT_KG, -3.0);
    values.put(ProtocolVariables.SUBJECT_ID, "not-a-subject");

    Response refused = rest.call("POST", START.formatted(ProtocolVariables.PROCESS_KEY), COORDINATOR,
        startBody(values, Map.of("startInstructions", List.of(instruction("startBeforeActivity", ProtocolVariables.CALL_SCREENING)))));

    assertRefused(refused, 400, "startInstructions");
    assertThat(storedInstances(subjectId)).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().variableName(ProtocolVariables.SUBJECT_ID)
        .variableValueEquals(ProtocolVariables.SUBJECT_ID, "not-a-subject").count()).isZero();
  }

  @Test
  void isletLabCannotStartAnIsolationAtTheReleaseDecision() {
    String donorId = "OPO-PATH-" + subjectId;
    Response refused = rest.call("POST", START.formatted("isletIsolation"), "islet-lab", Map.of(
        "businessKey", donorId,
        "variables", typedVariables(Map.of("donorId", donorId, "ieqPerKg", 0.4, "infusionNumber", 1L)),
        "startInstructions", List.of(instruction("startBeforeActivity", "Task_DecideRelease"))));

    assertRefused(refused, 400, "startInstructions");
    assertThat(storedInstances(donorId)).isZero();
  }

  @Test
  void endocrinologistCannotStartAnAdverseEventAfterItsSeriousnessDecision() {
    Response refused = rest.call("POST", START.formatted("adverseEvent"), "endocrinologist", Map.of(
        "businessKey", subjectId,
        "variables", typedVariables(Map.of("subjectId", subjectId, "serious", false)),
        "startInstructions", List.of(instruction("startAfterActivity", "Task_AssessSeriousness"))));

    assertRefused(refused, 400, "startInstructions");
    assertThat(storedInstances(subjectId)).isZero();
  }

  @Test
  void startInstructionsAreRefusedByTheEngineItselfForEveryAuthenticatedCaller() {
    identity.setAuthentication(ADMIN, List.of(Groups.CAMUNDA_ADMIN.id()));

    assertThatThrownBy(() -> runtime.createProcessInstanceByKey(ProtocolVariables.PROCESS_KEY).businessKey(subjectId)
        .startBeforeActivity(ProtocolVariables.SUBPROCESS_TRANSPLANT_STAGES).setVariables(EngineRest.referral(subjectId))
        .execute())
        .isInstanceOf(ProtocolPathRefusedException.class).hasMessageContaining("startInstructions");
    identity.clearAuthentication();
    assertThat(storedInstances(subjectId)).isZero();
  }

  @Test
  void startFlagsAndVariablesInReturnAreRefusedEvenWithoutInstructions() {
    for (String flag : List.of("skipCustomListeners", "skipIoMappings", "withVariablesInReturn")) {
      Response refused = rest.call("POST", START.formatted(ProtocolVariables.PROCESS_KEY), COORDINATOR,
          startBody(EngineRest.referral(subjectId), Map.of(flag, true)));
      assertRefused(refused, 400, flag);
    }
    assertThat(storedInstances(subjectId)).isZero();
  }

  @Test
  void nobodyModifiesOrRestartsAChildsProtocolNotEvenTheAdministrator() {
    String protocolId = rest.enrol(subjectId);
    Map<String, String> reason = Map.of(CorrectionReasonFilter.HEADER, "moving the child to stage 1 (attack)");
    List<String> before = activeActivities(protocolId);

    Response modified = rest.callWithHeaders("POST", "/engine-rest/process-instance/" + protocolId + "/modification", ADMIN,
        Map.of("instructions", List.of(instruction("startBeforeActivity", ProtocolVariables.SUBPROCESS_TRANSPLANT_STAGES)),
            "skipCustomListeners", true), reason);
    assertRefused(modified, 400, "modification");

    Response batch = rest.callWithHeaders("POST", "/engine-rest/modification/execute", ADMIN, Map.of(
        "processDefinitionId", definitionId(), "processInstanceIds", List.of(protocolId),
        "instructions", List.of(Map.of("type", "cancel", "activityId", ProtocolVariables.CALL_SCREENING))), reason);
    assertRefused(batch, 400, "modification");
    assertThat(activeActivities(protocolId)).isEqualTo(before);

    runtime.deleteProcessInstance(protocolId, "ended for the restart attack");
    Response restarted = rest.callWithHeaders("POST", "/engine-rest/process-definition/" + definitionId() + "/restart", ADMIN,
        Map.of("processInstanceIds", List.of(protocolId),
            "instructions", List.of(instruction("startBeforeActivity", ProtocolVariables.SUBPROCESS_TRANSPLANT_STAGES))), reason);
    assertRefused(restarted, 400, "Restarting");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId)
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).count()).as("no restarted protocol").isOne();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
  }

  @Test
  void aProtocolIsNeverDeletedSkippingItsListenersMappingsOrCalledProcesses() {
    String protocolId = rest.enrol(subjectId);
    Map<String, String> reason = Map.of(CorrectionReasonFilter.HEADER, "cancelled without listeners (attack)");

    for (String flag : List.of("skipCustomListeners", "skipIoMappings", "skipSubprocesses")) {
      Response deleted = rest.callWithHeaders("DELETE", "/engine-rest/process-instance/" + protocolId + "?" + flag + "=true",
          ADMIN, null, reason);
      assertRefused(deleted, 400, flag);
    }
    Response batch = rest.callWithHeaders("POST", "/engine-rest/process-instance/delete", ADMIN,
        Map.of("processInstanceIds", List.of(protocolId), "deleteReason", "attack", "skipCustomListeners", true), reason);
    assertRefused(batch, 400, "skipCustomListeners");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(protocolId).count()).isOne();
  }

  @Test
  void nobodySetsVariablesOfManyChildrenAtOnceAroundTheCorrectionRules() {
    String protocolId = rest.enrol(subjectId);
    Object weightBefore = runtime.getVariable(protocolId, "weightKg");
    Response batch = rest.callWithHeaders("POST", "/engine-rest/process-instance/variables-async", ADMIN, Map.of(
        "processInstanceIds", List.of(protocolId),
        "variables", typedVariables(Map.of("weightKg", -3.0))),
        Map.of(CorrectionReasonFilter.HEADER, "many children at once (attack)"));
    assertRefused(batch, 400, "variables-async");
    assertThat(runtime.getVariable(protocolId, "weightKg")).isEqualTo(weightBefore);
    assertThat(management.createBatchQuery().count()).as("no batch created").isZero();
  }

  @Test
  void signalsAndDirectMessageTriggersAreRefused() {
    String protocolId = rest.enrol(subjectId);

    for (String user : List.of(ADMIN, COORDINATOR)) {
      assertRefused(rest.call("POST", "/engine-rest/signal", user, Map.of("name", "ConsentWithdrawn",
          "variables", typedVariables(Map.of("withdrawalReason", "attack")))), 400, "Signals");
    }
    String execution = runtime.createExecutionQuery().processInstanceId(protocolId)
        .messageEventSubscriptionName(ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN).singleResult().getId();
    assertRefused(rest.call("POST", "/engine-rest/execution/" + execution + "/messageSubscriptions/"
        + ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN + "/trigger", ADMIN, Map.of()), 400, "message subscription");
    assertRefused(rest.call("POST", "/engine-rest/execution/" + execution + "/signal", ADMIN, Map.of()), 400, "Signals");

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(protocolId).count()).isOne();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(protocolId)
        .activityId(ProtocolVariables.END_WITHDRAWN).count()).isZero();
  }

  private String definitionId() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY).latestVersion()
        .singleResult().getId();
  }

  private List<String> activeActivities(String processInstanceId) {
    return runtime.getActiveActivityIds(processInstanceId).stream().sorted().toList();
  }
}

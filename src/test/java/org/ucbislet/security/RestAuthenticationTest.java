package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.EngineRest.typedVariables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.ucbislet.support.ScreeningCriteria;

/**
 * Authentication and authorization through the real REST API (design.md sections 2 and 4): HTTP Basic
 * on {@code /engine-rest/*} and {@code /api/*} (401 without or with wrong credentials), the engine's
 * authorizations decide the rest (403), and no error answer shows a stack trace.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class RestAuthenticationTest {

  private static final String DEMO_PASSWORD = "demo";
  private static final String ADMIN = "demo";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(1000);

  @LocalServerPort
  private int port;
  @Autowired
  private IdentityService identityService;
  private EngineRest rest;

  @BeforeEach
  void setUpRest() {
    rest = new EngineRest(port);
  }

  // --- 401: authentication ---------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/task", "/engine-rest/process-definition", "/api/anything", "/api/audit/export"})
  void requestWithoutCredentialsIsUnauthorized(String path) {
    Response response = rest.call("GET", path, null, null, null);

    assertThat(response.status()).isEqualTo(401);
    assertNoStackTrace(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/task", "/engine-rest/process-definition", "/api/anything"})
  void requestWithWrongPasswordIsUnauthorized(String path) {
    // a user of its own: a failed login makes the engine delay that user's next logins (brute-force
    // protection), which would lock a demo user out of the other tests for some seconds
    String user = "wrongpw" + SUBJECTS.incrementAndGet();
    User account = identityService.newUser(user);
    account.setPassword(DEMO_PASSWORD);
    identityService.saveUser(account);
    identityService.createMembership(user, Groups.ENDOCRINOLOGIST.id());
    try {
      assertThat(rest.call("GET", path, user, DEMO_PASSWORD, null).status()).isNotEqualTo(401); // the control

      Response response = rest.call("GET", path, user, "not-the-password", null);

      assertThat(response.status()).isEqualTo(401);
      assertNoStackTrace(response);
    } finally {
      identityService.deleteUser(user);
    }
  }

  @Test
  void requestForUnknownUserIsUnauthorized() {
    Response response = rest.call("GET", "/engine-rest/task", "nobody-" + SUBJECTS.incrementAndGet(), DEMO_PASSWORD, null);

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void startWithoutCredentialsIsUnauthorizedAndStartsNothing() {
    String subjectId = nextSubjectId();

    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        null, null, startBody(subjectId));

    assertThat(response.status()).isEqualTo(401);
    assertThat(historicInstances(subjectId)).isEmpty();
  }

  @Test
  void requestWithValidCredentialsIsAccepted() {
    Response response = rest.call("GET", "/engine-rest/process-definition?latestVersion=true&key=" + ProtocolVariables.PROCESS_KEY,
        Groups.TRIAL_COORDINATOR.id(), DEMO_PASSWORD, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).hasSize(1);
  }

  // --- 403: the engine's authorizations -----------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"psychologist", "auditor", "endocrinologist", "trial-manager"})
  void groupWithoutStartPermissionCannotStartProtocol(String user) {
    String subjectId = nextSubjectId();

    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        user, DEMO_PASSWORD, startBody(subjectId));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().path("type").asText()).isEqualTo("AuthorizationException");
    assertNoStackTrace(response);
    assertThat(historicInstances(subjectId)).isEmpty();
  }

  @Test
  void auditorCannotCompleteTask() {
    String taskId = childAtWorkUp();

    Response response = rest.call("POST", "/engine-rest/task/" + taskId + "/complete", Groups.AUDITOR.id(), DEMO_PASSWORD,
        Map.of("variables", typedVariables(eligibleWorkUp())));

    assertThat(response.status()).isEqualTo(403);
    assertNoStackTrace(response);
    assertTaskStillOpen(taskId);
  }

  @Test
  void trialManagerCannotCompleteTaskOfAnotherGroup() {
    String taskId = childAtWorkUp();

    Response response = rest.call("POST", "/engine-rest/task/" + taskId + "/complete", Groups.TRIAL_MANAGER.id(), DEMO_PASSWORD,
        Map.of("variables", typedVariables(eligibleWorkUp())));

    assertThat(response.status()).isEqualTo(403);
    assertNoStackTrace(response);
    assertTaskStillOpen(taskId);
  }

  @Test
  void trialManagerCannotClaimTaskOfAnotherGroup() {
    String taskId = childAtWorkUp();

    Response response = rest.call("POST", "/engine-rest/task/" + taskId + "/claim", Groups.TRIAL_MANAGER.id(), DEMO_PASSWORD,
        Map.of("userId", Groups.TRIAL_MANAGER.id()));

    assertThat(response.status()).isEqualTo(403);
    assertThat(rest.call("GET", "/engine-rest/task/" + taskId, ADMIN, DEMO_PASSWORD, null).json().path("assignee").isNull()).isTrue();
  }

  @Test
  void endocrinologistCannotCompleteTrialCoordinatorsConsentTask() {
    String consentTaskId = childAtConsent();

    Response response = rest.call("POST", "/engine-rest/task/" + consentTaskId + "/complete", Groups.ENDOCRINOLOGIST.id(),
        DEMO_PASSWORD, Map.of("variables", typedVariables(ScreeningCriteria.consentGiven())));

    assertThat(response.status()).isEqualTo(403);
    assertNoStackTrace(response);
    assertTaskStillOpen(consentTaskId);
  }

  @Test
  void candidateGroupMemberCanCompleteOwnTask() {
    String consentTaskId = childAtConsent();

    Response response = rest.call("POST", "/engine-rest/task/" + consentTaskId + "/complete", Groups.TRIAL_COORDINATOR.id(),
        DEMO_PASSWORD, Map.of("variables", rest.signedIfNeeded(consentTaskId, Groups.TRIAL_COORDINATOR.id(),
            typedVariables(ScreeningCriteria.consentGiven()))));

    assertThat(response.status()).isEqualTo(204);
  }

  // --- auditor: reads history, changes nothing ------------------------------------------------

  @Test
  void auditorReadsProcessHistory() {
    String subjectId = nextSubjectId();
    String instanceId = start(subjectId);

    Response response = rest.call("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + subjectId,
        Groups.AUDITOR.id(), DEMO_PASSWORD, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).hasSize(2); // ucbIsletProtocol and the screening it called, both keyed by the subject ID
    assertThat(response.json().findValuesAsText("processDefinitionKey"))
        .containsExactlyInAnyOrder(ProtocolVariables.PROCESS_KEY, ScreeningVariables.PROCESS_KEY);
    assertThat(response.json().findValuesAsText("id")).contains(instanceId);
  }

  @Test
  void auditorReadsActivityAndVariableHistory() {
    String subjectId = nextSubjectId();
    String instanceId = start(subjectId);

    Response activities = rest.call("GET", "/engine-rest/history/activity-instance?processInstanceId=" + instanceId,
        Groups.AUDITOR.id(), DEMO_PASSWORD, null);
    Response variables = rest.call("GET", "/engine-rest/history/variable-instance?processInstanceId=" + instanceId
        + "&variableName=" + ProtocolVariables.SUBJECT_ID, Groups.AUDITOR.id(), DEMO_PASSWORD, null);

    assertThat(activities.status()).isEqualTo(200);
    assertThat(activities.json().findValuesAsText("activityId"))
        .contains(ProtocolVariables.START_REFERRED, ProtocolVariables.CALL_SCREENING);
    assertThat(variables.status()).isEqualTo(200);
    assertThat(variables.json().get(0).path("value").asText()).isEqualTo(subjectId);
  }

  private static final String CORRECTION_REASON = "Auditor%20tries%20a%20correction";

  @Test
  void auditorCannotDeleteProcessInstance() {
    String subjectId = nextSubjectId();
    String instanceId = start(subjectId);

    // with a correction reason (org.ucbislet.audit.CorrectionReasonFilter), so that the engine's authorization decides
    Response response = rest.callWithHeaders("DELETE", "/engine-rest/process-instance/" + instanceId, Groups.AUDITOR.id(), null,
        Map.of(org.ucbislet.audit.CorrectionReasonFilter.HEADER, CORRECTION_REASON));

    assertThat(response.status()).isEqualTo(403);
    assertNoStackTrace(response);
    assertThat(rest.call("GET", "/engine-rest/process-instance/" + instanceId, ADMIN, DEMO_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test
  void auditorCannotChangeVariable() {
    String subjectId = nextSubjectId();
    String instanceId = start(subjectId);
    String variablePath = "/engine-rest/process-instance/" + instanceId + "/variables/" + ProtocolVariables.WEIGHT_KG;

    Response response = rest.callWithHeaders("PUT", variablePath, Groups.AUDITOR.id(), Map.of("value", 99.0, "type", "Double"),
        Map.of(org.ucbislet.audit.CorrectionReasonFilter.HEADER, CORRECTION_REASON));

    assertThat(response.status()).isEqualTo(403);
    assertNoStackTrace(response);
    assertThat(rest.call("GET", variablePath, ADMIN, DEMO_PASSWORD, null).json().path("value").asDouble()).isEqualTo(24.5);
  }

  @Test
  void auditorCannotDeleteHistory() {
    String subjectId = nextSubjectId();
    String instanceId = start(subjectId);
    rest.call("DELETE", "/engine-rest/process-instance/" + instanceId, ADMIN, DEMO_PASSWORD, null); // now history only

    Response response = rest.call("DELETE", "/engine-rest/history/process-instance/" + instanceId, Groups.AUDITOR.id(), DEMO_PASSWORD, null);

    assertThat(response.status()).isEqualTo(403);
    assertThat(historicInstances(subjectId)).isNotEmpty();
  }

  // --- no stack traces in error answers ---------------------------------------------------------

  @Test
  void notFoundAnswerHasNoStackTrace() {
    Response engine = rest.call("GET", "/engine-rest/task/no-such-task", ADMIN, DEMO_PASSWORD, null);
    Response api = rest.call("GET", "/api/no-such-resource", ADMIN, DEMO_PASSWORD, null);

    assertThat(engine.status()).isEqualTo(404);
    assertNoStackTrace(engine);
    assertThat(api.status()).isEqualTo(404);
    assertNoStackTrace(api);
  }

  @Test
  void malformedJsonAnswerHasNoStackTrace() {
    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        Groups.TRIAL_COORDINATOR.id(), DEMO_PASSWORD, "{\"variables\": {\"subjectId\": ");

    assertThat(response.status()).isEqualTo(400);
    assertNoStackTrace(response);
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void assertNoStackTrace(Response response) {
    assertThat(response.body())
        .doesNotContain("\tat ")
        .doesNotContain("at org.")
        .doesNotContain("at java.")
        .doesNotContainPattern("(?m)^\\s*at [\\w$.]+\\(")
        .doesNotContainPattern("[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error): ")
        .doesNotContainPattern("(?m)^[\\w$.]*Exception: ");
  }

  private void assertTaskStillOpen(String taskId) {
    assertThat(rest.call("GET", "/engine-rest/task/" + taskId, ADMIN, DEMO_PASSWORD, null).status()).isEqualTo(200);
  }

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  private JsonNode historicInstances(String subjectId) {
    return rest.call("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + subjectId, ADMIN, DEMO_PASSWORD, null)
        .json();
  }

  /** Enrols a child as the trial coordinator; answers the ucbIsletProtocol instance ID. */
  private String start(String subjectId) {
    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        Groups.TRIAL_COORDINATOR.id(), DEMO_PASSWORD, startBody(subjectId));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().path("id").asText();
  }

  /** A child whose consent is recorded (screening's first step): the work-up is open. */
  private String childAtWorkUp() {
    String subjectId = nextSubjectId();
    start(subjectId);
    rest.consent(subjectId);
    return task(subjectId, ScreeningVariables.TASK_WORK_UP);
  }

  /** A child just enrolled: screening starts with the informed consent. */
  private String childAtConsent() {
    String subjectId = nextSubjectId();
    start(subjectId);
    return task(subjectId, ScreeningVariables.TASK_CONSENT);
  }

  private String task(String subjectId, String taskDefinitionKey) {
    return rest.taskId(subjectId, taskDefinitionKey, ADMIN);
  }

  private static Map<String, Object> startBody(String subjectId) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, subjectId);
    values.put(ProtocolVariables.DATE_OF_BIRTH, "2016-05-01");
    values.put(ProtocolVariables.SEX, "female");
    values.put(ProtocolVariables.WEIGHT_KG, 24.5);
    values.put(ProtocolVariables.HEIGHT_CM, 121.0);
    values.put(ProtocolVariables.GENE_NAME, "FOXP3");
    values.put(ProtocolVariables.VARIANT_HGVS, "NM_014009.4:c.1150G>A");
    return Map.of("businessKey", subjectId, "variables", typedVariables(values));
  }

  private static Map<String, Object> eligibleWorkUp() {
    return ScreeningCriteria.eligibleWorkUp(2);
  }
}

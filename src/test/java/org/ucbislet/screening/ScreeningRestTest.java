package org.ucbislet.screening;

import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.support.ScreeningCriteria;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.EngineRest.typedVariables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * A referred child screened to each outcome through {@code /engine-rest} only, by the real demo users
 * of each group, as Tasklist would do it (claim, then complete with the form's variables; contract
 * names of design.md section 3). The outcome is read back from history as the auditor.
 */
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ScreeningRestTest {

  private static final String COORDINATOR = "trial-coordinator";
  private static final String ENDOCRINOLOGIST = "endocrinologist";
  private static final String PSYCHOLOGIST = "psychologist";
  private static final String MDT = "mdt";
  private static final String AUDITOR = "auditor";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(5000);

  @LocalServerPort
  private int port;
  private EngineRest rest;

  @BeforeEach
  void setUpRest() {
    rest = new EngineRest(port);
  }

  @Test
  void childPassingEveryStepGoesOnToHlaTypingInStage1() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);

    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, ScreeningCriteria.consentGiven());
    work(subjectId, ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, ScreeningCriteria.clinicalWorkUp());
    work(subjectId, ScreeningVariables.TASK_PSYCHOLOGICAL, PSYCHOLOGIST, Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, true));
    work(subjectId, ScreeningVariables.TASK_MDT, MDT, Map.of(ScreeningVariables.MDT_APPROVED_TRANSPLANT, true));

    assertThat(screeningEnd(subjectId)).isEqualTo(ScreeningVariables.END_PASSED);
    assertThat(historicValue(protocol, ScreeningVariables.ELIGIBLE).asBoolean()).isTrue();
    assertThat(historicValue(protocol, ScreeningVariables.SCREEN_FAILURE_REASON).asText()).isEmpty();
    // stage 1 starts under the same subject ID: the HLA laboratory's typing is the only open task
    assertThat(openTasks(subjectId)).singleElement().satisfies(task ->
        assertThat(task.path("taskDefinitionKey").asText()).isEqualTo(org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.TASK_RECORD_HLA_TYPING));
  }

  @Test
  void hivPositiveChildIsAScreenFailure() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);
    Map<String, Object> workUp = ScreeningCriteria.clinicalWorkUp();
    workUp.put(ScreeningVariables.HIV_POSITIVE, true);

    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, ScreeningCriteria.consentGiven());
    work(subjectId, ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, workUp);

    assertEndedAt(protocol, ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(screeningEnd(subjectId)).isEqualTo(ScreeningVariables.END_NOT_ELIGIBLE);
    assertThat(historicValue(protocol, ScreeningVariables.ELIGIBLE).asBoolean()).isFalse();
    assertThat(historicValue(protocol, ScreeningVariables.SCREEN_FAILURE_REASON).asText()).isEqualTo("HIV positive (exclusion)");
    assertThat(openTasks(subjectId)).isEmpty();
  }

  @Test
  void refusedConsentIsAScreenFailure() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);

    // consent comes first: without it there is no work-up
    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, Map.of(ScreeningVariables.CONSENT_OBTAINED, false,
        "guardianConsentSigned", false, "childAssent", "declined"));

    assertEndedAt(protocol, ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(screeningEnd(subjectId)).isEqualTo(ScreeningVariables.END_NO_CONSENT);
    assertThat(historicValue(protocol, ScreeningVariables.ELIGIBLE).asBoolean()).isFalse();
    assertThat(historicValue(protocol, ScreeningVariables.SCREEN_FAILURE_REASON).asText()).startsWith("Informed consent not obtained");
  }

  @Test
  void psychologicalDisorderEndsTheProcedure() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);

    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, ScreeningCriteria.consentGiven());
    work(subjectId, ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, ScreeningCriteria.clinicalWorkUp());
    work(subjectId, ScreeningVariables.TASK_PSYCHOLOGICAL, PSYCHOLOGIST, Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, false));

    assertEndedAt(protocol, ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(screeningEnd(subjectId)).isEqualTo(ScreeningVariables.END_PSYCHOLOGICALLY_UNFIT);
    assertThat(historicValue(protocol, ScreeningVariables.SCREEN_FAILURE_REASON).asText())
        .isEqualTo(ScreeningVariables.REASON_PSYCHOLOGICAL);
  }

  @Test
  void mdtDeclineIsAScreenFailure() {
    String subjectId = nextSubjectId();
    String protocol = enrol(subjectId);

    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, ScreeningCriteria.consentGiven());
    work(subjectId, ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, ScreeningCriteria.clinicalWorkUp());
    work(subjectId, ScreeningVariables.TASK_PSYCHOLOGICAL, PSYCHOLOGIST, Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, true));
    work(subjectId, ScreeningVariables.TASK_MDT, MDT, Map.of(ScreeningVariables.MDT_APPROVED_TRANSPLANT, false));

    assertEndedAt(protocol, ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(screeningEnd(subjectId)).isEqualTo(ScreeningVariables.END_MDT_DECLINED);
    assertThat(historicValue(protocol, ScreeningVariables.SCREEN_FAILURE_REASON).asText())
        .isEqualTo(ScreeningVariables.REASON_MDT_DECLINED);
  }

  @Test
  void eachStepIsRecordedWithTheUserWhoDidIt() {
    String subjectId = nextSubjectId();
    enrol(subjectId);
    work(subjectId, ScreeningVariables.TASK_CONSENT, COORDINATOR, ScreeningCriteria.consentGiven());
    work(subjectId, ScreeningVariables.TASK_WORK_UP, ENDOCRINOLOGIST, ScreeningCriteria.clinicalWorkUp());
    work(subjectId, ScreeningVariables.TASK_PSYCHOLOGICAL, PSYCHOLOGIST, Map.of(ScreeningVariables.PSYCHOLOGICALLY_FIT, true));
    work(subjectId, ScreeningVariables.TASK_MDT, MDT, Map.of(ScreeningVariables.MDT_APPROVED_TRANSPLANT, true));

    JsonNode tasks = rest.call("GET", "/engine-rest/history/task?processInstanceBusinessKey=" + subjectId
        + "&finished=true&sortBy=endTime&sortOrder=asc", AUDITOR, null).json(); // stage 1's HLA typing is still open

    assertThat(tasks.findValuesAsText("taskDefinitionKey")).containsExactly(ScreeningVariables.TASK_CONSENT,
        ScreeningVariables.TASK_WORK_UP, ScreeningVariables.TASK_PSYCHOLOGICAL, ScreeningVariables.TASK_MDT);
    assertThat(tasks.findValuesAsText("assignee")).containsExactly(COORDINATOR, ENDOCRINOLOGIST, PSYCHOLOGIST, MDT);
    assertThat(tasks.findValuesAsText("deleteReason")).containsOnly("completed");
  }

  // --- helpers --------------------------------------------------------------------------------

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  /** The trial coordinator enrols a referred child; answers the ucbIsletProtocol instance ID. */
  private String enrol(String subjectId) {
    return rest.enrol(subjectId);
  }

  /** The user finds the child's task in its own task list, claims it and completes it with the form's values. */
  private void work(String subjectId, String taskDefinitionKey, String user, Map<String, Object> values) {
    JsonNode tasks = rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId + "&taskDefinitionKey="
        + taskDefinitionKey, user, null).json();
    assertThat(tasks).as("%s sees %s of %s", user, taskDefinitionKey, subjectId).hasSize(1);
    String taskId = tasks.get(0).path("id").asText();

    Response claim = rest.call("POST", "/engine-rest/task/" + taskId + "/claim", user, Map.of("userId", user));
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    Response complete = rest.call("POST", "/engine-rest/task/" + taskId + "/submit-form", user, Map.of("variables",
        rest.signedIfNeeded(taskId, user, typedVariables(values))));
    assertThat(complete.status()).as(complete.body()).isIn(200, 204);
  }

  private void assertEndedAt(String protocolInstanceId, String endEventId) {
    JsonNode instance = rest.call("GET", "/engine-rest/history/process-instance/" + protocolInstanceId, AUDITOR, null).json();
    assertThat(instance.path("state").asText()).isEqualTo("COMPLETED");
    JsonNode end = rest.call("GET", "/engine-rest/history/activity-instance?processInstanceId=" + protocolInstanceId
        + "&activityId=" + endEventId, AUDITOR, null).json();
    assertThat(end).as("%s reached %s", protocolInstanceId, endEventId).hasSize(1);
    assertThat(end.get(0).path("endTime").isNull()).isFalse();
    assertThat(rest.call("GET", "/engine-rest/history/activity-instance?processInstanceId=" + protocolInstanceId
        + "&activityType=noneEndEvent", AUDITOR, null).json()).hasSize(1);
  }

  /** The end event where the child's screening (the called process) ended. */
  private String screeningEnd(String subjectId) {
    JsonNode screening = rest.call("GET", "/engine-rest/history/process-instance?processDefinitionKey=" + ScreeningVariables.PROCESS_KEY
        + "&processInstanceBusinessKey=" + subjectId, AUDITOR, null).json();
    assertThat(screening).hasSize(1);
    JsonNode ends = rest.call("GET", "/engine-rest/history/activity-instance?processInstanceId=" + screening.get(0).path("id").asText()
        + "&activityType=noneEndEvent", AUDITOR, null).json();
    assertThat(ends).hasSize(1);
    return ends.get(0).path("activityId").asText();
  }

  private JsonNode historicValue(String processInstanceId, String variableName) {
    JsonNode variables = rest.call("GET", "/engine-rest/history/variable-instance?processInstanceId=" + processInstanceId
        + "&variableName=" + variableName, AUDITOR, null).json();
    assertThat(variables).as("historic %s of %s", variableName, processInstanceId).hasSize(1);
    return variables.get(0).path("value");
  }

  private JsonNode openTasks(String subjectId) {
    return rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId, "demo", null).json();
  }
}

package org.ucbislet.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.safety.AdverseEventVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * Who may report an adverse event through the real REST API (design.md section 4): the trial coordinator, an
 * endocrinologist and a transplant physician start {@code adverseEvent} with message AdverseEventReported or
 * Tasklist's start form; every other group gets 403 from the engine; a bad report is 400 naming the field.
 */
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class AdverseEventRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(8800);

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;

  private EngineRest rest;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
  }

  /**
   * The Spring Boot tests share one application context and database: the reports started here are removed, so that
   * other tests' group task lists see no adverse event task (the history stays).
   */
  @AfterEach
  void removeReports() {
    runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list().stream()
        .filter(p -> p.getBusinessKey() != null && p.getBusinessKey().startsWith("UCBI-88"))
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private static String nextSubjectId() {
    return "UCBI-" + SUBJECTS.incrementAndGet();
  }

  private static Map<String, Object> report(String subjectId, int grade) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(SUBJECT_ID, subjectId);
    v.put(AE_TERM, "opportunistic-infection-post-transplant");
    v.put(AE_ONSET_DATE, "2026-01-10");
    v.put(AE_AWARENESS_DATE, "2026-01-10T09:30+08:00");
    v.put(CTCAE_GRADE, grade);
    v.put(LIFE_THREATENING, false);
    v.put(HOSPITALIZATION, true);
    v.put(PERSISTENT_DISABILITY, false);
    v.put(CONGENITAL_ANOMALY, false);
    v.put(IMPORTANT_MEDICAL_EVENT, false);
    v.put(UNEXPECTED, false);
    v.put(RELATED_TO_INTERVENTION, true);
    v.put(AE_DESCRIPTION, "CMV reactivation with fever, admitted for ganciclovir");
    return v;
  }

  private Response sendMessage(String user, String subjectId, Map<String, Object> values) {
    return rest.call("POST", "/engine-rest/message", user, Map.of("messageName", MESSAGE_ADVERSE_EVENT_REPORTED,
        "businessKey", subjectId, "processVariables", EngineRest.variables(values)));
  }

  private long reports(String subjectId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(subjectId)
        .count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"trial-coordinator", "endocrinologist", "transplant-physician"})
  void reportingGroupStartsAnAdverseEventByMessage(String user) {
    String subjectId = nextSubjectId();

    assertThat(sendMessage(user, subjectId, report(subjectId, 3)).status()).isEqualTo(204);

    ProcessInstance ae = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).singleResult();
    assertThat(ae).isNotNull();
    assertThat(runtime.getVariable(ae.getId(), REPORTED_BY)).isEqualTo(user);
    assertThat(runtime.getVariable(ae.getId(), SERIOUS)).isEqualTo(true);
    // the investigator finds the 24-hour report by the subject ID; the reporter's group sees only its own tasks
    JsonNode initial = rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId + "&taskDefinitionKey="
        + TASK_SUBMIT_INITIAL_SAE_REPORT, "transplant-physician", null).json();
    assertThat(initial).hasSize(1);
    assertThat(initial.get(0).path("due").asText()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"psychologist", "mdt", "hla-lab", "islet-lab", "trial-manager", "auditor"})
  void otherGroupsMayNotReport(String user) {
    String subjectId = nextSubjectId();

    Response response = sendMessage(user, subjectId, report(subjectId, 2));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("\tat ");
    assertThat(reports(subjectId)).isZero();
  }

  @Test
  void reportWithoutCredentialsIsUnauthorized() {
    String subjectId = nextSubjectId();
    Response response = rest.call("POST", "/engine-rest/message", null, null, Map.of("messageName",
        MESSAGE_ADVERSE_EVENT_REPORTED, "businessKey", subjectId, "processVariables", EngineRest.variables(report(subjectId, 2))));

    assertThat(response.status()).isEqualTo(401);
    assertThat(reports(subjectId)).isZero();
  }

  @Test
  void badReportIsRefusedWith400NamingTheFieldAndNothingIsStored() {
    String subjectId = nextSubjectId();
    Map<String, Object> values = report(subjectId, 7);
    values.remove(UNEXPECTED);

    Response response = sendMessage("endocrinologist", subjectId, values);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("type").asText()).isEqualTo("FormValidationException");
    assertThat(response.json().path("message").asText()).contains("Form 'adverse-event-report' rejected")
        .contains(CTCAE_GRADE).contains(UNEXPECTED);
    assertThat(reports(subjectId)).isZero();
  }

  @Test
  void tasklistStartFormReportsTheSameWay() {
    String subjectId = nextSubjectId();
    JsonNode definition = rest.call("GET", "/engine-rest/process-definition/key/" + PROCESS_KEY, "endocrinologist", null).json();
    JsonNode startForm = rest.call("GET", "/engine-rest/process-definition/" + definition.path("id").asText() + "/startForm",
        "endocrinologist", null).json();
    assertThat(startForm.path("camundaFormRef").path("key").asText()).isEqualTo(FORM_REPORT);

    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form",
        "endocrinologist", Map.of("variables", EngineRest.variables(report(subjectId, 2))));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("businessKey").asText()).isEqualTo(subjectId);
    assertThat(rest.call("POST", "/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form", "psychologist",
        Map.of("variables", EngineRest.variables(report(nextSubjectId(), 2)))).status()).isEqualTo(403);
  }
}

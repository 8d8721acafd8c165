package org.ucbislet.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.protocol.RecordProtocolEndListener;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.islettransplant.IsletTransplantVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.ucbislet.support.ScreeningCriteria;

/**
 * Issue 15 item 4: the server accepts exactly the form's fields. Variables that are not on the form are refused with
 * 400 naming them and nothing is stored, for task completions, start forms and message starts; read-only fields may
 * be sent back only unchanged.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class FormSubmissionRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(5700);
  private static final String COORDINATOR = "trial-coordinator";

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private TaskService tasks;
  @Autowired
  private ManagementService management;

  private EngineRest rest;
  private String subjectId;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  @AfterEach
  void removeChild() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private static void assertRefusedNaming(Response response, String... fields) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    for (String field : fields) {
      assertThat(response.json().path("message").asText()).contains(field + ": is not a field of form");
    }
  }

  /** The form check lets exactly the electronic signature's transient fields through, as the audit package names them. */
  @Test
  void signatureFieldsAreTheAuditPackagesFields() {
    org.assertj.core.api.Assertions.assertThat(FormSubmissionGuardPlugin.SIGNATURE_FIELDS)
        .containsExactlyInAnyOrderElementsOf(org.ucbislet.audit.SignatureFields.ALL);
  }

  @Test
  void aWorkUpCannotOverwriteTheChildsBirthDate() {
    String protocolId = rest.enrol(subjectId);
    rest.consent(subjectId);
    Map<String, Object> workUp = ScreeningCriteria.clinicalWorkUp();
    workUp.put(ProtocolVariables.DATE_OF_BIRTH, "2000-01-01");

    Response refused = rest.complete(subjectId, "endocrinologist", workUp);

    assertRefusedNaming(refused, ProtocolVariables.DATE_OF_BIRTH);
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.DATE_OF_BIRTH)).isEqualTo("2014-02-11");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(subjectId)
        .taskDefinitionKey(ScreeningVariables.TASK_WORK_UP).count()).as("the work-up stays open").isOne();
  }

  @Test
  void anEnrolmentCannotDeclareTheChildEligibleOrEndTheProtocol() {
    Map<String, Object> values = new LinkedHashMap<>(EngineRest.referral(subjectId));
    values.put(ScreeningVariables.ELIGIBLE, true);
    values.put(RecordProtocolEndListener.PROTOCOL_END, "Protocol completed");

    Response refused = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form",
        COORDINATOR, Map.of("businessKey", subjectId, "variables", EngineRest.typedVariables(values)));

    assertRefusedNaming(refused, ScreeningVariables.ELIGIBLE, RecordProtocolEndListener.PROTOCOL_END);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
    Response viaStart = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        COORDINATOR, Map.of("businessKey", subjectId, "variables", EngineRest.typedVariables(values)));
    assertRefusedNaming(viaStart, ScreeningVariables.ELIGIBLE);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
  }

  @Test
  void aPancreasOfferCannotCarryReleaseValues() {
    String donorId = "OPO-FORM-" + subjectId.substring(5);
    Map<String, Object> offer = new LinkedHashMap<>();
    offer.put(IsletIsolationVariables.DONOR_ID, donorId);
    offer.put("donorAgeYears", 42.0);
    offer.put("donorBmi", 24.5);
    offer.put("donorHba1cPercent", 5.4);
    offer.put("coldIschemiaHours", 7.5);
    offer.put("donationAfterCardiacDeath", false);
    offer.put("donorDiabetes", false);
    offer.put("infectionMarkersNormal", true);
    offer.put("donorMalignancy", false);
    offer.put("ieqPerKg", 0.4);

    Response refused = rest.call("POST", "/engine-rest/message", "islet-lab", Map.of(
        "messageName", IsletIsolationVariables.MESSAGE_PANCREAS_OFFERED, "processVariables", EngineRest.variables(offer)));

    assertRefusedNaming(refused, "ieqPerKg");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(donorId).count()).isZero();
  }

  @Test
  void aReadOnlyFieldMayBeSentBackOnlyWithTheEnginesValue() {
    String transplant = runtime.startProcessInstanceByKey(IsletIsolationVariables.TRANSPLANT_PROCESS_KEY, subjectId,
        Map.of(ProtocolVariables.SUBJECT_ID, subjectId, IsletIsolationVariables.RECIPIENT_WEIGHT_KG, 24.0)).getId();
    List<Job> timers = management.createJobQuery().processInstanceId(transplant).timers().list();
    assertThat(timers).as("the candidacy review timer").hasSize(1);
    management.executeJob(timers.get(0).getId());
    String review = rest.taskId(subjectId, IsletTransplantVariables.TASK_REVIEW_CANDIDACY, "mdt");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(IsletTransplantVariables.CANDIDACY_REVIEW_DATE, "2026-11-30");
    answer.put("stillIsletCandidate", true);
    // the candidacy review weighs the child (weightKg with weightDate) and shows the infusion number read-only
    answer.put(org.ucbislet.clinical.DosingWeight.WEIGHT_KG, 24.5);
    answer.put(org.ucbislet.clinical.DosingWeight.WEIGHT_DATE, "2026-11-30");
    Object infusionNumber = runtime.getVariable(transplant, IsletIsolationVariables.RECIPIENT_INFUSION_NUMBER);
    answer.put(IsletIsolationVariables.RECIPIENT_INFUSION_NUMBER, 7);

    Response refused = rest.call("POST", "/engine-rest/task/" + review + "/submit-form", "mdt",
        Map.of("variables", EngineRest.variables(answer)));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("infusionNumber: is read-only");
    assertThat(runtime.getVariable(transplant, IsletIsolationVariables.RECIPIENT_INFUSION_NUMBER)).isEqualTo(infusionNumber);

    answer.put(IsletIsolationVariables.RECIPIENT_INFUSION_NUMBER, infusionNumber);
    Response accepted = rest.call("POST", "/engine-rest/task/" + review + "/submit-form", "mdt",
        Map.of("variables", EngineRest.variables(answer)));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
  }

  @Test
  void anAdministratorsCorrectionPassesTheSameRulesAsTheForms() {
    String protocolId = rest.enrol(subjectId);
    Map<String, String> reason = Map.of(org.ucbislet.audit.CorrectionReasonFilter.HEADER, "weight typed wrongly at enrolment");
    String path = "/engine-rest/process-instance/" + protocolId + "/variables/" + ProtocolVariables.WEIGHT_KG;

    Response refused = rest.callWithHeaders("PUT", path, "demo", Map.of("value", -3.0, "type", "Double"), reason);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("weightKg (Weight (kg)): must be at least 0.5, was -3");
    Response modified = rest.callWithHeaders("POST", "/engine-rest/process-instance/" + protocolId + "/variables", "demo",
        Map.of("modifications", Map.of(ProtocolVariables.WEIGHT_KG, Map.of("value", 400.0, "type", "Double"))), reason);
    assertThat(modified.status()).as(modified.body()).isEqualTo(400);
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.WEIGHT_KG)).isEqualTo(31.0);

    Response corrected = rest.callWithHeaders("PUT", path, "demo", Map.of("value", 32.5, "type", "Double"), reason);
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(204);
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.WEIGHT_KG)).isEqualTo(32.5);
  }

  /** Issue 15 item 5: a correction of a clinical date passes the same date rules as the forms. */
  @Test
  void anAdministratorsCorrectionOfADatePassesTheClinicalDateRules() {
    String protocolId = rest.enrol(subjectId);
    Map<String, String> reason = Map.of(org.ucbislet.audit.CorrectionReasonFilter.HEADER, "birth date typed wrongly");
    String path = "/engine-rest/process-instance/" + protocolId + "/variables/" + ProtocolVariables.DATE_OF_BIRTH;
    String tomorrow = org.ucbislet.support.CalendarDayClock.today().plusDays(1).toString();

    Response future = rest.callWithHeaders("PUT", path, "demo", Map.of("value", tomorrow, "type", "String"), reason);
    assertThat(future.status()).as(future.body()).isEqualTo(400);
    assertThat(future.json().path("message").asText()).contains("dateOfBirth").contains("must not be in the future");
    Response tooOld = rest.callWithHeaders("PUT", path, "demo", Map.of("value", "2001-01-01", "type", "String"), reason);
    assertThat(tooOld.status()).as(tooOld.body()).isEqualTo(400);
    assertThat(tooOld.json().path("message").asText()).contains("dateOfBirth").contains("years old at referral");
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.DATE_OF_BIRTH)).isEqualTo("2014-02-11");

    Response corrected = rest.callWithHeaders("PUT", path, "demo", Map.of("value", "2014-02-12", "type", "String"), reason);
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(204);
    assertThat(runtime.getVariable(protocolId, ProtocolVariables.DATE_OF_BIRTH)).isEqualTo("2014-02-12");
  }
}

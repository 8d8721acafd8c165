package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.EngineRest.typedVariables;
import static org.ucbislet.support.EngineRest.variables;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.audit.CorrectionReasonFilter;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.safety.AdverseEventVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * The protocol's clinical event messages through the engine's own {@code POST /engine-rest/message}, by the real demo
 * users (design.md section 4): the trial coordinator withdraws consent; the three reporters of adverse events report an
 * event or a death of a child in the protocol; every other group is refused by the engine (403) and nothing changes; a
 * body that correlates otherwise than by the subject ID or carries foreign variables is 400 naming the field; the
 * sender gains no other right on the child's process.
 */
@ExtendWith({CalendarDayClock.class, OutputCaptureExtension.class})
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class ProtocolEventMessageRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(6500);
  private static final String COORDINATOR = "trial-coordinator";

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private TaskService tasks;

  private EngineRest rest;
  private String subjectId;
  private String protocolId;

  @BeforeEach
  void enrol() {
    rest = new EngineRest(port);
    subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
    protocolId = rest.enrol(subjectId);
  }

  /** The Spring Boot tests share one database: this child's instances go, so other tests' task lists stay as they expect. */
  @AfterEach
  void removeChild() {
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId).rootProcessInstances().list()
        .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up"));
  }

  private Response send(String user, String message, Map<String, ?> processVariables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageName", message);
    body.put("businessKey", subjectId);
    body.put("processVariables", variables(processVariables));
    return rest.call("POST", "/engine-rest/message", user, body);
  }

  private boolean protocolRunning() {
    return runtime.createProcessInstanceQuery().processInstanceId(protocolId).count() == 1;
  }

  private boolean passed(String activityId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(protocolId).activityId(activityId).count() > 0;
  }

  @Test
  void trialCoordinatorWithdrawsConsentAndEveryOpenTaskOfTheChildIsCancelled() {
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(subjectId).count()).as("the work-up is open").isOne();

    Response withdrawn = send(COORDINATOR, ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN,
        Map.of(ProtocolVariables.WITHDRAWAL_REASON, "Parents declined the transplant"));

    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(204);
    assertThat(protocolRunning()).isFalse();
    assertThat(passed(ProtocolVariables.END_WITHDRAWN)).isTrue();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(subjectId).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protocolId)
        .variableName(ProtocolVariables.WITHDRAWAL_RECORDED_BY).singleResult().getValue()).isEqualTo(COORDINATOR);
  }

  @Test
  void onlyTheTrialCoordinatorMayWithdrawConsentOthersGet403AndNothingChanges() {
    for (String user : List.of("endocrinologist", "psychologist", "mdt", "transplant-physician", "trial-manager", "auditor")) {
      Response refused = send(user, ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN, Map.of());
      assertThat(refused.status()).as("%s: %s", user, refused.body()).isEqualTo(403);
    }
    assertThat(rest.call("POST", "/engine-rest/message", null, Map.of("messageName", "ConsentWithdrawn",
        "businessKey", subjectId)).status()).isEqualTo(401);
    assertThat(protocolRunning()).isTrue();
    assertThat(passed(ProtocolVariables.END_WITHDRAWN)).isFalse();
  }

  @Test
  void reportersReportAnAdverseEventOfAChildInTheProtocolAndItRunsAsItsOwnInstance() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put(AdverseEventVariables.SUBJECT_ID, subjectId);
    report.put(AdverseEventVariables.AE_TERM, "allergic-reaction");
    report.put(AdverseEventVariables.AE_ONSET_DATE, "2025-10-02");
    report.put(AdverseEventVariables.AE_AWARENESS_DATE, "2025-10-02T16:45+08:00");
    report.put(AdverseEventVariables.CTCAE_GRADE, 2);
    for (String criterion : List.of(AdverseEventVariables.LIFE_THREATENING, AdverseEventVariables.HOSPITALIZATION,
        AdverseEventVariables.PERSISTENT_DISABILITY, AdverseEventVariables.CONGENITAL_ANOMALY,
        AdverseEventVariables.IMPORTANT_MEDICAL_EVENT, AdverseEventVariables.UNEXPECTED,
        AdverseEventVariables.RELATED_TO_INTERVENTION)) {
      report.put(criterion, false);
    }
    report.put(AdverseEventVariables.AE_DESCRIPTION, "Urticaria after a contrast agent, settled with an antihistamine");

    Response reported = send("endocrinologist", AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED, report);

    assertThat(reported.status()).as(reported.body()).isEqualTo(204);
    assertThat(protocolRunning()).as("non-interrupting").isTrue();
    assertThat(passed(ProtocolVariables.END_ADVERSE_EVENT_REPORT_OPENED)).isTrue();
    var ae = runtime.createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).singleResult();
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.REPORTED_BY)).isEqualTo("endocrinologist");
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.SERIOUS)).isEqualTo(false);

    Response psychologist = send("psychologist", AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED, report);
    assertThat(psychologist.status()).as(psychologist.body()).isEqualTo(403);
  }

  @Test
  void transplantPhysicianReportsADeathTheProtocolEndsAndTheDeathIsASeriousAdverseEvent() {
    Response deceased = send("transplant-physician", ProtocolVariables.MESSAGE_PATIENT_DECEASED,
        Map.of(ProtocolVariables.CAUSE_OF_DEATH, "Cardiac arrest during sepsis"));

    assertThat(deceased.status()).as(deceased.body()).isEqualTo(204);
    assertThat(passed(ProtocolVariables.END_DECEASED)).isTrue();
    var ae = runtime.createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).singleResult();
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.CTCAE_GRADE)).isEqualTo(5);
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.SERIOUS)).isEqualTo(true);
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.EXPEDITED_REPORT_DAYS))
        .as("cause unassessed: unexpected and related until the investigator says otherwise").isEqualTo(7);
    assertThat(runtime.getVariable(ae.getId(), AdverseEventVariables.REPORTED_BY)).isEqualTo("transplant-physician");
  }

  @Test
  void bodiesThatCorrelateOtherwiseOrCarryForeignVariablesAre400NamingTheField() {
    Response foreign = send(COORDINATOR, ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN, Map.of("eligible", false));
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.json().path("field").asText()).isEqualTo("processVariables.eligible");
    assertThat(foreign.json().path("detail").asText()).contains("withdrawalDate").contains("withdrawalReason");

    Response byInstance = rest.call("POST", "/engine-rest/message", COORDINATOR, Map.of("messageName", "ConsentWithdrawn",
        "businessKey", subjectId, "processInstanceId", protocolId));
    assertThat(byInstance.status()).isEqualTo(400);
    assertThat(byInstance.json().path("field").asText()).isEqualTo("processInstanceId");

    Response all = rest.call("POST", "/engine-rest/message", "endocrinologist", Map.of("messageName", "AdverseEventReported",
        "businessKey", subjectId, "all", true));
    assertThat(all.status()).isEqualTo(400);
    assertThat(all.json().path("field").asText()).isEqualTo("all");

    Response readVariables = rest.call("POST", "/engine-rest/message", COORDINATOR, Map.of("messageName", "ConsentWithdrawn",
        "businessKey", subjectId, "resultEnabled", true, "variablesInResultEnabled", true));
    assertThat(readVariables.status()).isEqualTo(400);
    assertThat(readVariables.json().path("field").asText()).isEqualTo("variablesInResultEnabled");

    Response noKey = rest.call("POST", "/engine-rest/message", COORDINATOR, Map.of("messageName", "ConsentWithdrawn"));
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noKey.json().path("field").asText()).isEqualTo("businessKey");

    Response futureDate = send(COORDINATOR, ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN,
        Map.of(ProtocolVariables.WITHDRAWAL_DATE, "2099-01-01"));
    assertThat(futureDate.status()).as(futureDate.body()).isEqualTo(400);
    assertThat(futureDate.body()).contains("withdrawalDate").contains("future");

    assertThat(protocolRunning()).isTrue();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protocolId).variableName("withdrawalDate").count())
        .as("nothing stored").isZero();
  }

  /** Issue 15 item 5: the child of {@link EngineRest#referral} was born on 2014-02-11. */
  @Test
  void aDeathBeforeTheBirthOrInTheFutureIsRefusedNamingTheFieldAndNothingChanges(CapturedOutput log) {
    String tomorrow = CalendarDayClock.today().plusDays(1).toString();
    for (String dateOfDeath : List.of("2001-01-01", tomorrow)) {
      Response refused = send("transplant-physician", ProtocolVariables.MESSAGE_PATIENT_DECEASED,
          Map.of(ProtocolVariables.DATE_OF_DEATH, dateOfDeath, ProtocolVariables.CAUSE_OF_DEATH, "Sepsis"));

      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(dateOfDeath).contains("dateOfDeath")
          .contains(dateOfDeath.equals(tomorrow) ? "must not be in the future" : "must not be before dateOfBirth 2014-02-11")
          .doesNotContain("Exception");
    }
    // Tasklist's death report delivers the same message from inside the engine: refused by the same message rules
    Map<String, Object> death = Map.of("subjectId", subjectId, ProtocolVariables.DATE_OF_DEATH, "2001-01-01",
        ProtocolVariables.CAUSE_OF_DEATH, "Sepsis", "deathUnexpected", "yes", "deathRelatedToIntervention", "no");
    Response form = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.DEATH_REPORT_PROCESS_KEY
        + "/submit-form", "endocrinologist", Map.of("variables", rest.startSignedIfNeeded(
            ProtocolVariables.DEATH_REPORT_PROCESS_KEY, "endocrinologist", typedVariables(death))));
    assertThat(form.status()).as(form.body()).isEqualTo(400);
    assertThat(form.json().path("message").asText()).contains("dateOfDeath").contains("must not be before dateOfBirth 2014-02-11");

    assertThat(protocolRunning()).isTrue();
    assertThat(passed(ProtocolVariables.END_DECEASED)).isFalse();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(protocolId)
        .variableName(ProtocolVariables.DATE_OF_DEATH).count()).as("nothing stored").isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).count()).as("no death report opened").isZero();
    assertThat(log.getAll()).as("the log names the field, never the refused value nor a stack trace")
        .doesNotContain("2001-01-01").doesNotContain("ENGINE-REST-HTTP500");
  }

  /** Issue 15 item 5: a chimerism result passes the chimerism form's value rules and the date rules. */
  @Test
  void aChimerismResultOutsideTheFormsRulesIsRefusedNamingTheFieldAndTheStageWaits() {
    var stage1 = runtime.createProcessInstanceByKey(CordBloodTransplantVariables.PROCESS_KEY).businessKey(subjectId)
        .startBeforeActivity("Task_AwaitChimerismResult")
        .setVariable("chimerismSchedule", List.of("2025-10-30")).setVariable(ProtocolVariables.SUBJECT_ID, subjectId)
        .setVariable(CordBloodTransplantVariables.CORD_BLOOD_INFUSION_DATE, "2025-10-01")
        .setVariable(CordBloodTransplantVariables.NEUTROPHIL_ENGRAFTED, false).execute();

    Response percent = send("hla-lab", CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED,
        Map.of(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 150.0,
            CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, "2025-11-02"));
    assertThat(percent.status()).as(percent.body()).isEqualTo(400);
    assertThat(percent.json().path("message").asText()).contains("donorChimerismPercent").contains("at most 100");

    Response beforeInfusion = send("hla-lab", CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED,
        Map.of(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 97.5,
            CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, "2025-09-02"));
    assertThat(beforeInfusion.status()).as(beforeInfusion.body()).isEqualTo(400);
    assertThat(beforeInfusion.json().path("message").asText()).contains("chimerismResultDate")
        .contains("must not be before cordBloodInfusionDate 2025-10-01");

    // Tasklist's start form "Record a chimerism result" sends the same message from inside the engine: the same rules,
    // submitted as Tasklist encodes it (form-js holds a date as an ISO string and a number as a number, both untyped)
    Response tasklist = rest.call("POST", "/engine-rest/process-definition/key/"
        + CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY + "/submit-form", "hla-lab", Map.of("variables",
        rest.startSignedIfNeeded(CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY, "hla-lab", variables(Map.of(
            ProtocolVariables.SUBJECT_ID, subjectId, CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 97.5,
            CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, "2025-09-02")))));
    assertThat(tasklist.status()).as(tasklist.body()).isEqualTo(400);
    assertThat(tasklist.json().path("message").asText()).contains("chimerismResultDate")
        .contains("must not be before cordBloodInfusionDate 2025-10-01").doesNotContain("Exception");
    assertThat(history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY).processInstanceBusinessKey(subjectId)
        .count()).as("no chimerism entry stored").isZero();

    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stage1.getId())
        .activityId("Task_AwaitChimerismResult").finished().count()).as("still waiting").isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(stage1.getId())
        .variableName(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT).list()).as("nothing stored (the sub-process "
        + "declares the variable empty)").extracting(v -> v.getValue()).containsOnlyNulls();

    // a result on or after the infusion passes, through Tasklist's form as over REST
    Response valid = rest.call("POST", "/engine-rest/process-definition/key/"
        + CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY + "/submit-form", "hla-lab", Map.of("variables",
        rest.startSignedIfNeeded(CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY, "hla-lab", variables(Map.of(
            ProtocolVariables.SUBJECT_ID, subjectId, CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 97.5,
            CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, "2025-11-02")))));
    assertThat(valid.status()).as(valid.body()).isEqualTo(200);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stage1.getId())
        .activityId("Task_AwaitChimerismResult").finished().count()).as("the stage received it").isOne();
  }

  @Test
  void tasklistsStartFormsForWithdrawalAndDeathAreOpenToTheSameGroupsOnly() {
    Map<String, Object> withdrawal = Map.of("subjectId", subjectId, ProtocolVariables.WITHDRAWAL_DATE, "2025-10-01");
    for (String user : List.of("endocrinologist", "psychologist", "transplant-physician", "auditor")) {
      Response refused = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY
          + "/submit-form", user, Map.of("variables", typedVariables(withdrawal)));
      assertThat(refused.status()).as("%s: %s", user, refused.body()).isEqualTo(403);
    }
    Map<String, Object> death = Map.of("subjectId", subjectId, ProtocolVariables.DATE_OF_DEATH, "2025-10-02",
        ProtocolVariables.CAUSE_OF_DEATH, "Intracranial haemorrhage", "deathUnexpected", "yes",
        "deathRelatedToIntervention", "notAssessed");
    Response psychologist = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.DEATH_REPORT_PROCESS_KEY
        + "/submit-form", "psychologist", Map.of("variables", typedVariables(death)));
    assertThat(psychologist.status()).as(psychologist.body()).isEqualTo(403);
    assertThat(protocolRunning()).isTrue();

    Response reported = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.DEATH_REPORT_PROCESS_KEY
        + "/submit-form", "endocrinologist", Map.of("variables", rest.startSignedIfNeeded(
            ProtocolVariables.DEATH_REPORT_PROCESS_KEY, "endocrinologist", typedVariables(death))));
    assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    assertThat(passed(ProtocolVariables.END_DECEASED)).isTrue();
  }

  @Test
  void theHlaLabOrATransplantPhysicianEntersAChimerismResultOthersGet403() {
    // a child whose stage 1 waits for the third-party laboratory's result of its day +30 sample
    var stage1 = runtime.createProcessInstanceByKey(CordBloodTransplantVariables.PROCESS_KEY).businessKey(subjectId)
        .startBeforeActivity("Task_AwaitChimerismResult")
        .setVariable("chimerismSchedule", List.of("2025-10-30")).setVariable(ProtocolVariables.SUBJECT_ID, subjectId)
        .setVariable(CordBloodTransplantVariables.NEUTROPHIL_ENGRAFTED, false).execute();
    Map<String, Object> result = Map.of(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 97.5,
        CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, "2025-11-02");

    for (String user : List.of("psychologist", "mdt", "stem-cell-lab", "trial-coordinator")) {
      Response refused = send(user, CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED, result);
      assertThat(refused.status()).as("%s: %s", user, refused.body()).isEqualTo(403);
    }
    Response foreign = send("hla-lab", CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED,
        Map.of(CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, 97.5, "stage1Outcome", "graftFailure"));
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.json().path("field").asText()).isEqualTo("processVariables.stage1Outcome");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stage1.getId())
        .activityId("Task_AwaitChimerismResult").finished().count()).as("still waiting").isZero();

    Response entered = send("hla-lab", CordBloodTransplantVariables.MESSAGE_CHIMERISM_RESULT_RECEIVED, result);

    assertThat(entered.status()).as(entered.body()).isEqualTo(204);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stage1.getId())
        .activityId("Task_AwaitChimerismResult").finished().count()).isOne();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(stage1.getId())
        .variableName(CordBloodTransplantVariables.CHIMERISM_STATUS).list()).extracting(v -> v.getValue()).contains("full");
  }

  @Test
  void sendingTheseMessagesGivesNoOtherRightOnTheChildsProcess() {
    String reason = URLEncoder.encode("Test: a coordinator tries to change a variable", StandardCharsets.UTF_8);
    Response setVariable = rest.callWithHeaders("PUT", "/engine-rest/process-instance/" + protocolId + "/variables/eligible",
        COORDINATOR, Map.of("value", true, "type", "Boolean"), Map.of(CorrectionReasonFilter.HEADER, reason));
    assertThat(setVariable.status()).as(setVariable.body()).isEqualTo(403);

    Response otherMessage = rest.call("POST", "/engine-rest/message", COORDINATOR, Map.of("messageName", "IsletProductReleased",
        "businessKey", subjectId));
    assertThat(otherMessage.status()).as("other messages are the engine's to decide").isNotEqualTo(204);
    assertThat(protocolRunning()).isTrue();
  }
}

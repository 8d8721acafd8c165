package org.ucbislet.protocol;

import org.ucbislet.screening.ScreeningVariables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.ucbislet.support.EnrolmentRace;
import org.ucbislet.support.ScreeningCriteria;

/**
 * One child, one protocol (issue 15 item 2, issue 14 item 7), over REST as the trial coordinator: a second enrolment of
 * an enrolled subject is 409 with a readable message and no stack trace in the log; 8 identical enrolments sent at once
 * give exactly one protocol (the database key decides); a screen-failed child is screened again only with a reason, and
 * the new record links the earlier attempt; a child who left the protocol otherwise is never enrolled again.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class EnrolmentRestTest {

  private static final AtomicInteger SUBJECTS = new AtomicInteger(5800);
  private static final String COORDINATOR = "trial-coordinator";
  private static final String SUBMIT = "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/submit-form";

  @LocalServerPort
  private int port;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;
  @Autowired
  private DataSource dataSource;

  private EngineRest rest;
  private final List<String> subjects = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
  }

  @AfterEach
  void removeChildren() {
    subjects.forEach(subjectId -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(subjectId)
        .rootProcessInstances().list().forEach(p -> runtime.deleteProcessInstance(p.getId(), "test clean-up")));
  }

  private String nextSubject() {
    String subjectId = String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
    subjects.add(subjectId);
    return subjectId;
  }

  private Response submit(String subjectId, Map<String, Object> extra) {
    Map<String, Object> values = EngineRest.referral(subjectId);
    values.putAll(extra);
    return rest.call("POST", SUBMIT, COORDINATOR, Map.of("businessKey", subjectId, "variables", EngineRest.typedVariables(values)));
  }

  private long runningProtocols(String subjectId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).count();
  }

  private long activeRows(String subjectId) {
    return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM UCBI_ENROLMENT WHERE ACTIVE_SUBJECT_ID = ?",
        Long.class, subjectId);
  }

  private void screenFail(String subjectId) {
    rest.consent(subjectId); // screening's first step
    Map<String, Object> workUp = ScreeningCriteria.clinicalWorkUp();
    workUp.put(ScreeningVariables.HIV_POSITIVE, true);
    Response done = rest.complete(subjectId, "endocrinologist", workUp);
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(runningProtocols(subjectId)).isZero();
  }

  @Test
  void aSecondEnrolmentOfAnEnrolledSubjectIs409WithAReadableMessageAndNoStackTrace(CapturedOutput log) {
    String subjectId = nextSubject();
    String protocolId = rest.enrol(subjectId);
    int logStart = log.getAll().length();

    Response duplicate = submit(subjectId, Map.of());

    assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
    assertThat(duplicate.json().path("message").asText())
        .isEqualTo(subjectId + " is already enrolled: protocol instance " + protocolId
            + " is active. A child has one protocol at a time; find it by searching the subject ID.");
    assertThat(runningProtocols(subjectId)).isOne();
    String logged = log.getAll().substring(logStart);
    assertThat(logged).doesNotContain("SubjectAlreadyEnrolledException", "ENGINE-16004", "\tat org.");
  }

  @Test
  void eightIdenticalEnrolmentsSentAtOnceGiveExactlyOneProtocolPerSubject() throws Exception {
    for (int round = 0; round < 3; round++) {
      String subjectId = nextSubject();

      List<Response> answers = EnrolmentRace.enrolAtOnce(rest, COORDINATOR, EngineRest.DEMO_PASSWORD, subjectId, 8);

      assertThat(answers).as("answers for %s: %s", subjectId, answers.stream().map(a -> a.status() + " " + a.body()).toList()).filteredOn(a -> a.status() == 200).hasSize(1);
      assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(409));
      assertThat(runningProtocols(subjectId)).isOne();
      assertThat(activeRows(subjectId)).isOne();
    }
  }

  @Test
  void aScreenFailedChildIsScreenedAgainOnlyWithAReasonAndTheRecordLinksTheEarlierAttempt() {
    String subjectId = nextSubject();
    String first = rest.enrol(subjectId);
    screenFail(subjectId);

    Response withoutReason = submit(subjectId, Map.of());
    assertThat(withoutReason.status()).as(withoutReason.body()).isEqualTo(400);
    assertThat(withoutReason.json().path("message").asText())
        .contains("rescreeningReason (Reason for screening again): is required: " + subjectId + " was screen-failed before",
            first);
    assertThat(runningProtocols(subjectId)).isZero();

    Response again = submit(subjectId, Map.of(ProtocolVariables.RESCREENING_REASON,
        "HIV test was a false positive; confirmed negative by PCR"));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    String second = again.json().path("id").asText();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(second)
        .variableName(ProtocolVariables.PREVIOUS_PROTOCOL_INSTANCE_ID).singleResult().getValue()).isEqualTo(first);
    Map<String, Object> row = new JdbcTemplate(dataSource).queryForMap(
        "SELECT PREVIOUS_PROC_INST_ID, RESCREENING_REASON, ENROLLED_BY FROM UCBI_ENROLMENT WHERE PROC_INST_ID = ?", second);
    assertThat(row).containsEntry("PREVIOUS_PROC_INST_ID", first)
        .containsEntry("RESCREENING_REASON", "HIV test was a false positive; confirmed negative by PCR")
        .containsEntry("ENROLLED_BY", COORDINATOR);
  }

  @Test
  void aReasonForScreeningAgainIsRefusedForAChildNeverEnrolled() {
    String subjectId = nextSubject();

    Response refused = submit(subjectId, Map.of(ProtocolVariables.RESCREENING_REASON, "copied from another child's form"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("rescreeningReason", "has no earlier enrolment");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId).count()).isZero();
  }

  @Test
  void aWithdrawnChildIsNeverEnrolledAgain() {
    String subjectId = nextSubject();
    String first = rest.enrol(subjectId);
    Response withdrawn = rest.call("POST", "/engine-rest/message", COORDINATOR, Map.of("messageName",
        ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN, "businessKey", subjectId));
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(204);

    Response refused = submit(subjectId, Map.of(ProtocolVariables.RESCREENING_REASON, "parents changed their minds"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("message").asText())
        .isEqualTo(subjectId + " was enrolled before and left the protocol at '" + ProtocolVariables.END_WITHDRAWN
            + "' (protocol instance " + first + "). Only a screen-failed child may be screened again.");
    assertThat(runningProtocols(subjectId)).isZero();
  }
}

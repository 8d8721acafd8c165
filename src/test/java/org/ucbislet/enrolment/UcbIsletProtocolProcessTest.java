package org.ucbislet.enrolment;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.ucbislet.enrolment.ScreeningTestData.consent;
import static org.ucbislet.enrolment.ScreeningTestData.eligibleWorkUp;
import static org.ucbislet.enrolment.ScreeningTestData.mdtReview;
import static org.ucbislet.enrolment.ScreeningTestData.psychologicalAssessment;
import static org.ucbislet.enrolment.ScreeningTestData.referredChild;
import static org.ucbislet.enrolment.ScreeningTestData.with;
import static org.ucbislet.enrolment.ScreeningTestData.without;

import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.forms.FormValidationException;

/** Every path through {@code ucbIsletProtocol} as it stands (enrolment, screening, its two exits). */
@Deployment(resources = {"bpmn/ucb-islet-protocol.bpmn", "bpmn/screening.bpmn", "bpmn/eligibility.dmn",
    "forms/enrol-subject.form", "forms/diagnostic-work-up.form", "forms/informed-consent.form",
    "forms/psychological-assessment.form", "forms/mdt-review.form"})
class UcbIsletProtocolProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    Mocks.register("assignSubjectBusinessKeyListener", new AssignSubjectBusinessKeyListener());
    Mocks.register("deriveEligibilityInputsDelegate", new DeriveEligibilityInputsDelegate());
    Mocks.register("recordScreeningOutcomeListener", new RecordScreeningOutcomeListener());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  private RuntimeService runtime() {
    return engine.getRuntimeService();
  }

  private ProcessInstance enrol(Map<String, Object> startForm) {
    return runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, startForm);
  }

  @Test
  void enrolledChildIsScreenedUnderItsSubjectIdAndEndsReadyForStage1() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0201"));

    Assertions.assertThat(protocol.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SCREENING);
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);
    Assertions.assertThat(screening.getBusinessKey()).isEqualTo("UCBI-0201");
    complete(task(ScreeningVariables.TASK_WORK_UP, screening), eligibleWorkUp());
    complete(task(ScreeningVariables.TASK_CONSENT, screening), consent(true));
    complete(task(ScreeningVariables.TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(true));
    complete(task(ScreeningVariables.TASK_MDT, screening), mdtReview(true));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_READY_FOR_STAGE_1);
    assertThat(protocol).variables().containsEntry(ScreeningVariables.ELIGIBLE, true)
        .containsEntry(ScreeningVariables.SCREEN_FAILURE_REASON, "");
  }

  @Test
  void screenFailureEndsTheProtocolWithTheReason() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0202"));
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);
    complete(task(ScreeningVariables.TASK_WORK_UP, screening),
        with(eligibleWorkUp(), ScreeningVariables.ACTIVE_MALIGNANCY, true));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_SCREEN_FAILURE);
    assertThat(protocol).variables().containsEntry(ScreeningVariables.ELIGIBLE, false)
        .containsEntry(ScreeningVariables.SCREEN_FAILURE_REASON, "Active malignancy (exclusion)");
  }

  @Test
  void subjectIdThatIsNotPseudonymousIsRefusedAndNothingStarts() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0203"), ProtocolVariables.SUBJECT_ID, "Li Wei")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("subjectId");
    Assertions.assertThat(runtime().createProcessInstanceQuery().count()).isZero();
    Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
  }

  @Test
  void negativeWeightIsRefused() {
    Assertions.assertThatThrownBy(() -> enrol(with(referredChild("UCBI-0204"), ProtocolVariables.WEIGHT_KG, -3.0)))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("weightKg").hasMessageContaining("at least 0.5");
  }

  @Test
  void missingDateOfBirthAndUnknownGeneAreBothNamed() {
    Map<String, Object> form = with(without(referredChild("UCBI-0205"), ProtocolVariables.DATE_OF_BIRTH),
        ProtocolVariables.GENE_NAME, "INS");
    Assertions.assertThatThrownBy(() -> enrol(form))
        .hasMessageContaining("dateOfBirth").hasMessageContaining("is required")
        .hasMessageContaining("geneName").hasMessageContaining("must be one of");
  }

  @Test
  void businessKeyOtherThanTheSubjectIdIsRefused() {
    Assertions.assertThatThrownBy(() -> runtime().startProcessInstanceByKey(ProtocolVariables.PROCESS_KEY, "UCBI-9999",
            referredChild("UCBI-0206")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("businessKey");
  }

  @Test
  void subjectAlreadyInTheProtocolCannotBeEnrolledTwice() {
    enrol(referredChild("UCBI-0207"));
    Assertions.assertThatThrownBy(() -> enrol(referredChild("UCBI-0207")))
        .isInstanceOf(FormValidationException.class).hasMessageContaining("already enrolled");
    Assertions.assertThat(runtime().createProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).count()).isEqualTo(1);
  }
}

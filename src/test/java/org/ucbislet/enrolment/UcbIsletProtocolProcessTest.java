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
import org.ucbislet.followup.FollowUpSettings;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.forms.FormValidationException;

/**
 * Every path through {@code ucbIsletProtocol} as it stands: enrolment, screening (two exits), stage 1 (three outcomes),
 * stage 2 (islets infused or the child removed from the waiting list), each with its long-term follow-up, and
 * withdrawal and death from anywhere.
 */
@Deployment(resources = {"bpmn/ucb-islet-protocol.bpmn", "bpmn/screening.bpmn", "bpmn/eligibility.dmn",
    "forms/enrol-subject.form", "forms/diagnostic-work-up.form", "forms/informed-consent.form",
    "forms/psychological-assessment.form", "forms/mdt-review.form",
    // the two stages are tested on their own (CordBloodTransplantProcessTest, IsletTransplantProcessTest); here
    // stand-ins return each of their outcomes so that every path of the protocol itself is covered
    "stand-ins/cord-blood-transplant-stand-in.bpmn", "stand-ins/islet-transplant-stand-in.bpmn",
    // followUp is tested on its own too (followup/FollowUpProcessTest)
    "stand-ins/follow-up-stand-in.bpmn"})
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
  void screenedChildGoesThroughBothStagesUnderItsSubjectId() {
    ProcessInstance protocol = enrol(referredChild("UCBI-0201"));

    Assertions.assertThat(protocol.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_SCREENING);
    ProcessInstance screening = calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol);
    Assertions.assertThat(screening.getBusinessKey()).isEqualTo("UCBI-0201");
    passScreening(screening);

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    assertThat(protocol).variables().containsEntry(ScreeningVariables.ELIGIBLE, true)
        .containsEntry(ScreeningVariables.SCREEN_FAILURE_REASON, "");
    ProcessInstance stage1 = calledProcessInstance(STAGE_1, protocol);
    Assertions.assertThat(stage1.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(stage1).variables().containsEntry(ProtocolVariables.WEIGHT_KG, 23.5)
        .containsEntry(ProtocolVariables.SUBJECT_ID, "UCBI-0201");
    complete(task(STAGE_1_TASK, stage1), Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
        ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01",
        ProtocolVariables.STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, "2028-02-10", "bloodCountSeries", "[]"));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    assertThat(protocol).variables().containsEntry(ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01")
        .containsEntry(ProtocolVariables.STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE, "2028-02-10")
        .doesNotContainKey("bloodCountSeries"); // only the stage's results come back, not its working variables
    ProcessInstance stage2 = calledProcessInstance(STAGE_2, protocol);
    Assertions.assertThat(stage2.getBusinessKey()).isEqualTo("UCBI-0201");
    complete(task(STAGE_2_TASK, stage2), Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good", "infusionDate", "2028-06-01"));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    assertThat(protocol).variables().containsEntry(ProtocolVariables.ISLET_GRAFT_FUNCTION, "good")
        .containsEntry(ProtocolVariables.LAST_ISLET_INFUSION_DATE, "2028-06-01");
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    Assertions.assertThat(followUp.getBusinessKey()).isEqualTo("UCBI-0201");
    assertThat(followUp).variables().containsEntry(FollowUpVariables.SUBJECT_ID, "UCBI-0201")
        .containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2028-06-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_ISLET_INFUSION)
        .containsKeys(FollowUpVariables.DATE_OF_BIRTH, FollowUpVariables.SEX, FollowUpVariables.FOLLOW_UP_FROM)
        .doesNotContainKey(ProtocolVariables.WEIGHT_KG); // only what the follow-up needs
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 1,
        FollowUpVariables.PROTOCOL_DEVIATIONS, "[{\"DVCAT\":\"MISSED VISIT\"}]", FollowUpVariables.GROWTH_MEASUREMENTS, "[]"));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(protocol.getId())
        .variableName(FollowUpVariables.PROTOCOL_DEVIATION_COUNT).singleResult().getValue()).isEqualTo(1);
  }

  @Test
  void noSuitableCordBloodUnitEndsTheProtocol() {
    ProcessInstance protocol = throughScreening("UCBI-0211");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_NO_SUITABLE_UNIT));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_NO_SUITABLE_UNIT)
        .hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
  }

  @Test
  void graftFailureWithoutABackupEndsTheProtocol() {
    ProcessInstance protocol = throughScreening("UCBI-0212");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_GRAFT_FAILURE));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_GRAFT_FAILURE)
        .hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
  }

  @Test
  void childRemovedFromTheIsletWaitingListBeforeAnyInfusionIsFollowedUpAfterTheCordBloodInfusion() {
    ProcessInstance protocol = throughScreening("UCBI-0213");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, "2027-02-01"));
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)), Map.of("stillIsletCandidate", false));

    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD)
        .hasNotPassed(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS);
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);
    assertThat(followUp).variables().containsEntry(FollowUpVariables.FOLLOW_UP_ANCHOR_DATE, "2027-02-01")
        .containsEntry(FollowUpVariables.FOLLOW_UP_SCHEDULE, FollowUpSettings.AFTER_CORD_BLOOD_INFUSION);
    complete(task(FOLLOW_UP_TASK, followUp), Map.of(FollowUpVariables.PROTOCOL_DEVIATION_COUNT, 0));

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_REMOVED_FROM_ISLET_WAITING_LIST);
  }

  @Test
  void consentWithdrawnDuringStage1EndsTheProtocolAndTheStage() {
    ProcessInstance protocol = throughScreening("UCBI-0214");
    ProcessInstance stage1 = calledProcessInstance(STAGE_1, protocol);

    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_CONSENT_WITHDRAWN).processInstanceBusinessKey("UCBI-0214")
        .setVariable("withdrawalDate", "2027-03-01").correlate();

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_WITHDRAWN).hasNotPassed(ProtocolVariables.CALL_ISLET_TRANSPLANT);
    assertThat(stage1).isEnded();
    Assertions.assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey("UCBI-0214").count()).isZero();
  }

  @Test
  void patientDeceasedDuringTheLongTermFollowUpEndsTheProtocol() {
    ProcessInstance protocol = throughScreening("UCBI-0215");
    complete(task(STAGE_1_TASK, calledProcessInstance(STAGE_1, protocol)),
        Map.of(ProtocolVariables.STAGE1_OUTCOME, ProtocolVariables.STAGE1_STABLE_IMMUNE_FUNCTION));
    complete(task(STAGE_2_TASK, calledProcessInstance(STAGE_2, protocol)),
        Map.of(ProtocolVariables.ISLET_GRAFT_FUNCTION, "marginal", "infusionDate", "2028-06-01"));
    ProcessInstance followUp = calledProcessInstance(FOLLOW_UP, protocol);

    runtime().createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED).processInstanceBusinessKey("UCBI-0215")
        .setVariable("dateOfDeath", "2029-01-15").correlate();

    assertThat(protocol).isEnded().hasPassed(ProtocolVariables.END_DECEASED)
        .hasNotPassed(ProtocolVariables.END_ISLET_TRANSPLANT_COMPLETED);
    assertThat(followUp).isEnded();
  }

  private static final String STAGE_1 = "cordBloodTransplant";
  private static final String STAGE_1_TASK = "Task_Stage1StandIn";
  private static final String STAGE_2 = "isletTransplant";
  private static final String STAGE_2_TASK = "Task_Stage2StandIn";
  private static final String FOLLOW_UP = FollowUpVariables.PROCESS_KEY;
  private static final String FOLLOW_UP_TASK = "Task_FollowUpStandIn";

  private ProcessInstance throughScreening(String subjectId) {
    ProcessInstance protocol = enrol(referredChild(subjectId));
    passScreening(calledProcessInstance(ScreeningVariables.PROCESS_KEY, protocol));
    assertThat(protocol).isWaitingAt(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT);
    return protocol;
  }

  private static void passScreening(ProcessInstance screening) {
    complete(task(ScreeningVariables.TASK_WORK_UP, screening), eligibleWorkUp());
    complete(task(ScreeningVariables.TASK_CONSENT, screening), consent(true));
    complete(task(ScreeningVariables.TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(true));
    complete(task(ScreeningVariables.TASK_MDT, screening), mdtReview(true));
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

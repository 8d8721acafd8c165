package org.ucbislet.screening;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.screening.ScreeningTestData.consent;
import static org.ucbislet.screening.ScreeningTestData.eligibleWorkUp;
import static org.ucbislet.screening.ScreeningTestData.mdtReview;
import static org.ucbislet.screening.ScreeningTestData.psychologicalAssessment;
import static org.ucbislet.screening.ScreeningTestData.referredChild;
import static org.ucbislet.screening.ScreeningTestData.with;
import static org.ucbislet.screening.ScreeningTestData.without;
import static org.ucbislet.screening.ScreeningVariables.*;

import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ucbislet.clinical.FormValidationException;

/** Every path through {@code screening}, with the real eligibility table and the real form rules. */
@Deployment(resources = {"bpmn/screening.bpmn", "bpmn/eligibility.dmn", "forms/diagnostic-work-up.form",
    "forms/informed-consent.form", "forms/psychological-assessment.form", "forms/mdt-review.form"})
class ScreeningProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    Mocks.register("deriveEligibilityInputsDelegate", new DeriveEligibilityInputsDelegate());
    Mocks.register("recordScreeningOutcomeListener", new RecordScreeningOutcomeListener());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  /** Referred: screening starts with the informed consent (the protocol orders consent before eligibility). */
  private ProcessInstance screenedUpToConsent(String subjectId) {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, subjectId, referredChild(subjectId));
  }

  /** Referred and consented: waiting for the diagnostic work-up. */
  private ProcessInstance refer(String subjectId) {
    return consented(screenedUpToConsent(subjectId));
  }

  private static ProcessInstance consented(ProcessInstance screening) {
    complete(task(TASK_CONSENT, screening), consent(true));
    return screening;
  }

  @Test
  void eligibleConsentingFitChildApprovedByMdtPassesScreening() {
    ProcessInstance screening = screenedUpToConsent("UCBI-0101");
    // consent first: the work-up and the eligibility evaluation are done with consent recorded
    assertThat(screening).isWaitingAt(TASK_CONSENT).hasNotPassed(TASK_WORK_UP, TASK_EVALUATE_ELIGIBILITY);
    assertThat(task(TASK_CONSENT, screening)).hasCandidateGroup("trial-coordinator");
    complete(task(TASK_CONSENT, screening), consent(true));
    assertThat(screening).isWaitingAt(TASK_WORK_UP).variables().containsEntry(CONSENT_OBTAINED, true);
    assertThat(task(TASK_WORK_UP, screening)).hasCandidateGroup("endocrinologist");
    complete(task(TASK_WORK_UP, screening), eligibleWorkUp());

    assertThat(screening).hasPassedInOrder(TASK_CONSENT, TASK_WORK_UP, TASK_PREPARE_ELIGIBILITY, TASK_EVALUATE_ELIGIBILITY)
        .isWaitingAt(TASK_PSYCHOLOGICAL);
    assertThat(screening).variables().containsEntry(ELIGIBLE, true).containsEntry(SCREEN_FAILURE_REASON, "")
        .containsEntry(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, 2);
    assertThat(task(TASK_PSYCHOLOGICAL, screening)).hasCandidateGroup("psychologist");
    complete(task(TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(true));
    assertThat(task(TASK_MDT, screening)).hasCandidateGroup("mdt");
    complete(task(TASK_MDT, screening), mdtReview(true));

    assertThat(screening).isEnded().hasPassed(END_PASSED);
    assertThat(screening).variables().containsEntry(ELIGIBLE, true).containsEntry(SCREEN_FAILURE_REASON, "");
  }

  @Test
  void childWithHivInfectionIsScreenedOutWithTheDecisionsReason() {
    ProcessInstance screening = refer("UCBI-0102");
    complete(task(TASK_WORK_UP, screening), with(eligibleWorkUp(), HIV_POSITIVE, true));

    assertThat(screening).isEnded().hasPassed(END_NOT_ELIGIBLE).hasPassed(TASK_CONSENT)
        .hasNotPassed(TASK_PSYCHOLOGICAL);
    assertThat(screening).variables().containsEntry(ELIGIBLE, false)
        .containsEntry(SCREEN_FAILURE_REASON, "HIV positive (exclusion)");
  }

  @Test
  void childWhoTurned18OnTheWorkUpDateIsScreenedOutForAge() {
    ProcessInstance screening = consented(engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, "UCBI-0103",
        with(referredChild("UCBI-0103"), "dateOfBirth", "2008-11-01")));
    complete(task(TASK_WORK_UP, screening), eligibleWorkUp());

    assertThat(screening).isEnded().hasPassed(END_NOT_ELIGIBLE);
    assertThat(screening).variables().containsEntry(AGE_YEARS, 18.0)
        .containsEntry(SCREEN_FAILURE_REASON, "Age 18 years or older (inclusion: under 18)");
  }

  @Test
  void childOneDayShortOf18IsStillEligible() {
    ProcessInstance screening = consented(engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, "UCBI-0104",
        with(referredChild("UCBI-0104"), "dateOfBirth", "2008-11-02")));
    complete(task(TASK_WORK_UP, screening), eligibleWorkUp());

    assertThat(screening).isWaitingAt(TASK_PSYCHOLOGICAL);
    Assertions.assertThat((Double) engine.getRuntimeService().getVariable(screening.getId(), AGE_YEARS)).isLessThan(18.0);
  }

  @Test
  void childWithoutAnyExtrapancreaticOrganDamageIsScreenedOut() {
    Map<String, Object> workUp = eligibleWorkUp();
    for (OrganDamage d : OrganDamage.values()) {
      workUp.put(d.variable(), false);
    }
    ProcessInstance screening = refer("UCBI-0105");
    complete(task(TASK_WORK_UP, screening), workUp);

    assertThat(screening).isEnded().hasPassed(END_NOT_ELIGIBLE);
    assertThat(screening).variables().containsEntry(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, 0)
        .containsEntry(SCREEN_FAILURE_REASON, "No extrapancreatic organ damage (inclusion 2: one or more of 11 types)");
  }

  @Test
  void restClientMaySendTheOrganDamageCountInsteadOfTheElevenAnswers() {
    Map<String, Object> workUp = eligibleWorkUp();
    for (OrganDamage d : OrganDamage.values()) {
      workUp.remove(d.variable());
    }
    workUp.put(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, 3);
    ProcessInstance screening = refer("UCBI-0106");
    complete(task(TASK_WORK_UP, screening), workUp);

    assertThat(screening).isWaitingAt(TASK_PSYCHOLOGICAL);
    assertThat(screening).variables().containsEntry(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, 3);
  }

  @Test
  void refusedConsentEndsScreeningWithItsReason() {
    ProcessInstance screening = screenedUpToConsent("UCBI-0107");
    complete(task(TASK_CONSENT, screening), consent(false));

    assertThat(screening).isEnded().hasPassed(END_NO_CONSENT).hasNotPassed(TASK_WORK_UP, TASK_EVALUATE_ELIGIBILITY,
        TASK_PSYCHOLOGICAL);
    assertThat(screening).variables().containsEntry(ELIGIBLE, false)
        .containsEntry(SCREEN_FAILURE_REASON, REASON_NO_CONSENT);
  }

  @Test
  void consentWithTheChildsAssentDeclinedOrWithoutTheGuardiansSignatureIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance screening = screenedUpToConsent("UCBI-0111");
    Task consentTask = task(TASK_CONSENT, screening);

    Assertions.assertThatThrownBy(() -> taskService().complete(consentTask.getId(),
            with(consent(true), "childAssent", "declined")))
        .hasRootCauseInstanceOf(FormValidationException.class).hasMessageContaining(CONSENT_OBTAINED)
        .hasMessageContaining("a declined assent means no consent");
    Assertions.assertThatThrownBy(() -> taskService().complete(consentTask.getId(),
            with(consent(true), "guardianConsentSigned", false)))
        .hasRootCauseInstanceOf(FormValidationException.class).hasMessageContaining("guardianConsentSigned");
    Assertions.assertThatThrownBy(() -> taskService().complete(consentTask.getId(),
            without(without(consent(true), "consentDate"), "consentFormVersion")))
        .hasRootCauseInstanceOf(FormValidationException.class).hasMessageContaining("consentDate").hasMessageContaining("consentFormVersion");

    assertThat(screening).isWaitingAt(TASK_CONSENT).hasNotPassed(TASK_WORK_UP);
    Assertions.assertThat(taskService().getVariables(consentTask.getId())).doesNotContainKey(CONSENT_OBTAINED);
  }

  @Test
  void psychologicalDisorderTerminatesTheProcedure() {
    ProcessInstance screening = refer("UCBI-0108");
    complete(task(TASK_WORK_UP, screening), eligibleWorkUp());
    complete(task(TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(false));

    assertThat(screening).isEnded().hasPassed(END_PSYCHOLOGICALLY_UNFIT).hasNotPassed(TASK_MDT);
    assertThat(screening).variables().containsEntry(ELIGIBLE, false)
        .containsEntry(SCREEN_FAILURE_REASON, REASON_PSYCHOLOGICAL);
  }

  @Test
  void mdtDecliningTransplantEndsScreening() {
    ProcessInstance screening = refer("UCBI-0109");
    complete(task(TASK_WORK_UP, screening), eligibleWorkUp());
    complete(task(TASK_PSYCHOLOGICAL, screening), psychologicalAssessment(true));
    complete(task(TASK_MDT, screening), mdtReview(false));

    assertThat(screening).isEnded().hasPassed(END_MDT_DECLINED);
    assertThat(screening).variables().containsEntry(ELIGIBLE, false)
        .containsEntry(SCREEN_FAILURE_REASON, REASON_MDT_DECLINED);
  }

  @Test
  void workUpWithoutAnExclusionAnswerIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance screening = refer("UCBI-0110");
    Task workUp = task(TASK_WORK_UP, screening);

    Assertions.assertThatThrownBy(() -> taskService().complete(workUp.getId(), without(eligibleWorkUp(), HIV_POSITIVE)))
        .hasRootCauseInstanceOf(FormValidationException.class)
        .rootCause().hasMessageContaining("hivPositive").hasMessageContaining("is required (true or false)");

    assertThat(screening).isWaitingAt(TASK_WORK_UP);
    Assertions.assertThat(engine.getRuntimeService().getVariables(screening.getId()))
        .doesNotContainKeys(T1D_DIAGNOSIS_CONFIRMED, HBV_POSITIVE, WORK_UP_DATE);
  }

  @Test
  void workUpWithAnImplausibleLabValueIsRefused() {
    ProcessInstance screening = refer("UCBI-0111");
    Task workUp = task(TASK_WORK_UP, screening);

    Assertions.assertThatThrownBy(() -> taskService().complete(workUp.getId(), with(eligibleWorkUp(), "hba1cPercent", 45.0)))
        .rootCause().hasMessageContaining("hba1cPercent").hasMessageContaining("must be at most 20");
    assertThat(screening).isWaitingAt(TASK_WORK_UP);
  }

  @Test
  void unrecordedCriterionFallsToTheIncompleteWorkUpRuleNotToEligible() {
    ProcessInstance screening = refer("UCBI-0112");
    Map<String, Object> workUp = eligibleWorkUp();
    for (OrganDamage d : OrganDamage.values()) {
      workUp.remove(d.variable()); // neither the answers nor the count
    }
    complete(task(TASK_WORK_UP, screening), workUp);

    assertThat(screening).isEnded().hasPassed(END_NOT_ELIGIBLE);
    assertThat(screening).variables().containsEntry(SCREEN_FAILURE_REASON,
        "Incomplete diagnostic work-up: an eligibility criterion was not recorded");
  }
}

package org.ucbislet.safety;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.safety.AdverseEventReviewVariables.*;
import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

/**
 * {@code adverseEventReview}: a clinical event raised where it happened (safety/AdverseEventReviews) is reported,
 * prefilled, into {@code adverseEvent} or dismissed with a reason. The review is started here as the raising listener
 * starts it; the listeners on the transplant models are tested in their process tests.
 */
@Deployment(resources = {"bpmn/adverse-event-review.bpmn", "forms/adverse-event-review.form",
    "bpmn/adverse-event.bpmn", "bpmn/adverse-event-seriousness.dmn", "forms/adverse-event-report.form",
    "forms/sae-initial-report.form", "forms/sae-initial-report-overdue.form", "forms/sae-review.form",
    "forms/expedited-safety-report.form", "forms/complete-safety-report.form", "forms/critical-care-transfer.form",
    "forms/adverse-event-outcome.form"})
class AdverseEventReviewProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  private static final Instant NOW = Instant.parse("2027-05-03T08:30:00Z");

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(NOW));
    Mocks.register("openReviewedAdverseEventDelegate", new OpenReviewedAdverseEventDelegate());
    Mocks.register("registerAdverseEventReportListener", new RegisterAdverseEventReportListener());
    Mocks.register("startReportingClocksDelegate", new StartReportingClocksDelegate());
    Mocks.register("recordLateSafetyReportDelegate", new RecordLateSafetyReportDelegate());
    Mocks.register("startExpeditedReportClockDelegate", new StartExpeditedReportClockDelegate());
    Mocks.register("endProtocolAsDeathDelegate", new EndProtocolAsDeathDelegate());
    Mocks.register("adverseEventSettings", AdverseEventSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @Test
  void reportedClinicalEventOpensAnAdverseEventWithThePrefilledReport() {
    ProcessInstance review = raised("UCBI-0301", ClinicalEvent.STOPPED_ISLET_INFUSION);
    Task task = task(TASK_REVIEW_CLINICAL_EVENT, review);
    assertThat(task).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariables(task.getId())).containsEntry(AE_TERM, "other")
        .containsEntry(AE_TERM_OTHER, "Islet infusion stopped before the whole product was given")
        .containsEntry(AE_ONSET_DATE, "2027-05-03");

    complete(task, completedReport());

    assertThat(review).isEnded().hasPassed(TASK_OPEN_REVIEWED_ADVERSE_EVENT, END_ADVERSE_EVENT_REPORTED);
    ProcessInstance adverseEvent = runtimeService().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY)
        .processInstanceBusinessKey("UCBI-0301").singleResult();
    Assertions.assertThat(adverseEvent).isNotNull();
    assertThat(adverseEvent).isWaitingAt("Task_SubmitInitialSaeReport"); // hospitalisation: a serious event
    Assertions.assertThat(runtimeService().getVariables(adverseEvent.getId())).containsEntry(AE_TERM, "other")
        .containsEntry(CTCAE_GRADE, 3L).containsEntry(SUBJECT_ID, "UCBI-0301");
    Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(review.getId()).variableName(REPORTED_ADVERSE_EVENT_INSTANCE_ID).singleResult().getValue())
        .isEqualTo(adverseEvent.getId());
  }

  @Test
  void dismissedClinicalEventNeedsAReasonAndOpensNoAdverseEvent() {
    ProcessInstance review = raised("UCBI-0302", ClinicalEvent.ACUTE_GVHD);
    Task task = task(TASK_REVIEW_CLINICAL_EVENT, review);

    Assertions.assertThat(formRejection(() -> taskService().complete(task.getId(), Map.of(AE_REVIEW_DECISION, DECISION_DISMISS))))
        .hasMessageContaining(AE_REVIEW_DISMISS_REASON);
    complete(task, Map.of(AE_REVIEW_DECISION, DECISION_DISMISS, AE_REVIEW_DISMISS_REASON,
        "Already reported on 2027-05-02 by the ward (same episode)"));

    assertThat(review).isEnded().hasPassed(END_ADVERSE_EVENT_DISMISSED).hasNotPassed(TASK_OPEN_REVIEWED_ADVERSE_EVENT);
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processDefinitionKey(AdverseEventVariables.PROCESS_KEY).count()).isZero();
  }

  @Test
  void reportWithoutFirstAwarenessIsRefusedAndTheReviewStaysOpen() {
    ProcessInstance review = raised("UCBI-0303", ClinicalEvent.GRAFT_FAILURE);
    Task task = task(TASK_REVIEW_CLINICAL_EVENT, review);
    Map<String, Object> report = new HashMap<>(completedReport());
    report.remove(AE_AWARENESS_DATE);

    Assertions.assertThat(formRejection(() -> taskService().complete(task.getId(), report)))
        .hasMessageContaining(AE_AWARENESS_DATE);
    assertThat(review).isWaitingAt(TASK_REVIEW_CLINICAL_EVENT);
  }

  /** What AdverseEventReviews starts for a clinical event (its prefilled report). */
  private static ProcessInstance raised(String subjectId, ClinicalEvent event) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(CLINICAL_EVENT, event.code());
    v.put(SUBJECT_ID, subjectId);
    v.put(AE_TERM, event.aeTerm());
    if (event.aeTermOther() != null) {
      v.put(AE_TERM_OTHER, event.aeTermOther());
    }
    v.put(AE_ONSET_DATE, "2027-05-03");
    v.put(AE_DESCRIPTION, event.describe(Map.of("infusedFractionPercent", 55L, "acuteGvhdGrade", 2)));
    return runtimeService().createProcessInstanceByKey(AdverseEventReviewVariables.PROCESS_KEY).businessKey(subjectId)
        .setVariables(v).execute();
  }

  private static Map<String, Object> completedReport() {
    Map<String, Object> v = new HashMap<>();
    v.put(AE_REVIEW_DECISION, DECISION_REPORT);
    v.put(AE_AWARENESS_DATE, NOW.minusSeconds(3600).atOffset(ZoneOffset.ofHours(8)).toString());
    v.put(CTCAE_GRADE, 3L);
    v.put(LIFE_THREATENING, false);
    v.put(HOSPITALIZATION, true);
    v.put(PERSISTENT_DISABILITY, false);
    v.put(CONGENITAL_ANOMALY, false);
    v.put(IMPORTANT_MEDICAL_EVENT, false);
    v.put(UNEXPECTED, true);
    v.put(RELATED_TO_INTERVENTION, true);
    return v;
  }

  private static FormValidationException formRejection(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof FormValidationException rejection) {
        return rejection;
      }
    }
    throw new AssertionError("Expected a form rejection, got " + thrown, thrown);
  }
}

package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ucbislet.islettransplant.IsletTransplantTestData.*;
import static org.ucbislet.islettransplant.IsletTransplantVariables.*;
import static org.ucbislet.support.ProcessClock.dueDates;
import static org.ucbislet.support.ProcessClock.dueTimers;
import static org.ucbislet.support.ProcessClock.fire;
import static org.ucbislet.support.ProcessClock.later;
import static org.ucbislet.support.ProcessClock.nextTimer;
import static org.ucbislet.support.ProcessClock.now;
import static org.ucbislet.support.ProcessClock.timer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FormValidationException;

/**
 * Every path through {@code isletTransplant} with the real decision tables and the real form rules.
 * Time is the engine clock: timers are fired by moving {@link ClockUtil} to their due date and
 * executing their job, never by waiting.
 */
@Deployment(resources = {"bpmn/islet-transplant.bpmn", "bpmn/basiliximab-dose.dmn", "bpmn/portal-pressure.dmn",
    "bpmn/islet-infusion-volume.dmn", "bpmn/heparin-bleeding-risk.dmn",
    "bpmn/tacrolimus-trough-target.dmn", "bpmn/islet-graft-function.dmn",
    "forms/islet-candidacy-review.form", "forms/administer-basiliximab.form", "forms/portal-vein-puncture.form",
    "forms/portal-access-decision.form", "forms/open-portal-injection.form", "forms/islet-infusion.form",
    "forms/stopped-infusion-review.form", "forms/tract-embolisation.form", "forms/start-immunosuppression.form",
    "forms/basiliximab-second-dose.form", "forms/immunosuppression-taper.form", "forms/tacrolimus-trough.form",
    "forms/tacrolimus-dose-adjustment.form", "forms/insulin-reduction.form", "forms/islet-graft-function.form",
    "forms/further-infusion-decision.form", "forms/islet-infusion-go.form", "forms/bleeding-thrombosis-check.form",
    "forms/bleeding-thrombosis-management.form", "bpmn/adverse-event-review.bpmn", "forms/adverse-event-review.form",
    "forms/islet-immune-panel.form"})
class IsletTransplantProcessTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("camunda-unit.cfg.xml").build();

  /** The defaults of application.yaml (ucbi.islet). */
  static final IsletSettings SETTINGS = IsletSettings.defaults();
  static final Instant ENTERED_WAITING_LIST = Instant.parse("2027-03-01T06:00:00Z");
  static final double CHILD_WEIGHT_KG = 24.0;

  @BeforeEach
  void setUp() {
    init(engine.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(ENTERED_WAITING_LIST));
    IsletTransplantMocks.register(SETTINGS);
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ paths

  @Test
  void waitingChildHoldsTheContractVariablesAndReceivesItsProductBySubjectId() {
    ProcessInstance child = startWaiting("UCBI-0201");

    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT);
    Assertions.assertThat(runtimeService().getVariables(child.getId()))
        .containsEntry(WEIGHT_KG, 24.0).containsEntry(INFUSION_NUMBER, 1)
        .containsEntry(WAITING_SINCE, Date.from(ENTERED_WAITING_LIST));
    // isletIsolation finds each waiting child once, by the receive task's ID
    Assertions.assertThat(runtimeService().createExecutionQuery().processDefinitionKey(PROCESS_KEY)
        .activityId(TASK_AWAIT_ISLET_PRODUCT).count()).isEqualTo(1);

    later(Duration.ofDays(20));
    deliverProduct("UCBI-0201", 150_000.0);

    assertThat(child).hasPassedInOrder(TASK_AWAIT_ISLET_PRODUCT, END_PRODUCT_ALLOCATED, TASK_REGISTER_PRODUCT)
        .isWaitingAt(TASK_DECIDE_ISLET_INFUSION);
    assertThat(task(TASK_DECIDE_ISLET_INFUSION, child)).hasCandidateGroup("mdt");
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(true, today()));
    assertThat(child).hasPassedInOrder(TASK_DETERMINE_BASILIXIMAB_DOSE, TASK_CHECK_TISSUE_VOLUME)
        .isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
    assertThat(child).variables().containsEntry(ISLET_PRODUCT_ID, "ISL-2027-0007")
        .containsEntry(ISLET_PRODUCT_IEQ_PER_KG, 6250.0).containsEntry(BASILIXIMAB_DOSE_MG, 10);
    assertThat(task(TASK_ADMINISTER_BASILIXIMAB, child)).hasCandidateGroup("transplant-physician");
  }

  @Test
  void productArrivesAndTheChildIsInfusedFollowedAndCompletesWithOptimalGraftFunction() {
    ProcessInstance child = startWaiting("UCBI-0202");
    releaseProduct("UCBI-0202", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    assertThat(task(TASK_PUNCTURE_PORTAL_VEIN, child)).hasCandidateGroup("interventional-radiology");
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(13.5));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 21.0, 100));
    assertThat(child).variables().containsEntry(PORTAL_PRESSURE_ACCEPTABLE, true)
        .containsEntry(INFUSION_STOP_REQUIRED, false);
    complete(task(TASK_EMBOLISE_TRACT, child), tractEmbolised());
    complete(task(TASK_START_IMMUNOSUPPRESSION, child), immunosuppressionStarted(today()));

    followUpToTheMdtDecision(child, GRAFT_OPTIMAL);
    assertThat(task(TASK_DECIDE_FURTHER_INFUSION, child)).hasCandidateGroup("mdt");
    complete(task(TASK_DECIDE_FURTHER_INFUSION, child), furtherInfusion(false, today()));

    assertThat(child).isEnded().hasPassed(END_COMPLETED_OPTIMAL).hasNotPassed(TASK_DECIDE_PORTAL_ACCESS,
        TASK_REVIEW_STOPPED_INFUSION, TASK_INJECT_OPEN_PORTAL_VEIN, TASK_ADJUST_TACROLIMUS_DOSE);
    assertThat(child).hasPassedInOrder(TASK_ADMINISTER_BASILIXIMAB, TIMER_BASILIXIMAB_LEAD_TIME,
        TASK_PUNCTURE_PORTAL_VEIN, TASK_ASSESS_BASELINE_PRESSURE, TASK_INFUSE_ISLETS, TASK_EVALUATE_PRESSURE_RISE,
        TASK_EMBOLISE_TRACT, TASK_START_IMMUNOSUPPRESSION, TASK_SCHEDULE_FOLLOW_UP, TASK_ASSESS_GRAFT_DAY_75,
        TASK_CLASSIFY_GRAFT_DAY_75, TASK_ASSESS_GRAFT_DAY_365, TASK_CLASSIFY_GRAFT_DAY_365, TASK_DECIDE_FURTHER_INFUSION);
    assertThat(child).hasPassed(TASK_BASILIXIMAB_SECOND_DOSE, TASK_TAPER_IMMUNOSUPPRESSION, TASK_REDUCE_INSULIN);
    Assertions.assertThat(historicCount(child, TASK_RECORD_TROUGH)).isEqualTo(22); // 13 weekly + 9 monthly
    Assertions.assertThat(historicCount(child, TASK_REDUCE_INSULIN)).isEqualTo(8); // days 7, 14, 28, months 2-6
    Assertions.assertThat(historicVariable(child, ISLET_GRAFT_FUNCTION)).isEqualTo(GRAFT_OPTIMAL);
    Assertions.assertThat(historicVariable(child, ISLET_GRAFT_FUNCTION_DAY_75)).isEqualTo(GRAFT_GOOD);
  }

  @ParameterizedTest(name = "graft function {0} at day +365 ends at {1}")
  @CsvSource({"good, End_CompletedGood", "marginal, End_CompletedMarginal", "failure, End_CompletedGraftFailure"})
  void graftFunctionAtDay365EndsTheTransplantAtItsClass(String graftClass, String end) {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0203");

    followUpToTheMdtDecision(child, graftClass);
    complete(task(TASK_DECIDE_FURTHER_INFUSION, child), furtherInfusion(false, today()));

    assertThat(child).isEnded().hasPassed(end);
    Assertions.assertThat(historicVariable(child, ISLET_GRAFT_FUNCTION)).isEqualTo(graftClass);
  }

  @Test
  void mdtRemovesAChildWhoIsNoLongerACandidateFromTheWaitingList() {
    ProcessInstance child = startWaiting("UCBI-0204");
    Job review = timer(child, TIMER_CANDIDACY_REVIEW);
    Assertions.assertThat(clinicalDay(review.getDuedate())).isEqualTo(clinicalDay(ENTERED_WAITING_LIST).plusDays(90));

    fire(review);
    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT, TASK_REVIEW_CANDIDACY);
    assertThat(task(TASK_REVIEW_CANDIDACY, child)).hasCandidateGroup("mdt");
    complete(task(TASK_REVIEW_CANDIDACY, child), candidacyReview(false, today()));

    assertThat(child).isEnded().hasPassed(END_REMOVED_FROM_WAITING_LIST).hasNotPassed(TASK_REGISTER_PRODUCT);
    Assertions.assertThat(runtimeService().createExecutionQuery().activityId(TASK_AWAIT_ISLET_PRODUCT).count()).isZero();
  }

  @Test
  void confirmedCandidateKeepsWaitingAndIsReviewedAgain90DaysLater() {
    ProcessInstance child = startWaiting("UCBI-0205");
    fire(timer(child, TIMER_CANDIDACY_REVIEW));
    complete(task(TASK_REVIEW_CANDIDACY, child), candidacyReview(true, today()));

    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT).hasPassed(END_CANDIDACY_CONFIRMED);
    Assertions.assertThat(clinicalDay(timer(child, TIMER_CANDIDACY_REVIEW).getDuedate()))
        .isEqualTo(clinicalDay(ENTERED_WAITING_LIST).plusDays(180));
  }

  @Test
  void productArrivingDuringAnOpenCandidacyReviewEndsTheReview() {
    ProcessInstance child = startWaiting("UCBI-0206");
    fire(timer(child, TIMER_CANDIDACY_REVIEW));
    assertThat(child).isWaitingAt(TASK_REVIEW_CANDIDACY);

    releaseProduct("UCBI-0206", 150_000.0);

    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB).isNotWaitingAt(TASK_REVIEW_CANDIDACY);
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId()).count()).isZero();
  }

  @Test
  void isletInfusionIsNotOfferedBefore6HoursAfterBasiliximab() {
    ProcessInstance child = engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, "UCBI-0207",
        calledFor("UCBI-0207", 38.5));
    deliverProduct("UCBI-0207", 250_000.0);
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(true, today(), 38.5, today()));
    assertThat(child).variables().containsEntry(BASILIXIMAB_DOSE_MG, 20); // 35 kg or more
    later(Duration.ofMinutes(30));
    Instant given = now();
    complete(task(TASK_ADMINISTER_BASILIXIMAB, child), basiliximabGiven(20.0, given.toString()));

    assertThat(child).isWaitingAt(TIMER_BASILIXIMAB_LEAD_TIME);
    Job leadTime = timer(child, TIMER_BASILIXIMAB_LEAD_TIME);
    Assertions.assertThat(leadTime.getDuedate()).isEqualTo(Date.from(given.plus(Duration.ofHours(6))));
    later(Duration.ofHours(5).plusMinutes(59));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId()).executable().count())
        .as("not due before 6 h").isZero();
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(child.getId())
        .taskDefinitionKey(TASK_PUNCTURE_PORTAL_VEIN).count()).isZero();

    later(Duration.ofMinutes(1));
    Assertions.assertThat(managementService().createJobQuery().processInstanceId(child.getId()).executable().count())
        .as("due at 6 h").isEqualTo(1);
    managementService().executeJob(leadTime.getId());
    assertThat(child).isWaitingAt(TASK_PUNCTURE_PORTAL_VEIN);
  }

  @Test
  void baselinePortalPressureNoGoOffersOnlyPostponementNotTheOpenRoute() {
    ProcessInstance child = startWaiting("UCBI-0208");
    releaseProduct("UCBI-0208", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(21.0));

    assertThat(child).isWaitingAt(TASK_DECIDE_PORTAL_ACCESS).hasNotPassed(TASK_INFUSE_ISLETS);
    assertThat(child).variables().containsEntry(PORTAL_PRESSURE_ACCEPTABLE, false)
        .containsEntry(PORTAL_PRESSURE_REASON, "Baseline portal pressure above 20 mmHg (no-go)");
    assertThat(task(TASK_DECIDE_PORTAL_ACCESS, child)).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(String.valueOf(runtimeService().getVariable(child.getId(), PORTAL_ACCESS_OPTIONS)))
        .contains(ACCESS_POSTPONE).doesNotContain(ACCESS_OPEN_INJECTION);
    Task decision = task(TASK_DECIDE_PORTAL_ACCESS, child);
    Assertions.assertThat(formRejection(() -> taskService().complete(decision.getId(), portalAccess(ACCESS_OPEN_INJECTION))))
        .hasMessageContaining(PORTAL_ACCESS_DECISION).hasMessageContaining("not possible after a baseline portal pressure no-go");
    assertThat(child).isWaitingAt(TASK_DECIDE_PORTAL_ACCESS);

    complete(decision, portalAccess(ACCESS_POSTPONE));
    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT).hasNotPassed(TASK_INJECT_OPEN_PORTAL_VEIN, TASK_INFUSE_ISLETS);
  }

  @Test
  void openRoutePassesTheBaselineRuleAndTheSameInfusionChecksWithoutTractEmbolisation() {
    ProcessInstance child = punctureFailedAndOpenRouteChosen("UCBI-0232");
    assertThat(task(TASK_INJECT_OPEN_PORTAL_VEIN, child)).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariable(aeReview("UCBI-0232").getId(), org.ucbislet.safety.AdverseEventVariables.AE_TERM))
        .as("an open portal vein injection is an adverse event to report or dismiss")
        .isEqualTo("difficult-puncture-open-portal-injection");
    complete(task(TASK_INJECT_OPEN_PORTAL_VEIN, child), openAccess(14.0));

    assertThat(child).hasPassed(TASK_ASSESS_BASELINE_PRESSURE).isWaitingAt(TASK_INFUSE_ISLETS);
    assertThat(task(TASK_INFUSE_ISLETS, child)).hasCandidateGroup("transplant-physician"); // the surgeon infuses
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 17.0, 50));
    assertThat(child).isWaitingAt(TASK_INFUSE_ISLETS);
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 19.5, 100));

    assertThat(child).isWaitingAt(TASK_START_IMMUNOSUPPRESSION).hasPassed(GATEWAY_INFUSION_ROUTE)
        .hasNotPassed(TASK_EMBOLISE_TRACT, TASK_REVIEW_STOPPED_INFUSION);
    Assertions.assertThat(historicCount(child, TASK_EVALUATE_PRESSURE_RISE)).isEqualTo(2);
    assertThat(child).variables().containsEntry(PEAK_PORTAL_PRESSURE_MM_HG, 19.5);
  }

  @Test
  void openRouteWithABaselineAboveTheLimitIsNotInfusedAndOnlyPostponed() {
    ProcessInstance child = punctureFailedAndOpenRouteChosen("UCBI-0233");
    complete(task(TASK_INJECT_OPEN_PORTAL_VEIN, child), openAccess(23.0));

    assertThat(child).isWaitingAt(TASK_DECIDE_PORTAL_ACCESS).hasNotPassed(TASK_INFUSE_ISLETS);
    Task decision = task(TASK_DECIDE_PORTAL_ACCESS, child);
    Assertions.assertThat(formRejection(() -> taskService().complete(decision.getId(), portalAccess(ACCESS_OPEN_INJECTION))))
        .hasMessageContaining(PORTAL_ACCESS_DECISION);
    complete(decision, portalAccess(ACCESS_POSTPONE));
    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT);
  }

  @Test
  void openRouteInfusionStoppedAtTheCeilingIsReviewed() {
    ProcessInstance child = punctureFailedAndOpenRouteChosen("UCBI-0234");
    complete(task(TASK_INJECT_OPEN_PORTAL_VEIN, child), openAccess(16.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 23.0, 40));

    assertThat(child).isWaitingAt(TASK_REVIEW_STOPPED_INFUSION);
    assertThat(child).variables().containsEntry(INFUSION_STOP_REQUIRED, true)
        .containsEntry(INFUSION_STOP_REASON, "Portal pressure above the 22 mmHg ceiling during the infusion: infusion stopped");
    complete(task(TASK_REVIEW_STOPPED_INFUSION, child), stoppedInfusionReviewed());
    assertThat(child).isWaitingAt(TASK_START_IMMUNOSUPPRESSION).hasNotPassed(TASK_EMBOLISE_TRACT);
  }

  @Test
  void failedPunctureAlsoGoesToTheTransplantPhysician() {
    ProcessInstance child = startWaiting("UCBI-0209");
    releaseProduct("UCBI-0209", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctureFailed());

    assertThat(child).isWaitingAt(TASK_DECIDE_PORTAL_ACCESS).hasNotPassed(TASK_ASSESS_BASELINE_PRESSURE);
  }

  @Test
  void basiliximabBandUsesTheWeightMeasuredForTheInfusion() {
    ProcessInstance child = startWaiting("UCBI-0238"); // 24 kg on the waiting list
    deliverProduct("UCBI-0238", 250_000.0);
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(true, today(), 36.0, yesterday()));

    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
    assertThat(child).variables().containsEntry(BASILIXIMAB_DOSE_MG, 20).containsEntry(WEIGHT_KG, 36.0)
        .containsEntry(WEIGHT_DATE, yesterday());
  }

  @Test
  void weighingOlderThanSevenDaysIsRefusedAndTheGoNoGoStaysOpen() {
    ProcessInstance child = startWaiting("UCBI-0239");
    deliverProduct("UCBI-0239", 150_000.0);
    Task decision = task(TASK_DECIDE_ISLET_INFUSION, child);
    String eightDaysAgo = LocalDate.parse(today()).minusDays(8).toString();

    Assertions.assertThat(formRejection(() -> taskService().complete(decision.getId(),
            infusionGo(true, today(), 24.0, eightDaysAgo))))
        .hasMessageContaining(WEIGHT_DATE).hasMessageContaining("must be at most 7 days before today");
    assertThat(child).isWaitingAt(TASK_DECIDE_ISLET_INFUSION);
    String sevenDaysAgo = LocalDate.parse(today()).minusDays(7).toString();
    complete(decision, infusionGo(true, today(), 24.0, sevenDaysAgo));
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
  }

  @Test
  void weighingInTheFutureIsRefused() {
    ProcessInstance child = startWaiting("UCBI-0240");
    deliverProduct("UCBI-0240", 150_000.0);
    Task decision = task(TASK_DECIDE_ISLET_INFUSION, child);
    String tomorrow = LocalDate.parse(today()).plusDays(1).toString();

    Assertions.assertThat(formRejection(() -> taskService().complete(decision.getId(),
            infusionGo(true, today(), 24.0, tomorrow))))
        .hasMessageContaining(WEIGHT_DATE).hasMessageContaining("must not be in the future");
    assertThat(child).isWaitingAt(TASK_DECIDE_ISLET_INFUSION);
  }

  @Test
  void tissueVolumeTooMuchForTodaysWeightIsNotInfusedAndTheChildWaitsAgain() {
    ProcessInstance child = startWaiting("UCBI-0241"); // released at 24 kg: 5.5 mL is 0.23 mL/kg
    later(Duration.ofHours(1));
    runtimeService().createMessageCorrelation(MESSAGE_ISLET_PRODUCT_RELEASED).processInstanceBusinessKey("UCBI-0241")
        .setVariables(releasedProduct("ISL-2027-0008", 150_000.0, CHILD_WEIGHT_KG, Date.from(now()), 5.5)).correlate();
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(true, today(), 21.5, today())); // 0.256 mL/kg today

    assertThat(child).hasPassed(TASK_CHECK_TISSUE_VOLUME).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT)
        .hasNotPassed(TASK_ADMINISTER_BASILIXIMAB);
    assertThat(child).variables().containsEntry(TISSUE_VOLUME_ACCEPTABLE, false)
        .containsEntry(TISSUE_VOLUME_REASON, "Settled tissue volume 0.25 mL/kg or more of today's weight")
        .containsEntry(INFUSION_NUMBER, 1).containsEntry(WAITING_SINCE, Date.from(ENTERED_WAITING_LIST))
        .containsEntry(WEIGHT_KG, 21.5);
  }

  @Test
  void productWithoutItsTissueVolumeIsAnIncidentNotAnInfusion() {
    ProcessInstance child = startWaiting("UCBI-0242");
    Map<String, Object> withoutVolume = new java.util.HashMap<>(releasedProduct("ISL-2027-0009", 150_000.0,
        CHILD_WEIGHT_KG, Date.from(now())));
    withoutVolume.remove(ISLET_PRODUCT_TISSUE_VOLUME_ML);

    Throwable thrown = catchThrowable(() -> runtimeService().createMessageCorrelation(MESSAGE_ISLET_PRODUCT_RELEASED)
        .processInstanceBusinessKey("UCBI-0242").setVariables(withoutVolume).correlate());
    Assertions.assertThat(thrown).hasMessageContaining(ISLET_PRODUCT_TISSUE_VOLUME_ML);
    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT);
  }

  @Test
  void mdtNoGoForTheAllocatedProductSendsTheChildBackToWaiting() {
    ProcessInstance child = startWaiting("UCBI-0231");
    later(Duration.ofDays(12));
    deliverProduct("UCBI-0231", 150_000.0);
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(false, today()));

    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT).hasNotPassed(TASK_ADMINISTER_BASILIXIMAB);
    assertThat(child).variables().containsEntry(INFUSION_NUMBER, 1)
        .containsEntry(WAITING_SINCE, Date.from(ENTERED_WAITING_LIST));

    deliverProduct("UCBI-0231", 160_000.0);
    assertThat(child).isWaitingAt(TASK_DECIDE_ISLET_INFUSION);
    Assertions.assertThat(runtimeService().getVariables(child.getId())).as("the no-go of the previous product is gone")
        .doesNotContainKeys(ISLET_INFUSION_GO, ISLET_INFUSION_GO_RATIONALE);
  }

  @Test
  void noGoPostponedSendsTheChildBackToWaitingWithTheSameInfusionNumberAndWaitingTime() {
    ProcessInstance child = startWaiting("UCBI-0210");
    later(Duration.ofDays(30));
    releaseProduct("UCBI-0210", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(24.0));
    complete(task(TASK_DECIDE_PORTAL_ACCESS, child), portalAccess(ACCESS_POSTPONE));

    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT).hasNotPassed(TASK_INFUSE_ISLETS);
    assertThat(child).variables().containsEntry(INFUSION_NUMBER, 1)
        .containsEntry(WAITING_SINCE, Date.from(ENTERED_WAITING_LIST));

    later(Duration.ofDays(10));
    releaseProduct("UCBI-0210", 160_000.0);
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
    Assertions.assertThat(runtimeService().getVariables(child.getId()))
        .as("the previous attempt's answers are gone").doesNotContainKeys(PUNCTURE_SUCCESSFUL,
            BASELINE_PORTAL_PRESSURE_MM_HG, PORTAL_ACCESS_DECISION, BASILIXIMAB_GIVEN_AT)
        .containsEntry(ISLET_PRODUCT_IEQ, 160_000.0);
  }

  @Test
  void pressureIsCheckedAfterEveryAliquotAndTheCeilingStopsTheInfusionWhateverTheBaseline() {
    ProcessInstance child = startWaiting("UCBI-0235");
    releaseProduct("UCBI-0235", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(15.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 19.0, 30));
    assertThat(child).isWaitingAt(TASK_INFUSE_ISLETS).hasPassed(TASK_EVALUATE_PRESSURE_RISE);
    assertThat(task(TASK_INFUSE_ISLETS, child)).hasCandidateGroup("interventional-radiology");
    later(Duration.ofMinutes(10));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 22.5, 55)); // rise 7.5 mmHg only, but above 22 mmHg

    assertThat(child).isWaitingAt(TASK_REVIEW_STOPPED_INFUSION);
    Task aeReview = aeReview("UCBI-0235");
    Assertions.assertThat(taskService().getVariables(aeReview.getId())).as("the adverse event review, prefilled")
        .containsEntry(org.ucbislet.safety.AdverseEventVariables.AE_TERM, "other")
        .containsEntry("clinicalEvent", "stopped-islet-infusion");
    Assertions.assertThat((String) taskService().getVariable(aeReview.getId(), org.ucbislet.safety.AdverseEventVariables.AE_DESCRIPTION))
        .contains("stopped at 55 %", "22 mmHg ceiling", "baseline portal pressure 15.0 mmHg");
    assertThat(child).variables().containsEntry(INFUSION_STOP_REQUIRED, true).containsEntry(PEAK_PORTAL_PRESSURE_MM_HG, 22.5)
        .containsEntry(INFUSION_STOP_REASON, "Portal pressure above the 22 mmHg ceiling during the infusion: infusion stopped");
    Assertions.assertThat(String.valueOf(runtimeService().getVariable(child.getId(), PORTAL_PRESSURE_MEASUREMENTS)))
        .contains("\"pressureMmHg\":19.0", "\"pressureMmHg\":22.5", "\"infusedFractionPercent\":55.0");
    Assertions.assertThat(historicCount(child, TASK_INFUSE_ISLETS)).isEqualTo(2);
  }

  @Test
  void teamStoppingTheInfusionForAnotherReasonGoesToTheReview() {
    ProcessInstance child = startWaiting("UCBI-0236");
    releaseProduct("UCBI-0236", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(12.0));
    complete(task(TASK_INFUSE_ISLETS, child), with(with(infused(today(), 16.0, 35), INFUSION_STOPPED_BY_TEAM, true),
        INFUSION_NOTES, "Bleeding at the puncture site"));

    assertThat(child).isWaitingAt(TASK_REVIEW_STOPPED_INFUSION);
    assertThat(child).variables().containsEntry(INFUSION_STOP_REQUIRED, false);
  }

  @Test
  void heparinOf45UnitsPerKgOfTodaysWeightNeedsAReasonAndIsFlagged() {
    ProcessInstance child = startWaiting("UCBI-0243");
    releaseProduct("UCBI-0243", 150_000.0); // weighed 24 kg at the go/no-go
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(12.0));
    Task aliquot = task(TASK_INFUSE_ISLETS, child);
    Map<String, Object> highDose = with(infused(today(), 16.0, 100), HEPARIN_UNITS, 1080L); // 45.0 U/kg

    Assertions.assertThat(formRejection(() -> taskService().complete(aliquot.getId(), highDose)))
        .hasMessageContaining(HEPARIN_HIGH_DOSE_REASON).hasMessageContaining("45.0 U/kg");
    assertThat(child).isWaitingAt(TASK_INFUSE_ISLETS);

    complete(aliquot, with(highDose, HEPARIN_HIGH_DOSE_REASON, "Infusate prepared at 70 U/kg per the lab's SOP; APTT checked"));
    assertThat(child).isWaitingAt(TASK_EMBOLISE_TRACT);
    assertThat(child).variables().containsEntry(HEPARIN_UNITS_PER_KG, 45.0).containsEntry(HEPARIN_HIGH_BLEEDING_RISK, true)
        .containsEntry(HEPARIN_BLEEDING_RISK_REASON, "Heparin 45 U/kg or more: high bleeding risk (Villiger 2005)");
  }

  @Test
  void heparinBelow45UnitsPerKgIsRecordedPerKgWithoutAFlag() {
    ProcessInstance child = startWaiting("UCBI-0244");
    releaseProduct("UCBI-0244", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(12.0));
    complete(task(TASK_INFUSE_ISLETS, child), with(infused(today(), 16.0, 100), HEPARIN_UNITS, 1079L)); // 44.96 U/kg

    assertThat(child).isWaitingAt(TASK_EMBOLISE_TRACT);
    assertThat(child).variables().containsEntry(HEPARIN_UNITS_PER_KG, 1079 / 24.0).containsEntry(HEPARIN_HIGH_BLEEDING_RISK, false);
  }

  @Test
  void fractionInfusedLowerThanAtThePreviousAliquotIsRefused() {
    ProcessInstance child = startWaiting("UCBI-0237");
    releaseProduct("UCBI-0237", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(12.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 16.0, 50));
    Task next = task(TASK_INFUSE_ISLETS, child);

    Assertions.assertThat(formRejection(() -> taskService().complete(next.getId(), infused(today(), 17.0, 40))))
        .hasMessageContaining(INFUSED_FRACTION_PERCENT).hasMessageContaining("must not be lower than at the previous");
    assertThat(child).isWaitingAt(TASK_INFUSE_ISLETS);
  }

  @Test
  void infusionStoppedForAPressureRiseIsReviewedAndTheTractStillEmbolised() {
    ProcessInstance child = startWaiting("UCBI-0211");
    releaseProduct("UCBI-0211", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(3.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 21.5, 60)); // rise 18.5 mmHg, below the ceiling

    assertThat(child).isWaitingAt(TASK_REVIEW_STOPPED_INFUSION);
    assertThat(child).variables().containsEntry(INFUSION_STOP_REQUIRED, true)
        .containsEntry(INFUSION_STOP_REASON, "Portal pressure rise above 18 mmHg (25 cmH2O) over baseline: infusion stopped")
        .containsEntry(INFUSED_FRACTION_PERCENT, 60L);
    assertThat(task(TASK_REVIEW_STOPPED_INFUSION, child)).hasCandidateGroup("transplant-physician");
    complete(task(TASK_REVIEW_STOPPED_INFUSION, child), stoppedInfusionReviewed());

    assertThat(child).isWaitingAt(TASK_EMBOLISE_TRACT);
    complete(task(TASK_EMBOLISE_TRACT, child), tractEmbolised());
    assertThat(child).isWaitingAt(TASK_START_IMMUNOSUPPRESSION);
  }

  @Test
  void riseOfExactly18MmHgToExactlyTheCeilingDoesNotStopTheInfusion() {
    ProcessInstance child = startWaiting("UCBI-0212");
    releaseProduct("UCBI-0212", 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(4.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 22.0, 100));

    assertThat(child).isWaitingAt(TASK_EMBOLISE_TRACT).hasNotPassed(TASK_REVIEW_STOPPED_INFUSION);
  }

  @Test
  void followUpTimersAreAbsoluteDatesFromTheInfusionDate() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0213");
    LocalDate day0 = LocalDate.parse(today());

    assertThat(child).isWaitingAt(TIMER_BASILIXIMAB_SECOND_DOSE, TIMER_TAPER_DUE, TIMER_TROUGH_LEVEL_DUE, TIMER_DAY_75,
        TIMER_INSULIN_REVIEW_DUE, TIMER_BLEEDING_CHECK_DUE);
    Assertions.assertThat(timer(child, TIMER_BASILIXIMAB_SECOND_DOSE).getDuedate()).isEqualTo(startOf(day0.plusDays(4)));
    Assertions.assertThat(timer(child, TIMER_TAPER_DUE).getDuedate()).isEqualTo(startOf(day0.plusMonths(3)));
    Assertions.assertThat(timer(child, TIMER_DAY_75).getDuedate()).isEqualTo(startOf(day0.plusDays(75)));
    List<Date> troughs = dueDates(child, TIMER_TROUGH_LEVEL_DUE);
    Assertions.assertThat(troughs).hasSize(22).startsWith(startOf(day0.plusDays(7)), startOf(day0.plusDays(14)))
        .contains(startOf(day0.plusDays(91)), startOf(day0.plusMonths(4))).endsWith(startOf(day0.plusMonths(12)));
    Assertions.assertThat(dueDates(child, TIMER_INSULIN_REVIEW_DUE)).containsExactly(startOf(day0.plusDays(7)),
        startOf(day0.plusDays(14)), startOf(day0.plusDays(28)), startOf(day0.plusMonths(2)), startOf(day0.plusMonths(3)),
        startOf(day0.plusMonths(4)), startOf(day0.plusMonths(5)), startOf(day0.plusMonths(6)));
    Assertions.assertThat(dueDates(child, TIMER_BLEEDING_CHECK_DUE)).containsExactly(startOf(day0.plusDays(1)),
        startOf(day0.plusDays(7)));
    Assertions.assertThat(dueDates(child, TIMER_ISLET_IMMUNE_PANEL_DUE)).containsExactly(startOf(day0.plusMonths(3)),
        startOf(day0.plusMonths(6)), startOf(day0.plusMonths(12)));
  }

  @Test
  void immunePanelAfterTheIsletInfusionIsRecordedByTheTransplantPhysician() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0252");
    fire(dueTimers(child, TIMER_ISLET_IMMUNE_PANEL_DUE).get(0));
    Task panel = task(TASK_RECORD_ISLET_IMMUNE_PANEL, child);
    assertThat(panel).hasCandidateGroup("transplant-physician");
    complete(panel, immunePanel(today()));

    assertThat(child).hasPassed("End_IsletImmunePanelRecorded");
    assertThat(child).variables().doesNotContainKey(PANEL_CD4_CELLS_PER_UL); // each panel stays in its own instance
    Assertions.assertThat(historicCount(child, TASK_RECORD_ISLET_IMMUNE_PANEL)).isEqualTo(1);
  }

  @Test
  void thrombosisOnTheDay1DopplerIsEscalatedToTheTransplantPhysician() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0245");
    fire(dueTimers(child, TIMER_BLEEDING_CHECK_DUE).get(0));
    Task check = task(TASK_CHECK_BLEEDING, child);
    assertThat(check).hasCandidateGroup("transplant-physician");
    complete(check, bleedingCheck(today(), "non-occlusive-thrombosis", false));

    Task management = task(TASK_MANAGE_BLEEDING_OR_THROMBOSIS, child);
    assertThat(management).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariables(management.getId()))
        .containsEntry(PORTAL_DOPPLER_RESULT, "non-occlusive-thrombosis").containsEntry(HAEMOGLOBIN_G_PER_L, 112L);
    complete(management, bleedingOrThrombosisManaged());
    assertThat(child).hasPassed(END_BLEEDING_OR_THROMBOSIS_MANAGED);
    assertThat(child).variables().doesNotContainKey(PORTAL_DOPPLER_RESULT); // each check stays in its own instance
  }

  @Test
  void signsOfBleedingWithAPatentPortalVeinAreEscalatedToo() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0246");
    fire(dueTimers(child, TIMER_BLEEDING_CHECK_DUE).get(0));
    complete(task(TASK_CHECK_BLEEDING, child), bleedingCheck(today(), DOPPLER_PATENT, true));

    assertThat(child).isWaitingAt(TASK_MANAGE_BLEEDING_OR_THROMBOSIS);
  }

  @Test
  void normalCheckEndsWithoutEscalation() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0247");
    fire(dueTimers(child, TIMER_BLEEDING_CHECK_DUE).get(0));
    complete(task(TASK_CHECK_BLEEDING, child), bleedingCheck(today(), DOPPLER_PATENT, false));

    assertThat(child).hasPassed(END_BLEEDING_CHECK_NORMAL).hasNotPassed(TASK_MANAGE_BLEEDING_OR_THROMBOSIS);
  }

  @Test
  void bleedingCheckDatedBeforeTheInfusionIsRefused() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0248");
    fire(dueTimers(child, TIMER_BLEEDING_CHECK_DUE).get(0));
    Task check = task(TASK_CHECK_BLEEDING, child);
    String dayBefore = LocalDate.parse(today()).minusDays(2).toString();

    Assertions.assertThat(formRejection(() -> taskService().complete(check.getId(),
            bleedingCheck(dayBefore, DOPPLER_PATENT, false))))
        .hasMessageContaining(BLEEDING_CHECK_DATE).hasMessageContaining("must not be before infusionDate");
  }

  @Test
  void troughOutOfRangeOpensADoseAdjustmentTask() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0214");
    Job firstLevel = dueTimers(child, TIMER_TROUGH_LEVEL_DUE).get(0);
    fire(firstLevel);
    Task trough = task(TASK_RECORD_TROUGH, child);
    assertThat(trough).hasCandidateGroup("transplant-physician");
    complete(trough, trough(today(), 12.5));

    Task adjustment = task(TASK_ADJUST_TACROLIMUS_DOSE, child);
    assertThat(adjustment).hasCandidateGroup("transplant-physician");
    Assertions.assertThat(taskService().getVariables(adjustment.getId()))
        .containsEntry(TACROLIMUS_TROUGH_NG_PER_ML, 12.5).containsEntry(TROUGH_IN_RANGE, false)
        .containsEntry(TROUGH_TARGET_LOW_NG_PER_ML, 8.0).containsEntry(TROUGH_TARGET_HIGH_NG_PER_ML, 10.0)
        .containsEntry(TROUGH_DEVIATION, "above target");
    complete(adjustment, doseAdjusted(3.0));

    assertThat(child).hasPassed(END_TACROLIMUS_DOSE_ADJUSTED);
    assertThat(child).variables().containsEntry(TACROLIMUS_DOSE_MG_PER_DAY, 3.0)
        .doesNotContainKey(TACROLIMUS_TROUGH_NG_PER_ML); // each level stays in its own instance
  }

  @Test
  void troughInTheMaintenancePeriodIsJudgedAgainstTheLowerTarget() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0215");
    Job month4 = dueTimers(child, TIMER_TROUGH_LEVEL_DUE).get(13);
    fire(month4);
    complete(task(TASK_RECORD_TROUGH, child), trough(today(), 9.0)); // in range before month 3, above from month 3

    Task adjustment = task(TASK_ADJUST_TACROLIMUS_DOSE, child);
    Assertions.assertThat(taskService().getVariables(adjustment.getId()))
        .containsEntry(TROUGH_TARGET_LOW_NG_PER_ML, 6.0).containsEntry(TROUGH_TARGET_HIGH_NG_PER_ML, 8.0);
  }

  @Test
  void troughSampleDatedBeforeTheInfusionIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0216");
    fire(dueTimers(child, TIMER_TROUGH_LEVEL_DUE).get(0));
    Task trough = task(TASK_RECORD_TROUGH, child);

    Assertions.assertThat(formRejection(() -> taskService().complete(trough.getId(), trough("2026-12-31", 9.0))))
        .hasMessageContaining(TROUGH_SAMPLE_DATE).hasMessageContaining("must not be before infusionDate");
    assertThat(child).isWaitingAt(TASK_RECORD_TROUGH);
  }

  @Test
  void mdtOrdersASecondInfusionAndTheChildWaitsAgainWithInfusionNumber2() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0217");
    followUpToTheMdtDecision(child, GRAFT_MARGINAL);
    complete(task(TASK_DECIDE_FURTHER_INFUSION, child), furtherInfusion(true, today()));

    assertThat(child).isWaitingAt(TASK_AWAIT_ISLET_PRODUCT).hasPassed(TASK_REGISTER_FURTHER_INFUSION)
        .isNotEnded();
    Assertions.assertThat(runtimeService().getVariables(child.getId()))
        .containsEntry(INFUSION_NUMBER, 2).containsEntry(WAITING_SINCE, ClockUtil.getCurrentTime())
        .containsEntry(WEIGHT_KG, 24.0);

    releaseProduct("UCBI-0217", 110_000.0); // 4583 IEQ/kg: enough for a later infusion (decision isletProductRelease)
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
    Assertions.assertThat(runtimeService().getVariables(child.getId()))
        .doesNotContainKeys(INFUSION_DATE, ISLET_GRAFT_FUNCTION, FURTHER_INFUSION_ORDERED, TROUGH_SCHEDULE)
        .containsEntry(BASELINE_INSULIN_UNITS_PER_KG_DAY, 0.8).containsEntry(INFUSION_NUMBER, 2);
  }

  @Test
  void sixHourWaitRunsFromTheTimeBasiliximabWasGivenNotFromItsRecord() {
    ProcessInstance child = startWaiting("UCBI-0249");
    releaseProduct("UCBI-0249", 150_000.0);
    Instant given = now();
    later(Duration.ofHours(2)); // recorded two hours after it was given
    complete(task(TASK_ADMINISTER_BASILIXIMAB, child), basiliximabGiven(10.0, given.toString()));

    Assertions.assertThat(timer(child, TIMER_BASILIXIMAB_LEAD_TIME).getDuedate())
        .isEqualTo(Date.from(given.plus(Duration.ofHours(6))));
    later(Duration.ofHours(4));
    fire(timer(child, TIMER_BASILIXIMAB_LEAD_TIME));
    assertThat(child).isWaitingAt(TASK_PUNCTURE_PORTAL_VEIN);
  }

  @Test
  void basiliximabGivenLaterThanNowIsRefused() {
    ProcessInstance child = startWaiting("UCBI-0250");
    releaseProduct("UCBI-0250", 150_000.0);
    Task basiliximab = task(TASK_ADMINISTER_BASILIXIMAB, child);

    Assertions.assertThat(formRejection(() -> taskService().complete(basiliximab.getId(),
            basiliximabGiven(10.0, now().plus(Duration.ofHours(1)).toString()))))
        .hasMessageContaining(BASILIXIMAB_GIVEN_AT).hasMessageContaining("must not be in the future");
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
  }

  @Test
  void basiliximabDoseDifferentFromTheBandNeedsAReason() {
    ProcessInstance child = startWaiting("UCBI-0251");
    releaseProduct("UCBI-0251", 150_000.0); // 24 kg: band 10 mg
    Task basiliximab = task(TASK_ADMINISTER_BASILIXIMAB, child);

    Assertions.assertThat(formRejection(() -> taskService().complete(basiliximab.getId(),
            basiliximabGiven(20.0, now().toString()))))
        .hasMessageContaining(BASILIXIMAB_DOSE_MISMATCH_REASON).hasMessageContaining("20 mg given, the weight band gives 10 mg");
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);

    complete(basiliximab, with(basiliximabGiven(20.0, now().toString()), BASILIXIMAB_DOSE_MISMATCH_REASON,
        "Weighed 34.6 kg in clinic this morning; dosed as the 20 mg band by the attending"));
    assertThat(child).isWaitingAt(TIMER_BASILIXIMAB_LEAD_TIME);
  }

  @Test
  void basiliximabRecordWithoutTheTimeGivenIsRefused() {
    ProcessInstance child = startWaiting("UCBI-0218");
    releaseProduct("UCBI-0218", 150_000.0);
    Task basiliximab = task(TASK_ADMINISTER_BASILIXIMAB, child);

    Assertions.assertThat(formRejection(() -> taskService().complete(basiliximab.getId(), Map.of(BASILIXIMAB_GIVEN_MG, 10.0))))
        .hasMessageContaining(BASILIXIMAB_GIVEN_AT).hasMessageContaining("is required");
    assertThat(child).isWaitingAt(TASK_ADMINISTER_BASILIXIMAB);
  }

  // ------------------------------------------------------------------ steps

  @Test
  void day365AssessmentIsNotSatisfiedByTheDay75Answers() {
    ProcessInstance child = infusedAndOnImmunosuppression("UCBI-0230");
    for (Job next = nextTimer(child); next != null; next = nextTimer(child)) {
      fire(next);
      for (Task t : taskService().createTaskQuery().processInstanceId(child.getId()).list()) {
        switch (t.getTaskDefinitionKey()) {
          case TASK_BASILIXIMAB_SECOND_DOSE -> complete(t, secondBasiliximabDose());
          case TASK_TAPER_IMMUNOSUPPRESSION -> complete(t, tapered());
          case TASK_RECORD_TROUGH -> complete(t, trough(scheduledDay(t, TROUGH_DUE_DATE), 8.0));
          case TASK_REDUCE_INSULIN -> complete(t, insulinReviewed(scheduledDay(t, INSULIN_REVIEW_DUE_DATE), 0.3));
          case TASK_CHECK_BLEEDING -> complete(t, bleedingCheck(scheduledDay(t, BLEEDING_CHECK_DUE_DATE), DOPPLER_PATENT, false));
          case TASK_RECORD_ISLET_IMMUNE_PANEL -> complete(t, immunePanel(scheduledDay(t, ISLET_IMMUNE_PANEL_DUE_DATE)));
          case TASK_ASSESS_GRAFT_DAY_75 -> complete(t, graftFunction(GRAFT_GOOD, today()));
          case TASK_ASSESS_GRAFT_DAY_365 -> {
            // a REST client that sends only the notes: HbA1c, C-peptide ... of day +75 must not count again
            FormValidationException rejection = formRejection(() -> taskService().complete(t.getId(),
                Map.of(GRAFT_FUNCTION_NOTES, "sent without the MMTT values")));
            Assertions.assertThat(rejection.getViolations()).extracting(v -> v.field())
                .contains(HBA1C_PERCENT, C_PEPTIDE_NG_PER_ML, MMTT_DATE);
            complete(t, graftFunction(GRAFT_OPTIMAL, today()));
          }
          default -> throw new AssertionError("Unexpected task " + t.getTaskDefinitionKey());
        }
      }
    }
    assertThat(child).isWaitingAt(TASK_DECIDE_FURTHER_INFUSION);
    assertThat(child).variables().containsEntry(ISLET_GRAFT_FUNCTION, GRAFT_OPTIMAL)
        .containsEntry(ISLET_GRAFT_FUNCTION_DAY_75, GRAFT_GOOD);
  }

  private ProcessInstance startWaiting(String subjectId) {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS_KEY, subjectId, calledFor(subjectId, CHILD_WEIGHT_KG));
  }

  /** What isletIsolation does when it releases a product to this child (design.md, message contract). */
  /** The product arrives and the MDT says go. */
  private void releaseProduct(String subjectId, double ieq) {
    deliverProduct(subjectId, ieq);
    ProcessInstance child = runtimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).singleResult();
    complete(task(TASK_DECIDE_ISLET_INFUSION, child), infusionGo(true, today()));
  }

  /** Message IsletProductReleased as isletIsolation sends it. */
  private void deliverProduct(String subjectId, double ieq) {
    later(Duration.ofHours(1));
    runtimeService().createMessageCorrelation(MESSAGE_ISLET_PRODUCT_RELEASED).processInstanceBusinessKey(subjectId)
        .setVariables(releasedProduct("ISL-2027-0007", ieq, CHILD_WEIGHT_KG, Date.from(now())))
        .correlate();
  }

  /** The adverse event review task that a clinical event of the child raised (process adverseEventReview). */
  private static Task aeReview(String subjectId) {
    return taskService().createTaskQuery().processDefinitionKey("adverseEventReview").processInstanceBusinessKey(subjectId)
        .singleResult();
  }

  private ProcessInstance punctureFailedAndOpenRouteChosen(String subjectId) {
    ProcessInstance child = startWaiting(subjectId);
    releaseProduct(subjectId, 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctureFailed());
    Assertions.assertThat(String.valueOf(runtimeService().getVariable(child.getId(), PORTAL_ACCESS_OPTIONS)))
        .contains(ACCESS_OPEN_INJECTION, ACCESS_POSTPONE);
    complete(task(TASK_DECIDE_PORTAL_ACCESS, child), portalAccess(ACCESS_OPEN_INJECTION));
    return child;
  }

  private void giveBasiliximabAndWait6Hours(ProcessInstance child) {
    complete(task(TASK_ADMINISTER_BASILIXIMAB, child), basiliximabGiven(10.0, now().toString()));
    fire(timer(child, TIMER_BASILIXIMAB_LEAD_TIME));
  }

  private ProcessInstance infusedAndOnImmunosuppression(String subjectId) {
    ProcessInstance child = startWaiting(subjectId);
    releaseProduct(subjectId, 150_000.0);
    giveBasiliximabAndWait6Hours(child);
    complete(task(TASK_PUNCTURE_PORTAL_VEIN, child), punctured(13.0));
    complete(task(TASK_INFUSE_ISLETS, child), infused(today(), 22.0, 100));
    complete(task(TASK_EMBOLISE_TRACT, child), tractEmbolised());
    complete(task(TASK_START_IMMUNOSUPPRESSION, child), immunosuppressionStarted(today()));
    return child;
  }

  /**
   * Fires every follow-up timer in date order and answers each task it opens: troughs in range, insulin
   * weaned, good graft function at day +75 and the given class at day +365.
   */
  private void followUpToTheMdtDecision(ProcessInstance child, String graftClassAtDay365) {
    for (Job next = nextTimer(child); next != null; next = nextTimer(child)) {
      fire(next);
      for (Task t : taskService().createTaskQuery().processInstanceId(child.getId()).list()) {
        switch (t.getTaskDefinitionKey()) {
          case TASK_BASILIXIMAB_SECOND_DOSE -> complete(t, secondBasiliximabDose());
          case TASK_TAPER_IMMUNOSUPPRESSION -> complete(t, tapered());
          case TASK_RECORD_TROUGH -> complete(t, trough(scheduledDay(t, TROUGH_DUE_DATE), 8.0));
          case TASK_REDUCE_INSULIN -> complete(t, insulinReviewed(scheduledDay(t, INSULIN_REVIEW_DUE_DATE), 0.3));
          case TASK_CHECK_BLEEDING -> complete(t, bleedingCheck(scheduledDay(t, BLEEDING_CHECK_DUE_DATE), DOPPLER_PATENT, false));
          case TASK_RECORD_ISLET_IMMUNE_PANEL -> complete(t, immunePanel(scheduledDay(t, ISLET_IMMUNE_PANEL_DUE_DATE)));
          case TASK_ASSESS_GRAFT_DAY_75 -> complete(t, graftFunction(GRAFT_GOOD, today()));
          case TASK_ASSESS_GRAFT_DAY_365 -> complete(t, graftFunction(graftClassAtDay365, today()));
          default -> throw new AssertionError("Unexpected task " + t.getTaskDefinitionKey());
        }
      }
    }
    assertThat(child).isWaitingAt(TASK_DECIDE_FURTHER_INFUSION);
  }

  /** The form rejection somewhere in the cause chain of what the call threw. */
  private static FormValidationException formRejection(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof FormValidationException rejection) {
        return rejection;
      }
    }
    throw new AssertionError("Expected a form rejection, got " + thrown, thrown);
  }

  private static String scheduledDay(Task t, String dueDateVariable) {
    return ((String) taskService().getVariable(t.getId(), dueDateVariable)).substring(0, 10);
  }

  private static String yesterday() {
    return LocalDate.parse(today()).minusDays(1).toString();
  }

  private static String today() {
    return LocalDate.ofInstant(now(), ClinicalTimeZone.get()).toString();
  }

  private static Date startOf(LocalDate day) {
    return Date.from(day.atStartOfDay(ClinicalTimeZone.get()).toInstant());
  }

  /**
   * The clinical day of a due date. The engine adds a timer's days (R/P90D) in the JVM's calendar, so across a daylight
   * saving change of the machine's zone the hour shifts; the day, in the clinical time zone, does not.
   */
  private static LocalDate clinicalDay(Date due) {
    return clinicalDay(due.toInstant());
  }

  private static LocalDate clinicalDay(Instant instant) {
    return LocalDate.ofInstant(instant, ClinicalTimeZone.get());
  }

  private static long historicCount(ProcessInstance child, String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(child.getId())
        .activityId(activityId).count();
  }

  private static Object historicVariable(ProcessInstance child, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(child.getId())
        .variableName(name).singleResult().getValue();
  }
}

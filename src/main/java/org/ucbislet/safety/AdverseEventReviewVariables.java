package org.ucbislet.safety;

/**
 * Process {@code adverseEventReview} (bpmn/adverse-event-review.bpmn): a clinical event that is an adverse event in
 * the protocol's list (a stopped or partial islet infusion, an open portal vein injection, a severe infusion reaction,
 * acute GVHD grade II or more, graft failure) opens a task for the responsible physician to report it, prefilled, into
 * {@code adverseEvent}, or to dismiss it with a reason.
 */
public final class AdverseEventReviewVariables {

  public static final String PROCESS_KEY = "adverseEventReview";

  /** Which clinical event raised the review ({@link ClinicalEvent#code()}). */
  public static final String CLINICAL_EVENT = "clinicalEvent";
  /** The process instance where the event happened (islet or cord blood transplant). */
  public static final String CLINICAL_EVENT_SOURCE_INSTANCE_ID = "clinicalEventSourceInstanceId";
  /** report or dismiss. */
  public static final String AE_REVIEW_DECISION = "aeReviewDecision";
  public static final String DECISION_REPORT = "report";
  public static final String DECISION_DISMISS = "dismiss";
  public static final String AE_REVIEW_DISMISS_REASON = "aeReviewDismissReason";
  /** The adverseEvent instance opened by a report. */
  public static final String REPORTED_ADVERSE_EVENT_INSTANCE_ID = "reportedAdverseEventInstanceId";

  public static final String FORM_ADVERSE_EVENT_REVIEW = "adverse-event-review";
  public static final String START_CLINICAL_EVENT_RAISED = "Start_ClinicalEventRaised";
  public static final String TASK_REVIEW_CLINICAL_EVENT = "Task_ReviewClinicalEvent";
  public static final String TASK_OPEN_REVIEWED_ADVERSE_EVENT = "Task_OpenReviewedAdverseEvent";
  public static final String END_ADVERSE_EVENT_REPORTED = "End_AdverseEventReported";
  public static final String END_ADVERSE_EVENT_DISMISSED = "End_AdverseEventDismissed";

  private AdverseEventReviewVariables() {
  }
}

package org.ucbislet.safety;

import java.util.List;

/**
 * Process key, message, decision, forms, variables and element IDs of {@code adverseEvent}
 * (bpmn/adverse-event.bpmn). The message, the decision and its inputs and outputs are contract (design.md
 * section 3); the report fields are the start form's keys.
 */
public final class AdverseEventVariables {

  public static final String PROCESS_KEY = "adverseEvent";
  /** Contract: started by this message, business key = subject ID. */
  public static final String MESSAGE_ADVERSE_EVENT_REPORTED = "AdverseEventReported";
  /** Contract decision. */
  public static final String DECISION_SERIOUSNESS = "adverseEventSeriousness";

  // the report (start form adverse-event-report)
  public static final String SUBJECT_ID = "subjectId";
  public static final String AE_TERM = "aeTerm";
  public static final String AE_TERM_OTHER = "aeTermOther";
  public static final String TERM_OTHER = "other";
  public static final String TERM_PRETREATMENT_OTHER = "pretreatment-other";
  public static final String AE_ONSET_DATE = "aeOnsetDate";
  public static final String AE_DESCRIPTION = "aeDescription";
  /**
   * When the investigator (or site) first learned of the event: day 0 of every reporting clock (ICH E2A, domain.md
   * Part A "safety clocks", B 6.3). Required; not in the future, not before the onset date.
   */
  public static final String AE_AWARENESS_DATE = "aeAwarenessDate";
  /**
   * The reporter confirms that a CTCAE grade 4 event (life-threatening consequences, B 6.1) meets no seriousness
   * criterion (B 6.2: severity and seriousness are separate axes); asked only then.
   */
  public static final String GRADE4_NOT_SERIOUS_CONFIRMED = "grade4NotSeriousConfirmed";
  // decision inputs (contract)
  public static final String CTCAE_GRADE = "ctcaeGrade";
  public static final String LIFE_THREATENING = "lifeThreatening";
  public static final String HOSPITALIZATION = "hospitalization";
  public static final String PERSISTENT_DISABILITY = "persistentDisability";
  public static final String CONGENITAL_ANOMALY = "congenitalAnomaly";
  public static final String IMPORTANT_MEDICAL_EVENT = "importantMedicalEvent";
  public static final String UNEXPECTED = "unexpected";
  public static final String RELATED_TO_INTERVENTION = "relatedToIntervention";
  /** Every field of the report (start form adverse-event-report), in form order. */
  public static final List<String> REPORT_FIELDS = List.of(SUBJECT_ID, AE_TERM, AE_TERM_OTHER,
      AE_ONSET_DATE, CTCAE_GRADE, LIFE_THREATENING, HOSPITALIZATION, PERSISTENT_DISABILITY, CONGENITAL_ANOMALY,
      IMPORTANT_MEDICAL_EVENT, GRADE4_NOT_SERIOUS_CONFIRMED, UNEXPECTED, RELATED_TO_INTERVENTION, AE_DESCRIPTION,
      AE_AWARENESS_DATE);
  /** Set when the report came in through a running ucbIsletProtocol (its AdverseEventReported event sub-process). */
  public static final String REPORTED_FROM_PROTOCOL_INSTANCE_ID = "reportedFromProtocolInstanceId";
  /** A grade 5 event: death (design.md section 3). */
  public static final int GRADE_DEATH = 5;

  // decision outputs (contract)
  public static final String SERIOUS = "serious";
  public static final String INITIAL_REPORT_DEADLINE = "initialReportDeadline";
  public static final String EXPEDITED_REPORT_DAYS = "expeditedReportDays";

  // set by the engine
  /** The report's term as a CTCAE v5.0 term ({@link CtcaeTerms}, domain.md B 6.1). */
  public static final String CTCAE_TERM = "ctcaeTerm";
  /** The CTCAE term's MedDRA system organ class (null for "Other, specify" without a class). */
  public static final String CTCAE_SYSTEM_ORGAN_CLASS = "ctcaeSystemOrganClass";
  /** When the report reached the engine (data entry); no clock runs from it. */
  public static final String REPORTED_AT = "adverseEventReportedAt";
  /** {@link #AE_AWARENESS_DATE} as a date and time: day 0 of every reporting clock. */
  public static final String AWARE_AT = "adverseEventAwareAt";
  /** The authenticated user who reported (null when started without authentication, e.g. by Java). */
  public static final String REPORTED_BY = "reportedBy";
  public static final String INITIAL_REPORT_DUE_AT = "initialReportDueAt";
  public static final String EXPEDITED_REPORT_DUE_AT = "expeditedReportDueAt";
  /** After a 7-day report: when the complete report is due (its own clock, {@link ReportingClock}). */
  public static final String COMPLETE_REPORT_DUE_AT = "completeReportDueAt";
  public static final String COMPLETE_REPORT_LATE = "completeReportLate";
  /** Local input of the clock service task after the review and after the 7-day report. */
  public static final String CLOCK = "clock";
  public static final String CLOCK_EXPEDITED = "expedited";
  public static final String CLOCK_COMPLETE = "complete";
  public static final String CRITICAL_CARE_TRANSFER_INDICATED = "criticalCareTransferIndicated";
  /** A grade 5 or fatal outcome ended the child's running protocol as a death (PatientDeceased). */
  public static final String PROTOCOL_ENDED_AS_DEATH = "protocolEndedAsDeath";
  public static final String INITIAL_REPORT_LATE = "initialReportLate";
  public static final String EXPEDITED_REPORT_LATE = "expeditedReportLate";
  /** Local input of the late-report service tasks: {@link #LATE_INITIAL} or {@link #LATE_EXPEDITED}. */
  public static final String LATE_REPORT = "lateReport";
  public static final String LATE_INITIAL = "initial";
  public static final String LATE_EXPEDITED = "expedited";
  public static final String LATE_COMPLETE = "complete";

  // tasks' forms
  public static final String SAE_INITIAL_REPORT_DATE = "saeInitialReportDate";
  public static final String SAE_REPORT_REFERENCE = "saeReportReference";
  public static final String SAE_REPORTED_TO_SPONSOR = "saeReportedToSponsor";
  public static final String SAE_REPORTED_TO_ETHICS_COMMITTEE = "saeReportedToEthicsCommittee";
  public static final String LATE_INITIAL_REPORT_ACTION = "lateInitialReportAction";
  public static final String SAE_REVIEW_DATE = "saeReviewDate";
  public static final String SAE_REVIEW_NOTES = "saeReviewNotes";
  public static final String EXPEDITED_REPORT_DATE = "expeditedReportDate";
  public static final String EXPEDITED_REPORT_REFERENCE = "expeditedReportReference";
  public static final String EXPEDITED_REPORT_SUBMITTED = "expeditedReportSubmitted";
  public static final String COMPLETE_REPORT_DATE = "completeReportDate";
  public static final String COMPLETE_REPORT_REFERENCE = "completeReportReference";
  public static final String COMPLETE_REPORT_SUBMITTED = "completeReportSubmitted";
  public static final String TRANSFER_DESTINATION = "transferDestination";
  public static final String TRANSFER_DATE = "transferDate";
  public static final String TRANSFER_RATIONALE = "transferRationale";
  /** CDISC SDTM AEOUT as codes: {@link #OUTCOME_RECOVERED} ... {@link #OUTCOME_UNKNOWN}. */
  public static final String AE_OUTCOME = "aeOutcome";
  public static final String AE_OUTCOME_DATE = "aeOutcomeDate";
  public static final String AE_OUTCOME_NOTES = "aeOutcomeNotes";
  public static final String OUTCOME_RECOVERED = "recovered";
  public static final String OUTCOME_RECOVERING = "recovering";
  public static final String OUTCOME_NOT_RECOVERED = "notRecovered";
  public static final String OUTCOME_RECOVERED_WITH_SEQUELAE = "recoveredWithSequelae";
  public static final String OUTCOME_FATAL = "fatal";
  public static final String OUTCOME_UNKNOWN = "unknown";

  // forms
  public static final String FORM_REPORT = "adverse-event-report";
  public static final String FORM_SAE_INITIAL_REPORT = "sae-initial-report";
  public static final String FORM_SAE_INITIAL_REPORT_OVERDUE = "sae-initial-report-overdue";
  public static final String FORM_SAE_REVIEW = "sae-review";
  public static final String FORM_EXPEDITED_SAFETY_REPORT = "expedited-safety-report";
  public static final String FORM_COMPLETE_SAFETY_REPORT = "complete-safety-report";
  public static final String FORM_CRITICAL_CARE_TRANSFER = "critical-care-transfer";
  public static final String FORM_OUTCOME = "adverse-event-outcome";

  // element IDs
  public static final String START_REPORTED = "Start_AdverseEventReported";
  public static final String TASK_ASSESS_SERIOUSNESS = "Task_AssessSeriousness";
  public static final String TASK_START_REPORTING_CLOCKS = "Task_StartReportingClocks";
  public static final String TASK_SUBMIT_INITIAL_SAE_REPORT = "Task_SubmitInitialSaeReport";
  public static final String TIMER_INITIAL_REPORT_DUE = "Timer_InitialReportDue";
  public static final String TASK_RECORD_LATE_INITIAL_REPORT = "Task_RecordLateInitialReport";
  public static final String TASK_ESCALATE_LATE_INITIAL_REPORT = "Task_EscalateLateInitialReport";
  public static final String END_LATE_INITIAL_REPORT_ESCALATED = "End_LateInitialReportEscalated";
  public static final String TASK_REVIEW_SERIOUS_ADVERSE_EVENT = "Task_ReviewSeriousAdverseEvent";
  public static final String TASK_SUBMIT_EXPEDITED_REPORT = "Task_SubmitExpeditedReport";
  public static final String TIMER_EXPEDITED_REPORT_DUE = "Timer_ExpeditedReportDue";
  public static final String TASK_RECORD_LATE_EXPEDITED_REPORT = "Task_RecordLateExpeditedReport";
  public static final String END_LATE_EXPEDITED_REPORT_RECORDED = "End_LateExpeditedReportRecorded";
  public static final String TASK_REASSESS_EXPEDITED_REPORTING = "Task_ReassessExpeditedReporting";
  public static final String TASK_START_EXPEDITED_REPORT_CLOCK = "Task_StartExpeditedReportClock";
  public static final String TASK_START_COMPLETE_REPORT_CLOCK = "Task_StartCompleteReportClock";
  public static final String TASK_SUBMIT_COMPLETE_REPORT = "Task_SubmitCompleteReport";
  public static final String TIMER_COMPLETE_REPORT_DUE = "Timer_CompleteReportDue";
  public static final String TASK_RECORD_LATE_COMPLETE_REPORT = "Task_RecordLateCompleteReport";
  public static final String END_LATE_COMPLETE_REPORT_RECORDED = "End_LateCompleteReportRecorded";
  public static final String TASK_TRANSFER_PATIENT = "Task_TransferPatient";
  public static final String TASK_RECORD_OUTCOME = "Task_RecordAdverseEventOutcome";
  public static final String TIMER_NEXT_OUTCOME_REVIEW = "Timer_NextOutcomeReview";
  public static final String END_RECOVERED = "End_Recovered";
  public static final String END_RECOVERED_WITH_SEQUELAE = "End_RecoveredWithSequelae";
  public static final String END_FATAL = "End_Fatal";
  public static final String END_OUTCOME_UNKNOWN = "End_OutcomeUnknown";
  public static final String TASK_END_PROTOCOL_AS_DEATH = "Task_EndProtocolAsDeath";

  private AdverseEventVariables() {
  }
}

package org.ucbislet.protocol;

/** Process key, element IDs and variables of {@code ucbIsletProtocol} (bpmn/ucb-islet-protocol.bpmn). */
public final class ProtocolVariables {

  public static final String PROCESS_KEY = "ucbIsletProtocol";
  public static final String START_FORM = "enrol-subject";
  /** Tasklist start forms that send ConsentWithdrawn / PatientDeceased to the child's protocol (bpmn/consent-withdrawal.bpmn, death-report.bpmn). */
  public static final String CONSENT_WITHDRAWAL_PROCESS_KEY = "consentWithdrawal";
  public static final String DEATH_REPORT_PROCESS_KEY = "deathReport";

  // start form (contract, design.md section 3)
  public static final String SUBJECT_ID = "subjectId";
  public static final String DATE_OF_BIRTH = "dateOfBirth";
  public static final String SEX = "sex";
  public static final String WEIGHT_KG = "weightKg";
  public static final String HEIGHT_CM = "heightCm";
  public static final String GENE_NAME = "geneName";
  public static final String VARIANT_HGVS = "variantHgvs";
  public static final String REFERRAL_DATE = "referralDate";
  /**
   * Start form, only when the child was screen-failed before: why the child is screened again (README "Re-screening").
   * Refused for a child never enrolled before, required for a screen-failed one.
   */
  public static final String RESCREENING_REASON = "rescreeningReason";
  /** Set by the engine at a re-screening: the earlier protocol instance of the child (screen-failed). */
  public static final String PREVIOUS_PROTOCOL_INSTANCE_ID = "previousProtocolInstanceId";

  /** Pseudonymous subject ID, the business key of every process of the child. */
  public static final String SUBJECT_ID_PATTERN = "^UCBI-\\d{4}$";

  // element IDs used by Java and tests
  public static final String START_REFERRED = "Start_ChildReferred";
  public static final String CALL_SCREENING = "Call_Screening";
  public static final String END_SCREEN_FAILURE = "End_ScreenFailure";
  public static final String CALL_CORD_BLOOD_TRANSPLANT = "Call_CordBloodTransplant";
  public static final String END_NO_SUITABLE_UNIT = "End_NoSuitableUnit";
  public static final String END_GRAFT_FAILURE = "End_GraftFailure";
  public static final String CALL_ISLET_TRANSPLANT = "Call_IsletTransplant";
  public static final String END_ISLET_TRANSPLANT_COMPLETED = "End_IsletTransplantCompleted";
  public static final String END_REMOVED_FROM_ISLET_WAITING_LIST = "End_RemovedFromIsletWaitingList";
  /** Long-term followUp after the last islet infusion, then End_IsletTransplantCompleted ("Protocol completed"). */
  public static final String CALL_FOLLOW_UP_AFTER_ISLETS = "Call_FollowUpAfterIslets";
  /** Long-term followUp after the cord blood infusion for a child removed from the islet waiting list. */
  public static final String CALL_FOLLOW_UP_AFTER_CORD_BLOOD = "Call_FollowUpAfterCordBlood";
  /**
   * Tacrolimus troughs after the islet transplant's own schedule (issue 18 item 7): monthly beside the long-term
   * follow-up after the islets until the transplant physician records that immunosuppression has ended, or the protocol
   * ends (End_IsletTransplantCompleted terminates it, as do withdrawal and death).
   */
  public static final String SUBPROCESS_LONG_TERM_TROUGHS = "SubProcess_LongTermTroughs";
  public static final String GATEWAY_SPLIT_LONG_TERM_FOLLOW_UP = "Gateway_SplitLongTermFollowUp";
  public static final String TASK_SCHEDULE_LONG_TERM_TROUGH = "Task_ScheduleLongTermTrough";
  public static final String TIMER_LONG_TERM_TROUGH_DUE = "Timer_LongTermTroughDue";
  public static final String TASK_RECORD_LONG_TERM_TROUGH = "Task_RecordLongTermTrough";
  public static final String GATEWAY_IMMUNOSUPPRESSION_ENDED = "Gateway_ImmunosuppressionEnded";
  public static final String TASK_COMPUTE_LONG_TERM_TROUGH_MONTHS = "Task_ComputeLongTermTroughMonths";
  public static final String TASK_EVALUATE_LONG_TERM_TROUGH = "Task_EvaluateLongTermTrough";
  public static final String GATEWAY_LONG_TERM_TROUGH_IN_RANGE = "Gateway_LongTermTroughInRange";
  public static final String TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE = "Task_AdjustLongTermTacrolimusDose";
  public static final String END_IMMUNOSUPPRESSION_ENDED = "End_ImmunosuppressionEnded";
  public static final String END_LONG_TERM_TROUGHS_ENDED = "End_LongTermTroughsEnded";
  public static final String FORM_LONG_TERM_TACROLIMUS_TROUGH = "long-term-tacrolimus-trough";
  /** Months after the last islet infusion of the current long-term trough level (13, 14, ...). */
  public static final String LONG_TERM_TROUGH_MONTH = "longTermTroughMonth";
  public static final String TROUGH_DUE_DATE = "troughDueDate";
  public static final String TROUGH_SAMPLE_DATE = "troughSampleDate";
  public static final String TACROLIMUS_TROUGH_NG_PER_ML = "tacrolimusTroughNgPerMl";
  /** Recorded by the transplant physician on the long-term trough form: immunosuppression has ended (with date, reason). */
  public static final String IMMUNOSUPPRESSION_ENDED = "immunosuppressionEnded";
  public static final String IMMUNOSUPPRESSION_END_DATE = "immunosuppressionEndDate";
  public static final String IMMUNOSUPPRESSION_END_REASON = "immunosuppressionEndReason";
  /** One long-term trough level's values, cleared before each month so that its form starts empty. */
  public static final java.util.List<String> LONG_TERM_TROUGH_LEVEL_VARIABLES = java.util.List.of(TROUGH_SAMPLE_DATE,
      TACROLIMUS_TROUGH_NG_PER_ML, "monthsSinceInfusion", "troughInRange", "troughTargetLowNgPerMl",
      "troughTargetHighNgPerMl", "troughDeviation", "troughDecision", "tacrolimusDoseMgPerDay", "doseAdjustmentNote");
  /** Stage 2 consent (quality control 4), recorded by the trial coordinator before the islet transplant. */
  public static final String TASK_RECORD_ISLET_CONSENT = "Task_RecordIsletConsent";
  public static final String ISLET_CONSENT_OBTAINED = "isletConsentObtained";
  /** Safety follow-up to the end of year five for a child whose cord blood graft failed (issue 17 item 5). */
  public static final String CALL_SAFETY_FOLLOW_UP_AFTER_GRAFT_FAILURE = "Call_SafetyFollowUpAfterGraftFailure";
  public static final String END_WITHDRAWN = "End_Withdrawn";
  public static final String END_DECEASED = "End_Deceased";
  /** Embedded sub-process holding both stages and the follow-up after the cord blood infusion that runs beside them. */
  public static final String SUBPROCESS_TRANSPLANT_STAGES = "SubProcess_TransplantStages";
  public static final String GATEWAY_STABLE_IMMUNE_FUNCTION = "Gateway_StableImmuneFunction";
  public static final String END_STAGE_2_ENDED = "End_Stage2Ended";
  public static final String END_STAGES_ENDED_AFTER_STAGE_1 = "End_StagesEndedAfterStage1";
  public static final String CATCH_CORD_BLOOD_INFUSED = "Catch_CordBloodInfused";
  /** followUp after the cord blood infusion, from day 0 while stage 1, the islet wait and stage 2 run. */
  public static final String CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION = "Call_FollowUpAfterCordBloodInfusion";
  public static final String BOUNDARY_CORD_BLOOD_REINFUSED = "Boundary_CordBloodReinfused";
  public static final String END_CORD_BLOOD_FOLLOW_UP_COMPLETED = "End_CordBloodFollowUpCompleted";
  public static final String SUBPROCESS_ADVERSE_EVENT_REPORTED = "SubProcess_AdverseEventReported";
  public static final String TASK_OPEN_ADVERSE_EVENT_REPORT = "Task_OpenAdverseEventReport";
  public static final String END_ADVERSE_EVENT_REPORT_OPENED = "End_AdverseEventReportOpened";
  public static final String TASK_RECORD_WITHDRAWAL = "Task_RecordWithdrawal";
  public static final String TASK_REPORT_DEATH_AS_ADVERSE_EVENT = "Task_ReportDeathAsAdverseEvent";

  // messages that end the protocol from anywhere (contract), correlated by the business key
  public static final String MESSAGE_CONSENT_WITHDRAWN = "ConsentWithdrawn";
  public static final String MESSAGE_PATIENT_DECEASED = "PatientDeceased";
  /**
   * Internal (not contract): stage 1 tells its caller that a cord blood unit was infused (day 0, variable
   * cordBloodInfusionDate), correlated by the caller's process instance ID; starts or re-anchors the follow-up.
   */
  public static final String MESSAGE_CORD_BLOOD_INFUSION_RECORDED = "CordBloodInfusionRecorded";

  // ConsentWithdrawn (all optional): the date consent was withdrawn (default: the day the message arrives), why
  public static final String WITHDRAWAL_DATE = "withdrawalDate";
  public static final String WITHDRAWAL_REASON = "withdrawalReason";
  /** Set by the engine: when the withdrawal reached it and who sent it. */
  public static final String WITHDRAWAL_RECORDED_AT = "withdrawalRecordedAt";
  public static final String WITHDRAWAL_RECORDED_BY = "withdrawalRecordedBy";

  // PatientDeceased (all optional): date of death (default: the day the message arrives), cause as text, cause as a
  // term of the protocol's adverse reactions list, and the two seriousness answers the reporter can give
  public static final String DATE_OF_DEATH = "dateOfDeath";
  public static final String CAUSE_OF_DEATH = "causeOfDeath";
  public static final String CAUSE_OF_DEATH_TERM = "causeOfDeathTerm";
  /** Set by the engine: the adverseEvent instance that reports the death. */
  public static final String DEATH_ADVERSE_EVENT_INSTANCE_ID = "deathAdverseEventInstanceId";
  /** Set by the engine: JSON list of the adverse events reported while the protocol ran (instance, term, grade, time). */
  public static final String ADVERSE_EVENT_REPORTS = "adverseEventReports";

  // returned by the called stages (cordBloodTransplant, isletTransplant)
  public static final String STAGE1_OUTCOME = "stage1Outcome";
  public static final String STAGE1_STABLE_IMMUNE_FUNCTION = "stableImmuneFunction";
  public static final String STAGE1_NO_SUITABLE_UNIT = "noSuitableUnit";
  /** The MDT decided not to transplant after a failed pre-transplant evaluation. */
  public static final String STAGE1_NO_TRANSPLANT = "noTransplant";
  /** "No transplant (MDT decision)": a child never infused whose pre-transplant evaluation ended in no transplant. */
  public static final String END_NO_TRANSPLANT = "End_NoTransplant";
  public static final String STAGE1_GRAFT_FAILURE = "graftFailure";
  public static final String CORD_BLOOD_INFUSION_DATE = "cordBloodInfusionDate";
  public static final String STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE = "stableImmuneFunctionConfirmedDate";
  public static final String ISLET_GRAFT_FUNCTION = "isletGraftFunction";
  /** The last day 0 stage 1 reported (message CordBloodInfusionRecorded); not overwritten by stage 1's result. */
  public static final String LAST_CORD_BLOOD_INFUSION_DATE = "lastCordBloodInfusionDate";
  /** From isletTransplant's infusionDate: day 0 of the long-term follow-up after islets. */
  public static final String LAST_ISLET_INFUSION_DATE = "lastIsletInfusionDate";

  private ProtocolVariables() {
  }
}

package org.ucbislet.cordbloodtransplant;

import java.util.List;

/**
 * Process key, message, decisions, forms, variables and element IDs of {@code cordBloodTransplant}
 * (bpmn/cord-blood-transplant.bpmn), stage 1 of the protocol. Names marked contract are shared with
 * {@code ucbIsletProtocol}, the bank search delegate and the third-party chimerism laboratory (design.md
 * section 3): do not rename them.
 */
public final class CordBloodTransplantVariables {

  public static final String PROCESS_KEY = "cordBloodTransplant";

  /** Contract: the third-party laboratory's result, correlated by the business key (subject ID). */
  public static final String MESSAGE_CHIMERISM_RESULT_RECEIVED = "ChimerismResultReceived";
  /** Tasklist start form that sends ChimerismResultReceived (bpmn/chimerism-result.bpmn). */
  public static final String CHIMERISM_RESULT_PROCESS_KEY = "chimerismResult";
  public static final String ERROR_GRAFT_FAILURE = "GraftFailure";

  // decisions (contract)
  public static final String DECISION_POST_THAW_RELEASE = "cordBloodPostThawRelease";
  public static final String DECISION_CHIMERISM = "chimerismClassification";
  public static final String DECISION_ACUTE_GVHD_GRADE = "acuteGvhdGrade";

  // from the caller (contract: ucbIsletProtocol passes all its variables)
  public static final String SUBJECT_ID = "subjectId";
  public static final String WEIGHT_KG = "weightKg";
  /** The weight of the per-kg decisions, measured within the configured days (clinical.DosingWeight). */
  public static final String DOSING_WEIGHT_KG = org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_KG;
  public static final String DOSING_WEIGHT_DATE = org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_DATE;
  public static final String DOSING_WEIGHT_RECENT = org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_RECENT;
  public static final String CURRENT_WEIGHT_KG = org.ucbislet.clinical.DosingWeight.CURRENT_WEIGHT_KG;
  public static final String CURRENT_WEIGHT_DATE = org.ucbislet.clinical.DosingWeight.CURRENT_WEIGHT_DATE;
  public static final String TASK_CHECK_WEIGHT_FOR_SEARCH = "Task_CheckWeightForSearch";
  public static final String TASK_WEIGH_BEFORE_SEARCH = "Task_WeighBeforeSearch";
  public static final String TASK_CHECK_WEIGHT_FOR_CELL_DOSE = "Task_CheckWeightForCellDose";
  public static final String TASK_WEIGH_FOR_CELL_DOSE = "Task_WeighForCellDose";
  /** Before the MDT decides after a graft failure: today's weight, then the reserved backups on it (issue 17 item 1). */
  public static final String TASK_CHECK_WEIGHT_FOR_GRAFT_FAILURE_DECISION = "Task_CheckWeightForGraftFailureDecision";
  public static final String TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION = "Task_WeighBeforeGraftFailureDecision";
  public static final String TASK_REASSESS_BACKUP_UNITS = "Task_ReassessBackupUnits";

  // results for the caller (contract)
  public static final String STAGE1_OUTCOME = "stage1Outcome";
  public static final String OUTCOME_STABLE_IMMUNE_FUNCTION = "stableImmuneFunction";
  public static final String OUTCOME_NO_SUITABLE_UNIT = "noSuitableUnit";
  /** The MDT decided not to transplant after a failed pre-transplant evaluation (issue 17). */
  public static final String OUTCOME_NO_TRANSPLANT = "noTransplant";
  public static final String OUTCOME_GRAFT_FAILURE = "graftFailure";
  /** Contract: ISO date of day 0 of the successful transplant (null at the other exits). */
  public static final String CORD_BLOOD_INFUSION_DATE = "cordBloodInfusionDate";
  /** Contract: ISO date on which the MDT confirmed stable immune function (null at the other exits). */
  public static final String STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE = "stableImmuneFunctionConfirmedDate";

  // HLA typing (contract field names)
  public static final String HLA_A1 = "hlaA1";
  public static final String HLA_A2 = "hlaA2";
  public static final String HLA_B1 = "hlaB1";
  public static final String HLA_B2 = "hlaB2";
  public static final String HLA_C1 = "hlaC1";
  public static final String HLA_C2 = "hlaC2";
  public static final String HLA_DRB1_1 = "hlaDRB1_1";
  public static final String HLA_DRB1_2 = "hlaDRB1_2";
  public static final String HLA_TYPING_DATE = "hlaTypingDate";
  public static final String HLA_TYPING_METHOD = "hlaTypingMethod";

  // bank search (contract with searchCordBloodBankDelegate)
  public static final String CORD_BLOOD_SEARCH_LIMIT = "cordBloodSearchLimit";
  public static final String CORD_BLOOD_CANDIDATES = "cordBloodCandidates";
  public static final String CORD_BLOOD_CANDIDATE_OPTIONS = "cordBloodCandidateOptions";
  public static final String CORD_BLOOD_SEARCHED = "cordBloodSearched";
  public static final String ACCEPTABLE_UNIT_COUNT = "acceptableUnitCount";
  public static final String ACCEPTABLE_UNIT_FOUND = "acceptableUnitFound";
  public static final String PROPOSED_PRIMARY_UNIT = "proposedPrimaryUnit";
  public static final String PROPOSED_BACKUP_UNIT_1 = "proposedBackupUnit1";
  public static final String PROPOSED_BACKUP_UNIT_2 = "proposedBackupUnit2";

  // MDT: no acceptable unit
  public static final String NO_SUITABLE_UNIT_DECISION = "noSuitableUnitDecision";
  public static final String DECISION_SEARCH_AGAIN = "search-again";
  public static final String DECISION_ACCEPT_OUTSIDE_CRITERIA = "accept-outside-criteria";
  public static final String DECISION_END = "end";
  public static final String NO_SUITABLE_UNIT_RATIONALE = "noSuitableUnitRationale";
  public static final String NO_SUITABLE_UNIT_DECISION_DATE = "noSuitableUnitDecisionDate";

  // unit selection and reservation
  public static final String PRIMARY_CORD_BLOOD_UNIT = "primaryCordBloodUnit";
  public static final String BACKUP_CORD_BLOOD_UNIT_1 = "backupCordBloodUnit1";
  public static final String BACKUP_CORD_BLOOD_UNIT_2 = "backupCordBloodUnit2";
  public static final String UNITS_RESERVED_WITH_BANK = "unitsReservedWithBank";
  public static final String UNIT_SELECTION_NOTES = "unitSelectionNotes";
  /** JSON: every reserved unit with role, rank, reservation time and user, status. */
  public static final String RESERVED_UNITS = "reservedUnits";
  /** unitKey of the unit of the coming (or current) transplant. */
  public static final String SELECTED_CORD_BLOOD_UNIT = "selectedCordBloodUnit";
  public static final String BACKUP_UNITS_REMAINING = "backupUnitsRemaining";
  public static final String CORD_BLOOD_OUTSIDE_CRITERIA_ACCEPTED = "cordBloodOutsideCriteriaAccepted";

  // pre-transplant
  public static final String PRE_TRANSPLANT_EVALUATION_DATE = "preTransplantEvaluationDate";
  public static final String INFECTION_SCREEN_NEGATIVE = "infectionScreenNegative";
  public static final String ORGAN_FUNCTION_SUMMARY = "organFunctionSummary";
  public static final String CENTRAL_VENOUS_CATHETER_DATE = "centralVenousCatheterDate";
  public static final String CENTRAL_VENOUS_CATHETER_TYPE = "centralVenousCatheterType";
  public static final String CLEARED_FOR_TRANSPLANT = "clearedForTransplant";
  public static final String PRE_TRANSPLANT_NOTES = "preTransplantNotes";
  /** Not cleared: why, and the day of the re-evaluation (the timer fires at the start of that day). */
  public static final String NOT_CLEARED_REASON = "notClearedReason";
  public static final String PRE_TRANSPLANT_REEVALUATION_DATE = "preTransplantReevaluationDate";
  /** Set by the engine from preTransplantReevaluationDate: the re-evaluation timer's moment. */
  public static final String PRE_TRANSPLANT_REEVALUATION_AT = "preTransplantReevaluationAt";
  public static final String GATEWAY_CLEARED_FOR_TRANSPLANT = "Gateway_ClearedForTransplant";
  public static final String TIMER_PRE_TRANSPLANT_REEVALUATION = "Timer_PreTransplantReevaluation";
  public static final String LAMINAR_FLOW_ADMISSION_DATE = "laminarFlowAdmissionDate";
  public static final String LAMINAR_FLOW_ROOM = "laminarFlowRoom";
  public static final String ADMISSION_NOTES = "admissionNotes";
  public static final String CONDITIONING_REGIMEN = "conditioningRegimen";
  public static final String CONDITIONING_INTENSITY = "conditioningIntensity";
  public static final String CONDITIONING_START_DATE = "conditioningStartDate";
  public static final String PLANNED_INFUSION_DATE = "plannedInfusionDate";
  public static final String CONDITIONING_NOTES = "conditioningNotes";
  public static final String ANTIBACTERIAL_PROPHYLAXIS = "antibacterialProphylaxis";
  public static final String ANTIVIRAL_PROPHYLAXIS = "antiviralProphylaxis";
  public static final String ANTIFUNGAL_PROPHYLAXIS = "antifungalProphylaxis";
  public static final String THERAPEUTIC_DRUG_MONITORING = "therapeuticDrugMonitoring";
  public static final String GVHD_PROPHYLAXIS_REGIMEN = "gvhdProphylaxisRegimen";
  public static final String PROPHYLAXIS_START_DATE = "prophylaxisStartDate";
  public static final String PROPHYLAXIS_NOTES = "prophylaxisNotes";

  // thaw, counts, release
  public static final String THAW_DATE = "thawDate";
  public static final String UNIT_IDENTITY_VERIFIED = "unitIdentityVerified";
  /** Post-thaw total nucleated cells, in 10^8 cells. */
  public static final String POST_THAW_TNC_E8 = "postThawTncE8";
  /** Post-thaw CD34+ cells, in 10^6 cells. */
  public static final String POST_THAW_CD34_E6 = "postThawCd34E6";
  public static final String VIABLE_CD34_PERCENT = "viableCd34Percent";
  public static final String VIABLE_CD45_PERCENT = "viableCd45Percent";
  public static final String THAW_NOTES = "thawNotes";
  public static final String POST_THAW_TNC_PER_KG_E7 = "postThawTncPerKgE7";
  public static final String POST_THAW_CD34_PER_KG_E5 = "postThawCd34PerKgE5";
  public static final String POST_THAW_RELEASED = "postThawReleased";
  public static final String POST_THAW_FAILURE_REASON = "postThawFailureReason";
  public static final String POST_THAW_FAILURE_DECISION = "postThawFailureDecision";
  public static final String DECISION_EXCEPTIONAL_RELEASE = "exceptional-release";
  public static final String DECISION_SWITCH_TO_BACKUP = "switch-to-backup";
  public static final String POST_THAW_FAILURE_JUSTIFICATION = "postThawFailureJustification";
  public static final String TRANSPLANT_PROGRAMME_NOTIFIED = "transplantProgrammeNotified";

  // infusion
  public static final String INFUSION_REACTION = "infusionReaction";
  public static final String CORD_BLOOD_INFUSION_NOTES = "cordBloodInfusionNotes";
  /** 1 for the first cord blood infusion, 2 after a graft failure with a backup unit, ... */
  public static final String CORD_BLOOD_TRANSPLANT_NUMBER = "cordBloodTransplantNumber";

  // schedule from day 0 (absolute dates)
  public static final String NEUTROPHIL_ALERT_DUE = "neutrophilAlertDue";
  public static final String PRIMARY_GRAFT_FAILURE_DUE = "primaryGraftFailureDue";
  public static final String CHIMERISM_SCHEDULE = "chimerismSchedule";
  public static final String CHIMERISM_DUE_DATE = "chimerismDueDate";
  public static final String GVHD_ASSESSMENT_SCHEDULE = "gvhdAssessmentSchedule";
  public static final String GVHD_ASSESSMENT_DUE_DATE = "gvhdAssessmentDueDate";
  public static final String IMMUNE_PANEL_SCHEDULE = "immunePanelSchedule";
  public static final String IMMUNE_PANEL_VISIT = "immunePanelVisit";
  public static final String NEXT_IMMUNE_PANEL_OPENS = "nextImmunePanelOpens";
  public static final String NEXT_IMMUNE_PANEL_CLOSES = "nextImmunePanelCloses";
  public static final String NEXT_IMMUNE_PANEL_MONTH = "nextImmunePanelMonth";

  // blood counts and engraftment
  public static final String COUNT_DATE = "countDate";
  public static final String ANC_E9_PER_L = "ancE9PerL";
  public static final String PLATELETS_E9_PER_L = "plateletsE9PerL";
  public static final String PLATELET_TRANSFUSION = "plateletTransfusion";
  public static final String GCSF_GIVEN = "gcsfGiven";
  public static final String BLOOD_COUNT_NOTES = "bloodCountNotes";
  /** JSON: every blood count of the current transplant, in date order. */
  public static final String BLOOD_COUNT_SERIES = "bloodCountSeries";
  public static final String NEUTROPHIL_ENGRAFTED = "neutrophilEngrafted";
  public static final String NEUTROPHIL_ENGRAFTMENT_DATE = "neutrophilEngraftmentDate";
  public static final String NEUTROPHIL_ENGRAFTMENT_DAY = "neutrophilEngraftmentDay";
  public static final String PLATELET_ENGRAFTED = "plateletEngrafted";
  public static final String PLATELET_ENGRAFTMENT_DATE = "plateletEngraftmentDate";
  public static final String PLATELET_ENGRAFTMENT_DAY = "plateletEngraftmentDay";
  public static final String DELAYED_ENGRAFTMENT_REVIEW_DATE = "delayedEngraftmentReviewDate";
  public static final String DELAYED_ENGRAFTMENT_ASSESSMENT = "delayedEngraftmentAssessment";
  public static final String GCSF_STARTED = "gcsfStarted";
  public static final String BACKUP_BANK_ALERTED = "backupBankAlerted";
  public static final String GRAFT_FAILURE_TYPE = "graftFailureType";
  public static final String GRAFT_FAILURE_PRIMARY = "primary";
  public static final String GRAFT_FAILURE_SECONDARY = "secondary";
  /** Transplant physician's review at the end of day +42 without recorded neutrophil recovery. */
  public static final String PRIMARY_GRAFT_FAILURE_CONFIRMED = "primaryGraftFailureConfirmed";
  public static final String PRIMARY_GRAFT_FAILURE_REVIEW_DATE = "primaryGraftFailureReviewDate";
  /** Transplant physician's review of a chimerism loss after engraftment, with a repeat sample. */
  public static final String SECONDARY_GRAFT_FAILURE_CONFIRMED = "secondaryGraftFailureConfirmed";
  public static final String TRANSFUSION_OR_GROWTH_FACTOR_DEPENDENT = "transfusionOrGrowthFactorDependent";
  public static final String REPEAT_CHIMERISM_SAMPLE_DATE = "repeatChimerismSampleDate";
  public static final String REPEAT_DONOR_CHIMERISM_PERCENT = "repeatDonorChimerismPercent";
  /** MDT decision after a graft failure (form graft-failure-decision): what happens next, and why. */
  public static final String GRAFT_FAILURE_DECISION = "graftFailureDecision";
  public static final String GRAFT_FAILURE_SECOND_TRANSPLANT = "second-transplant-with-backup";
  public static final String GRAFT_FAILURE_SEARCH_AGAIN = "search-again";
  public static final String GRAFT_FAILURE_END = "end";
  public static final String GRAFT_FAILURE_DECISION_DATE = "graftFailureDecisionDate";
  public static final String GRAFT_FAILURE_DECISION_REASON = "graftFailureDecisionReason";
  /**
   * Json array, written by "Re-evaluate the backup units on today's weight": per reserved backup (in the order they
   * would be used) unitKey, rank, tncPerKgE7 and cd34PerKgE5 on today's dosing weight, dosingWeightKg, dosingWeightDate,
   * acceptableToday and reason.
   */
  public static final String BACKUP_UNITS_TODAY = "backupUnitsToday";
  /** The same in words, one line per backup (read-only on the MDT's form). */
  public static final String BACKUP_UNITS_TODAY_SUMMARY = "backupUnitsTodaySummary";
  /** Boolean: the next backup (the one a second transplant would use) meets the acceptance criteria on today's weight. */
  public static final String NEXT_BACKUP_ACCEPTABLE_TODAY = "nextBackupAcceptableToday";
  /**
   * The MDT's written justification for a second transplant with a backup that no longer meets the acceptance criteria
   * on today's weight (as for a primary outside them: required, at least 20 characters).
   */
  public static final String BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION = "backupOutsideCriteriaJustification";

  // chimerism (local to one sample)
  public static final String CHIMERISM_SAMPLE_DATE = "chimerismSampleDate";
  public static final String CHIMERISM_SAMPLE_ID = "chimerismSampleId";
  public static final String CHIMERISM_SAMPLE_NOTES = "chimerismSampleNotes";
  /** Contract payload of ChimerismResultReceived. */
  public static final String DONOR_CHIMERISM_PERCENT = "donorChimerismPercent";
  public static final String CHIMERISM_RESULT_DATE = "chimerismResultDate";
  /** Optional lineage-specific results, where the laboratory reports them (domain.md B 2.3: CD3 and CD15 or CD33). */
  public static final String T_CELL_DONOR_CHIMERISM_PERCENT = "tCellDonorChimerismPercent";
  public static final String MYELOID_DONOR_CHIMERISM_PERCENT = "myeloidDonorChimerismPercent";
  public static final String CHIMERISM_STATUS = "chimerismStatus";
  public static final String CHIMERISM_FULL = "full";
  public static final String CHIMERISM_MIXED = "mixed";
  public static final String CHIMERISM_LOSS = "loss";
  public static final String CHIMERISM_CHASE_DATE = "chimerismChaseDate";
  public static final String CHIMERISM_CHASE_NOTE = "chimerismChaseNote";

  // acute GVHD (local to one assessment)
  public static final String GVHD_ASSESSMENT_DATE = "gvhdAssessmentDate";
  public static final String SKIN_STAGE = "skinStage";
  public static final String LIVER_STAGE = "liverStage";
  public static final String UPPER_GI_STAGE = "upperGiStage";
  public static final String LOWER_GI_STAGE = "lowerGiStage";
  public static final String ACUTE_GVHD_GRADE = "acuteGvhdGrade";
  public static final String GVHD_TREATMENT_START_DATE = "gvhdTreatmentStartDate";
  public static final String GVHD_TREATMENT = "gvhdTreatment";

  // immune reconstitution and the MDT's confirmation
  public static final String IMMUNE_PANEL_DATE = "immunePanelDate";
  public static final String CD4_CELLS_PER_UL = "cd4CellsPerUl";
  public static final String IMMUNE_STABILITY_REVIEW_DATE = "immuneStabilityReviewDate";
  public static final String IMMUNE_FUNCTION_STABLE = "immuneFunctionStable";
  public static final String IMMUNE_STABILITY_CRITERIA = "immuneStabilityCriteria";
  public static final String IMMUNE_STABILITY_RATIONALE = "immuneStabilityRationale";

  // discharge from the laminar-flow unit, handover to outpatient follow-up (stage 1 (5))
  public static final String DISCHARGE_ASSESSMENT_DATE = "dischargeAssessmentDate";
  public static final String DISCHARGE_CRITERIA = "dischargeCriteria";
  public static final String READY_FOR_DISCHARGE = "readyForDischarge";
  public static final String LAMINAR_FLOW_DISCHARGE_DATE = "laminarFlowDischargeDate";
  public static final String OUTPATIENT_FIRST_VISIT_DATE = "outpatientFirstVisitDate";
  public static final String OUTPATIENT_HANDOVER = "outpatientHandover";
  public static final String DISCHARGE_DEFERRED_REASON = "dischargeDeferredReason";
  public static final String DISCHARGE_REASSESSMENT_DATE = "dischargeReassessmentDate";
  /** The reassessment timer's moment (start of the clinical day of {@link #DISCHARGE_REASSESSMENT_DATE}). */
  public static final String DISCHARGE_REASSESSMENT_AT = "dischargeReassessmentAt";
  /** Every criterion of the form; discharge needs all of them (protocol stage 1 (5), domain.md B 2.1; the rest U). */
  public static final List<String> DISCHARGE_CRITERIA_ALL = List.of("neutrophil-engraftment", "no-active-infection",
      "gvhd-controlled", "oral-intake-tolerated", "transfusions-manageable", "outpatient-handover-ready");
  /** Answers of one discharge assessment, cleared when the task opens again. */
  public static final List<String> DISCHARGE_ANSWERS = List.of(DISCHARGE_ASSESSMENT_DATE, DISCHARGE_CRITERIA,
      READY_FOR_DISCHARGE, LAMINAR_FLOW_DISCHARGE_DATE, OUTPATIENT_FIRST_VISIT_DATE, OUTPATIENT_HANDOVER,
      DISCHARGE_DEFERRED_REASON, DISCHARGE_REASSESSMENT_DATE, DISCHARGE_REASSESSMENT_AT);

  // treatment of moderate or severe chronic GVHD (NIH, domain.md B 3.3)
  public static final String CHRONIC_GVHD_SEVERITY = "chronicGvhdSeverity";
  public static final String LATEST_CHRONIC_GVHD_SEVERITY = "latestChronicGvhdSeverity";
  public static final String CHRONIC_GVHD_REVIEW_DATE = "chronicGvhdReviewDate";
  public static final String CHRONIC_GVHD_PLAN = "chronicGvhdPlan";
  public static final String CHRONIC_GVHD_TREATMENT = "chronicGvhdTreatment";
  public static final String CHRONIC_GVHD_TREATMENT_START_DATE = "chronicGvhdTreatmentStartDate";
  public static final String CHRONIC_GVHD_TREATMENT_REASON = "chronicGvhdTreatmentReason";

  /**
   * Answers of one transplant attempt, removed when a backup unit replaces a failed graft so that no
   * form of the second transplant is satisfied by the first one's answers.
   */
  public static final List<String> PER_TRANSPLANT = List.of(
      PRE_TRANSPLANT_EVALUATION_DATE, INFECTION_SCREEN_NEGATIVE, ORGAN_FUNCTION_SUMMARY, CENTRAL_VENOUS_CATHETER_DATE,
      CENTRAL_VENOUS_CATHETER_TYPE, CLEARED_FOR_TRANSPLANT, PRE_TRANSPLANT_NOTES, NOT_CLEARED_REASON,
      PRE_TRANSPLANT_REEVALUATION_DATE, PRE_TRANSPLANT_REEVALUATION_AT, LAMINAR_FLOW_ADMISSION_DATE,
      LAMINAR_FLOW_ROOM, ADMISSION_NOTES, CONDITIONING_REGIMEN, CONDITIONING_INTENSITY, CONDITIONING_START_DATE,
      PLANNED_INFUSION_DATE, CONDITIONING_NOTES, ANTIBACTERIAL_PROPHYLAXIS, ANTIVIRAL_PROPHYLAXIS, ANTIFUNGAL_PROPHYLAXIS,
      THERAPEUTIC_DRUG_MONITORING, GVHD_PROPHYLAXIS_REGIMEN, PROPHYLAXIS_START_DATE, PROPHYLAXIS_NOTES,
      INFUSION_REACTION, CORD_BLOOD_INFUSION_NOTES, CORD_BLOOD_INFUSION_DATE, DISCHARGE_ASSESSMENT_DATE, DISCHARGE_CRITERIA,
      READY_FOR_DISCHARGE, LAMINAR_FLOW_DISCHARGE_DATE, OUTPATIENT_FIRST_VISIT_DATE, OUTPATIENT_HANDOVER,
      DISCHARGE_DEFERRED_REASON, DISCHARGE_REASSESSMENT_DATE, DISCHARGE_REASSESSMENT_AT);

  /** Answers of one thawed unit, removed when a backup unit replaces it (post-thaw failure or graft failure). */
  public static final List<String> PER_THAWED_UNIT = List.of(
      THAW_DATE, UNIT_IDENTITY_VERIFIED, POST_THAW_TNC_E8, POST_THAW_CD34_E6, VIABLE_CD34_PERCENT, VIABLE_CD45_PERCENT,
      THAW_NOTES, POST_THAW_TNC_PER_KG_E7, POST_THAW_CD34_PER_KG_E5, POST_THAW_RELEASED, POST_THAW_FAILURE_REASON,
      POST_THAW_FAILURE_DECISION, POST_THAW_FAILURE_JUSTIFICATION, TRANSPLANT_PROGRAMME_NOTIFIED);

  // forms
  public static final String FORM_HLA_TYPING = "hla-typing";
  public static final String FORM_UNIT_SELECTION = "cord-blood-unit-selection";
  public static final String FORM_NO_SUITABLE_UNIT = "no-suitable-unit-decision";
  public static final String FORM_POST_THAW_FAILURE_REVIEW = "post-thaw-failure-review";
  public static final String FORM_GRAFT_FAILURE_DECISION = "graft-failure-decision";
  public static final String FORM_PRIMARY_GRAFT_FAILURE_REVIEW = "primary-graft-failure-review";
  public static final String FORM_SECONDARY_GRAFT_FAILURE_REVIEW = "secondary-graft-failure-review";
  public static final String FORM_CORD_BLOOD_INFUSION = "cord-blood-infusion";
  public static final String FORM_PRE_TRANSPLANT_EVALUATION = "pre-transplant-evaluation";
  public static final String FORM_LAMINAR_FLOW_DISCHARGE = "laminar-flow-discharge";
  public static final String FORM_BLOOD_COUNTS = "blood-counts";

  // element IDs
  public static final String START = "Start_CordBloodTransplantStarted";
  public static final String TASK_RECORD_HLA_TYPING = "Task_RecordHlaTyping";
  public static final String TASK_SEARCH_CORD_BLOOD_BANK = "Task_SearchCordBloodBank";
  public static final String TASK_DECIDE_NO_SUITABLE_UNIT = "Task_DecideNoSuitableUnit";
  public static final String TIMER_RESEARCH_INTERVAL = "Timer_SearchAgain";
  public static final String TASK_SELECT_CORD_BLOOD_UNITS = "Task_SelectCordBloodUnits";
  public static final String END_NO_SUITABLE_UNIT = "End_NoSuitableUnit";
  /** Not cleared at the pre-transplant evaluation: the MDT re-evaluates on the physician's day or decides no transplant. */
  public static final String TASK_DECIDE_NOT_CLEARED = "Task_DecideNotCleared";
  public static final String END_NO_TRANSPLANT = "End_NoTransplant";
  public static final String NOT_CLEARED_DECISION = "notClearedDecision";
  public static final String NOT_CLEARED_DECISION_DATE = "notClearedDecisionDate";
  public static final String NOT_CLEARED_DECISION_REASON = "notClearedDecisionReason";
  public static final String NOT_CLEARED_REEVALUATE = "re-evaluate";
  public static final String NOT_CLEARED_NO_TRANSPLANT = "no-transplant";
  public static final String TASK_PRE_TRANSPLANT_EVALUATION = "Task_EvaluatePreTransplant";
  public static final String TASK_ADMIT_LAMINAR_FLOW = "Task_AdmitToLaminarFlowIsolation";
  public static final String TASK_START_CONDITIONING = "Task_StartConditioning";
  public static final String TASK_START_PROPHYLAXIS = "Task_StartComplicationProphylaxis";
  public static final String TASK_THAW_UNIT = "Task_ThawAndCountUnit";
  public static final String TASK_COMPUTE_CELL_DOSE = "Task_ComputeCellDose";
  public static final String TASK_EVALUATE_POST_THAW_RELEASE = "Task_EvaluatePostThawRelease";
  public static final String TASK_REVIEW_POST_THAW_FAILURE = "Task_ReviewPostThawFailure";
  public static final String TASK_SWITCH_TO_BACKUP_AFTER_THAW = "Task_SwitchToBackupAfterThaw";
  public static final String TASK_INFUSE_CORD_BLOOD = "Task_InfuseCordBlood";
  public static final String TASK_SCHEDULE_MONITORING = "Task_ScheduleMonitoring";
  public static final String SUB_PROCESS_MONITORING = "SubProcess_PostTransplantMonitoring";
  public static final String SUB_PROCESS_NEUTROPHIL_RECOVERY = "SubProcess_NeutrophilRecovery";
  public static final String TASK_RECORD_BLOOD_COUNTS = "Task_RecordBloodCounts";
  public static final String TASK_ASSESS_ENGRAFTMENT = "Task_AssessEngraftment";
  public static final String TIMER_NEUTROPHIL_ALERT = "Timer_Day28NoNeutrophilRecovery";
  public static final String TASK_REVIEW_DELAYED_ENGRAFTMENT = "Task_ReviewDelayedEngraftment";
  public static final String TIMER_PRIMARY_GRAFT_FAILURE = "Timer_Day42PrimaryGraftFailure";
  public static final String END_PRIMARY_GRAFT_FAILURE = "End_PrimaryGraftFailure";
  public static final String TASK_RECORD_PLATELET_COUNTS = "Task_RecordPlateletCounts";
  public static final String TASK_ASSESS_PLATELET_ENGRAFTMENT = "Task_AssessPlateletEngraftment";
  public static final String END_ENGRAFTED = "End_Engrafted";
  public static final String SUB_PROCESS_CHIMERISM = "SubProcess_ChimerismMonitoring";
  public static final String TIMER_CHIMERISM_SAMPLE_DUE = "Timer_ChimerismSampleDue";
  public static final String TASK_DISPATCH_CHIMERISM_SAMPLE = "Task_DispatchChimerismSample";
  public static final String TASK_AWAIT_CHIMERISM_RESULT = "Task_AwaitChimerismResult";
  public static final String TIMER_CHIMERISM_RESULT_OVERDUE = "Timer_ChimerismResultOverdue";
  public static final String TASK_CHASE_CHIMERISM_RESULT = "Task_ChaseChimerismResult";
  public static final String TASK_CLASSIFY_CHIMERISM = "Task_ClassifyChimerism";
  public static final String END_SECONDARY_GRAFT_FAILURE = "End_SecondaryGraftFailure";
  public static final String END_CHIMERISM_RECORDED = "End_ChimerismRecorded";
  public static final String SUB_PROCESS_GVHD = "SubProcess_AcuteGvhdAssessment";
  public static final String TIMER_GVHD_ASSESSMENT_DUE = "Timer_GvhdAssessmentDue";
  public static final String TASK_STAGE_ACUTE_GVHD = "Task_StageAcuteGvhd";
  public static final String TASK_GRADE_ACUTE_GVHD = "Task_GradeAcuteGvhd";
  public static final String TASK_TREAT_ACUTE_GVHD = "Task_TreatAcuteGvhd";
  public static final String TASK_TREAT_CHRONIC_GVHD = "Task_TreatChronicGvhd";
  public static final String TASK_TREAT_FURTHER_CHRONIC_GVHD = "Task_TreatFurtherChronicGvhd";
  public static final String TASK_ASSESS_DISCHARGE = "Task_AssessDischarge";
  public static final String TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE = "Task_DispatchFurtherChimerismSample";
  public static final String TASK_AWAIT_FURTHER_CHIMERISM_RESULT = "Task_AwaitFurtherChimerismResult";
  public static final String TASK_CHASE_FURTHER_CHIMERISM_RESULT = "Task_ChaseFurtherChimerismResult";
  public static final String TASK_REVIEW_FURTHER_CHIMERISM_LOSS = "Task_ReviewFurtherChimerismLoss";
  public static final String TIMER_FURTHER_CHIMERISM_RESULT_OVERDUE = "Timer_FurtherChimerismResultOverdue";
  public static final String TIMER_DISCHARGE_REASSESSMENT = "Timer_DischargeReassessment";
  public static final String END_HANDED_OVER_TO_OUTPATIENT_CLINIC = "End_HandedOverToOutpatientClinic";
  public static final String SUB_PROCESS_IMMUNE_PANELS = "SubProcess_ImmuneReconstitution";
  public static final String TIMER_IMMUNE_PANEL_DUE = "Timer_ImmunePanelDue";
  public static final String TASK_RECORD_IMMUNE_PANEL = "Task_RecordImmunePanel";
  public static final String BOUNDARY_GRAFT_FAILURE = "Boundary_GraftFailure";
  public static final String TASK_SWITCH_TO_BACKUP_AFTER_GRAFT_FAILURE = "Task_SwitchToBackupAfterGraftFailure";
  public static final String TASK_DECIDE_AFTER_GRAFT_FAILURE = "Task_DecideAfterGraftFailure";
  public static final String TASK_CONFIRM_PRIMARY_GRAFT_FAILURE = "Task_ConfirmPrimaryGraftFailure";
  public static final String END_PRIMARY_GRAFT_FAILURE_NOT_CONFIRMED = "End_PrimaryGraftFailureNotConfirmed";
  public static final String TASK_REVIEW_CHIMERISM_LOSS = "Task_ReviewChimerismLoss";
  public static final String END_GRAFT_FUNCTION_RETAINED = "End_GraftFunctionRetained";
  public static final String GATEWAY_GRAFT_FAILURE_DECISION = "Gateway_GraftFailureDecision";
  public static final String TASK_CLEAR_FAILED_TRANSPLANT = "Task_ClearFailedTransplant";
  public static final String TASK_CONFIRM_IMMUNE_STABILITY = "Task_ConfirmImmuneStability";
  public static final String TASK_SCHEDULE_NEXT_IMMUNE_PANEL = "Task_ScheduleNextImmunePanel";
  public static final String TIMER_NEXT_IMMUNE_PANEL = "Timer_NextImmunePanelDue";
  public static final String TASK_RECORD_FURTHER_IMMUNE_PANEL = "Task_RecordFurtherImmunePanel";
  public static final String END_STABLE_IMMUNE_FUNCTION = "End_StableImmuneFunction";
  public static final String END_GRAFT_FAILURE = "End_GraftFailure";

  private CordBloodTransplantVariables() {
  }
}

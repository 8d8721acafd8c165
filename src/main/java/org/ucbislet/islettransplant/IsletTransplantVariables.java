package org.ucbislet.islettransplant;

import java.util.List;

/**
 * Process key, message, decisions, forms, variables and element IDs of {@code isletTransplant}
 * (bpmn/islet-transplant.bpmn). The names marked contract are shared with {@code ucbIsletProtocol} and
 * {@code isletIsolation} (design.md section 3): do not rename them.
 */
public final class IsletTransplantVariables {

  public static final String PROCESS_KEY = "isletTransplant";

  /** Contract: sent by isletIsolation, correlated by the business key (the child's subject ID). */
  public static final String MESSAGE_ISLET_PRODUCT_RELEASED = "IsletProductReleased";
  public static final String ERROR_NO_LONGER_CANDIDATE = "NoLongerIsletCandidate";

  // decisions
  public static final String DECISION_BASILIXIMAB_DOSE = "basiliximabDose";
  public static final String DECISION_PORTAL_PRESSURE_SAFETY = "portalPressureSafety";
  public static final String DECISION_PORTAL_PRESSURE_RISE_STOP = "portalPressureRiseStop";
  public static final String DECISION_TROUGH_TARGET = "tacrolimusTroughTarget";
  public static final String DECISION_GRAFT_FUNCTION = "isletGraftFunction";
  public static final String DECISION_TISSUE_VOLUME_AT_INFUSION = "isletTissueVolumeAtInfusion";
  public static final String DECISION_HEPARIN_BLEEDING_RISK = "heparinBleedingRisk";

  // inputs from the caller (contract)
  public static final String SUBJECT_ID = "subjectId";
  public static final String WEIGHT_KG = "weightKg";
  /**
   * Contract with the child's current-weight mechanism: on a user task form the pair weightKg (number) and weightDate
   * (date yyyy-MM-dd) is a weighing. The go/no-go form records today's weighing; every per-kg decision of the
   * infusion uses it.
   */
  public static final String WEIGHT_DATE = "weightDate";
  /** Contract: 1 = first infusion; a later infusion has the lower release threshold (isletProductRelease). */
  public static final String INFUSION_NUMBER = "infusionNumber";
  /** Contract: when the child (re-)entered the waiting list; isletIsolation allocates to the longest waiting. */
  public static final String WAITING_SINCE = "waitingSince";

  // set by the IsletProductReleased correlation (contract)
  public static final String ISLET_PRODUCT_ID = "isletProductId";
  public static final String ISLET_PRODUCT_IEQ = "isletProductIeq";
  public static final String ISLET_PRODUCT_IEQ_PER_KG = "isletProductIeqPerKg";
  public static final String ISLET_PRODUCT_RELEASED_AT = "isletProductReleasedAt";
  /** Settled tissue volume of the product as released (mL); checked again per kg at the infusion. */
  public static final String ISLET_PRODUCT_TISSUE_VOLUME_ML = "isletProductTissueVolumeMl";

  // waiting list
  public static final String STILL_ISLET_CANDIDATE = "stillIsletCandidate";
  public static final String CANDIDACY_REVIEW_DATE = "candidacyReviewDate";
  public static final String CANDIDACY_REVIEW_RATIONALE = "candidacyReviewRationale";

  // basiliximab
  public static final String BASILIXIMAB_DOSE_MG = "basiliximabDoseMg";
  public static final String BASILIXIMAB_GIVEN_MG = "basiliximabGivenMg";
  public static final String BASILIXIMAB_GIVEN_AT = "basiliximabGivenAt";
  public static final String BASILIXIMAB_NOTES = "basiliximabNotes";
  /** Why the dose given differs from the band dose (decision basiliximabDose); required then. */
  public static final String BASILIXIMAB_DOSE_MISMATCH_REASON = "basiliximabDoseMismatchReason";
  /** basiliximabGivenAt + ucbi.islet.basiliximab-lead-time: when the portal vein puncture is offered. */
  public static final String BASILIXIMAB_LEAD_TIME_ENDS_AT = "basiliximabLeadTimeEndsAt";
  public static final String BASILIXIMAB_SECOND_DOSE_GIVEN = "basiliximabSecondDoseGiven";
  public static final String BASILIXIMAB_SECOND_DOSE_MG = "basiliximabSecondDoseMg";
  public static final String BASILIXIMAB_SECOND_DOSE_WITHHELD_REASON = "basiliximabSecondDoseWithheldReason";
  public static final String BASILIXIMAB_SECOND_DOSE_NOTES = "basiliximabSecondDoseNotes";

  // portal vein
  public static final String PUNCTURE_SUCCESSFUL = "punctureSuccessful";
  public static final String PUNCTURE_NOTES = "punctureNotes";
  public static final String BASELINE_PORTAL_PRESSURE_MM_HG = "baselinePortalPressureMmHg";
  public static final String PORTAL_PRESSURE_ACCEPTABLE = "portalPressureAcceptable";
  public static final String PORTAL_PRESSURE_REASON = "portalPressureReason";
  public static final String PORTAL_ACCESS_DECISION = "portalAccessDecision";
  public static final String PORTAL_ACCESS_RATIONALE = "portalAccessRationale";
  /** The options the access decision offers (select valuesKey): no open injection after a baseline no-go. */
  public static final String PORTAL_ACCESS_OPTIONS = "portalAccessOptions";
  public static final String ACCESS_OPEN_INJECTION = "open-injection";
  public static final String ACCESS_POSTPONE = "postpone";

  // infusion and tract
  /** The clinical anchor: day 0 of every follow-up date. */
  public static final String INFUSION_DATE = "infusionDate";
  public static final String PEAK_PORTAL_PRESSURE_MM_HG = "peakPortalPressureMmHg";
  public static final String INFUSED_FRACTION_PERCENT = "infusedFractionPercent";
  public static final String INFUSED_TISSUE_VOLUME_ML = "infusedTissueVolumeMl";
  public static final String HEPARIN_GIVEN = "heparinGiven";
  /** Heparin given with the islets so far (IU, the form's input); per kg is computed on today's weight. */
  public static final String HEPARIN_UNITS = "heparinUnits";
  /** Computed: heparinUnits / weightKg (the weighing of this infusion); input of decision heparinBleedingRisk. */
  public static final String HEPARIN_UNITS_PER_KG = "heparinUnitsPerKg";
  public static final String HEPARIN_HIGH_BLEEDING_RISK = "heparinHighBleedingRisk";
  public static final String HEPARIN_BLEEDING_RISK_REASON = "heparinBleedingRiskReason";
  /** The infusing team's acknowledgement of a high-bleeding-risk heparin dose: why it was given. */
  public static final String HEPARIN_HIGH_DOSE_REASON = "heparinHighDoseReason";
  public static final String INFUSION_NOTES = "infusionNotes";
  public static final String OPEN_INJECTION_NOTES = "openInjectionNotes";
  /** The portal pressure measured after the latest aliquot (form islet-infusion, once per aliquot). */
  public static final String PORTAL_PRESSURE_MM_HG = "portalPressureMmHg";
  /** Every measurement of this infusion, JSON list of {measuredAt, pressureMmHg, infusedFractionPercent}. */
  public static final String PORTAL_PRESSURE_MEASUREMENTS = "portalPressureMeasurements";
  /** The team stopped the infusion for another reason than the pressure rules (bleeding, reaction, ...). */
  public static final String INFUSION_STOPPED_BY_TEAM = "infusionStoppedByTeam";
  public static final String INFUSION_STOP_REQUIRED = "infusionStopRequired";
  public static final String INFUSION_STOP_REASON = "infusionStopReason";
  public static final String PORTAL_VEIN_DOPPLER_ORDERED = "portalVeinDopplerOrdered";
  public static final String STOPPED_INFUSION_ASSESSMENT = "stoppedInfusionAssessment";
  public static final String STEEL_COIL_PLACED = "steelCoilPlaced";
  public static final String GELATIN_SPONGE_PLACED = "gelatinSpongePlaced";
  public static final String TRACT_EMBOLISATION_NOTES = "tractEmbolisationNotes";

  // immunosuppression
  public static final String IMMUNOSUPPRESSION_START_DATE = "immunosuppressionStartDate";
  public static final String TACROLIMUS_DOSE_MG_PER_DAY = "tacrolimusDoseMgPerDay";
  public static final String MYCOPHENOLATE_DOSE_MG_BID = "mycophenolateDoseMgBid";
  public static final String ANTICOAGULATION_CONTINUED = "anticoagulationContinued";
  public static final String TAPER_NOTE = "taperNote";

  // follow-up schedule (absolute dates from the infusion date)
  /** ISO-8601 date-times, one per trough level; the multi-instance collection. */
  public static final String TROUGH_SCHEDULE = "troughSchedule";
  /** Element variable of one trough level instance. */
  public static final String TROUGH_DUE_DATE = "troughDueDate";
  public static final String INSULIN_REVIEW_SCHEDULE = "insulinReviewSchedule";
  public static final String INSULIN_REVIEW_DUE_DATE = "insulinReviewDueDate";
  /** ISO-8601 date-times of the checks for bleeding and portal vein thrombosis (ucbi.islet.bleeding-check-days). */
  public static final String BLEEDING_CHECK_SCHEDULE = "bleedingCheckSchedule";
  public static final String BLEEDING_CHECK_DUE_DATE = "bleedingCheckDueDate";
  /** ISO-8601 date-times of the immune panels after the islet infusion (ucbi.islet.immune-panel-months). */
  public static final String ISLET_IMMUNE_PANEL_SCHEDULE = "isletImmunePanelSchedule";
  public static final String ISLET_IMMUNE_PANEL_DUE_DATE = "isletImmunePanelDueDate";
  // one immune panel (local to its instance); immunePanelDate is the shared clinical date of an immune panel
  public static final String ISLET_IMMUNE_PANEL_DATE = "immunePanelDate";
  public static final String PANEL_CD3_CELLS_PER_UL = "cd3CellsPerUl";
  public static final String PANEL_CD4_CELLS_PER_UL = "cd4CellsPerUl";
  public static final String PANEL_CD19_CELLS_PER_UL = "cd19CellsPerUl";
  public static final String PANEL_IGG_G_PER_L = "iggGPerL";
  public static final String ISLET_IMMUNE_PANEL_NOTES = "isletImmunePanelNotes";
  public static final String BASILIXIMAB_SECOND_DOSE_DUE = "basiliximabSecondDoseDue";
  public static final String IMMUNOSUPPRESSION_TAPER_DUE = "immunosuppressionTaperDue";
  public static final String MMTT_DAY_75_DUE = "mmttDay75Due";
  public static final String MMTT_DAY_365_DUE = "mmttDay365Due";

  // one trough level (local to its instance); decision tacrolimusTroughTarget
  public static final String TROUGH_SAMPLE_DATE = "troughSampleDate";
  public static final String TACROLIMUS_TROUGH_NG_PER_ML = "tacrolimusTroughNgPerMl";
  public static final String MONTHS_SINCE_INFUSION = "monthsSinceInfusion";
  public static final String TROUGH_IN_RANGE = "troughInRange";
  public static final String TROUGH_TARGET_LOW_NG_PER_ML = "troughTargetLowNgPerMl";
  public static final String TROUGH_TARGET_HIGH_NG_PER_ML = "troughTargetHighNgPerMl";
  public static final String TROUGH_DEVIATION = "troughDeviation";
  public static final String DOSE_ADJUSTMENT_NOTE = "doseAdjustmentNote";

  // one check for bleeding and portal vein thrombosis (local to its instance)
  public static final String BLEEDING_CHECK_DATE = "bleedingCheckDate";
  public static final String HAEMOGLOBIN_G_PER_L = "haemoglobinGPerL";
  public static final String ALT_U_PER_L = "altUPerL";
  public static final String AST_U_PER_L = "astUPerL";
  public static final String PORTAL_DOPPLER_RESULT = "portalDopplerResult";
  public static final String DOPPLER_PATENT = "patent";
  public static final String BLEEDING_SIGNS = "bleedingSigns";
  public static final String LABS_ABNORMAL = "labsAbnormal";
  public static final String BLEEDING_CHECK_NOTES = "bleedingCheckNotes";
  public static final String BLEEDING_THROMBOSIS_TREATMENT = "bleedingThrombosisTreatment";
  public static final String BLEEDING_THROMBOSIS_PLAN = "bleedingThrombosisPlan";

  // insulin weaning
  public static final String GLUCOSE_REVIEW_DATE = "glucoseReviewDate";
  public static final String FASTING_GLUCOSE_MMOL_L = "fastingGlucoseMmolL";
  public static final String INSULIN_UNITS_PER_KG_DAY = "insulinUnitsPerKgDay";

  // graft function: decision isletGraftFunction (contract inputs and output)
  public static final String MMTT_DATE = "mmttDate";
  public static final String HBA1C_PERCENT = "hba1cPercent";
  public static final String C_PEPTIDE_NG_PER_ML = "cPeptideNgPerMl";
  public static final String BASELINE_INSULIN_UNITS_PER_KG_DAY = "baselineInsulinUnitsPerKgDay";
  public static final String SEVERE_HYPOGLYCEMIA_EVENTS = "severeHypoglycemiaEvents";
  public static final String GRAFT_FUNCTION_NOTES = "graftFunctionNotes";
  public static final String ISLET_GRAFT_FUNCTION = "isletGraftFunction";
  public static final String ISLET_GRAFT_FUNCTION_DAY_75 = "isletGraftFunctionDay75";
  public static final String GRAFT_OPTIMAL = "optimal";
  public static final String GRAFT_GOOD = "good";
  public static final String GRAFT_MARGINAL = "marginal";
  public static final String GRAFT_FAILURE = "failure";

  // MDT: infusion go/no-go for the allocated product
  public static final String ISLET_INFUSION_GO = "isletInfusionGo";
  public static final String ISLET_INFUSION_GO_DATE = "isletInfusionGoDate";
  public static final String ISLET_INFUSION_GO_RATIONALE = "isletInfusionGoRationale";
  // decision isletTissueVolumeAtInfusion
  public static final String TISSUE_VOLUME_ACCEPTABLE = "tissueVolumeAcceptable";
  public static final String TISSUE_VOLUME_REASON = "tissueVolumeReason";

  // MDT: further infusion
  public static final String FURTHER_INFUSION_ORDERED = "furtherInfusionOrdered";
  public static final String FURTHER_INFUSION_DECISION_DATE = "furtherInfusionDecisionDate";
  public static final String FURTHER_INFUSION_RATIONALE = "furtherInfusionRationale";

  /**
   * The answers and results of one infusion attempt. They are removed when the next product is
   * registered, so a form of the new attempt is never satisfied by the previous attempt's answer.
   * Therapy state (current doses, baseline insulin) carries over.
   */
  public static final List<String> PER_INFUSION_ATTEMPT = List.of(
      ISLET_INFUSION_GO, ISLET_INFUSION_GO_DATE, ISLET_INFUSION_GO_RATIONALE, TISSUE_VOLUME_ACCEPTABLE, TISSUE_VOLUME_REASON,
      BASILIXIMAB_DOSE_MG, BASILIXIMAB_GIVEN_MG, BASILIXIMAB_GIVEN_AT, BASILIXIMAB_NOTES,
      BASILIXIMAB_DOSE_MISMATCH_REASON, BASILIXIMAB_LEAD_TIME_ENDS_AT,
      BASILIXIMAB_SECOND_DOSE_GIVEN, BASILIXIMAB_SECOND_DOSE_MG, BASILIXIMAB_SECOND_DOSE_WITHHELD_REASON,
      BASILIXIMAB_SECOND_DOSE_NOTES,
      PUNCTURE_SUCCESSFUL, PUNCTURE_NOTES, BASELINE_PORTAL_PRESSURE_MM_HG, PORTAL_PRESSURE_ACCEPTABLE,
      PORTAL_PRESSURE_REASON, PORTAL_ACCESS_DECISION, PORTAL_ACCESS_RATIONALE, PORTAL_ACCESS_OPTIONS,
      INFUSION_DATE, PEAK_PORTAL_PRESSURE_MM_HG, PORTAL_PRESSURE_MM_HG, PORTAL_PRESSURE_MEASUREMENTS,
      INFUSION_STOPPED_BY_TEAM, INFUSED_FRACTION_PERCENT, INFUSED_TISSUE_VOLUME_ML, HEPARIN_GIVEN,
      HEPARIN_UNITS, HEPARIN_UNITS_PER_KG, HEPARIN_HIGH_BLEEDING_RISK, HEPARIN_BLEEDING_RISK_REASON,
      HEPARIN_HIGH_DOSE_REASON, INFUSION_NOTES, OPEN_INJECTION_NOTES, INFUSION_STOP_REQUIRED, INFUSION_STOP_REASON,
      PORTAL_VEIN_DOPPLER_ORDERED, STOPPED_INFUSION_ASSESSMENT, STEEL_COIL_PLACED, GELATIN_SPONGE_PLACED,
      TRACT_EMBOLISATION_NOTES, IMMUNOSUPPRESSION_START_DATE, ANTICOAGULATION_CONTINUED, TAPER_NOTE,
      TROUGH_SCHEDULE, INSULIN_REVIEW_SCHEDULE, BLEEDING_CHECK_SCHEDULE, ISLET_IMMUNE_PANEL_SCHEDULE, BASILIXIMAB_SECOND_DOSE_DUE, IMMUNOSUPPRESSION_TAPER_DUE,
      MMTT_DAY_75_DUE, MMTT_DAY_365_DUE,
      MMTT_DATE, HBA1C_PERCENT, C_PEPTIDE_NG_PER_ML, SEVERE_HYPOGLYCEMIA_EVENTS, GRAFT_FUNCTION_NOTES,
      ISLET_GRAFT_FUNCTION, ISLET_GRAFT_FUNCTION_DAY_75,
      FURTHER_INFUSION_ORDERED, FURTHER_INFUSION_DECISION_DATE, FURTHER_INFUSION_RATIONALE);

  // forms
  public static final String FORM_CANDIDACY_REVIEW = "islet-candidacy-review";
  public static final String FORM_ISLET_INFUSION_GO = "islet-infusion-go";
  public static final String FORM_ADMINISTER_BASILIXIMAB = "administer-basiliximab";
  public static final String FORM_PORTAL_VEIN_PUNCTURE = "portal-vein-puncture";
  public static final String FORM_PORTAL_ACCESS_DECISION = "portal-access-decision";
  public static final String FORM_OPEN_PORTAL_INJECTION = "open-portal-injection";
  public static final String FORM_ISLET_INFUSION = "islet-infusion";
  public static final String FORM_STOPPED_INFUSION_REVIEW = "stopped-infusion-review";
  public static final String FORM_TRACT_EMBOLISATION = "tract-embolisation";
  public static final String FORM_START_IMMUNOSUPPRESSION = "start-immunosuppression";
  public static final String FORM_BASILIXIMAB_SECOND_DOSE = "basiliximab-second-dose";
  public static final String FORM_IMMUNOSUPPRESSION_TAPER = "immunosuppression-taper";
  public static final String FORM_TACROLIMUS_TROUGH = "tacrolimus-trough";
  public static final String FORM_TACROLIMUS_DOSE_ADJUSTMENT = "tacrolimus-dose-adjustment";
  public static final String FORM_INSULIN_REDUCTION = "insulin-reduction";
  public static final String FORM_BLEEDING_CHECK = "bleeding-thrombosis-check";
  public static final String FORM_ISLET_IMMUNE_PANEL = "islet-immune-panel";
  public static final String FORM_BLEEDING_THROMBOSIS_MANAGEMENT = "bleeding-thrombosis-management";
  public static final String FORM_GRAFT_FUNCTION = "islet-graft-function";
  public static final String FORM_FURTHER_INFUSION_DECISION = "further-infusion-decision";

  // element IDs
  public static final String START = "Start_IsletTransplantStarted";
  public static final String TASK_ENTER_WAITING_LIST = "Task_EnterWaitingList";
  public static final String SUB_PROCESS_WAITING_LIST = "SubProcess_IsletWaitingList";
  /** Contract: isletIsolation finds the waiting children here. */
  public static final String TASK_AWAIT_ISLET_PRODUCT = "Task_AwaitIsletProduct";
  public static final String TIMER_CANDIDACY_REVIEW = "Timer_CandidacyReview";
  public static final String TASK_REVIEW_CANDIDACY = "Task_ReviewIsletCandidacy";
  public static final String END_PRODUCT_ALLOCATED = "End_ProductAllocated";
  public static final String END_CANDIDACY_CONFIRMED = "End_CandidacyConfirmed";
  public static final String END_REMOVED_FROM_WAITING_LIST = "End_RemovedFromWaitingList";
  public static final String TASK_REGISTER_PRODUCT = "Task_RegisterIsletProduct";
  public static final String TASK_DETERMINE_BASILIXIMAB_DOSE = "Task_DetermineBasiliximabDose";
  public static final String TASK_DECIDE_ISLET_INFUSION = "Task_DecideIsletInfusion";
  public static final String TASK_CHECK_TISSUE_VOLUME = "Task_CheckTissueVolumeAtInfusion";
  public static final String TASK_ADMINISTER_BASILIXIMAB = "Task_AdministerBasiliximab";
  public static final String TIMER_BASILIXIMAB_LEAD_TIME = "Timer_BasiliximabLeadTime";
  public static final String TASK_PUNCTURE_PORTAL_VEIN = "Task_PuncturePortalVein";
  public static final String TASK_ASSESS_BASELINE_PRESSURE = "Task_AssessBaselinePortalPressure";
  public static final String TASK_DECIDE_PORTAL_ACCESS = "Task_DecidePortalAccess";
  public static final String TASK_INJECT_OPEN_PORTAL_VEIN = "Task_InjectIsletsOpenPortalVein";
  public static final String TASK_INFUSE_ISLETS = "Task_InfuseIslets";
  public static final String TASK_EVALUATE_PRESSURE_RISE = "Task_EvaluatePressureRise";
  public static final String TASK_REVIEW_STOPPED_INFUSION = "Task_ReviewStoppedInfusion";
  public static final String GATEWAY_INFUSION_STOPPED = "Gateway_InfusionStopped";
  public static final String GATEWAY_INFUSION_ROUTE = "Gateway_InfusionRoute";
  public static final String TASK_EMBOLISE_TRACT = "Task_EmboliseTract";
  public static final String TASK_START_IMMUNOSUPPRESSION = "Task_StartImmunosuppression";
  public static final String TASK_SCHEDULE_FOLLOW_UP = "Task_ScheduleFollowUp";
  public static final String TIMER_BASILIXIMAB_SECOND_DOSE = "Timer_BasiliximabSecondDose";
  public static final String TASK_BASILIXIMAB_SECOND_DOSE = "Task_AdministerBasiliximabSecondDose";
  public static final String TIMER_TAPER_DUE = "Timer_TaperDue";
  public static final String TASK_TAPER_IMMUNOSUPPRESSION = "Task_TaperImmunosuppression";
  public static final String SUB_PROCESS_TROUGH_MONITORING = "SubProcess_TroughMonitoring";
  public static final String TIMER_TROUGH_LEVEL_DUE = "Timer_TroughLevelDue";
  public static final String TASK_RECORD_TROUGH = "Task_RecordTacrolimusTrough";
  public static final String TASK_COMPUTE_MONTHS_SINCE_INFUSION = "Task_ComputeMonthsSinceInfusion";
  public static final String TASK_EVALUATE_TROUGH_TARGET = "Task_EvaluateTroughTarget";
  public static final String TASK_ADJUST_TACROLIMUS_DOSE = "Task_AdjustTacrolimusDose";
  public static final String END_TROUGH_IN_RANGE = "End_TroughInRange";
  public static final String END_TACROLIMUS_DOSE_ADJUSTED = "End_TacrolimusDoseAdjusted";
  public static final String SUB_PROCESS_INSULIN_WEANING = "SubProcess_InsulinWeaning";
  public static final String SUB_PROCESS_BLEEDING_CHECKS = "SubProcess_BleedingChecks";
  public static final String SUB_PROCESS_ISLET_IMMUNE_PANELS = "SubProcess_IsletImmunePanels";
  public static final String TIMER_ISLET_IMMUNE_PANEL_DUE = "Timer_IsletImmunePanelDue";
  public static final String TASK_RECORD_ISLET_IMMUNE_PANEL = "Task_RecordIsletImmunePanel";
  public static final String TIMER_BLEEDING_CHECK_DUE = "Timer_BleedingCheckDue";
  public static final String TASK_CHECK_BLEEDING = "Task_CheckBleedingAndPortalVein";
  public static final String TASK_MANAGE_BLEEDING_OR_THROMBOSIS = "Task_ManageBleedingOrThrombosis";
  public static final String END_BLEEDING_CHECK_NORMAL = "End_BleedingCheckNormal";
  public static final String END_BLEEDING_OR_THROMBOSIS_MANAGED = "End_BleedingOrThrombosisManaged";
  public static final String TIMER_INSULIN_REVIEW_DUE = "Timer_InsulinReviewDue";
  public static final String TASK_REDUCE_INSULIN = "Task_ReduceInsulin";
  public static final String TIMER_DAY_75 = "Timer_Day75";
  public static final String TASK_ASSESS_GRAFT_DAY_75 = "Task_AssessGraftFunctionDay75";
  public static final String TASK_CLASSIFY_GRAFT_DAY_75 = "Task_ClassifyGraftFunctionDay75";
  public static final String TIMER_DAY_365 = "Timer_Day365";
  public static final String TASK_ASSESS_GRAFT_DAY_365 = "Task_AssessGraftFunctionDay365";
  public static final String TASK_CLASSIFY_GRAFT_DAY_365 = "Task_ClassifyGraftFunctionDay365";
  public static final String TASK_DECIDE_FURTHER_INFUSION = "Task_DecideFurtherInfusion";
  public static final String TASK_REGISTER_FURTHER_INFUSION = "Task_RegisterFurtherInfusion";
  public static final String END_COMPLETED_OPTIMAL = "End_CompletedOptimal";
  public static final String END_COMPLETED_GOOD = "End_CompletedGood";
  public static final String END_COMPLETED_MARGINAL = "End_CompletedMarginal";
  public static final String END_COMPLETED_GRAFT_FAILURE = "End_CompletedGraftFailure";

  private IsletTransplantVariables() {
  }
}

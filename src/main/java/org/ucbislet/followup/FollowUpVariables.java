package org.ucbislet.followup;

/**
 * Process key, forms, variables and element IDs of {@code followUp} (bpmn/follow-up.bpmn), the reusable
 * follow-up after each infusion and for the long term. The caller's inputs and the results it may map
 * back are contract (README "followUp"): do not rename them.
 */
public final class FollowUpVariables {

  public static final String PROCESS_KEY = "followUp";

  // from the caller (contract; the business key is the subject ID)
  public static final String SUBJECT_ID = "subjectId";
  public static final String DATE_OF_BIRTH = "dateOfBirth";
  public static final String SEX = "sex";
  /** ISO date: day 0 (cord blood infusion) or the islet infusion date. */
  public static final String FOLLOW_UP_ANCHOR_DATE = "followUpAnchorDate";
  /** {@link FollowUpSettings#AFTER_CORD_BLOOD_INFUSION} or {@link FollowUpSettings#AFTER_ISLET_INFUSION}. */
  public static final String FOLLOW_UP_SCHEDULE = "followUpSchedule";
  /** Optional ISO date: the last day of the follow-up (wins over {@link #FOLLOW_UP_YEARS}). */
  public static final String FOLLOW_UP_END_DATE = "followUpEndDate";
  /**
   * Optional ISO date: plan only the visits whose window has not ended before this day (the caller covered the earlier
   * ones); without it every visit is planned and a window already closed is a missed visit.
   */
  public static final String FOLLOW_UP_FROM = "followUpFrom";
  /**
   * Optional ISO date: visits whose target date is on or before it are left out, because the caller did them itself
   * (isletTransplant's own MMTT at day +365 before the long-term follow-up starts that day).
   */
  public static final String FOLLOW_UP_VISITS_AFTER = "followUpVisitsAfter";
  /**
   * Optional whole months: immune-function visits whose target is within this many months of the anchor are left out,
   * because the caller follows immune function itself that long (stage 1's immune panels at months 3, 6 and 12 while
   * the follow-up after the cord blood infusion runs beside it).
   */
  public static final String FOLLOW_UP_IMMUNE_PANELS_BY_CALLER_MONTHS = "followUpImmunePanelsByCallerMonths";
  /** Optional integer: years of follow-up after the anchor (default ucbi.follow-up.default-years, 5). */
  public static final String FOLLOW_UP_YEARS = "followUpYears";

  // the plan
  /** JSON list of the planned visits: the multi-instance collection. */
  public static final String FOLLOW_UP_VISITS = "followUpVisits";
  /** One planned visit (a map): the multi-instance element. */
  public static final String FOLLOW_UP_VISIT = "followUpVisit";
  public static final String FOLLOW_UP_VISIT_COUNT = "followUpVisitCount";
  /** ISO date: the last day of this follow-up as planned. */
  public static final String FOLLOW_UP_PLANNED_UNTIL = "followUpPlannedUntil";

  // results (contract: the caller may map them back)
  /** JSON list of protocol deviations, SDTM DV fields (see {@link ProtocolDeviation}). */
  public static final String PROTOCOL_DEVIATIONS = "protocolDeviations";
  public static final String PROTOCOL_DEVIATION_COUNT = "protocolDeviationCount";
  /** JSON list: every growth measurement with its z-scores. */
  public static final String GROWTH_MEASUREMENTS = "growthMeasurements";

  // visit (local to each visit instance)
  public static final String VISIT_NAME = "visitName";
  public static final String VISIT_TARGET_DATE = "visitTargetDate";
  public static final String VISIT_WINDOW = "visitWindow";
  public static final String VISIT_DATE = "visitDate";
  public static final String HBA1C_PERCENT = "hba1cPercent";
  public static final String C_PEPTIDE_NG_PER_ML = "cPeptideNgPerMl";
  public static final String INSULIN_UNITS_PER_KG_DAY = "insulinUnitsPerKgDay";
  public static final String SEVERE_HYPOGLYCEMIA_EVENTS = "severeHypoglycemiaEvents";
  public static final String VISIT_HEIGHT_CM = "visitHeightCm";
  public static final String VISIT_WEIGHT_KG = "visitWeightKg";
  /** {@code recumbent} or {@code standing} ({@link MeasurementPosition}). */
  public static final String HEIGHT_MEASUREMENT = "heightMeasurement";
  public static final String VISIT_NOTES = "visitNotes";
  public static final String MMTT_C_PEPTIDE_90_NG_PER_ML = "mmttCPeptide90NgPerMl";
  public static final String MMTT_PEAK_C_PEPTIDE_NG_PER_ML = "mmttPeakCPeptideNgPerMl";
  public static final String CD3_CELLS_PER_UL = "cd3CellsPerUl";
  public static final String CD4_CELLS_PER_UL = "cd4CellsPerUl";
  public static final String CD8_CELLS_PER_UL = "cd8CellsPerUl";
  public static final String CD19_CELLS_PER_UL = "cd19CellsPerUl";
  public static final String NK_CELLS_PER_UL = "nkCellsPerUl";
  public static final String NAIVE_CD4_PERCENT = "naiveCd4Percent";
  public static final String IGG_G_PER_L = "iggGPerL";
  public static final String IMMUNOGLOBULIN_SUBSTITUTION = "immunoglobulinSubstitution";
  public static final String IMMUNE_VISIT_NOTES = "immuneVisitNotes";
  public static final String OVERDUE_VISIT_ACTION = "overdueVisitAction";
  public static final String OVERDUE_VISIT_NEW_DATE = "overdueVisitNewDate";
  public static final String OVERDUE_VISIT_NOTES = "overdueVisitNotes";
  // growth z-scores (local to the visit; also appended to growthMeasurements)
  public static final String HEIGHT_Z = "heightZ";
  public static final String WEIGHT_Z = "weightZ";
  public static final String BMI_Z = "bmiZ";
  public static final String BMI_KG_PER_M2 = "bmiKgPerM2";
  public static final String GROWTH_REFERENCE = "growthReference";
  public static final String GROWTH_Z_NOTES = "growthZNotes";

  // forms
  public static final String FORM_FOLLOW_UP_VISIT = "follow-up-visit";
  public static final String FORM_FOLLOW_UP_MMTT_VISIT = "follow-up-mmtt-visit";
  public static final String FORM_FOLLOW_UP_IMMUNE_FUNCTION = "follow-up-immune-function";
  public static final String FORM_OVERDUE_VISIT = "overdue-visit";

  // element IDs
  public static final String START_FOLLOW_UP = "Start_FollowUpStarted";
  public static final String TASK_PLAN_VISITS = "Task_PlanFollowUpVisits";
  public static final String SUBPROCESS_VISIT = "SubProcess_FollowUpVisit";
  public static final String TIMER_WINDOW_OPENS = "Timer_VisitWindowOpens";
  public static final String SUBPROCESS_VISIT_ASSESSMENTS = "SubProcess_VisitAssessments";
  public static final String TASK_RECORD_GLUCOSE_AND_GROWTH = "Task_RecordGlucoseAndGrowth";
  public static final String TASK_RECORD_MMTT_VISIT = "Task_RecordMmttVisit";
  public static final String TASK_COMPUTE_GROWTH_Z_SCORES = "Task_ComputeGrowthZScores";
  public static final String TASK_RECORD_IMMUNE_FUNCTION = "Task_RecordImmuneFunction";
  public static final String END_VISIT_RECORDED = "End_VisitRecorded";
  public static final String TIMER_VISIT_OVERDUE = "Timer_VisitOverdue";
  public static final String TASK_CHASE_OVERDUE_VISIT = "Task_ChaseOverdueVisit";
  public static final String END_OVERDUE_VISIT_CHASED = "End_OverdueVisitChased";
  public static final String TIMER_WINDOW_CLOSED = "Timer_VisitWindowClosed";
  public static final String TASK_RECORD_MISSED_VISIT = "Task_RecordMissedVisit";
  public static final String END_VISIT_MISSED = "End_VisitMissed";
  public static final String END_VISIT_COMPLETED = "End_VisitCompleted";
  public static final String END_FOLLOW_UP_COMPLETED = "End_FollowUpCompleted";
  public static final String END_FOLLOW_UP_COMPLETED_WITH_DEVIATIONS = "End_FollowUpCompletedWithDeviations";

  private FollowUpVariables() {
  }
}

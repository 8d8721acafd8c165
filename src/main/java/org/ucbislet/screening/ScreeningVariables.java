package org.ucbislet.screening;

/** Process key, element IDs and variables of {@code screening} (bpmn/screening.bpmn). */
public final class ScreeningVariables {

  public static final String PROCESS_KEY = "screening";
  public static final String DECISION_KEY = "eligibility";

  // eligibility inputs (contract), set by the diagnostic work-up or computed from it
  public static final String AGE_YEARS = "ageYears";
  public static final String T1D_DIAGNOSIS_CONFIRMED = "t1dDiagnosisConfirmed";
  public static final String EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT = "extrapancreaticOrganDamageCount";
  public static final String RECURRENCE_AFTER_STANDARD_TREATMENT = "recurrenceAfterStandardTreatment";
  public static final String PATHOGENIC_VARIANT_CONFIRMED = "pathogenicVariantConfirmed";
  public static final String MATURE_EFFECTIVE_TREATMENT_AVAILABLE = "matureEffectiveTreatmentAvailable";
  public static final String HIV_POSITIVE = "hivPositive";
  public static final String HBV_POSITIVE = "hbvPositive";
  public static final String HCV_POSITIVE = "hcvPositive";
  public static final String ACTIVE_INFECTION = "activeInfection";
  public static final String ACTIVE_MALIGNANCY = "activeMalignancy";
  public static final String OTHER_FATAL_DISEASE = "otherFatalDisease";
  public static final String MENTAL_OR_PSYCHOLOGICAL_DISORDER = "mentalOrPsychologicalDisorder";
  public static final String WORK_UP_DATE = "workUpDate";

  // outputs and human decisions (contract)
  public static final String ELIGIBLE = "eligible";
  public static final String SCREEN_FAILURE_REASON = "screenFailureReason";
  public static final String CONSENT_OBTAINED = "consentObtained";
  public static final String PSYCHOLOGICALLY_FIT = "psychologicallyFit";
  public static final String MDT_APPROVED_TRANSPLANT = "mdtApprovedTransplant";

  // forms
  public static final String FORM_WORK_UP = "diagnostic-work-up";
  public static final String FORM_CONSENT = "informed-consent";
  public static final String FORM_PSYCHOLOGICAL = "psychological-assessment";
  public static final String FORM_MDT = "mdt-review";

  // element IDs
  public static final String TASK_WORK_UP = "Task_RecordDiagnosticWorkUp";
  public static final String TASK_PREPARE_ELIGIBILITY = "Task_DeriveEligibilityInputs";
  public static final String TASK_EVALUATE_ELIGIBILITY = "Task_EvaluateEligibility";
  public static final String TASK_CONSENT = "Task_ObtainInformedConsent";
  public static final String TASK_PSYCHOLOGICAL = "Task_AssessPsychologicalFitness";
  public static final String TASK_MDT = "Task_ReviewIndicationsMdt";
  public static final String END_PASSED = "End_ScreeningPassed";
  public static final String END_NOT_ELIGIBLE = "End_NotEligible";
  public static final String END_NO_CONSENT = "End_ConsentNotObtained";
  public static final String END_PSYCHOLOGICALLY_UNFIT = "End_PsychologicalDisorder";
  public static final String END_MDT_DECLINED = "End_MdtDeclined";

  // reasons recorded at the human-decision exits (the eligibility exits take the DMN's reason)
  public static final String REASON_NO_CONSENT = "Informed consent not obtained (guardian consent or child assent missing)";
  public static final String REASON_PSYCHOLOGICAL = "Mental or psychological disorder found at psychological assessment "
      + "(protocol: procedure terminated)";
  public static final String REASON_MDT_DECLINED = "MDT did not approve cord blood stem cell transplantation "
      + "(indications and contraindications)";

  private ScreeningVariables() {
  }
}

package org.ucbislet.enrolment;

/** Process key, element IDs and variables of {@code ucbIsletProtocol} (bpmn/ucb-islet-protocol.bpmn). */
public final class ProtocolVariables {

  public static final String PROCESS_KEY = "ucbIsletProtocol";
  public static final String START_FORM = "enrol-subject";

  // start form (contract, design.md section 3)
  public static final String SUBJECT_ID = "subjectId";
  public static final String DATE_OF_BIRTH = "dateOfBirth";
  public static final String SEX = "sex";
  public static final String WEIGHT_KG = "weightKg";
  public static final String HEIGHT_CM = "heightCm";
  public static final String GENE_NAME = "geneName";
  public static final String VARIANT_HGVS = "variantHgvs";
  public static final String REFERRAL_DATE = "referralDate";

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
  public static final String END_WITHDRAWN = "End_Withdrawn";
  public static final String END_DECEASED = "End_Deceased";

  // messages that end the protocol from anywhere (contract), correlated by the business key
  public static final String MESSAGE_CONSENT_WITHDRAWN = "ConsentWithdrawn";
  public static final String MESSAGE_PATIENT_DECEASED = "PatientDeceased";

  // returned by the called stages (cordBloodTransplant, isletTransplant)
  public static final String STAGE1_OUTCOME = "stage1Outcome";
  public static final String STAGE1_STABLE_IMMUNE_FUNCTION = "stableImmuneFunction";
  public static final String STAGE1_NO_SUITABLE_UNIT = "noSuitableUnit";
  public static final String STAGE1_GRAFT_FAILURE = "graftFailure";
  public static final String CORD_BLOOD_INFUSION_DATE = "cordBloodInfusionDate";
  public static final String STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE = "stableImmuneFunctionConfirmedDate";
  public static final String ISLET_GRAFT_FUNCTION = "isletGraftFunction";
  /** From isletTransplant's infusionDate: day 0 of the long-term follow-up after islets. */
  public static final String LAST_ISLET_INFUSION_DATE = "lastIsletInfusionDate";

  private ProtocolVariables() {
  }
}

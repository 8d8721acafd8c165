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
  public static final String END_READY_FOR_STAGE_1 = "End_ReadyForStage1";
  public static final String END_SCREEN_FAILURE = "End_ScreenFailure";

  private ProtocolVariables() {
  }
}

package org.ucbislet.cordblood;

import java.util.List;

/**
 * Process variables of the bank search in stage 1 ({@code cordBloodTransplant}, service task with
 * {@code camunda:delegateExpression="${searchCordBloodBankDelegate}"}): the contract between
 * {@link SearchCordBloodBankDelegate} and the process, its gateways and the unit selection form.
 */
public final class CordBloodSearchVariables {

  /** Bean name of the delegate, as the BPMN's delegate expression names it. */
  public static final String DELEGATE_BEAN = "searchCordBloodBankDelegate";

  // read: the HLA typing form (design.md section 3) and the enrolment weight
  public static final String HLA_A1 = "hlaA1";
  public static final String HLA_A2 = "hlaA2";
  public static final String HLA_B1 = "hlaB1";
  public static final String HLA_B2 = "hlaB2";
  public static final String HLA_C1 = "hlaC1";
  public static final String HLA_C2 = "hlaC2";
  public static final String HLA_DRB1_1 = "hlaDRB1_1";
  public static final String HLA_DRB1_2 = "hlaDRB1_2";
  /** The eight typing variables in the order A1, A2, B1, B2, C1, C2, DRB1_1, DRB1_2. */
  public static final List<String> HLA_TYPING = List.of(HLA_A1, HLA_A2, HLA_B1, HLA_B2, HLA_C1, HLA_C2, HLA_DRB1_1,
      HLA_DRB1_2);
  /**
   * The child's weight for the search: the dosing weight that "Check the weight for the bank search" found measured within
   * {@code ucbi.dosing-weight.max-age-days} days (clinical.DosingWeight), not the enrolment weight.
   */
  public static final String WEIGHT_KG = org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_KG;
  /** Optional (integer): how many units of the ranking to list; default {@code ucbi.cord-blood.search.process-limit}. */
  public static final String SEARCH_LIMIT = "cordBloodSearchLimit";

  // written
  /** Json array: the search answer's unit objects plus {@code unitKey} ({@code <bank>/<unitId>}), best first. */
  public static final String CANDIDATES = "cordBloodCandidates";
  /** Json array of {@code {"label", "value": unitKey}} for a form-js select with {@code valuesKey}. */
  public static final String CANDIDATE_OPTIONS = "cordBloodCandidateOptions";
  /** Long: units in the inventory searched. */
  public static final String SEARCHED = "cordBloodSearched";
  /** Integer: acceptable units among {@link #CANDIDATES}. */
  public static final String ACCEPTABLE_UNIT_COUNT = "acceptableUnitCount";
  /** Boolean: at least one acceptable unit was found. */
  public static final String ACCEPTABLE_UNIT_FOUND = "acceptableUnitFound";
  /** String unit key of the first acceptable unit in ranking order, or null. */
  public static final String PROPOSED_PRIMARY_UNIT = "proposedPrimaryUnit";
  /** String unit key of the second acceptable unit, or null. */
  public static final String PROPOSED_BACKUP_UNIT_1 = "proposedBackupUnit1";
  /** String unit key of the third acceptable unit, or null. */
  public static final String PROPOSED_BACKUP_UNIT_2 = "proposedBackupUnit2";
  /** The proposals in order: 1 primary + 2 backups (domain.md Part A "units reserved", B 1.5, protocol). */
  public static final List<String> PROPOSED_UNITS = List.of(PROPOSED_PRIMARY_UNIT, PROPOSED_BACKUP_UNIT_1,
      PROPOSED_BACKUP_UNIT_2);

  // members of a candidate object and of an option
  public static final String UNIT_KEY = "unitKey";
  /** Pre-freeze total nucleated cells and CD34+ cells of a candidate (numbers of cells, unrounded). */
  public static final String TNC_TOTAL = "tncTotal";
  public static final String CD34_TOTAL = "cd34Total";
  public static final String OPTION_LABEL = "label";
  public static final String OPTION_VALUE = "value";

  private CordBloodSearchVariables() {
  }
}

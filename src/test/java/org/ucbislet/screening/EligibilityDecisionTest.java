package org.ucbislet.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.DecisionTables.assertEveryRuleCites;
import static org.ucbislet.support.DecisionTables.catchAllResult;
import static org.ucbislet.support.DecisionTables.inputTypes;
import static org.ucbislet.support.DecisionTables.lastRule;
import static org.ucbislet.support.DecisionTables.outputTypes;
import static org.ucbislet.support.DecisionTables.quoted;
import static org.ucbislet.support.DecisionTables.ruleOutputs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucbislet.support.DecisionTables;

/**
 * The {@code eligibility} decision (design.md section 3) evaluated with the plain DMN engine, no process
 * engine: one test per rule of {@code bpmn/eligibility.dmn}, the boundaries of the numeric inputs, and the
 * guarantee that an unrecorded criterion never makes a child eligible.
 */
class EligibilityDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/eligibility.dmn";
  private static final String DECISION_KEY = "eligibility";

  // Contract input and output names (design.md section 3, decision `eligibility`).
  private static final String AGE_YEARS = "ageYears";
  private static final String T1D_DIAGNOSIS_CONFIRMED = "t1dDiagnosisConfirmed";
  private static final String ORGAN_DAMAGE_COUNT = "extrapancreaticOrganDamageCount";
  private static final String RECURRENCE_AFTER_TREATMENT = "recurrenceAfterStandardTreatment";
  private static final String PATHOGENIC_VARIANT_CONFIRMED = "pathogenicVariantConfirmed";
  private static final String MATURE_TREATMENT_AVAILABLE = "matureEffectiveTreatmentAvailable";
  private static final String HIV_POSITIVE = "hivPositive";
  private static final String HBV_POSITIVE = "hbvPositive";
  private static final String HCV_POSITIVE = "hcvPositive";
  private static final String ACTIVE_INFECTION = "activeInfection";
  private static final String ACTIVE_MALIGNANCY = "activeMalignancy";
  private static final String OTHER_FATAL_DISEASE = "otherFatalDisease";
  private static final String MENTAL_DISORDER = "mentalOrPsychologicalDisorder";
  private static final String ELIGIBLE = "eligible";
  private static final String SCREEN_FAILURE_REASON = "screenFailureReason";

  // The screen-failure reasons, exactly as the table writes them (they end up in Cockpit and the audit export).
  private static final String AGE_NOT_UNDER_18 = "Age 18 years or older (inclusion: under 18)";
  private static final String AGE_INVALID = "Invalid age: age in years cannot be negative";
  private static final String T1D_NOT_CONFIRMED = "Type 1 diabetes diagnosis not confirmed (inclusion 1)";
  private static final String NO_ORGAN_DAMAGE =
      "No extrapancreatic organ damage (inclusion 2: one or more of 11 types)";
  private static final String ORGAN_DAMAGE_COUNT_INVALID =
      "Invalid extrapancreatic organ damage count: must be 0 to 11";
  private static final String NO_RECURRENCE = "No recurrence after regular clinical treatment (inclusion 2)";
  private static final String NO_PATHOGENIC_VARIANT = "No pathogenic gene variant confirmed (inclusion 3)";
  private static final String MATURE_TREATMENT = "Mature and effective treatment available (exclusion)";
  private static final String HIV = "HIV positive (exclusion)";
  private static final String HBV = "HBV positive (exclusion)";
  private static final String HCV = "HCV positive (exclusion)";
  private static final String INFECTION = "Active infection (exclusion)";
  private static final String MALIGNANCY = "Active malignancy (exclusion)";
  private static final String FATAL_DISEASE = "Other fatal disease (exclusion)";
  private static final String MENTAL = "Mental or psychological disorder (exclusion)";
  private static final String WORK_UP_INCOMPLETE =
      "Incomplete diagnostic work-up: an eligibility criterion was not recorded";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_KEY);
  }

  /** A child who meets every inclusion criterion and no exclusion criterion. */
  private static VariableMap fullyEligibleChild() {
    return Variables.createVariables()
        .putValue(AGE_YEARS, 9.5)
        .putValue(T1D_DIAGNOSIS_CONFIRMED, true)
        .putValue(ORGAN_DAMAGE_COUNT, 2)
        .putValue(RECURRENCE_AFTER_TREATMENT, true)
        .putValue(PATHOGENIC_VARIANT_CONFIRMED, true)
        .putValue(MATURE_TREATMENT_AVAILABLE, false)
        .putValue(HIV_POSITIVE, false)
        .putValue(HBV_POSITIVE, false)
        .putValue(HCV_POSITIVE, false)
        .putValue(ACTIVE_INFECTION, false)
        .putValue(ACTIVE_MALIGNANCY, false)
        .putValue(OTHER_FATAL_DISEASE, false)
        .putValue(MENTAL_DISORDER, false);
  }

  private static VariableMap fullyEligibleChildWith(String variable, Object value) {
    return fullyEligibleChild().putValue(variable, value);
  }

  /** The two outputs of one evaluation; FIRST always gives exactly one matching rule. */
  private record Outcome(Boolean eligible, String screenFailureReason) {}

  private static Outcome eligible() {
    return new Outcome(true, "");
  }

  private static Outcome notEligible(String reason) {
    return new Outcome(false, reason);
  }

  private static Outcome evaluate(VariableMap variables) {
    DmnDecisionResultEntries result = catchAllResult(decision, variables);
    return new Outcome(result.getEntry(ELIGIBLE), result.getEntry(SCREEN_FAILURE_REASON));
  }

  // --- the table itself: contract names, types, hit policy, retention, one cited source per rule ---

  @Test
  void decisionTableFollowsTheEligibilityContract() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision eligibility = model.getModelElementById(DECISION_KEY);
    assertThat(eligibility.getName()).isEqualTo("Screening eligibility");
    assertThat(eligibility.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) eligibility.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);

    Map<String, String> inputTypes = inputTypes(table);
    assertThat(inputTypes).containsExactly(
        Map.entry(AGE_YEARS, "double"),
        Map.entry(T1D_DIAGNOSIS_CONFIRMED, "boolean"),
        Map.entry(ORGAN_DAMAGE_COUNT, "integer"),
        Map.entry(RECURRENCE_AFTER_TREATMENT, "boolean"),
        Map.entry(PATHOGENIC_VARIANT_CONFIRMED, "boolean"),
        Map.entry(MATURE_TREATMENT_AVAILABLE, "boolean"),
        Map.entry(HIV_POSITIVE, "boolean"),
        Map.entry(HBV_POSITIVE, "boolean"),
        Map.entry(HCV_POSITIVE, "boolean"),
        Map.entry(ACTIVE_INFECTION, "boolean"),
        Map.entry(ACTIVE_MALIGNANCY, "boolean"),
        Map.entry(OTHER_FATAL_DISEASE, "boolean"),
        Map.entry(MENTAL_DISORDER, "boolean"));

    Map<String, String> outputTypes = outputTypes(table);
    assertThat(outputTypes).containsExactly(
        Map.entry(ELIGIBLE, "boolean"), Map.entry(SCREEN_FAILURE_REASON, "string"));

    assertEveryRuleCites(table, "Protocol, Participants");
    List<String> reasons = ruleOutputs(table, 1);
    assertThat(reasons).containsExactly(
        quoted(AGE_NOT_UNDER_18), quoted(AGE_INVALID), quoted(T1D_NOT_CONFIRMED), quoted(NO_ORGAN_DAMAGE),
        quoted(ORGAN_DAMAGE_COUNT_INVALID), quoted(NO_RECURRENCE), quoted(NO_PATHOGENIC_VARIANT),
        quoted(MATURE_TREATMENT), quoted(HIV), quoted(HBV), quoted(HCV), quoted(INFECTION), quoted(MALIGNANCY),
        quoted(FATAL_DISEASE), quoted(MENTAL), quoted(""), quoted(WORK_UP_INCOMPLETE));

    Rule catchAll = lastRule(table);
    assertThat(catchAll.getInputEntries()).extracting(InputEntry::getTextContent).containsOnly("-");
  }

  // --- the eligible rule ---

  @Test
  void fullyEligibleChildIsEligibleWithAnEmptyScreenFailureReason() {
    assertThat(evaluate(fullyEligibleChild())).isEqualTo(eligible());
  }

  // --- inclusion criteria, in protocol order ---

  @Test
  void childAged18OrOlderIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(AGE_YEARS, 18.0))).isEqualTo(notEligible(AGE_NOT_UNDER_18));
  }

  @Test
  void negativeAgeIsRejectedAsInvalid() {
    assertThat(evaluate(fullyEligibleChildWith(AGE_YEARS, -1.0))).isEqualTo(notEligible(AGE_INVALID));
  }

  @ParameterizedTest(name = "ageYears {0} -> eligible {1}, reason ''{2}''")
  @CsvSource({
      "17.99, true,  ''",
      "18.0,  false, 'Age 18 years or older (inclusion: under 18)'",
      "18.01, false, 'Age 18 years or older (inclusion: under 18)'",
      "0.0,   true,  ''",
      "-0.5,  false, 'Invalid age: age in years cannot be negative'"})
  void ageBoundaryIsUnder18AndNotNegative(double ageYears, boolean eligible, String reason) {
    assertThat(evaluate(fullyEligibleChildWith(AGE_YEARS, ageYears))).isEqualTo(new Outcome(eligible, reason));
  }

  @Test
  void childWithoutConfirmedType1DiabetesDiagnosisIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(T1D_DIAGNOSIS_CONFIRMED, false)))
        .isEqualTo(notEligible(T1D_NOT_CONFIRMED));
  }

  @Test
  void childWithoutExtrapancreaticOrganDamageIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(ORGAN_DAMAGE_COUNT, 0))).isEqualTo(notEligible(NO_ORGAN_DAMAGE));
  }

  @Test
  void organDamageCountBeyondTheElevenProtocolTypesIsRejectedAsInvalid() {
    assertThat(evaluate(fullyEligibleChildWith(ORGAN_DAMAGE_COUNT, 12)))
        .isEqualTo(notEligible(ORGAN_DAMAGE_COUNT_INVALID));
  }

  @ParameterizedTest(name = "organ damage count {0} -> eligible {1}, reason ''{2}''")
  @CsvSource({
      "-1, false, 'Invalid extrapancreatic organ damage count: must be 0 to 11'",
      "0,  false, 'No extrapancreatic organ damage (inclusion 2: one or more of 11 types)'",
      "1,  true,  ''",
      "11, true,  ''",
      "12, false, 'Invalid extrapancreatic organ damage count: must be 0 to 11'"})
  void organDamageCountBoundaryIsOneToEleven(int count, boolean eligible, String reason) {
    assertThat(evaluate(fullyEligibleChildWith(ORGAN_DAMAGE_COUNT, count))).isEqualTo(new Outcome(eligible, reason));
  }

  @Test
  void childWithoutRecurrenceAfterRegularTreatmentIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(RECURRENCE_AFTER_TREATMENT, false)))
        .isEqualTo(notEligible(NO_RECURRENCE));
  }

  @Test
  void childWithoutConfirmedPathogenicVariantIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(PATHOGENIC_VARIANT_CONFIRMED, false)))
        .isEqualTo(notEligible(NO_PATHOGENIC_VARIANT));
  }

  // --- exclusion criteria, in protocol order ---

  @Test
  void childWithMatureEffectiveTreatmentAvailableIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(MATURE_TREATMENT_AVAILABLE, true)))
        .isEqualTo(notEligible(MATURE_TREATMENT));
  }

  @Test
  void hivPositiveChildIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(HIV_POSITIVE, true))).isEqualTo(notEligible(HIV));
  }

  @Test
  void hbvPositiveChildIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(HBV_POSITIVE, true))).isEqualTo(notEligible(HBV));
  }

  @Test
  void hcvPositiveChildIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(HCV_POSITIVE, true))).isEqualTo(notEligible(HCV));
  }

  @Test
  void childWithActiveInfectionIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(ACTIVE_INFECTION, true))).isEqualTo(notEligible(INFECTION));
  }

  @Test
  void childWithActiveMalignancyIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(ACTIVE_MALIGNANCY, true))).isEqualTo(notEligible(MALIGNANCY));
  }

  @Test
  void childWithAnotherFatalDiseaseIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(OTHER_FATAL_DISEASE, true))).isEqualTo(notEligible(FATAL_DISEASE));
  }

  @Test
  void childWithMentalOrPsychologicalDisorderIsNotEligible() {
    assertThat(evaluate(fullyEligibleChildWith(MENTAL_DISORDER, true))).isEqualTo(notEligible(MENTAL));
  }

  // --- rule order and incomplete work-ups ---

  @Test
  void firstFailingCriterionInProtocolOrderIsTheReason() {
    VariableMap olderHivPositiveChild = fullyEligibleChild().putValue(AGE_YEARS, 19.0).putValue(HIV_POSITIVE, true);
    VariableMap hivPositiveChildWithMentalDisorder =
        fullyEligibleChild().putValue(HIV_POSITIVE, true).putValue(MENTAL_DISORDER, true);

    assertThat(evaluate(olderHivPositiveChild)).isEqualTo(notEligible(AGE_NOT_UNDER_18));
    assertThat(evaluate(hivPositiveChildWithMentalDisorder)).isEqualTo(notEligible(HIV));
  }

  static Stream<String> eligibilityInputs() {
    return Stream.of(AGE_YEARS, T1D_DIAGNOSIS_CONFIRMED, ORGAN_DAMAGE_COUNT, RECURRENCE_AFTER_TREATMENT,
        PATHOGENIC_VARIANT_CONFIRMED, MATURE_TREATMENT_AVAILABLE, HIV_POSITIVE, HBV_POSITIVE, HCV_POSITIVE,
        ACTIVE_INFECTION, ACTIVE_MALIGNANCY, OTHER_FATAL_DISEASE, MENTAL_DISORDER);
  }

  @ParameterizedTest(name = "{0} recorded as null")
  @MethodSource("eligibilityInputs")
  void childWithAnUnrecordedCriterionIsNeverEligible(String input) {
    assertThat(evaluate(fullyEligibleChildWith(input, null))).isEqualTo(notEligible(WORK_UP_INCOMPLETE));
  }

  @ParameterizedTest(name = "{0} absent")
  @MethodSource("eligibilityInputs")
  void childWithAMissingCriterionVariableIsNeverEligible(String input) {
    VariableMap variables = fullyEligibleChild();
    variables.remove(input);

    assertThat(evaluate(variables)).isEqualTo(notEligible(WORK_UP_INCOMPLETE));
  }

  @Test
  void emptyDiagnosticWorkUpIsNotEligible() {
    assertThat(evaluate(Variables.createVariables())).isEqualTo(notEligible(WORK_UP_INCOMPLETE));
  }

  @Test
  void wholeNumbersAsSubmittedByFormsAreAccepted() {
    VariableMap fromForm = fullyEligibleChild().putValue(AGE_YEARS, 17L).putValue(ORGAN_DAMAGE_COUNT, 3L);

    assertThat(evaluate(fromForm)).isEqualTo(eligible());
    assertThat(evaluate(fromForm.putValue(AGE_YEARS, 18L))).isEqualTo(notEligible(AGE_NOT_UNDER_18));
  }
}

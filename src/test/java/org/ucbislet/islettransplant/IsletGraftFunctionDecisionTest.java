package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.DecisionTables.assertEveryRuleCites;
import static org.ucbislet.support.DecisionTables.inputTypes;
import static org.ucbislet.support.DecisionTables.outputTypes;
import static org.ucbislet.support.DecisionTables.ruleOutputs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucbislet.support.DecisionTables;

/**
 * The {@code isletGraftFunction} decision (design.md section 3, domain.md Part A "islet graft function", Igls
 * 2017) evaluated with the plain DMN engine, no process engine: one test per rule of
 * {@code bpmn/islet-graft-function.dmn}, each threshold at, just below and just above, the insulin-versus-
 * baseline comparison the table computes itself (a FEEL input expression), and what missing inputs do: only a
 * C-peptide of 0.5 ng/mL or less classifies on its own (failure); otherwise a missing input gives no result,
 * never optimal, good or marginal.
 */
class IsletGraftFunctionDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/islet-graft-function.dmn";
  private static final String DECISION_KEY = "isletGraftFunction";

  private static final String HBA1C_PERCENT = "hba1cPercent";
  private static final String INSULIN = "insulinUnitsPerKgDay";
  private static final String BASELINE_INSULIN = "baselineInsulinUnitsPerKgDay";
  private static final String C_PEPTIDE = "cPeptideNgPerMl";
  private static final String SEVERE_HYPOGLYCEMIA_EVENTS = "severeHypoglycemiaEvents";
  private static final String ISLET_GRAFT_FUNCTION = "isletGraftFunction";
  private static final String INSULIN_BELOW_HALF_OF_BASELINE = "insulinUnitsPerKgDay < 0.5 * baselineInsulinUnitsPerKgDay";

  private static final String OPTIMAL = "optimal";
  private static final String GOOD = "good";
  private static final String MARGINAL = "marginal";
  private static final String FAILURE = "failure";
  /** What the test reports when no rule matched (the decision returns no result). */
  private static final String NOT_CLASSIFIED = null;

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_KEY);
  }

  /** Insulin independent, HbA1c 5.9 %, no severe hypoglycaemia, C-peptide 1.8 ng/mL: optimal. */
  private static VariableMap insulinIndependentRecipient() {
    return Variables.createVariables()
        .putValue(HBA1C_PERCENT, 5.9)
        .putValue(INSULIN, 0.0)
        .putValue(BASELINE_INSULIN, 0.8)
        .putValue(C_PEPTIDE, 1.8)
        .putValue(SEVERE_HYPOGLYCEMIA_EVENTS, 0);
  }

  /** HbA1c 6.7 %, insulin 0.2 U/kg/day (25 % of a 0.8 baseline), no severe hypoglycaemia: good. */
  private static VariableMap recipientOnLowInsulin() {
    return insulinIndependentRecipient().putValue(HBA1C_PERCENT, 6.7).putValue(INSULIN, 0.2);
  }

  private static String classify(VariableMap variables) {
    DmnDecisionResult result = DecisionTables.evaluate(decision, variables);
    assertThat(result.size()).as("hit policy FIRST: at most one rule").isLessThanOrEqualTo(1);
    DmnDecisionResultEntries entries = result.getSingleResult();
    return entries == null ? NOT_CLASSIFIED : entries.getSingleEntry();
  }

  // --- the table itself: contract names, types, hit policy, retention, one cited source per rule ---

  @Test
  void decisionTableFollowsTheIsletGraftFunctionContract() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision graftFunction = model.getModelElementById(DECISION_KEY);
    assertThat(graftFunction.getName()).isEqualTo("Islet graft function (Igls 2017)");
    assertThat(graftFunction.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    assertThat(graftFunction.getDescription().getTextContent())
        .as("the HbA1c-after-HSCT flag").contains("Part B 9.6", "GMI");
    DecisionTable table = (DecisionTable) graftFunction.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);

    Map<String, String> inputTypes = inputTypes(table);
    assertThat(inputTypes).containsExactly(
        Map.entry(HBA1C_PERCENT, "double"),
        Map.entry(INSULIN, "double"),
        Map.entry(BASELINE_INSULIN, "double"),
        Map.entry(C_PEPTIDE, "double"),
        Map.entry(SEVERE_HYPOGLYCEMIA_EVENTS, "integer"),
        Map.entry(INSULIN_BELOW_HALF_OF_BASELINE, "boolean"));

    Map<String, String> outputTypes = outputTypes(table);
    assertThat(outputTypes).containsExactly(Map.entry(ISLET_GRAFT_FUNCTION, "string"));

    assertEveryRuleCites(table, "domain.md Part A, islet graft function");
    List<String> classes = ruleOutputs(table, 0);
    assertThat(classes).as("Part A order: first rule that fits")
        .containsExactly("\"failure\"", "\"optimal\"", "\"good\"", "\"marginal\"");
    for (String ruleId : List.of("Rule_OptimalGraftFunction", "Rule_GoodGraftFunction")) {
      Rule rule = model.getModelElementById(ruleId);
      assertThat(rule.getDescription().getTextContent()).as("HbA1c flag on %s", ruleId).contains("Part B 9.6");
    }
  }

  // --- one test per rule ---

  @Test
  void cPeptideOfHalfANanogramOrLessIsGraftFailureWhateverElse() {
    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, 0.2))).isEqualTo(FAILURE);
  }

  @Test
  void insulinIndependentRecipientWithGoodControlHasOptimalGraftFunction() {
    assertThat(classify(insulinIndependentRecipient())).isEqualTo(OPTIMAL);
  }

  @Test
  void recipientOnLessThanHalfTheBaselineInsulinWithHba1cUnder7HasGoodGraftFunction() {
    assertThat(classify(recipientOnLowInsulin())).isEqualTo(GOOD);
  }

  @Test
  void functioningGraftThatIsNeitherOptimalNorGoodIsMarginal() {
    VariableMap highHba1c = recipientOnLowInsulin().putValue(HBA1C_PERCENT, 7.8);

    assertThat(classify(highHba1c)).isEqualTo(MARGINAL);
  }

  // --- boundaries ---

  @ParameterizedTest(name = "cPeptideNgPerMl {0} -> {1}")
  @CsvSource({"0.0, failure", "0.49, failure", "0.5, failure", "0.51, optimal", "3.0, optimal"})
  void cPeptideAbove0Point5IsNeededForAFunctioningGraft(double cPeptide, String graftFunction) {
    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, cPeptide))).isEqualTo(graftFunction);
  }

  @ParameterizedTest(name = "insulin free, hba1cPercent {0} -> {1}")
  @CsvSource({"6.4, optimal", "6.5, optimal", "6.6, good", "6.9, good", "6.99, good", "7.0, marginal", "7.1, marginal"})
  void hba1cIsAtMost6Point5ForOptimalAndUnder7ForGood(double hba1c, String graftFunction) {
    assertThat(classify(insulinIndependentRecipient().putValue(HBA1C_PERCENT, hba1c))).isEqualTo(graftFunction);
  }

  @ParameterizedTest(name = "insulin {0} U/kg/day of baseline {1} -> {2}")
  @CsvSource({
      "0.29, 0.6, good",
      "0.3,  0.6, marginal",
      "0.31, 0.6, marginal",
      "0.2,  0.4, marginal",
      "0.19, 0.4, good",
      "0.45, 0.9, marginal",
      "0.44, 0.9, good"})
  void insulinExactlyHalfOfBaselineIsNotGood(double insulin, double baseline, String graftFunction) {
    VariableMap recipient = recipientOnLowInsulin().putValue(INSULIN, insulin).putValue(BASELINE_INSULIN, baseline);

    assertThat(classify(recipient)).isEqualTo(graftFunction);
  }

  @ParameterizedTest(name = "insulin {0} U/kg/day of baseline 1.2 -> {1}")
  @CsvSource({"0.49, good", "0.5, marginal", "0.51, marginal"})
  void insulinOfHalfAUnitPerKgPerDayIsNotGoodEvenUnderHalfOfBaseline(double insulin, String graftFunction) {
    VariableMap recipient = recipientOnLowInsulin().putValue(INSULIN, insulin).putValue(BASELINE_INSULIN, 1.2);

    assertThat(classify(recipient)).isEqualTo(graftFunction);
  }

  @ParameterizedTest(name = "insulin {0} U/kg/day -> {1}")
  @CsvSource({"0.0, optimal", "0.01, good"})
  void anyInsulinAtAllRulesOutOptimal(double insulin, String graftFunction) {
    assertThat(classify(insulinIndependentRecipient().putValue(INSULIN, insulin))).isEqualTo(graftFunction);
  }

  @ParameterizedTest(name = "severeHypoglycemiaEvents {0} -> insulin free {1}, on low insulin {2}")
  @CsvSource({"0, optimal, good", "1, marginal, marginal", "3, marginal, marginal"})
  void anySevereHypoglycaemiaRulesOutOptimalAndGood(int events, String insulinFree, String onLowInsulin) {
    assertThat(classify(insulinIndependentRecipient().putValue(SEVERE_HYPOGLYCEMIA_EVENTS, events))).isEqualTo(insulinFree);
    assertThat(classify(recipientOnLowInsulin().putValue(SEVERE_HYPOGLYCEMIA_EVENTS, events))).isEqualTo(onLowInsulin);
  }

  @Test
  void failureComesFirstEvenWhenEveryOtherCriterionOfOptimalHolds() {
    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, 0.5))).isEqualTo(FAILURE);
    assertThat(classify(recipientOnLowInsulin().putValue(C_PEPTIDE, 0.5))).isEqualTo(FAILURE);
  }

  // --- missing and impossible inputs: never optimal, good or marginal by accident ---

  static Stream<String> inputsOtherThanCPeptide() {
    return Stream.of(HBA1C_PERCENT, INSULIN, BASELINE_INSULIN, SEVERE_HYPOGLYCEMIA_EVENTS);
  }

  @ParameterizedTest(name = "{0} recorded as null")
  @MethodSource("inputsOtherThanCPeptide")
  void functioningGraftWithAnUnrecordedInputIsNotClassified(String input) {
    assertThat(classify(insulinIndependentRecipient().putValue(input, null))).isEqualTo(NOT_CLASSIFIED);
    assertThat(classify(recipientOnLowInsulin().putValue(input, null))).isEqualTo(NOT_CLASSIFIED);
    assertThat(classify(recipientOnLowInsulin().putValue(HBA1C_PERCENT, 7.8).putValue(input, null)))
        .as("not even marginal").isEqualTo(NOT_CLASSIFIED);
  }

  @ParameterizedTest(name = "{0} absent")
  @MethodSource("inputsOtherThanCPeptide")
  void functioningGraftWithAMissingInputVariableIsNotClassified(String input) {
    VariableMap variables = insulinIndependentRecipient();
    variables.remove(input);

    assertThat(classify(variables)).isEqualTo(NOT_CLASSIFIED);
  }

  @Test
  void missingCPeptideIsNotClassifiedEvenWithAnOptimalProfile() {
    VariableMap absent = insulinIndependentRecipient();
    absent.remove(C_PEPTIDE);

    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, null))).isEqualTo(NOT_CLASSIFIED);
    assertThat(classify(absent)).isEqualTo(NOT_CLASSIFIED);
  }

  @Test
  void lowCPeptideAloneIsNotClassifiedEvenFailureNeedsEveryInput() {
    assertThat(classify(Variables.createVariables().putValue(C_PEPTIDE, 0.1))).isEqualTo(NOT_CLASSIFIED);
  }

  @ParameterizedTest(name = "{0} recorded as null")
  @MethodSource("inputsOtherThanCPeptide")
  void lowCPeptideWithAnUnrecordedInputIsNotClassified(String input) {
    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, 0.2).putValue(input, null))).isEqualTo(NOT_CLASSIFIED);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"hba1cPercent, 0.0", "insulinUnitsPerKgDay, -0.1", "baselineInsulinUnitsPerKgDay, 0.0",
      "severeHypoglycemiaEvents, -1", "cPeptideNgPerMl, -0.01"})
  void lowCPeptideWithAnImpossibleValueIsNotClassified(String input, double value) {
    VariableMap v = insulinIndependentRecipient().putValue(C_PEPTIDE, 0.2);
    v.putValue(input, input.equals(SEVERE_HYPOGLYCEMIA_EVENTS) ? (Object) (int) value : (Object) value);
    assertThat(classify(v)).isEqualTo(NOT_CLASSIFIED);
  }

  @Test
  void cPeptideOf0WithEveryOtherInputRecordedIsFailure() {
    assertThat(classify(insulinIndependentRecipient().putValue(C_PEPTIDE, 0.0))).isEqualTo(FAILURE);
  }

  @Test
  void nothingRecordedIsNotClassified() {
    assertThat(classify(Variables.createVariables())).isEqualTo(NOT_CLASSIFIED);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "cPeptideNgPerMl, -0.1",
      "hba1cPercent, 0.0",
      "hba1cPercent, -5.9",
      "insulinUnitsPerKgDay, -0.1",
      "baselineInsulinUnitsPerKgDay, 0.0",
      "baselineInsulinUnitsPerKgDay, -0.8"})
  void impossibleValueIsNotClassified(String input, double value) {
    assertThat(classify(insulinIndependentRecipient().putValue(input, value))).isEqualTo(NOT_CLASSIFIED);
    assertThat(classify(recipientOnLowInsulin().putValue(input, value))).isEqualTo(NOT_CLASSIFIED);
  }

  @Test
  void negativeSevereHypoglycaemiaCountIsNotClassified() {
    assertThat(classify(insulinIndependentRecipient().putValue(SEVERE_HYPOGLYCEMIA_EVENTS, -1))).isEqualTo(NOT_CLASSIFIED);
  }

  @Test
  void wholeNumbersAsSubmittedByFormsAreAccepted() {
    VariableMap fromForm = insulinIndependentRecipient().putValue(INSULIN, 0L).putValue(BASELINE_INSULIN, 1L)
        .putValue(C_PEPTIDE, 2L).putValue(HBA1C_PERCENT, 6L).putValue(SEVERE_HYPOGLYCEMIA_EVENTS, 0L);

    assertThat(classify(fromForm)).isEqualTo(OPTIMAL);
    assertThat(classify(fromForm.putValue(SEVERE_HYPOGLYCEMIA_EVENTS, 1L))).isEqualTo(MARGINAL);
  }
}

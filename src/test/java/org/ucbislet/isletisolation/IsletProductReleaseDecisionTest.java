package org.ucbislet.isletisolation;

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
 * The {@code isletProductRelease} decision (design.md section 3, domain.md Part A "islet release") evaluated
 * with the plain DMN engine, no process engine: one test per rule of {@code bpmn/islet-product-release.dmn},
 * each threshold at, just below and just above, and the guarantee that a release test not recorded never
 * releases a product.
 */
class IsletProductReleaseDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/islet-product-release.dmn";
  private static final String DECISION_KEY = "isletProductRelease";

  private static final String INFUSION_NUMBER = "infusionNumber";
  private static final String IEQ_PER_KG = "ieqPerKg";
  private static final String PURITY_PERCENT = "purityPercent";
  private static final String VIABILITY_PERCENT = "viabilityPercent";
  private static final String ENDOTOXIN_EU_PER_KG = "endotoxinEuPerKg";
  private static final String SETTLED_TISSUE_VOLUME_ML = "settledTissueVolumeMl";
  private static final String GRAM_STAIN_NEGATIVE = "gramStainNegative";
  /** The recipient's weight: the table computes settled tissue per kg from it (Part A islet tissue volume, B 4.4). */
  private static final String WEIGHT_KG = "weightKg";
  private static final String TISSUE_PER_KG_EXPRESSION = "if weightKg > 0 then settledTissueVolumeMl / weightKg else null";
  private static final String PRODUCT_RELEASED = "productReleased";
  private static final String RELEASE_FAILURE_REASON = "releaseFailureReason";

  // The failure reasons, exactly as the table writes them.
  private static final String INFUSION_NUMBER_INVALID = "Invalid infusion number: must be 1 (first) or more";
  private static final String FIRST_DOSE_LOW = "Dose below 5000 IEQ/kg (first infusion)";
  private static final String LATER_DOSE_LOW = "Dose below 4000 IEQ/kg (later infusion)";
  private static final String VIABILITY_INVALID = "Invalid viability: must be 0 to 100 %";
  private static final String VIABILITY_LOW = "Viability below 70 %";
  private static final String PURITY_INVALID = "Invalid purity: must be 0 to 100 %";
  private static final String PURITY_LOW = "Purity below 30 %";
  private static final String ENDOTOXIN_NEGATIVE = "Invalid endotoxin: cannot be negative";
  private static final String ENDOTOXIN_HIGH = "Endotoxin above 5.0 EU/kg";
  private static final String GRAM_POSITIVE = "Gram stain positive: organisms seen";
  private static final String VOLUME_INVALID = "Invalid settled tissue volume: must be greater than 0 mL";
  private static final String VOLUME_HIGH = "Settled tissue volume above 15.0 mL";
  private static final String VOLUME_PER_KG_HIGH = "Settled tissue volume 0.25 mL/kg or more of the recipient's weight";
  private static final String DATA_INCOMPLETE = "Incomplete release testing: a release criterion was not recorded";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_KEY);
  }

  /** A first-infusion product passing every release test. */
  private static VariableMap releasableFirstProduct() {
    return Variables.createVariables()
        .putValue(INFUSION_NUMBER, 1)
        .putValue(IEQ_PER_KG, 9190.0)
        .putValue(PURITY_PERCENT, 65.0)
        .putValue(VIABILITY_PERCENT, 88.0)
        .putValue(ENDOTOXIN_EU_PER_KG, 0.8)
        .putValue(SETTLED_TISSUE_VOLUME_ML, 4.5)
        .putValue(GRAM_STAIN_NEGATIVE, true)
        .putValue(WEIGHT_KG, 64.0); // heavy enough that 15.0 mL stays under 0.25 mL/kg (the total limit tests)
  }

  private static VariableMap releasableFirstProductWith(String variable, Object value) {
    return releasableFirstProduct().putValue(variable, value);
  }

  /** The two outputs of one evaluation; FIRST with a catch-all always gives exactly one matching rule. */
  private record Outcome(Boolean productReleased, String releaseFailureReason) {}

  private static Outcome released() {
    return new Outcome(true, "");
  }

  private static Outcome notReleased(String reason) {
    return new Outcome(false, reason);
  }

  private static Outcome evaluate(VariableMap variables) {
    DmnDecisionResultEntries result = catchAllResult(decision, variables);
    return new Outcome(result.getEntry(PRODUCT_RELEASED), result.getEntry(RELEASE_FAILURE_REASON));
  }

  // --- the table itself: contract names, types, hit policy, retention, one cited source per rule ---

  @Test
  void decisionTableFollowsTheIsletProductReleaseContract() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision release = model.getModelElementById(DECISION_KEY);
    assertThat(release.getName()).isEqualTo("Islet product release");
    assertThat(release.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) release.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);

    Map<String, String> inputTypes = inputTypes(table);
    assertThat(inputTypes).containsExactly(
        Map.entry(INFUSION_NUMBER, "integer"),
        Map.entry(IEQ_PER_KG, "double"),
        Map.entry(PURITY_PERCENT, "double"),
        Map.entry(VIABILITY_PERCENT, "double"),
        Map.entry(ENDOTOXIN_EU_PER_KG, "double"),
        Map.entry(SETTLED_TISSUE_VOLUME_ML, "double"),
        Map.entry(TISSUE_PER_KG_EXPRESSION, "double"),
        Map.entry(GRAM_STAIN_NEGATIVE, "boolean"));

    Map<String, String> outputTypes = outputTypes(table);
    assertThat(outputTypes).containsExactly(
        Map.entry(PRODUCT_RELEASED, "boolean"), Map.entry(RELEASE_FAILURE_REASON, "string"));

    assertEveryRuleCites(table, "domain.md Part A, islet release");
    List<String> reasons = ruleOutputs(table, 1);
    assertThat(reasons).containsExactly(
        quoted(INFUSION_NUMBER_INVALID), quoted(FIRST_DOSE_LOW), quoted(LATER_DOSE_LOW), quoted(VIABILITY_INVALID),
        quoted(VIABILITY_LOW), quoted(PURITY_INVALID), quoted(PURITY_LOW), quoted(ENDOTOXIN_NEGATIVE),
        quoted(ENDOTOXIN_HIGH), quoted(GRAM_POSITIVE), quoted(VOLUME_INVALID), quoted(VOLUME_HIGH), quoted(VOLUME_PER_KG_HIGH), quoted(""),
        quoted(""), quoted(DATA_INCOMPLETE));

    Rule catchAll = lastRule(table);
    assertThat(catchAll.getInputEntries()).extracting(InputEntry::getTextContent).containsOnly("-");
  }

  // --- the two release rules ---

  @Test
  void firstInfusionProductPassingEveryTestIsReleased() {
    assertThat(evaluate(releasableFirstProduct())).isEqualTo(released());
  }

  @Test
  void laterInfusionProductPassingEveryTestIsReleasedAtTheLowerDose() {
    VariableMap secondInfusion = releasableFirstProduct().putValue(INFUSION_NUMBER, 2).putValue(IEQ_PER_KG, 4500.0);

    assertThat(evaluate(secondInfusion)).isEqualTo(released());
    assertThat(evaluate(secondInfusion.putValue(INFUSION_NUMBER, 1))).isEqualTo(notReleased(FIRST_DOSE_LOW));
  }

  // --- one failure rule per criterion, in table order ---

  @Test
  void infusionNumberBelowOneIsRefusedAsInvalid() {
    assertThat(evaluate(releasableFirstProductWith(INFUSION_NUMBER, 0))).isEqualTo(notReleased(INFUSION_NUMBER_INVALID));
  }

  @Test
  void firstInfusionBelow5000IeqPerKgIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(IEQ_PER_KG, 4200.0))).isEqualTo(notReleased(FIRST_DOSE_LOW));
  }

  @Test
  void laterInfusionBelow4000IeqPerKgIsNotReleased() {
    VariableMap secondInfusion = releasableFirstProduct().putValue(INFUSION_NUMBER, 2).putValue(IEQ_PER_KG, 3500.0);

    assertThat(evaluate(secondInfusion)).isEqualTo(notReleased(LATER_DOSE_LOW));
  }

  @Test
  void viabilityOutside0To100IsRefusedAsInvalid() {
    assertThat(evaluate(releasableFirstProductWith(VIABILITY_PERCENT, 120.0))).isEqualTo(notReleased(VIABILITY_INVALID));
  }

  @Test
  void viabilityBelow70PercentIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(VIABILITY_PERCENT, 55.0))).isEqualTo(notReleased(VIABILITY_LOW));
  }

  @Test
  void purityOutside0To100IsRefusedAsInvalid() {
    assertThat(evaluate(releasableFirstProductWith(PURITY_PERCENT, 101.0))).isEqualTo(notReleased(PURITY_INVALID));
  }

  @Test
  void purityBelow30PercentIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(PURITY_PERCENT, 20.0))).isEqualTo(notReleased(PURITY_LOW));
  }

  @Test
  void negativeEndotoxinIsRefusedAsInvalid() {
    assertThat(evaluate(releasableFirstProductWith(ENDOTOXIN_EU_PER_KG, -0.1))).isEqualTo(notReleased(ENDOTOXIN_NEGATIVE));
  }

  @Test
  void endotoxinAbove5EuPerKgIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(ENDOTOXIN_EU_PER_KG, 7.0))).isEqualTo(notReleased(ENDOTOXIN_HIGH));
  }

  @Test
  void gramStainPositiveProductIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(GRAM_STAIN_NEGATIVE, false))).isEqualTo(notReleased(GRAM_POSITIVE));
  }

  @Test
  void settledTissueVolumeOfZeroOrLessIsRefusedAsInvalid() {
    assertThat(evaluate(releasableFirstProductWith(SETTLED_TISSUE_VOLUME_ML, 0.0))).isEqualTo(notReleased(VOLUME_INVALID));
  }

  @Test
  void settledTissueVolumeAbove15MlIsNotReleased() {
    assertThat(evaluate(releasableFirstProductWith(SETTLED_TISSUE_VOLUME_ML, 18.0))).isEqualTo(notReleased(VOLUME_HIGH));
  }

  // --- boundaries: at, just below and just above each threshold ---

  @ParameterizedTest(name = "infusion {0}, ieqPerKg {1} -> released {2}, reason ''{3}''")
  @CsvSource({
      "1,  4999.0,   false, 'Dose below 5000 IEQ/kg (first infusion)'",
      "1,  4999.99,  false, 'Dose below 5000 IEQ/kg (first infusion)'",
      "1,  5000.0,   true,  ''",
      "1,  5000.01,  true,  ''",
      "2,  3999.0,   false, 'Dose below 4000 IEQ/kg (later infusion)'",
      "2,  3999.99,  false, 'Dose below 4000 IEQ/kg (later infusion)'",
      "2,  4000.0,   true,  ''",
      "2,  4000.01,  true,  ''",
      "3,  3999.0,   false, 'Dose below 4000 IEQ/kg (later infusion)'",
      "3,  4000.0,   true,  ''",
      "0,  9000.0,   false, 'Invalid infusion number: must be 1 (first) or more'",
      "-1, 9000.0,   false, 'Invalid infusion number: must be 1 (first) or more'",
      "1,  -100.0,   false, 'Dose below 5000 IEQ/kg (first infusion)'"})
  void doseIs5000IeqPerKgForTheFirstInfusionAnd4000Later(int infusion, double ieqPerKg, boolean released,
                                                        String reason) {
    VariableMap product = releasableFirstProduct().putValue(INFUSION_NUMBER, infusion).putValue(IEQ_PER_KG, ieqPerKg);

    assertThat(evaluate(product)).isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "viabilityPercent {0} -> released {1}, reason ''{2}''")
  @CsvSource({
      "-1.0,  false, 'Invalid viability: must be 0 to 100 %'",
      "69.9,  false, 'Viability below 70 %'",
      "70.0,  true,  ''",
      "70.1,  true,  ''",
      "100.0, true,  ''",
      "100.1, false, 'Invalid viability: must be 0 to 100 %'"})
  void viabilityIsAtLeast70Percent(double viability, boolean released, String reason) {
    assertThat(evaluate(releasableFirstProductWith(VIABILITY_PERCENT, viability))).isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "purityPercent {0} -> released {1}, reason ''{2}''")
  @CsvSource({
      "-1.0,  false, 'Invalid purity: must be 0 to 100 %'",
      "29.9,  false, 'Purity below 30 %'",
      "30.0,  true,  ''",
      "30.1,  true,  ''",
      "100.0, true,  ''",
      "100.1, false, 'Invalid purity: must be 0 to 100 %'"})
  void purityIsAtLeast30Percent(double purity, boolean released, String reason) {
    assertThat(evaluate(releasableFirstProductWith(PURITY_PERCENT, purity))).isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "endotoxinEuPerKg {0} -> released {1}, reason ''{2}''")
  @CsvSource({
      "-0.1, false, 'Invalid endotoxin: cannot be negative'",
      "0.0,  true,  ''",
      "4.9,  true,  ''",
      "5.0,  true,  ''",
      "5.1,  false, 'Endotoxin above 5.0 EU/kg'"})
  void endotoxinIsAtMost5EuPerKg(double endotoxin, boolean released, String reason) {
    assertThat(evaluate(releasableFirstProductWith(ENDOTOXIN_EU_PER_KG, endotoxin)))
        .isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "settledTissueVolumeMl {0} -> released {1}, reason ''{2}''")
  @CsvSource({
      "-1.0, false, 'Invalid settled tissue volume: must be greater than 0 mL'",
      "0.0,  false, 'Invalid settled tissue volume: must be greater than 0 mL'",
      "0.1,  true,  ''",
      "14.9, true,  ''",
      "15.0, true,  ''",
      "15.1, false, 'Settled tissue volume above 15.0 mL'"})
  void settledTissueVolumeIsAtMost15Ml(double volume, boolean released, String reason) {
    assertThat(evaluate(releasableFirstProductWith(SETTLED_TISSUE_VOLUME_ML, volume)))
        .isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "{0} mL at {1} kg -> released {2}")
  @CsvSource({
      "4.99, 20.0, true,  ''",
      "5.0,  20.0, false, 'Settled tissue volume 0.25 mL/kg or more of the recipient''s weight'",
      "5.01, 20.0, false, 'Settled tissue volume 0.25 mL/kg or more of the recipient''s weight'",
      "15.0, 59.0, false, 'Settled tissue volume 0.25 mL/kg or more of the recipient''s weight'",
      "15.0, 60.0, false, 'Settled tissue volume 0.25 mL/kg or more of the recipient''s weight'",
      "15.0, 60.1, true,  ''",
      "15.1, 80.0, false, 'Settled tissue volume above 15.0 mL'"})
  void settledTissueIsUnder0Point25MlPerKgRecipientWeightAndAtMost15MlBoth(double volume, double weightKg, boolean released,
                                                                            String reason) {
    assertThat(evaluate(releasableFirstProduct().putValue(SETTLED_TISSUE_VOLUME_ML, volume).putValue(WEIGHT_KG, weightKg)))
        .isEqualTo(new Outcome(released, reason));
  }

  @ParameterizedTest(name = "weight {0} kg -> not released")
  @CsvSource({"0.0", "-20.0"})
  void impossibleRecipientWeightIsNeverReleased(double weightKg) {
    assertThat(evaluate(releasableFirstProductWith(WEIGHT_KG, weightKg))).isEqualTo(notReleased(DATA_INCOMPLETE));
  }

  // --- rule order and incomplete release testing ---

  @Test
  void firstFailingCriterionInTableOrderIsTheReason() {
    VariableMap lowDoseGramPositive = releasableFirstProduct().putValue(IEQ_PER_KG, 3000.0)
        .putValue(GRAM_STAIN_NEGATIVE, false);
    VariableMap lowPurityHighEndotoxin = releasableFirstProduct().putValue(PURITY_PERCENT, 10.0)
        .putValue(ENDOTOXIN_EU_PER_KG, 9.0);

    assertThat(evaluate(lowDoseGramPositive)).isEqualTo(notReleased(FIRST_DOSE_LOW));
    assertThat(evaluate(lowPurityHighEndotoxin)).isEqualTo(notReleased(PURITY_LOW));
  }

  static Stream<String> releaseInputs() {
    return Stream.of(INFUSION_NUMBER, IEQ_PER_KG, PURITY_PERCENT, VIABILITY_PERCENT, ENDOTOXIN_EU_PER_KG,
        SETTLED_TISSUE_VOLUME_ML, GRAM_STAIN_NEGATIVE, WEIGHT_KG);
  }

  @ParameterizedTest(name = "{0} recorded as null")
  @MethodSource("releaseInputs")
  void productWithAnUnrecordedTestIsNeverReleased(String input) {
    assertThat(evaluate(releasableFirstProductWith(input, null))).isEqualTo(notReleased(DATA_INCOMPLETE));
  }

  @ParameterizedTest(name = "{0} absent")
  @MethodSource("releaseInputs")
  void productWithAMissingTestVariableIsNeverReleased(String input) {
    VariableMap variables = releasableFirstProduct();
    variables.remove(input);

    assertThat(evaluate(variables)).isEqualTo(notReleased(DATA_INCOMPLETE));
  }

  @Test
  void laterInfusionWithAnUnrecordedTestIsNeverReleased() {
    VariableMap secondInfusion = releasableFirstProduct().putValue(INFUSION_NUMBER, 2).putValue(PURITY_PERCENT, null);

    assertThat(evaluate(secondInfusion)).isEqualTo(notReleased(DATA_INCOMPLETE));
  }

  @Test
  void emptyReleaseTestingIsNotReleased() {
    assertThat(evaluate(Variables.createVariables())).isEqualTo(notReleased(DATA_INCOMPLETE));
  }

  @Test
  void wholeNumbersAsSubmittedByFormsAreAccepted() {
    VariableMap fromForm = releasableFirstProduct().putValue(INFUSION_NUMBER, 1L).putValue(IEQ_PER_KG, 5000L)
        .putValue(VIABILITY_PERCENT, 70L).putValue(PURITY_PERCENT, 30L).putValue(SETTLED_TISSUE_VOLUME_ML, 15L);

    assertThat(evaluate(fromForm)).isEqualTo(released());
    assertThat(evaluate(fromForm.putValue(IEQ_PER_KG, 4999L))).isEqualTo(notReleased(FIRST_DOSE_LOW));
  }
}

package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.DecisionTables.assertEveryRuleCites;
import static org.ucbislet.support.DecisionTables.inputTypes;
import static org.ucbislet.support.DecisionTables.outputTypes;
import static org.ucbislet.support.DecisionTables.ruleOutputs;

import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.support.DecisionTables;

/**
 * The {@code cordBloodUnitAcceptance} decision (design.md section 3, domain.md Part A "unit acceptance", B 1.1 and
 * 1.2) with the plain DMN engine: the contract, one test per rule, each threshold at, just below and just above,
 * each missing input; and the compiled form the bank search uses agreeing with the engine everywhere.
 */
class CordBloodUnitAcceptanceDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/cord-blood-unit-acceptance.dmn";
  private static final String KEY = UnitAcceptanceDecision.DECISION_KEY;
  private static final String A6 = UnitAcceptanceDecision.ANTIGEN_MATCHES_6;
  private static final String A8 = UnitAcceptanceDecision.ALLELE_MATCHES_8;
  private static final String TNC = UnitAcceptanceDecision.TNC_PER_KG_E7;
  private static final String CD34 = UnitAcceptanceDecision.CD34_PER_KG_E5;
  private static final String ACCEPTABLE = UnitAcceptanceDecision.UNIT_ACCEPTABLE;

  private static DmnDecision decision;
  private static CompiledDecisionTable compiled;

  @BeforeAll
  static void parse() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
    compiled = CompiledDecisionTable.compile(DecisionTables.model(DMN_RESOURCE), KEY, UnitAcceptanceDecision.INPUTS,
        ACCEPTABLE).orElseThrow();
  }

  /** A unit acceptable on every criterion: 5/6, 6/8, TNC 7.2, CD34 2.4. */
  private static VariableMap acceptableUnit() {
    return Variables.createVariables().putValue(A6, 5).putValue(A8, 6).putValue(TNC, 7.2).putValue(CD34, 2.4);
  }

  private static DmnDecisionResult evaluate(VariableMap variables) {
    return DecisionTables.evaluate(decision, variables);
  }

  private static Boolean acceptable(VariableMap variables) {
    DmnDecisionResultEntries result = evaluate(variables).getSingleResult();
    assertThat(result).as("FIRST with a catch-all rule: exactly one result").isNotNull();
    return result.getEntry(ACCEPTABLE);
  }

  @Test
  void tableFollowsTheContract() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision d = model.getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(inputTypes(table)).containsExactly(Map.entry(A6, "integer"), Map.entry(A8, "integer"),
        Map.entry(TNC, "double"), Map.entry(CD34, "double"));
    assertThat(outputTypes(table)).containsExactly(Map.entry(ACCEPTABLE, "boolean"));
    assertThat(table.getRules()).hasSize(6);
    assertEveryRuleCites(table, "domain.md Part A (unit acceptance)");
    assertThat(ruleOutputs(table, 0)).containsExactly("false", "false", "false", "false", "true", "false");
    assertThat(table.getRules()).extracting(r -> r.getDescription().getTextContent())
        .anySatisfy(t -> assertThat(t).contains("B 1.1").contains("[S3]"))
        .anySatisfy(t -> assertThat(t).contains("[S2]"))
        .anySatisfy(t -> assertThat(t).contains("B 1.2").contains("5.0"))
        .anySatisfy(t -> assertThat(t).contains("[S1]").contains("1.5"));
  }

  @Test
  void unitMeetingEveryCriterionIsAcceptable() {
    assertThat(acceptable(acceptableUnit())).isTrue();
  }

  @Test
  void fewerThanFourAntigenMatchesIsNotAcceptable() {
    assertThat(acceptable(acceptableUnit().putValue(A6, 3))).isFalse();
  }

  @Test
  void fewerThanFourAlleleMatchesIsNotAcceptable() {
    assertThat(acceptable(acceptableUnit().putValue(A8, 3))).isFalse();
  }

  @Test
  void tncBelowFivePerKgIsNotAcceptable() {
    assertThat(acceptable(acceptableUnit().putValue(TNC, 4.2))).isFalse();
  }

  @Test
  void cd34BelowOnePointFivePerKgIsNotAcceptable() {
    assertThat(acceptable(acceptableUnit().putValue(CD34, 1.1))).isFalse();
  }

  @Test
  void impossibleGradesFallToTheLastRule() {
    assertThat(acceptable(acceptableUnit().putValue(A6, 7))).isFalse();
    assertThat(acceptable(acceptableUnit().putValue(A8, 9))).isFalse();
  }

  @ParameterizedTest(name = "antigenMatches6 {0} -> {1}")
  @CsvSource({"3, false", "4, true", "5, true", "6, true", "0, false"})
  void antigenMatchesBoundaryIsFour(int antigenMatches6, boolean expected) {
    assertThat(acceptable(acceptableUnit().putValue(A6, antigenMatches6))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "alleleMatches8 {0} -> {1}")
  @CsvSource({"3, false", "4, true", "5, true", "8, true", "0, false"})
  void alleleMatchesBoundaryIsFour(int alleleMatches8, boolean expected) {
    assertThat(acceptable(acceptableUnit().putValue(A8, alleleMatches8))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "tncPerKgE7 {0} -> {1}")
  @CsvSource({"4.99, false", "4.999999999, false", "5.0, true", "5.000000001, true", "5.01, true", "0.0, false",
      "-1.0, false"})
  void tncBoundaryIsFivePerKg(double tncPerKgE7, boolean expected) {
    assertThat(acceptable(acceptableUnit().putValue(TNC, tncPerKgE7))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "cd34PerKgE5 {0} -> {1}")
  @CsvSource({"1.49, false", "1.4999999, false", "1.5, true", "1.5000001, true", "1.51, true", "0.0, false"})
  void cd34BoundaryIsOnePointFivePerKg(double cd34PerKgE5, boolean expected) {
    assertThat(acceptable(acceptableUnit().putValue(CD34, cd34PerKgE5))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource({"antigenMatches6", "alleleMatches8", "tncPerKgE7", "cd34PerKgE5"})
  void missingInputNeverMakesAUnitAcceptable(String input) {
    VariableMap withNull = acceptableUnit().putValue(input, null);
    VariableMap without = acceptableUnit();
    without.remove(input);

    assertThat(acceptable(withNull)).isFalse();
    assertThat(acceptable(without)).isFalse();
  }

  @Test
  void nothingGivenIsNotAcceptable() {
    assertThat(acceptable(Variables.createVariables())).isFalse();
  }

  @Test
  void wholeNumbersForDosesAndLongGradesAreAccepted() {
    assertThat(acceptable(Variables.createVariables().putValue(A6, 4L).putValue(A8, 4L).putValue(TNC, 5)
        .putValue(CD34, 2))).isTrue();
  }

  @Test
  void compiledTableAgreesWithTheEngineAroundEveryThreshold() {
    // each threshold at, one ulp below and one ulp above, and values far from it (the engine costs ~1 ms each)
    int[] grades6 = {3, 4, 6, 7};
    int[] grades8 = {3, 4, 8, 9};
    double[] tncs = {4.999999999999999, 5.0, 5.000000000000001, 9.7};
    double[] cd34s = {1.4999999999999998, 1.5, 1.5000000000000002};
    int checked = 0;
    for (int a6 : grades6) {
      for (int a8 : grades8) {
        for (double tnc : tncs) {
          for (double cd34 : cd34s) {
            Boolean engine = acceptable(Variables.createVariables().putValue(A6, a6).putValue(A8, a8).putValue(TNC, tnc)
                .putValue(CD34, cd34));
            Boolean fast = compiled.evaluate(new BigDecimal[] {BigDecimal.valueOf(a6), BigDecimal.valueOf(a8),
                BigDecimal.valueOf(tnc), BigDecimal.valueOf(cd34)});
            assertThat(fast).as("a6 %d a8 %d tnc %s cd34 %s", a6, a8, tnc, cd34).isEqualTo(engine);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(4 * 4 * 4 * 3);
  }
}

package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.support.DecisionTables;

/**
 * Decision {@code chimerismClassification} (bpmn/chimerism-classification.dmn): domain.md Part A chimerism, full
 * donor > 95 %, mixed 5-95 %, loss < 5 % (Part B 2.1). Every rule and both boundaries at, just below and just above.
 */
class ChimerismClassificationDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/chimerism-classification.dmn";
  private static final String KEY = "chimerismClassification";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
  }

  private static VariableMap donor(Double percent) {
    return Variables.createVariables().putValue("donorChimerismPercent", percent);
  }

  private static String status(Double percent) {
    return DecisionTables.evaluate(decision, donor(percent)).getSingleEntry();
  }

  @Test
  void tableFollowsItsContractAndCitesItsSource() {
    Decision d = DecisionTables.model(DMN_RESOURCE).getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(DecisionTables.inputTypes(table)).containsExactly(Map.entry("donorChimerismPercent", "double"));
    assertThat(DecisionTables.outputTypes(table)).containsExactly(Map.entry("chimerismStatus", "string"));
    DecisionTables.assertEveryRuleCites(table, "domain.md Part A");
    assertThat(DecisionTables.ruleOutputs(table, 0)).containsExactly("\"full\"", "\"mixed\"", "\"loss\"");
  }

  @ParameterizedTest(name = "{0} % donor -> {1} by {2}")
  @CsvSource({"98.0, full, Rule_FullDonor", "40.0, mixed, Rule_Mixed", "2.0, loss, Rule_Loss"})
  void everyRule(double percent, String status, String rule) {
    assertThat(status(percent)).isEqualTo(status);
    assertThat(DecisionTables.matchedRuleIds(decision, donor(percent))).containsExactly(rule);
  }

  @ParameterizedTest(name = "{0} % donor -> {1}")
  @CsvSource({
      "100.0, full", "95.1, full", "95.0, mixed", "94.9, mixed",
      "5.1, mixed", "5.0, mixed", "4.9, loss", "0.0, loss"})
  void boundariesAt95And5Percent(double percent, String status) {
    assertThat(status(percent)).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0} -> no status")
  @CsvSource({"''", "-0.1", "100.1"})
  void missingOrImpossiblePercentageGivesNoStatus(String percent) {
    Double value = percent.isEmpty() ? null : Double.valueOf(percent);
    assertThat(DecisionTables.evaluate(decision, donor(value))).isEmpty();
  }
}

package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
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
 * Decision {@code cordBloodPostThawRelease} (bpmn/cord-blood-post-thaw-release.dmn): domain.md Part A post-thaw
 * release, viable CD34+ > 70 % and viable CD45+ > 40 % (Part B 1.6, NetCord-FACT). Every rule, each threshold at,
 * just below and just above, and missing or impossible values.
 */
class CordBloodPostThawReleaseDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/cord-blood-post-thaw-release.dmn";
  private static final String KEY = "cordBloodPostThawRelease";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
  }

  private static VariableMap viability(Double cd34, Double cd45) {
    return Variables.createVariables().putValue("viableCd34Percent", cd34).putValue("viableCd45Percent", cd45);
  }

  private static DmnDecisionResultEntries result(Double cd34, Double cd45) {
    return DecisionTables.catchAllResult(decision, viability(cd34, cd45));
  }

  private static boolean released(Double cd34, Double cd45) {
    return result(cd34, cd45).getEntry("postThawReleased");
  }

  @Test
  void tableFollowsItsContractAndCitesItsSource() {
    Decision d = DecisionTables.model(DMN_RESOURCE).getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(DecisionTables.inputTypes(table))
        .containsExactly(java.util.Map.entry("viableCd34Percent", "double"), java.util.Map.entry("viableCd45Percent", "double"));
    assertThat(DecisionTables.outputTypes(table))
        .containsExactly(java.util.Map.entry("postThawReleased", "boolean"), java.util.Map.entry("postThawFailureReason", "string"));
    DecisionTables.assertEveryRuleCites(table, "domain.md Part A (post-thaw release");
    assertThat(table.getRules()).hasSize(5);
  }

  @ParameterizedTest(name = "CD34 {0} %, CD45 {1} % -> {2} by {3}")
  @CsvSource({
      "60.0, 30.0, false, Rule_BothViabilitiesTooLow",
      "60.0, 80.0, false, Rule_ViableCd34TooLow",
      "92.0, 30.0, false, Rule_ViableCd45TooLow",
      "92.0, 80.0, true, Rule_Released"})
  void everyRule(double cd34, double cd45, boolean released, String rule) {
    assertThat(released(cd34, cd45)).isEqualTo(released);
    assertThat(DecisionTables.matchedRuleIds(decision, viability(cd34, cd45))).first().isEqualTo(rule);
  }

  @ParameterizedTest(name = "viable CD34 {0} % -> released {1}")
  @CsvSource({"69.9, false", "70.0, false", "70.1, true", "100.0, true"})
  void viableCd34MustExceed70Percent(double cd34, boolean released) {
    assertThat(released(cd34, 80.0)).isEqualTo(released);
  }

  @ParameterizedTest(name = "viable CD45 {0} % -> released {1}")
  @CsvSource({"39.9, false", "40.0, false", "40.1, true", "100.0, true"})
  void viableCd45MustExceed40Percent(double cd45, boolean released) {
    assertThat(released(92.0, cd45)).isEqualTo(released);
  }

  @Test
  void failureReasonsNameTheCriterionAndAReleaseHasNone() {
    assertThat((String) result(70.0, 80.0).getEntry("postThawFailureReason")).contains("CD34").doesNotContain("CD45");
    assertThat((String) result(92.0, 40.0).getEntry("postThawFailureReason")).contains("CD45").doesNotContain("CD34");
    assertThat((String) result(70.0, 40.0).getEntry("postThawFailureReason")).contains("CD34").contains("CD45");
    assertThat((String) result(92.0, 80.0).getEntry("postThawFailureReason")).isEmpty();
  }

  @ParameterizedTest(name = "CD34 {0}, CD45 {1} -> never released")
  @CsvSource({", 80.0", "92.0, ", ",", "100.1, 80.0", "92.0, 100.1", "-1.0, 80.0", "92.0, -0.1"})
  void missingOrImpossiblePercentagesAreNeverReleased(Double cd34, Double cd45) {
    assertThat(released(cd34, cd45)).isFalse();
    assertThat(DecisionTables.matchedRuleIds(decision, viability(cd34, cd45))).containsExactly("Rule_MissingOrImpossibleValue");
    assertThat((String) result(cd34, cd45).getEntry("postThawFailureReason")).contains("required");
  }
}

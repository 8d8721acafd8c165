package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.islettransplant.IsletTransplantVariables.DECISION_TROUGH_TARGET;
import static org.ucbislet.islettransplant.IsletTransplantVariables.MONTHS_SINCE_INFUSION;
import static org.ucbislet.islettransplant.IsletTransplantVariables.TACROLIMUS_TROUGH_NG_PER_ML;
import static org.ucbislet.support.DecisionTables.inputTypes;
import static org.ucbislet.support.DecisionTables.outputTypes;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
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
import org.ucbislet.support.DecisionTables;

/**
 * Decision {@code tacrolimusTroughTarget} (bpmn/tacrolimus-trough-target.dmn) with the plain DMN engine:
 * 8-10 ng/mL in months 0-3, then 6-8 ng/mL (domain.md Part A, B 4.5). One test per rule, then the
 * boundaries of the period and of both ranges.
 */
class TacrolimusTroughTargetDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/tacrolimus-trough-target.dmn";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_TROUGH_TARGET);
  }

  private record Target(boolean inRange, double low, double high, String deviation) {}

  private static DmnDecisionResult evaluate(Object months, Object ngPerMl) {
    return DecisionTables.evaluate(decision, Variables.createVariables()
        .putValue(MONTHS_SINCE_INFUSION, months).putValue(TACROLIMUS_TROUGH_NG_PER_ML, ngPerMl));
  }

  private static Target target(Object months, Object ngPerMl) {
    DmnDecisionResultEntries r = evaluate(months, ngPerMl).getSingleResult();
    return new Target(r.getEntry("troughInRange"), r.<Double>getEntry("troughTargetLowNgPerMl"),
        r.<Double>getEntry("troughTargetHighNgPerMl"), r.getEntry("troughDeviation"));
  }

  private static Target early(boolean inRange, String deviation) {
    return new Target(inRange, 8.0, 10.0, deviation);
  }

  private static Target later(boolean inRange, String deviation) {
    return new Target(inRange, 6.0, 8.0, deviation);
  }

  @Test
  void tableFollowsTheConventions() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision d = model.getModelElementById(DECISION_TROUGH_TARGET);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    Map<String, String> inputs = inputTypes(table);
    assertThat(inputs).containsExactly(Map.entry(MONTHS_SINCE_INFUSION, "double"),
        Map.entry(TACROLIMUS_TROUGH_NG_PER_ML, "double"));
    Map<String, String> outputs = outputTypes(table);
    assertThat(outputs).containsExactly(Map.entry("troughInRange", "boolean"),
        Map.entry("troughTargetLowNgPerMl", "double"), Map.entry("troughTargetHighNgPerMl", "double"),
        Map.entry("troughDeviation", "string"));
    assertThat(table.getRules()).hasSize(6);
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).as(rule.getId()).startsWith("domain.md Part A and B 4.5");
    }
  }

  // --- one test per rule ---

  @Test
  void earlyTroughBelow8IsOutOfRange() {
    assertThat(target(1.0, 6.5)).isEqualTo(early(false, "below target"));
  }

  @Test
  void earlyTroughOf8To10IsInRange() {
    assertThat(target(1.0, 9.0)).isEqualTo(early(true, "within target"));
  }

  @Test
  void earlyTroughAbove10IsOutOfRange() {
    assertThat(target(1.0, 12.5)).isEqualTo(early(false, "above target"));
  }

  @Test
  void laterTroughBelow6IsOutOfRange() {
    assertThat(target(6.0, 4.8)).isEqualTo(later(false, "below target"));
  }

  @Test
  void laterTroughOf6To8IsInRange() {
    assertThat(target(6.0, 7.0)).isEqualTo(later(true, "within target"));
  }

  @Test
  void laterTroughAbove8IsOutOfRange() {
    assertThat(target(6.0, 9.0)).isEqualTo(later(false, "above target"));
  }

  // --- boundaries ---

  @ParameterizedTest(name = "month {0}, trough 9.0 -> target from {1}")
  @CsvSource({"0.0, 8.0", "2.99, 8.0", "3.0, 6.0", "3.01, 6.0", "12.0, 6.0"})
  void targetFallsAtMonth3(double months, double low) {
    assertThat(target(months, 9.0).low()).isEqualTo(low);
  }

  @ParameterizedTest(name = "month 1, trough {0} -> in range {1}")
  @CsvSource({"7.99, false", "8.0, true", "10.0, true", "10.01, false"})
  void earlyRangeIs8To10Inclusive(double ngPerMl, boolean inRange) {
    assertThat(target(1.0, ngPerMl).inRange()).isEqualTo(inRange);
  }

  @ParameterizedTest(name = "month 5, trough {0} -> in range {1}")
  @CsvSource({"5.99, false", "6.0, true", "8.0, true", "8.01, false"})
  void laterRangeIs6To8Inclusive(double ngPerMl, boolean inRange) {
    assertThat(target(5.0, ngPerMl).inRange()).isEqualTo(inRange);
  }

  @Test
  void wholeNumbersAsSubmittedByFormsAreAccepted() {
    assertThat(target(2L, 9L)).isEqualTo(early(true, "within target"));
  }

  @Test
  void unrecordedLevelMatchesNoRule() {
    assertThat(evaluate(1.0, null)).isEmpty();
  }

  @ParameterizedTest(name = "month {0}, trough {1} -> no result")
  @CsvSource({"1.0, -0.1", "5.0, -0.1", "5.0, -7.0", "-0.01, 9.0", ", 9.0", ", "})
  void missingOrImpossibleInputMatchesNoRuleNotBelowTarget(Double months, Double ngPerMl) {
    assertThat(evaluate(months, ngPerMl)).isEmpty();
  }

  @Test
  void troughOf0IsBelowTargetInBothPeriods() {
    assertThat(target(0.0, 0.0)).isEqualTo(early(false, "below target"));
    assertThat(target(3.0, 0.0)).isEqualTo(later(false, "below target"));
  }
}

package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
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
 * Decision {@code basiliximabDose} (bpmn/basiliximab-dose.dmn) with the plain DMN engine: one test per
 * rule and the 35 kg boundary (domain.md Part A, B 4.5).
 */
class BasiliximabDoseDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/basiliximab-dose.dmn";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, IsletTransplantVariables.DECISION_BASILIXIMAB_DOSE);
  }

  private static DmnDecisionResult evaluate(Object weightKg) {
    return DecisionTables.evaluate(decision, Variables.createVariables()
        .putValue(IsletTransplantVariables.WEIGHT_KG, weightKg));
  }

  private static Integer doseMg(Object weightKg) {
    return evaluate(weightKg).getSingleEntry();
  }

  @Test
  void tableFollowsTheContractAndCitesTheTimingFlagInEveryRule() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision d = model.getModelElementById(IsletTransplantVariables.DECISION_BASILIXIMAB_DOSE);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement().satisfies(i -> {
      assertThat(i.getInputExpression().getText().getTextContent()).isEqualTo("weightKg");
      assertThat(i.getInputExpression().getTypeRef()).isEqualTo("double");
    });
    assertThat(table.getOutputs()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("basiliximabDoseMg");
      assertThat(o.getTypeRef()).isEqualTo("integer");
    });
    assertThat(table.getRules()).hasSize(2);
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).contains("domain.md Part A and B 4.5")
          .contains("within 2 h").contains("6 h");
    }
  }

  @Test
  void childBelow35KgGets10Mg() {
    assertThat(doseMg(24.0)).isEqualTo(10);
  }

  @Test
  void childOf35KgOrMoreGets20Mg() {
    assertThat(doseMg(52.0)).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0} kg -> {1} mg")
  @CsvSource({"34.99, 10", "35.0, 20", "35.01, 20", "5.0, 10", "120.0, 20"})
  void weightBandBoundaryIs35Kg(double weightKg, int doseMg) {
    assertThat(doseMg(weightKg)).isEqualTo(doseMg);
  }

  @Test
  void wholeKilogramsAsSubmittedByFormsAreAccepted() {
    assertThat(doseMg(35L)).isEqualTo(20);
    assertThat(doseMg(34)).isEqualTo(10);
  }

  @Test
  void noWeightGivesNoDose() {
    assertThat(evaluate(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} kg -> no dose")
  @CsvSource({"0.0", "-0.01", "-24.0"})
  void impossibleWeightGivesNoDoseNotTheLowerBand(double weightKg) {
    assertThat(evaluate(weightKg)).isEmpty();
  }

  @Test
  void anyWeightAbove0KgIsInABand() {
    assertThat(doseMg(0.01)).isEqualTo(10);
  }
}

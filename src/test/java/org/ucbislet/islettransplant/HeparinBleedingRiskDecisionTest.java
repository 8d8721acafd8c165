package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.islettransplant.IsletTransplantVariables.DECISION_HEPARIN_BLEEDING_RISK;
import static org.ucbislet.islettransplant.IsletTransplantVariables.HEPARIN_UNITS_PER_KG;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.support.DecisionTables;

/** {@code heparinBleedingRisk} (bpmn/heparin-bleeding-risk.dmn): 45 U/kg or more is flagged (domain.md B 4.4). */
class HeparinBleedingRiskDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/heparin-bleeding-risk.dmn";
  private static DmnDecision decision;

  @BeforeAll
  static void parse() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_HEPARIN_BLEEDING_RISK);
  }

  private static DmnDecisionResultEntries risk(Object unitsPerKg) {
    return DecisionTables.evaluate(decision, Variables.createVariables().putValue(HEPARIN_UNITS_PER_KG, unitsPerKg))
        .getSingleResult();
  }

  @Test
  void tableFollowsTheConventions() {
    Decision d = DecisionTables.model(DMN_RESOURCE).getModelElementById(DECISION_HEPARIN_BLEEDING_RISK);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).as(rule.getId()).contains("domain.md");
    }
  }

  @Test
  void doseOf45UnitsPerKgOrMoreIsAHighBleedingRisk() {
    assertThat(risk(70.0).getEntryMap()).containsEntry("heparinHighBleedingRisk", true)
        .containsEntry("heparinBleedingRiskReason", "Heparin 45 U/kg or more: high bleeding risk (Villiger 2005)");
  }

  @Test
  void lowerDoseIsNotFlagged() {
    assertThat(risk(35.0).getEntryMap()).containsEntry("heparinHighBleedingRisk", false)
        .containsEntry("heparinBleedingRiskReason", "");
  }

  @Test
  void noHeparinIsNotFlagged() {
    assertThat(risk(null).getEntryMap()).containsEntry("heparinHighBleedingRisk", false);
  }

  @ParameterizedTest(name = "{0} U/kg -> flagged {1}")
  @CsvSource({"44.99, false", "45.0, true", "45.01, true", "0.0, false"})
  void flagStartsAt45UnitsPerKg(double unitsPerKg, boolean flagged) {
    assertThat(risk(unitsPerKg).<Boolean>getEntry("heparinHighBleedingRisk")).isEqualTo(flagged);
  }
}

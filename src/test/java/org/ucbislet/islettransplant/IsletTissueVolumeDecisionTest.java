package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.islettransplant.IsletTransplantVariables.DECISION_TISSUE_VOLUME_AT_INFUSION;
import static org.ucbislet.islettransplant.IsletTransplantVariables.ISLET_PRODUCT_TISSUE_VOLUME_ML;
import static org.ucbislet.islettransplant.IsletTransplantVariables.WEIGHT_KG;

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

/**
 * {@code isletTissueVolumeAtInfusion} (bpmn/islet-infusion-volume.dmn) with the plain DMN engine: both limits of
 * domain.md Part A "islet tissue volume" (at most 15.0 mL, below 0.25 mL/kg) on the weight measured for the infusion.
 * One test per rule, then the boundaries.
 */
class IsletTissueVolumeDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/islet-infusion-volume.dmn";
  private static final String PER_KG = "Settled tissue volume 0.25 mL/kg or more of today's weight";
  private static DmnDecision decision;

  @BeforeAll
  static void parse() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_TISSUE_VOLUME_AT_INFUSION);
  }

  private record Outcome(Boolean acceptable, String reason) {}

  private static Outcome check(Object volumeMl, Object weightKg) {
    DmnDecisionResultEntries r = DecisionTables.evaluate(decision, Variables.createVariables()
        .putValue(ISLET_PRODUCT_TISSUE_VOLUME_ML, volumeMl).putValue(WEIGHT_KG, weightKg)).getSingleResult();
    return new Outcome(r.getEntry("tissueVolumeAcceptable"), r.getEntry("tissueVolumeReason"));
  }

  @Test
  void tableFollowsTheConventions() {
    Decision d = DecisionTables.model(DMN_RESOURCE).getModelElementById(DECISION_TISSUE_VOLUME_AT_INFUSION);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getOutputs()).extracting(o -> o.getName() + ":" + o.getTypeRef())
        .containsExactly("tissueVolumeAcceptable:boolean", "tissueVolumeReason:string");
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).as(rule.getId()).contains("domain.md");
    }
  }

  @Test
  void smallVolumeForTheWeightIsAcceptable() {
    assertThat(check(4.5, 24.0)).isEqualTo(new Outcome(true, ""));
  }

  @Test
  void volumeOf025MlPerKgOrMoreOfTodaysWeightIsRefused() {
    assertThat(check(5.5, 21.5)).isEqualTo(new Outcome(false, PER_KG));
  }

  @Test
  void volumeAbove15MlIsRefusedWhateverTheWeight() {
    assertThat(check(15.5, 90.0)).isEqualTo(new Outcome(false, "Settled tissue volume above 15.0 mL"));
  }

  @Test
  void missingVolumeOrWeightIsNeverAcceptable() {
    assertThat(check(null, 24.0)).isEqualTo(new Outcome(false, "Settled tissue volume of the product not recorded"));
    assertThat(check(-1.0, 24.0)).isEqualTo(new Outcome(false, "Settled tissue volume of the product not recorded"));
    assertThat(check(4.5, null)).isEqualTo(new Outcome(false, "Weight for this infusion not recorded"));
    assertThat(check(4.5, 0.0)).isEqualTo(new Outcome(false, "Weight for this infusion not recorded"));
  }

  @ParameterizedTest(name = "{0} mL at {1} kg -> acceptable {2}")
  @CsvSource({"4.99, 20.0, true", "5.0, 20.0, false", "5.01, 20.0, false", "15.0, 60.01, true", "15.0, 60.0, false",
      "15.01, 100.0, false", "0.0, 20.0, true"})
  void limitsAreBelow025PerKgAndAtMost15Ml(double volumeMl, double weightKg, boolean acceptable) {
    assertThat(check(volumeMl, weightKg).acceptable()).isEqualTo(acceptable);
  }
}

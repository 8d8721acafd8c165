package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.islettransplant.IsletTransplantVariables.BASELINE_PORTAL_PRESSURE_MM_HG;
import static org.ucbislet.islettransplant.IsletTransplantVariables.DECISION_PORTAL_PRESSURE_RISE_STOP;
import static org.ucbislet.islettransplant.IsletTransplantVariables.DECISION_PORTAL_PRESSURE_SAFETY;
import static org.ucbislet.islettransplant.IsletTransplantVariables.PEAK_PORTAL_PRESSURE_MM_HG;

import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
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
import org.ucbislet.support.DecisionTables;

/**
 * The two decisions of bpmn/portal-pressure.dmn with the plain DMN engine: the baseline go/no-go
 * ({@code portalPressureSafety}, no-go above 20 mmHg) and the stop rule during the infusion
 * ({@code portalPressureRiseStop}, rise above 18 mmHg or a pressure above the 22 mmHg ceiling, tag U); domain.md
 * Part A, B 4.4. One test per rule and the boundaries.
 */
class PortalPressureDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/portal-pressure.dmn";
  private static final String NO_GO = "Baseline portal pressure above 20 mmHg (no-go)";
  private static final String NOT_RECORDED = "Baseline portal pressure not recorded";
  private static final String STOPPED = "Portal pressure rise above 18 mmHg (25 cmH2O) over baseline: infusion stopped";
  private static final String NOT_COMPUTABLE =
      "Portal pressure rise not computable (baseline or measured pressure missing): infusion stopped for review";
  private static final String CEILING = "Portal pressure above the 22 mmHg ceiling during the infusion: infusion stopped";

  private static DmnDecision safety;
  private static DmnDecision riseStop;

  @BeforeAll
  static void parseDecisions() {
    safety = DecisionTables.decision(DMN_RESOURCE, DECISION_PORTAL_PRESSURE_SAFETY);
    riseStop = DecisionTables.decision(DMN_RESOURCE, DECISION_PORTAL_PRESSURE_RISE_STOP);
  }

  private record Outcome(Boolean flag, String reason) {}

  private static Outcome baseline(Object mmHg) {
    DmnDecisionResultEntries r = DecisionTables.evaluate(safety, Variables.createVariables()
        .putValue(BASELINE_PORTAL_PRESSURE_MM_HG, mmHg)).getSingleResult();
    return new Outcome(r.getEntry("portalPressureAcceptable"), r.getEntry("portalPressureReason"));
  }

  private static Outcome infusion(Object baselineMmHg, Object peakMmHg) {
    VariableMap v = Variables.createVariables().putValue(BASELINE_PORTAL_PRESSURE_MM_HG, baselineMmHg);
    if (peakMmHg != null) {
      v.putValue(PEAK_PORTAL_PRESSURE_MM_HG, peakMmHg);
    }
    DmnDecisionResultEntries r = DecisionTables.evaluate(riseStop, v).getSingleResult();
    return new Outcome(r.getEntry("infusionStopRequired"), r.getEntry("infusionStopReason"));
  }

  // --- the tables ---

  @Test
  void bothDecisionsFollowTheConventions() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    for (String key : List.of(DECISION_PORTAL_PRESSURE_SAFETY, DECISION_PORTAL_PRESSURE_RISE_STOP)) {
      Decision d = model.getModelElementById(key);
      assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
      DecisionTable table = (DecisionTable) d.getExpression();
      assertThat(table.getHitPolicy()).as(key).isEqualTo(HitPolicy.UNIQUE);
      assertThat(table.getInputs()).as(key).allSatisfy(i -> assertThat(i.getInputExpression().getTypeRef()).isEqualTo("double"));
      assertThat(table.getOutputs()).as(key).extracting(o -> o.getName() + ":" + o.getTypeRef())
          .containsExactly(key.equals(DECISION_PORTAL_PRESSURE_SAFETY)
              ? new String[] {"portalPressureAcceptable:boolean", "portalPressureReason:string"}
              : new String[] {"infusionStopRequired:boolean", "infusionStopReason:string"});
      assertThat(table.getRules()).as(key).hasSize(key.equals(DECISION_PORTAL_PRESSURE_SAFETY) ? 3 : 4);
      for (Rule rule : table.getRules()) {
        assertThat(rule.getDescription().getTextContent()).as(rule.getId()).contains("domain.md");
      }
    }
  }

  // --- portalPressureSafety: one test per rule, then the 20 mmHg boundary ---

  @Test
  void normalBaselinePressureIsAGo() {
    assertThat(baseline(14.0)).isEqualTo(new Outcome(true, ""));
  }

  @Test
  void baselinePressureAbove20MmHgIsANoGo() {
    assertThat(baseline(26.0)).isEqualTo(new Outcome(false, NO_GO));
  }

  @Test
  void unrecordedBaselineIsNeverAGo() {
    assertThat(baseline(null)).isEqualTo(new Outcome(false, NOT_RECORDED));
  }

  @ParameterizedTest(name = "baseline {0} mmHg -> acceptable {1}")
  @CsvSource({"19.9, true", "20.0, true", "20.1, false", "0.0, true"})
  void baselineLimitIs20MmHgInclusive(double mmHg, boolean acceptable) {
    assertThat(baseline(mmHg).flag()).isEqualTo(acceptable);
  }

  @Test
  void wholeMillimetresAsSubmittedByFormsAreAccepted() {
    assertThat(baseline(20L).flag()).isTrue();
    assertThat(baseline(21L).flag()).isFalse();
  }

  // --- portalPressureRiseStop: one test per rule, then the 18 mmHg and 22 mmHg boundaries ---

  @Test
  void riseWithinTheLimitDoesNotStopTheInfusion() {
    assertThat(infusion(14.0, 20.0)).isEqualTo(new Outcome(false, ""));
  }

  @Test
  void riseAboveTheLimitStopsTheInfusion() {
    assertThat(infusion(2.0, 21.0)).isEqualTo(new Outcome(true, STOPPED));
  }

  @Test
  void pressureAboveTheCeilingStopsTheInfusionWhateverTheBaseline() {
    // the example: a baseline of 20 (still a go) plus a rise of 18 would be 38 mmHg without the ceiling
    assertThat(infusion(20.0, 38.0)).isEqualTo(new Outcome(true, CEILING));
    assertThat(infusion(20.0, 22.5)).isEqualTo(new Outcome(true, CEILING));
  }

  @Test
  void missingPeakPressureIsReviewed() {
    assertThat(infusion(12.0, null)).isEqualTo(new Outcome(true, NOT_COMPUTABLE));
  }

  @ParameterizedTest(name = "baseline {0}, peak {1} mmHg -> stop {2}")
  @CsvSource({"2.0, 19.9, false", "2.0, 20.0, false", "2.0, 20.1, true", "3.5, 21.5, false", "3.5, 21.6, true",
      "18.0, 16.0, false"})
  void stopRuleIsARiseAbove18MmHg(double baselineMmHg, double peakMmHg, boolean stop) {
    assertThat(infusion(baselineMmHg, peakMmHg)).isEqualTo(new Outcome(stop, stop ? STOPPED : ""));
  }

  @ParameterizedTest(name = "baseline {0}, peak {1} mmHg -> stop {2}")
  @CsvSource({"15.0, 21.9, false", "15.0, 22.0, false", "15.0, 22.1, true", "12.0, 30.0, true"})
  void ceilingIs22MmHgInclusive(double baselineMmHg, double peakMmHg, boolean stop) {
    assertThat(infusion(baselineMmHg, peakMmHg)).isEqualTo(new Outcome(stop, stop ? CEILING : ""));
  }
}

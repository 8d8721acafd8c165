package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.camunda.bpm.dmn.engine.DmnDecision;
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
 * Decision {@code chronicGvhdSeverity} (bpmn/chronic-gvhd-severity.dmn) with the plain DMN engine against domain.md
 * Part B 3.3 (NIH global severity): one case per rule, the boundaries between the classes, the lungs scored apart,
 * missing or impossible scores (no severity rather than a wrong one), and 3,000 random score sets against the rule
 * written out in Java.
 */
class ChronicGvhdSeverityDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/chronic-gvhd-severity.dmn";
  private static final String KEY = "chronicGvhdSeverity";
  /** Skin, mouth, eyes, GI tract, liver, joints and fascia, genital tract, lungs. */
  private static final List<String> ORGANS = List.of("chronicGvhdSkinScore", "chronicGvhdMouthScore", "chronicGvhdEyesScore",
      "chronicGvhdGiScore", "chronicGvhdLiverScore", "chronicGvhdJointsFasciaScore", "chronicGvhdGenitalScore",
      "chronicGvhdLungScore");

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
  }

  /** Scores in the order of {@link #ORGANS}, the lungs last; null = not given. */
  private static VariableMap scores(Integer... values) {
    VariableMap v = Variables.createVariables();
    for (int k = 0; k < ORGANS.size(); k++) {
      v.putValue(ORGANS.get(k), values[k]);
    }
    return v;
  }

  private static String severity(Integer... values) {
    var result = DecisionTables.evaluate(decision, scores(values));
    return result.isEmpty() ? null : result.getSingleEntry();
  }

  @Test
  void tableCitesItsSourceInEveryRuleAndChecksItsInputs() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision d = model.getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getOutputs()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("chronicGvhdSeverity"));
    for (String organ : ORGANS) {
      assertThat(table.getInputs().iterator().next().getInputExpression().getText().getTextContent()).contains(organ);
    }
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).contains("domain.md Part B 3.3");
      assertThat(rule.getInputEntries().iterator().next().getText().getTextContent()).as("every rule needs valid scores")
          .isEqualTo("true");
    }
  }

  @ParameterizedTest(name = "skin {0} mouth {1} eyes {2} GI {3} liver {4} joints {5} genital {6} lungs {7} -> {8} by {9}")
  @CsvSource({
      // one case per rule, in table order
      "0, 0, 3, 0, 0, 0, 0, 0, severe, Rule_SevereOrganScore3",
      "0, 0, 0, 0, 0, 0, 0, 2, severe, Rule_SevereLungScore2",
      "2, 0, 0, 0, 0, 0, 0, 0, moderate, Rule_ModerateOrganScore2",
      "0, 0, 0, 0, 0, 0, 0, 1, moderate, Rule_ModerateLungScore1",
      "1, 1, 1, 0, 0, 0, 0, 0, moderate, Rule_ModerateThreeOrgans",
      "1, 0, 0, 0, 0, 0, 0, 0, mild, Rule_Mild",
      "0, 0, 0, 0, 0, 0, 0, 0, none, Rule_None",
      // boundaries: two organs at 1 is still mild, the third makes it moderate; lungs count as an organ
      "0, 1, 0, 0, 1, 0, 0, 0, mild, Rule_Mild",
      "0, 1, 0, 0, 1, 0, 1, 0, moderate, Rule_ModerateThreeOrgans",
      // a lung score of 1 is moderate even alone; lung 3 is severe
      "1, 0, 0, 0, 0, 0, 0, 1, moderate, Rule_ModerateLungScore1",
      "0, 0, 0, 0, 0, 0, 0, 3, severe, Rule_SevereLungScore2",
      // the highest score decides over the count
      "3, 1, 1, 1, 1, 1, 1, 0, severe, Rule_SevereOrganScore3",
      "2, 1, 1, 1, 0, 0, 0, 0, moderate, Rule_ModerateOrganScore2",
      "0, 0, 0, 0, 0, 0, 2, 0, moderate, Rule_ModerateOrganScore2"})
  void oneCasePerRuleAndTheBoundaries(int skin, int mouth, int eyes, int gi, int liver, int joints, int genital, int lungs,
                                      String expected, String rule) {
    assertThat(severity(skin, mouth, eyes, gi, liver, joints, genital, lungs)).isEqualTo(expected);
    assertThat(DecisionTables.matchedRuleIds(decision, scores(skin, mouth, eyes, gi, liver, joints, genital, lungs)).get(0))
        .isEqualTo(rule);
  }

  @Test
  void aMissingOrImpossibleScoreGivesNoSeverity() {
    assertThat(severity(1, 0, 0, 0, 0, 0, 0, null)).as("lungs not scored").isNull();
    assertThat(severity(null, 0, 0, 0, 0, 0, 0, 0)).as("skin not scored").isNull();
    assertThat(severity(4, 0, 0, 0, 0, 0, 0, 0)).as("score 4 does not exist").isNull();
    assertThat(severity(0, 0, 0, 0, 0, 0, 0, -1)).as("negative score").isNull();
    assertThat(severity(3, null, null, null, null, null, null, null)).as("even a severe score needs the others").isNull();
  }

  @Test
  void randomScoreSetsFollowTheRuleAsWritten() {
    Random random = new Random(33);
    for (int n = 0; n < 3_000; n++) {
      Integer[] s = new Integer[8];
      for (int k = 0; k < 8; k++) {
        // mostly 0 and 1, as in clinic, so that every class is reached often
        int r = random.nextInt(10);
        s[k] = r < 5 ? 0 : r < 8 ? 1 : r < 9 ? 2 : 3;
      }
      assertThat(severity(s)).as("scores %s", List.of(s)).isEqualTo(nih(s));
    }
  }

  /** domain.md B 3.3 written out: severe, moderate, mild as the table of [S27] says; none when no organ is involved. */
  private static String nih(Integer[] s) {
    int lung = s[7];
    int highest = 0;
    int involved = lung >= 1 ? 1 : 0;
    for (int k = 0; k < 7; k++) {
      highest = Math.max(highest, s[k]);
      involved += s[k] >= 1 ? 1 : 0;
    }
    if (highest == 3 || lung >= 2) {
      return "severe";
    }
    if (involved >= 3 || highest == 2 || lung == 1) {
      return "moderate";
    }
    return involved >= 1 ? "mild" : "none";
  }
}

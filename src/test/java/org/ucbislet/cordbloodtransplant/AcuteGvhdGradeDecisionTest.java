package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Decision {@code acuteGvhdGrade} (bpmn/acute-gvhd-grade.dmn, contract in design.md section 3) with the plain
 * DMN engine: every rule, every organ at every stage alone, the consequences domain.md Part B 3.2 asks to test
 * (skin 3 alone is II, lower GI 2 alone is III, upper GI alone never above II), combinations where the grade is
 * not the maximum stage, and missing or impossible stages (no grade rather than a wrong one).
 */
class AcuteGvhdGradeDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/acute-gvhd-grade.dmn";
  private static final String KEY = "acuteGvhdGrade";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
  }

  private static VariableMap stages(Integer skin, Integer liver, Integer upperGi, Integer lowerGi) {
    return Variables.createVariables().putValue("skinStage", skin).putValue("liverStage", liver)
        .putValue("upperGiStage", upperGi).putValue("lowerGiStage", lowerGi);
  }

  private static Integer grade(Integer skin, Integer liver, Integer upperGi, Integer lowerGi) {
    return DecisionTables.evaluate(decision, stages(skin, liver, upperGi, lowerGi)).getSingleEntry();
  }

  private static String ruleId(Integer skin, Integer liver, Integer upperGi, Integer lowerGi) {
    return DecisionTables.matchedRuleIds(decision, stages(skin, liver, upperGi, lowerGi)).get(0);
  }

  @Test
  void tableFollowsTheContractAndCitesItsSourceInEveryRule() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision d = model.getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactly("skinStage", "liverStage", "upperGiStage", "lowerGiStage");
    assertThat(table.getInputs()).allSatisfy(i -> assertThat(i.getInputExpression().getTypeRef()).isEqualTo("integer"));
    assertThat(table.getOutputs()).singleElement().satisfies(o -> {
      assertThat(o.getName()).isEqualTo("acuteGvhdGrade");
      assertThat(o.getTypeRef()).isEqualTo("integer");
    });
    assertThat(table.getRules()).hasSize(11);
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription().getTextContent()).contains("domain.md Part A").contains("Part B 3.2");
    }
  }

  @ParameterizedTest(name = "skin {0}, liver {1}, upper GI {2}, lower GI {3} -> grade {4} by {5}")
  @CsvSource({
      // one case per rule, in table order
      "4, 0, 0, 0, 4, Rule_GradeIvSkin",
      "0, 4, 0, 0, 4, Rule_GradeIvLiver",
      "0, 0, 0, 4, 4, Rule_GradeIvLowerGi",
      "0, 2, 0, 0, 3, Rule_GradeIiiLiver",
      "0, 0, 0, 2, 3, Rule_GradeIiiLowerGi",
      "3, 0, 0, 0, 2, Rule_GradeIiSkin",
      "0, 1, 0, 0, 2, Rule_GradeIiLiver",
      "0, 0, 1, 0, 2, Rule_GradeIiUpperGi",
      "0, 0, 0, 1, 2, Rule_GradeIiLowerGi",
      "1, 0, 0, 0, 1, Rule_GradeI",
      "0, 0, 0, 0, 0, Rule_GradeZero"})
  void everyRule(int skin, int liver, int upperGi, int lowerGi, int grade, String rule) {
    assertThat(grade(skin, liver, upperGi, lowerGi)).isEqualTo(grade);
    assertThat(ruleId(skin, liver, upperGi, lowerGi)).isEqualTo(rule);
  }

  @ParameterizedTest(name = "skin {0} alone -> {1}")
  @CsvSource({"0, 0", "1, 1", "2, 1", "3, 2", "4, 4"})
  void skinAlone(int skin, int grade) {
    assertThat(grade(skin, 0, 0, 0)).isEqualTo(grade);
  }

  @ParameterizedTest(name = "liver {0} alone -> {1}")
  @CsvSource({"0, 0", "1, 2", "2, 3", "3, 3", "4, 4"})
  void liverAlone(int liver, int grade) {
    assertThat(grade(0, liver, 0, 0)).isEqualTo(grade);
  }

  @ParameterizedTest(name = "lower GI {0} alone -> {1}")
  @CsvSource({"0, 0", "1, 2", "2, 3", "3, 3", "4, 4"})
  void lowerGiAlone(int lowerGi, int grade) {
    assertThat(grade(0, 0, 0, lowerGi)).isEqualTo(grade);
  }

  @Test
  void consequencesNamedInDomainPartB32() {
    assertThat(grade(3, 0, 0, 0)).as("skin 3 alone").isEqualTo(2);
    assertThat(grade(0, 0, 0, 2)).as("lower GI 2 alone").isEqualTo(3);
    assertThat(grade(0, 0, 1, 0)).as("upper GI alone").isEqualTo(2);
    assertThat(grade(3, 0, 1, 0)).as("skin 3 with upper GI 1 is still II").isEqualTo(2);
  }

  @ParameterizedTest(name = "skin {0}, liver {1}, upper GI {2}, lower GI {3} -> {4}")
  @CsvSource({
      "2, 1, 0, 0, 2",   // skin 1-2 with liver involvement is no longer grade I
      "1, 0, 1, 0, 2",   // skin 1 with upper GI 1
      "2, 0, 0, 1, 2",
      "3, 3, 1, 0, 3",   // liver 3 lifts skin 3 to III
      "3, 0, 1, 3, 3",
      "1, 3, 1, 1, 3",
      "3, 3, 1, 3, 3",   // every organ at its highest stage below 4: III, not IV
      "1, 0, 0, 4, 4",
      "0, 1, 1, 4, 4",
      "4, 3, 1, 3, 4"})
  void combinationsAreGradedTopDownNotByTheMaximumStage(int skin, int liver, int upperGi, int lowerGi, int grade) {
    assertThat(grade(skin, liver, upperGi, lowerGi)).isEqualTo(grade);
  }

  @Test
  void everyValidCombinationHasExactlyOneGrade() {
    int combinations = 0;
    for (int skin = 0; skin <= 4; skin++) {
      for (int liver = 0; liver <= 4; liver++) {
        for (int upperGi = 0; upperGi <= 1; upperGi++) {
          for (int lowerGi = 0; lowerGi <= 4; lowerGi++) {
            Integer grade = grade(skin, liver, upperGi, lowerGi);
            assertThat(grade).as("grade of %d/%d/%d/%d", skin, liver, upperGi, lowerGi).isBetween(0, 4);
            int max = Math.max(Math.max(skin, liver), Math.max(upperGi, lowerGi));
            if (max == 0) {
              assertThat(grade).isZero();
            } else {
              assertThat(grade).isPositive();
            }
            combinations++;
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(250);
  }

  @ParameterizedTest(name = "skin {0}, liver {1}, upper GI {2}, lower GI {3} -> no grade")
  @CsvSource({
      ", 0, 0, 0", "0, , 0, 0", "0, 0, , 0", "0, 0, 0, ",   // each stage missing
      "5, 0, 0, 0", "0, 5, 0, 0", "0, 0, 2, 0", "0, 0, 0, 5", // above the stage range (upper GI has no stage 2)
      "-1, 0, 0, 0", "0, 0, -1, 0",
      "4, 0, 2, 0"})                                         // even grade IV is not given beside an impossible stage
  void missingOrImpossibleStagesGiveNoGrade(Integer skin, Integer liver, Integer upperGi, Integer lowerGi) {
    assertThat(DecisionTables.evaluate(decision, stages(skin, liver, upperGi, lowerGi))).isEmpty();
  }
}

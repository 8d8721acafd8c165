package org.ucbislet.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * Decision {@code adverseEventSeriousness} (bpmn/adverse-event-seriousness.dmn), design.md section 3: seriousness
 * (domain.md B 6.2), the 24-hour initial report and the 7- or 15-day expedited report (B 6.3). Every rule, the grade
 * boundaries, missing inputs (safe side), and every combination of inputs against the contract's definition.
 */
class AdverseEventSeriousnessDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/adverse-event-seriousness.dmn";
  private static final String KEY = "adverseEventSeriousness";
  private static final String[] CRITERIA = {"lifeThreatening", "hospitalization", "persistentDisability", "congenitalAnomaly",
      "importantMedicalEvent"};

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, KEY);
  }

  /** Grade, the five criteria in the order of {@link #CRITERIA}, unexpected, related. */
  private static VariableMap event(Integer grade, Boolean lifeThreatening, Boolean hospitalization, Boolean disability,
                                   Boolean anomaly, Boolean important, Boolean unexpected, Boolean related) {
    return Variables.createVariables().putValue("ctcaeGrade", grade).putValue("lifeThreatening", lifeThreatening)
        .putValue("hospitalization", hospitalization).putValue("persistentDisability", disability)
        .putValue("congenitalAnomaly", anomaly).putValue("importantMedicalEvent", important)
        .putValue("unexpected", unexpected).putValue("relatedToIntervention", related);
  }

  private static VariableMap mild(int grade) {
    return event(grade, false, false, false, false, false, false, false);
  }

  private static DmnDecisionResultEntries result(VariableMap event) {
    return DecisionTables.evaluate(decision, event).getSingleResult();
  }

  private static void assertOutcome(VariableMap event, boolean serious, String deadline, int days) {
    DmnDecisionResultEntries r = result(event);
    assertThat(r).as("exactly one outcome for %s", event).isNotNull();
    assertThat((Boolean) r.getEntry("serious")).as("serious for %s", event).isEqualTo(serious);
    assertThat((String) r.getEntry("initialReportDeadline")).as("deadline for %s", event).isEqualTo(deadline);
    assertThat(((Number) r.getEntry("expeditedReportDays")).intValue()).as("days for %s", event).isEqualTo(days);
  }

  @Test
  void tableFollowsItsContractAndCitesItsSource() {
    Decision d = DecisionTables.model(DMN_RESOURCE).getModelElementById(KEY);
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(DecisionTables.inputTypes(table)).containsExactly(Map.entry("ctcaeGrade", "integer"),
        Map.entry("lifeThreatening", "boolean"), Map.entry("hospitalization", "boolean"),
        Map.entry("persistentDisability", "boolean"), Map.entry("congenitalAnomaly", "boolean"),
        Map.entry("importantMedicalEvent", "boolean"), Map.entry("unexpected", "boolean"),
        Map.entry("relatedToIntervention", "boolean"));
    assertThat(DecisionTables.outputTypes(table)).containsExactly(Map.entry("serious", "boolean"),
        Map.entry("initialReportDeadline", "string"), Map.entry("expeditedReportDays", "integer"));
    DecisionTables.assertEveryRuleCites(table, "domain.md Part A (adverse events");
    assertThat(table.getRules()).hasSize(15);
    table.getRules().forEach(r -> assertThat(r.getDescription().getTextContent()).contains("B 6.2"));
  }

  @ParameterizedTest(name = "{8}")
  @CsvSource({
      // grade, LT, hosp, disab, anomaly, IME, unexpected, related, rule, serious, deadline, days
      "5, false, false, false, false, false, true, true, Rule_FatalSusar, true, PT24H, 7",
      ", false, false, false, false, false, true, true, Rule_GradeMissingSusar, true, PT24H, 7",
      "4, true, false, false, false, false, true, true, Rule_LifeThreateningSusar, true, PT24H, 7",
      "3, false, true, false, false, false, true, true, Rule_HospitalizationSusar, true, PT24H, 15",
      "3, false, false, true, false, false, true, true, Rule_PersistentDisabilitySusar, true, PT24H, 15",
      "2, false, false, false, true, false, true, true, Rule_CongenitalAnomalySusar, true, PT24H, 15",
      "2, false, false, false, false, true, true, true, Rule_ImportantMedicalEventSusar, true, PT24H, 15",
      "5, false, false, false, false, false, false, true, Rule_Death, true, PT24H, 0",
      ", false, false, false, false, false, true, false, Rule_GradeMissing, true, PT24H, 0",
      "4, true, false, false, false, false, true, false, Rule_LifeThreatening, true, PT24H, 0",
      "3, false, true, false, false, false, false, true, Rule_Hospitalization, true, PT24H, 0",
      "3, false, false, true, false, false, false, false, Rule_PersistentDisability, true, PT24H, 0",
      "1, false, false, false, true, false, false, false, Rule_CongenitalAnomaly, true, PT24H, 0",
      "2, false, false, false, false, true, true, false, Rule_ImportantMedicalEvent, true, PT24H, 0",
      "3, false, false, false, false, false, true, true, Rule_NotSerious, false, '', 0"})
  void everyRule(Integer grade, boolean lt, boolean hosp, boolean disab, boolean anomaly, boolean ime, boolean unexpected,
                 boolean related, String rule, boolean serious, String deadline, int days) {
    VariableMap e = event(grade, lt, hosp, disab, anomaly, ime, unexpected, related);
    assertOutcome(e, serious, deadline == null ? "" : deadline, days);
    assertThat(DecisionTables.matchedRuleIds(decision, e)).first().isEqualTo(rule);
  }

  @ParameterizedTest(name = "grade {0}, no criterion -> serious {1}")
  @CsvSource({"1, false", "2, false", "3, false", "4, false", "5, true"})
  void onlyGrade5IsSeriousByItsGradeAlone(int grade, boolean serious) {
    // B 6.1/6.2: severity is not seriousness; grade 5 is death, which is serious
    assertOutcome(mild(grade), serious, serious ? "PT24H" : "", 0);
  }

  @ParameterizedTest(name = "grade {0} is impossible -> treated as possibly fatal")
  @CsvSource({"0", "6", "-1"})
  void aGradeOutsideOneToFiveIsNeverReadAsNotSerious(int grade) {
    assertOutcome(mild(grade), true, "PT24H", 0);
    assertOutcome(event(grade, false, false, false, false, false, true, true), true, "PT24H", 7);
  }

  @Test
  void aGrade4EventWithoutACriterionIsNotSeriousButTheSameEventLifeThreateningIs() {
    assertOutcome(mild(4), false, "", 0);
    assertOutcome(event(4, true, false, false, false, false, false, false), true, "PT24H", 0);
  }

  @Test
  void missingSeriousnessCriteriaCountAsMet() {
    for (int i = 0; i < CRITERIA.length; i++) {
      VariableMap e = mild(2).putValue(CRITERIA[i], null);
      assertOutcome(e, true, "PT24H", 0);
      VariableMap susar = e.putValue("unexpected", true).putValue("relatedToIntervention", true);
      assertOutcome(susar, true, "PT24H", i == 0 ? 7 : 15); // a missing "life-threatening" may be life-threatening
    }
  }

  @Test
  void missingExpectednessOrRelatednessCountsAsUnexpectedAndRelated() {
    assertOutcome(event(3, false, true, false, false, false, null, true), true, "PT24H", 15);
    assertOutcome(event(3, false, true, false, false, false, true, null), true, "PT24H", 15);
    assertOutcome(event(5, false, false, false, false, false, null, null), true, "PT24H", 7);
    assertOutcome(event(2, false, false, false, false, false, null, null), false, "", 0); // not serious: no clock at all
  }

  @Test
  void nothingRecordedAtAllIsSeriousWithTheShortestClock() {
    assertOutcome(event(null, null, null, null, null, null, null, null), true, "PT24H", 7);
  }

  @Test
  void everyKindOfAnswerGivesTheContractsOutcome() {
    // design.md section 3: serious = grade 5 or any criterion; 7 days for a serious, unexpected, related event that is
    // fatal or life-threatening, 15 for any other serious unexpected related one, else 0; missing = met (safe side).
    // Every grade class (missing, 1, 4, 5, above 5; below 1 in its own test) x every answer of unexpected and related
    // (missing, false, true) x the criteria: none, each one alone true or alone missing. (All 17,496 combinations of the
    // seven answers would take minutes: the FEEL engine parses each entry at every evaluation. The rules test one column
    // each, so these cover every rule and every column's three answers.)
    List<Integer> grades = Arrays.asList(null, 1, 4, 5, 6);
    List<Boolean> answers = Arrays.asList(null, false, true);
    List<List<Boolean>> criteria = new ArrayList<>();
    criteria.add(Arrays.asList(false, false, false, false, false));
    for (int i = 0; i < CRITERIA.length; i++) {
      for (Boolean answer : Arrays.asList(true, null)) {
        List<Boolean> one = new ArrayList<>(Arrays.asList(false, false, false, false, false));
        one.set(i, answer);
        criteria.add(one);
      }
    }
    int checked = 0;
    for (Integer grade : grades) {
      for (List<Boolean> c : criteria) {
        for (Boolean unexpected : answers) {
          for (Boolean related : answers) {
            boolean possiblyFatal = grade == null || grade < 1 || grade >= 5;
            boolean serious = possiblyFatal || c.stream().anyMatch(AdverseEventSeriousnessDecisionTest::met);
            boolean susar = serious && met(unexpected) && met(related);
            int days = !susar ? 0 : (possiblyFatal || met(c.get(0))) ? 7 : 15;
            assertOutcome(event(grade, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), unexpected, related), serious,
                serious ? "PT24H" : "", days);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(5 * 11 * 9);
  }

  private static boolean met(Boolean answer) {
    return answer == null || answer;
  }

}

package org.ucbislet.isletisolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.DecisionTables.assertEveryRuleCites;
import static org.ucbislet.support.DecisionTables.catchAllResult;
import static org.ucbislet.support.DecisionTables.inputTypes;
import static org.ucbislet.support.DecisionTables.lastRule;
import static org.ucbislet.support.DecisionTables.outputTypes;
import static org.ucbislet.support.DecisionTables.quoted;
import static org.ucbislet.support.DecisionTables.ruleOutputs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ucbislet.support.DecisionTables;

/**
 * The {@code pancreasDonorAcceptance} decision (design.md section 3, domain.md Part A "pancreas donor")
 * evaluated with the plain DMN engine, no process engine: one test per rule of
 * {@code bpmn/pancreas-donor-acceptance.dmn}, each threshold at, just below and just above, and the
 * guarantee that a criterion not recorded never accepts a donor.
 */
class PancreasDonorAcceptanceDecisionTest {

  private static final String DMN_RESOURCE = "bpmn/pancreas-donor-acceptance.dmn";
  private static final String DECISION_KEY = "pancreasDonorAcceptance";

  private static final String DONOR_AGE_YEARS = "donorAgeYears";
  private static final String DONOR_BMI = "donorBmi";
  private static final String DONOR_HBA1C_PERCENT = "donorHba1cPercent";
  private static final String COLD_ISCHEMIA_HOURS = "coldIschemiaHours";
  private static final String DONATION_AFTER_CARDIAC_DEATH = "donationAfterCardiacDeath";
  private static final String DONOR_DIABETES = "donorDiabetes";
  private static final String INFECTION_MARKERS_NORMAL = "infectionMarkersNormal";
  private static final String DONOR_MALIGNANCY = "donorMalignancy";
  private static final String DONOR_ACCEPTED = "donorAccepted";
  private static final String DONOR_REJECTION_REASON = "donorRejectionReason";

  // The rejection reasons, exactly as the table writes them (they end the isolation process in Cockpit).
  private static final String DCD = "Donation after cardiac death (protocol: brain-dead donors only)";
  private static final String AGE_UNDER_15 = "Donor age under 15 years (accepted: 15 to 65)";
  private static final String AGE_OVER_65 = "Donor age over 65 years (accepted: 15 to 65)";
  private static final String BMI_INVALID = "Invalid donor BMI: must be greater than 0 kg/m2";
  private static final String BMI_30_OR_MORE = "Donor BMI 30 kg/m2 or more (protocol: lower than 30)";
  private static final String DIABETES = "Donor diabetes history (protocol: no diabetes)";
  private static final String HBA1C_INVALID = "Invalid donor HbA1c: must be greater than 0 %";
  private static final String HBA1C_TOO_HIGH = "Donor HbA1c above 6.1 %";
  private static final String INFECTION = "Donor infection markers not normal";
  private static final String MALIGNANCY = "Donor malignancy";
  private static final String COLD_ISCHEMIA_NEGATIVE = "Invalid cold ischaemia time: cannot be negative";
  private static final String COLD_ISCHEMIA_OVER_12 = "Cold ischaemia time over 12 hours";
  private static final String DATA_INCOMPLETE = "Incomplete donor data: an acceptance criterion was not recorded";

  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() {
    decision = DecisionTables.decision(DMN_RESOURCE, DECISION_KEY);
  }

  /** A brain-dead 42-year-old donor meeting every criterion. */
  private static VariableMap acceptableDonor() {
    return Variables.createVariables()
        .putValue(DONOR_AGE_YEARS, 42.0)
        .putValue(DONOR_BMI, 24.5)
        .putValue(DONOR_HBA1C_PERCENT, 5.4)
        .putValue(COLD_ISCHEMIA_HOURS, 7.5)
        .putValue(DONATION_AFTER_CARDIAC_DEATH, false)
        .putValue(DONOR_DIABETES, false)
        .putValue(INFECTION_MARKERS_NORMAL, true)
        .putValue(DONOR_MALIGNANCY, false);
  }

  private static VariableMap acceptableDonorWith(String variable, Object value) {
    return acceptableDonor().putValue(variable, value);
  }

  /** The two outputs of one evaluation; FIRST with a catch-all always gives exactly one matching rule. */
  private record Outcome(Boolean donorAccepted, String donorRejectionReason) {}

  private static Outcome accepted() {
    return new Outcome(true, "");
  }

  private static Outcome rejected(String reason) {
    return new Outcome(false, reason);
  }

  private static Outcome evaluate(VariableMap variables) {
    DmnDecisionResultEntries result = catchAllResult(decision, variables);
    return new Outcome(result.getEntry(DONOR_ACCEPTED), result.getEntry(DONOR_REJECTION_REASON));
  }

  // --- the table itself: contract names, types, hit policy, retention, one cited source per rule ---

  @Test
  void decisionTableFollowsThePancreasDonorAcceptanceContract() {
    DmnModelInstance model = DecisionTables.model(DMN_RESOURCE);
    Decision donorAcceptance = model.getModelElementById(DECISION_KEY);
    assertThat(donorAcceptance.getName()).isEqualTo("Pancreas donor acceptance");
    assertThat(donorAcceptance.getCamundaHistoryTimeToLiveString()).isEqualTo("P9131D");
    DecisionTable table = (DecisionTable) donorAcceptance.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);

    Map<String, String> inputTypes = inputTypes(table);
    assertThat(inputTypes).containsExactly(
        Map.entry(DONOR_AGE_YEARS, "double"),
        Map.entry(DONOR_BMI, "double"),
        Map.entry(DONOR_HBA1C_PERCENT, "double"),
        Map.entry(COLD_ISCHEMIA_HOURS, "double"),
        Map.entry(DONATION_AFTER_CARDIAC_DEATH, "boolean"),
        Map.entry(DONOR_DIABETES, "boolean"),
        Map.entry(INFECTION_MARKERS_NORMAL, "boolean"),
        Map.entry(DONOR_MALIGNANCY, "boolean"));

    Map<String, String> outputTypes = outputTypes(table);
    assertThat(outputTypes).containsExactly(
        Map.entry(DONOR_ACCEPTED, "boolean"), Map.entry(DONOR_REJECTION_REASON, "string"));

    assertEveryRuleCites(table, "domain.md Part A, pancreas donor");
    List<String> reasons = ruleOutputs(table, 1);
    assertThat(reasons).containsExactly(
        quoted(DCD), quoted(AGE_UNDER_15), quoted(AGE_OVER_65), quoted(BMI_INVALID), quoted(BMI_30_OR_MORE),
        quoted(DIABETES), quoted(HBA1C_INVALID), quoted(HBA1C_TOO_HIGH), quoted(INFECTION), quoted(MALIGNANCY),
        quoted(COLD_ISCHEMIA_NEGATIVE), quoted(COLD_ISCHEMIA_OVER_12), quoted(""), quoted(DATA_INCOMPLETE));

    Rule bmiRule = model.getModelElementById("Rule_DonorBmi30OrMore");
    assertThat(bmiRule.getDescription().getTextContent())
        .as("the protocol-vs-literature flag on donor BMI").contains("Part B 9.2", "stricter than CIT", "opposite");

    Rule catchAll = lastRule(table);
    assertThat(catchAll.getInputEntries()).extracting(InputEntry::getTextContent).containsOnly("-");
  }

  // --- the accept rule ---

  @Test
  void brainDeadDonorMeetingEveryCriterionIsAccepted() {
    assertThat(evaluate(acceptableDonor())).isEqualTo(accepted());
  }

  // --- one reject rule per criterion, in table order ---

  @Test
  void donationAfterCardiacDeathIsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONATION_AFTER_CARDIAC_DEATH, true))).isEqualTo(rejected(DCD));
  }

  @Test
  void donorYoungerThan15IsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONOR_AGE_YEARS, 12.0))).isEqualTo(rejected(AGE_UNDER_15));
  }

  @Test
  void donorOlderThan65IsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONOR_AGE_YEARS, 70.0))).isEqualTo(rejected(AGE_OVER_65));
  }

  @Test
  void donorBmiOfZeroOrLessIsRejectedAsInvalid() {
    assertThat(evaluate(acceptableDonorWith(DONOR_BMI, -24.5))).isEqualTo(rejected(BMI_INVALID));
  }

  @Test
  void donorWithBmi30OrMoreIsRejectedAsTheProtocolRequires() {
    assertThat(evaluate(acceptableDonorWith(DONOR_BMI, 33.0))).isEqualTo(rejected(BMI_30_OR_MORE));
  }

  @Test
  void donorWithDiabetesIsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONOR_DIABETES, true))).isEqualTo(rejected(DIABETES));
  }

  @Test
  void donorHba1cOfZeroOrLessIsRejectedAsInvalid() {
    assertThat(evaluate(acceptableDonorWith(DONOR_HBA1C_PERCENT, 0.0))).isEqualTo(rejected(HBA1C_INVALID));
  }

  @Test
  void donorWithHba1cAbove6Point1IsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONOR_HBA1C_PERCENT, 6.8))).isEqualTo(rejected(HBA1C_TOO_HIGH));
  }

  @Test
  void donorWithAbnormalInfectionMarkersIsRejected() {
    assertThat(evaluate(acceptableDonorWith(INFECTION_MARKERS_NORMAL, false))).isEqualTo(rejected(INFECTION));
  }

  @Test
  void donorWithMalignancyIsRejected() {
    assertThat(evaluate(acceptableDonorWith(DONOR_MALIGNANCY, true))).isEqualTo(rejected(MALIGNANCY));
  }

  @Test
  void negativeColdIschaemiaTimeIsRejectedAsInvalid() {
    assertThat(evaluate(acceptableDonorWith(COLD_ISCHEMIA_HOURS, -1.0))).isEqualTo(rejected(COLD_ISCHEMIA_NEGATIVE));
  }

  @Test
  void coldIschaemiaOver12HoursIsRejected() {
    assertThat(evaluate(acceptableDonorWith(COLD_ISCHEMIA_HOURS, 14.0))).isEqualTo(rejected(COLD_ISCHEMIA_OVER_12));
  }

  // --- boundaries: at, just below and just above each threshold ---

  @ParameterizedTest(name = "donorAgeYears {0} -> accepted {1}, reason ''{2}''")
  @CsvSource({
      "-1.0,  false, 'Donor age under 15 years (accepted: 15 to 65)'",
      "14.9,  false, 'Donor age under 15 years (accepted: 15 to 65)'",
      "15.0,  true,  ''",
      "15.1,  true,  ''",
      "64.9,  true,  ''",
      "65.0,  true,  ''",
      "65.1,  false, 'Donor age over 65 years (accepted: 15 to 65)'"})
  void donorAgeIs15To65Inclusive(double age, boolean accepted, String reason) {
    assertThat(evaluate(acceptableDonorWith(DONOR_AGE_YEARS, age))).isEqualTo(new Outcome(accepted, reason));
  }

  @ParameterizedTest(name = "donorBmi {0} -> accepted {1}, reason ''{2}''")
  @CsvSource({
      "-1.0, false, 'Invalid donor BMI: must be greater than 0 kg/m2'",
      "0.0,  false, 'Invalid donor BMI: must be greater than 0 kg/m2'",
      "0.1,  true,  ''",
      "29.9, true,  ''",
      "30.0, false, 'Donor BMI 30 kg/m2 or more (protocol: lower than 30)'",
      "30.1, false, 'Donor BMI 30 kg/m2 or more (protocol: lower than 30)'"})
  void donorBmiIsUnder30(double bmi, boolean accepted, String reason) {
    assertThat(evaluate(acceptableDonorWith(DONOR_BMI, bmi))).isEqualTo(new Outcome(accepted, reason));
  }

  @ParameterizedTest(name = "donorHba1cPercent {0} -> accepted {1}, reason ''{2}''")
  @CsvSource({
      "0.0, false, 'Invalid donor HbA1c: must be greater than 0 %'",
      "6.0, true,  ''",
      "6.1, true,  ''",
      "6.2, false, 'Donor HbA1c above 6.1 %'"})
  void donorHba1cIsAtMost6Point1(double hba1c, boolean accepted, String reason) {
    assertThat(evaluate(acceptableDonorWith(DONOR_HBA1C_PERCENT, hba1c))).isEqualTo(new Outcome(accepted, reason));
  }

  @ParameterizedTest(name = "coldIschemiaHours {0} -> accepted {1}, reason ''{2}''")
  @CsvSource({
      "-0.1, false, 'Invalid cold ischaemia time: cannot be negative'",
      "0.0,  true,  ''",
      "11.9, true,  ''",
      "12.0, true,  ''",
      "12.1, false, 'Cold ischaemia time over 12 hours'"})
  void coldIschaemiaIsAtMost12Hours(double hours, boolean accepted, String reason) {
    assertThat(evaluate(acceptableDonorWith(COLD_ISCHEMIA_HOURS, hours))).isEqualTo(new Outcome(accepted, reason));
  }

  // --- rule order and incomplete donor data ---

  @Test
  void firstFailingCriterionInTableOrderIsTheReason() {
    VariableMap dcdDonorWithHighBmi = acceptableDonor().putValue(DONATION_AFTER_CARDIAC_DEATH, true).putValue(DONOR_BMI, 35.0);
    VariableMap oldDonorWithLongColdIschaemia =
        acceptableDonor().putValue(DONOR_AGE_YEARS, 70.0).putValue(COLD_ISCHEMIA_HOURS, 20.0);
    VariableMap diabeticDonorWithHighHba1c =
        acceptableDonor().putValue(DONOR_DIABETES, true).putValue(DONOR_HBA1C_PERCENT, 8.0);

    assertThat(evaluate(dcdDonorWithHighBmi)).isEqualTo(rejected(DCD));
    assertThat(evaluate(oldDonorWithLongColdIschaemia)).isEqualTo(rejected(AGE_OVER_65));
    assertThat(evaluate(diabeticDonorWithHighHba1c)).isEqualTo(rejected(DIABETES));
  }

  static Stream<String> donorInputs() {
    return Stream.of(DONOR_AGE_YEARS, DONOR_BMI, DONOR_HBA1C_PERCENT, COLD_ISCHEMIA_HOURS,
        DONATION_AFTER_CARDIAC_DEATH, DONOR_DIABETES, INFECTION_MARKERS_NORMAL, DONOR_MALIGNANCY);
  }

  @ParameterizedTest(name = "{0} recorded as null")
  @MethodSource("donorInputs")
  void donorWithAnUnrecordedCriterionIsNeverAccepted(String input) {
    assertThat(evaluate(acceptableDonorWith(input, null))).isEqualTo(rejected(DATA_INCOMPLETE));
  }

  @ParameterizedTest(name = "{0} absent")
  @MethodSource("donorInputs")
  void donorWithAMissingCriterionVariableIsNeverAccepted(String input) {
    VariableMap variables = acceptableDonor();
    variables.remove(input);

    assertThat(evaluate(variables)).isEqualTo(rejected(DATA_INCOMPLETE));
  }

  @Test
  void emptyDonorOfferIsRejected() {
    assertThat(evaluate(Variables.createVariables())).isEqualTo(rejected(DATA_INCOMPLETE));
  }

  @Test
  void wholeNumbersAsSubmittedByFormsAreAccepted() {
    VariableMap fromForm = acceptableDonor().putValue(DONOR_AGE_YEARS, 65L).putValue(DONOR_BMI, 29L)
        .putValue(COLD_ISCHEMIA_HOURS, 12L);

    assertThat(evaluate(fromForm)).isEqualTo(accepted());
    assertThat(evaluate(fromForm.putValue(DONOR_BMI, 30L))).isEqualTo(rejected(BMI_30_OR_MORE));
  }
}

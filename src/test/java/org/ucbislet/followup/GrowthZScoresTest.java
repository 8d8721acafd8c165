package org.ucbislet.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the WHO growth z-scores, each computed by hand from the rows of
 * src/main/resources/who-growth/*.csv (copies of the tables of docs/clinical/data/who-growth/README.md, WHO 2006 standards and WHO
 * 2007 reference) with the LMS formula of domain.md B 8: z = ((X/M)^L - 1)/(L·S); the computation is in
 * the comment of each test.
 */
class GrowthZScoresTest {

  private static final Offset<Double> EXACT = within(1e-9);
  private static final LocalDate BORN = LocalDate.of(2020, 1, 1);

  private final GrowthZScores who = GrowthZScores.who();

  private static LocalDate ageDays(long days) {
    return BORN.plusDays(days);
  }

  @Test
  void boyAtBirthWithTheMedianWeightHasZeroWeightForAge() {
    // weight-for-age.csv "1,day,0,0.3487,3.3464,0.14602": X = M = 3.3464 kg -> (1^L - 1)/(L·S) = 0
    ZScore z = who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 0, 3.3464);
    assertThat(z.value()).isCloseTo(0.0, EXACT);
    assertThat(z.reference()).isEqualTo(WhoGrowthReference.WHO_2006);
    assertThat(z.restricted()).isFalse();
  }

  @Test
  void boyAtBirthWithTheWeightAtOneSdAboveTheMedianHasWeightForAgeOne() {
    // same row: X = M·(1 + L·S)^(1/L) = 3.3464 · (1 + 0.3487·0.14602)^(1/0.3487)
    //         = 3.3464 · 1.050917174^2.867794666 = 3.3464 · 1.153065... = 3.858618571 kg
    // z = ((X/M)^L - 1)/(L·S) = (1.050917174 - 1)/0.050917174 = 1
    double x = 3.3464 * Math.pow(1 + 0.3487 * 0.14602, 1 / 0.3487);
    assertThat(x).isCloseTo(3.858618571, within(1e-9));
    assertThat(who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 0, x).value()).isCloseTo(1.0, EXACT);
  }

  @Test
  void heightForAgeOfA2006TableAgeUsesLEqualsOne() {
    // height-for-age.csv "2,day,365,1,74.0049,0.03479": girl of 365 days, 72.0 cm lying (L = 1):
    // z = (X - M)/(S·M) = (72.0 - 74.0049)/(0.03479 · 74.0049) = -2.0049/2.574630471 = -0.778713692
    GrowthAssessment a = who.assess(GrowthSex.FEMALE, BORN, ageDays(365), 72.0, 9.0, MeasurementPosition.RECUMBENT);
    assertThat(a.ageDays()).isEqualTo(365);
    assertThat(a.heightForAge().value()).isCloseTo(-0.7787136921522143, EXACT);
    assertThat(a.heightForAge().reference()).isEqualTo(WhoGrowthReference.WHO_2006);
  }

  @Test
  void heightForAgeOfA2007TableAgeAtAWholeMonth() {
    // 2922 days = 96.0 months exactly (2922 / 30.4375); height-for-age.csv "1,month,96,1,127.2651,0.04438":
    // boy 130.0 cm: z = (130.0 - 127.2651)/(0.04438 · 127.2651) = 2.7349/5.648025138 = 0.484222349
    GrowthAssessment a = who.assess(GrowthSex.MALE, BORN, ageDays(2922), 130.0, 26.0, MeasurementPosition.STANDING);
    assertThat(a.ageMonths()).isEqualTo(96.0);
    assertThat(a.heightForAge().value()).isCloseTo(0.4842223490826085, EXACT);
    assertThat(a.heightForAge().reference()).isEqualTo(WhoGrowthReference.WHO_2007);
  }

  @Test
  void between2007MonthRowsLmsIsInterpolatedLinearly() {
    // 2000 days = 65.708418891 months: rows 65 "1,112.3895,0.04195" and 66 "1,112.9110,0.04203", fraction 0.708418891:
    // M = 112.3895 + 0.5215 · 0.708418891 = 112.758940452, S = 0.04195 + 0.00008 · 0.708418891 = 0.042006674
    // boy 112.0 cm: z = (112.0 - 112.758940452)/(0.042006674 · 112.758940452) = -0.758940452/4.736627998 = -0.160228004
    GrowthAssessment a = who.assess(GrowthSex.MALE, BORN, ageDays(2000), 112.0, 19.0, MeasurementPosition.STANDING);
    assertThat(a.heightForAge().value()).isCloseTo(-0.1602280044412009, within(1e-9));
  }

  @Test
  void bmiForAgeOfA2007TableAgeWithLNotOne() {
    // 4383 days = 144.0 months; bmi-for-age.csv "2,month,144,-1.4006,17.9966,0.13129"; girl 150 cm, 40 kg:
    // BMI = 40 / 1.5^2 = 17.777777778; z = ((17.777777778/17.9966)^-1.4006 - 1)/(-1.4006 · 0.13129)
    //     = (1.017245... - 1)/(-0.183884774) = -0.093982956
    GrowthAssessment a = who.assess(GrowthSex.FEMALE, BORN, ageDays(4383), 150.0, 40.0, MeasurementPosition.STANDING);
    assertThat(a.bmi()).isCloseTo(17.77777777777778, EXACT);
    assertThat(a.bmiForAge().value()).isCloseTo(-0.09398295567866453, EXACT);
    assertThat(a.bmiForAge().restricted()).isFalse();
    assertThat(a.weightForAge().defined()).as("weight-for-age beyond 10 years").isFalse();
  }

  @Test
  void weightAbove3SdUsesWhosRestrictedApplication() {
    // boy at birth, 6.0 kg; row "0.3487,3.3464,0.14602": plain LMS z = 4.4347 (> 3), so
    // SD3pos = 3.3464 · (1 + 3 · 0.3487 · 0.14602)^(1/0.3487) = 5.030639251, SD2pos = ... (k = 2) = 4.419353801
    // z = 3 + (6.0 - 5.030639251)/(5.030639251 - 4.419353801) = 3 + 0.969360749/0.61128545 = 4.585774285
    ZScore z = who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 0, 6.0);
    assertThat(z.value()).isCloseTo(4.585774285207116, EXACT);
    assertThat(z.restricted()).isTrue();
  }

  @Test
  void weightBelowMinus3SdUsesTheMirroredRestriction() {
    // boy of 96 months, 15 kg; weight-for-age.csv "1,month,96,-0.5482,25.4163,0.14344": plain z = -4.263
    // SD3neg = 25.4163 · (1 - 3 · -0.5482 · 0.14344)^(1/-0.5482) = 17.271094362, SD2neg = 19.471501788
    // z = -3 + (15 - 17.271094362)/(19.471501788 - 17.271094362) = -3 - 2.271094362/2.200407426 = -4.032124476
    ZScore z = who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 2922, 15.0);
    assertThat(z.value()).isCloseTo(-4.032124475879069, EXACT);
    assertThat(z.restricted()).isTrue();
  }

  @Test
  void heightIsNeverRestrictedBeyond3Sd() {
    // height-for-age has L = 1 and no restriction: girl of 365 days, 60 cm: (60 - 74.0049)/(0.03479 · 74.0049)
    ZScore z = who.zScore(GrowthIndicator.HEIGHT_FOR_AGE, GrowthSex.FEMALE, 365, 60.0);
    assertThat(z.value()).isCloseTo((60.0 - 74.0049) / (0.03479 * 74.0049), EXACT).isLessThan(-3);
    assertThat(z.restricted()).isFalse();
  }

  @Test
  void weightForAgeIsDefinedTo120MonthsOnly() {
    // 3652 days = 119.98 months (defined, interpolated between 119 and 120); 3653 days = 120.02 months (not defined)
    assertThat(who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 3652, 31.0).defined()).isTrue();
    ZScore beyond = who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 3653, 31.0);
    assertThat(beyond.defined()).isFalse();
    assertThat(beyond.note()).contains("not defined beyond 10 years");
    assertThat(who.zScore(GrowthIndicator.HEIGHT_FOR_AGE, GrowthSex.MALE, 3653, 140.0).defined()).isTrue();
  }

  @Test
  void the2006TablesEndAtDay1826AndThe2007ReferenceStartsAtDay1827() {
    // day 1826: weight-for-age.csv "1,day,1826,-0.1506,18.3352,0.13517": the median has z = 0
    assertThat(who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 1826, 18.3352).value()).isCloseTo(0.0, EXACT);
    // day 1827 = 60.0246 months: between rows 60 (M 18.3328) and 61 (M 18.5057)
    ZScore next = who.zScore(GrowthIndicator.WEIGHT_FOR_AGE, GrowthSex.MALE, 1827, 18.3352);
    assertThat(next.reference()).isEqualTo(WhoGrowthReference.WHO_2007);
    assertThat(next.value()).isNegative();
  }

  @Test
  void lengthMeasuredStandingBeforeTwoYearsGetsWhos07CmCorrection() {
    // girl of 400 days measured standing at 75.0 cm -> 75.7 cm lying; "2,day,400,1,75.3848,0.03498":
    // z = (75.7 - 75.3848)/(0.03498 · 75.3848) = 0.3152/2.636960304 = 0.119531568
    GrowthAssessment a = who.assess(GrowthSex.FEMALE, BORN, ageDays(400), 75.0, 9.5, MeasurementPosition.STANDING);
    assertThat(a.heightUsedCm()).isCloseTo(75.7, EXACT);
    assertThat(a.heightForAge().value()).isCloseTo(0.11953156804138541, within(1e-9));
    assertThat(a.bmi()).isCloseTo(9.5 / (0.757 * 0.757), EXACT);
    // from 731 days a lying measurement loses 0.7 cm; from 5 years nothing changes
    assertThat(who.assess(GrowthSex.FEMALE, BORN, ageDays(800), 85.0, 11.0, MeasurementPosition.RECUMBENT).heightUsedCm())
        .isCloseTo(84.3, EXACT);
    assertThat(who.assess(GrowthSex.FEMALE, BORN, ageDays(2000), 110.0, 18.0, MeasurementPosition.RECUMBENT).heightUsedCm())
        .isEqualTo(110.0);
  }

  @Test
  void lmsWithLZeroUsesTheLogarithm() {
    // no WHO row has L = 0; the formula's other branch: z = ln(X/M)/S, X = M·exp(S·z)
    Lms lms = new Lms(0, 10.0, 0.1);
    assertThat(lms.z(10.0 * Math.exp(0.1))).isCloseTo(1.0, EXACT);
    assertThat(lms.valueAt(-2)).isCloseTo(10.0 * Math.exp(-0.2), EXACT);
  }

  @Test
  void nothingIsDefinedBeyond19YearsAndAMeasurementBeforeBirthIsRefused() {
    GrowthAssessment adult = who.assess(GrowthSex.MALE, BORN, ageDays(7000), 175.0, 70.0, MeasurementPosition.STANDING);
    assertThat(adult.heightForAge().defined()).isFalse();
    assertThat(adult.bmiForAge().defined()).isFalse();
    assertThatThrownBy(() -> who.assess(GrowthSex.MALE, BORN, BORN.minusDays(1), 50.0, 3.0, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the date of birth");
    assertThatThrownBy(() -> GrowthSex.fromVariable("unknown")).isInstanceOf(IllegalArgumentException.class);
  }
}

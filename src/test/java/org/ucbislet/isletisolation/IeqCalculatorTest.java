package org.ucbislet.isletisolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers for the islet equivalent calculation (domain.md Part A IEQ, Part B 4.1), worked by hand in
 * the comments, and the validation of every input field.
 */
class IeqCalculatorTest {

  private static final double EXACT = 1e-9;

  /** A realistic sample count: 320 islets counted in a 100 uL aliquot of a 50 mL islet suspension. */
  private static Map<String, Long> sampleCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("50-100", 120L);
    counts.put("100-150", 90L);
    counts.put("150-200", 60L);
    counts.put("200-250", 30L);
    counts.put("250-300", 12L);
    counts.put("300-350", 5L);
    counts.put(">=350", 3L);
    return counts;
  }

  private static Map<String, Long> counts(String diameterClass, long count) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(diameterClass, count);
    return counts;
  }

  // --- the factors ---

  @Test
  void theSevenDiameterClassesHaveTheFactorsOfDomainPartA() {
    assertThat(IeqCalculator.DIAMETER_CLASSES)
        .containsExactly("50-100", "100-150", "150-200", "200-250", "250-300", "300-350", ">=350");
    assertThat(IeqCalculator.FACTORS).containsExactly(
        Map.entry("50-100", new BigDecimal("0.167")),
        Map.entry("100-150", new BigDecimal("0.648")),
        Map.entry("150-200", new BigDecimal("1.685")),
        Map.entry("200-250", new BigDecimal("3.500")),
        Map.entry("250-300", new BigDecimal("6.315")),
        Map.entry("300-350", new BigDecimal("10.352")),
        Map.entry(">=350", new BigDecimal("15.833")));
  }

  /**
   * Part B 4.1: factor = (d_low^3 + d_high^3) / (2 x 150^3), the class >= 350 taken as 350-400 um; e.g.
   * 50-100: (125,000 + 1,000,000) / 6,750,000 = 0.16667 -> 0.167; >=350: (42,875,000 + 64,000,000) /
   * 6,750,000 = 15.8333 -> 15.833.
   */
  @ParameterizedTest(name = "{0}: ({1}^3 + {2}^3) / (2 x 150^3)")
  @CsvSource({
      "50-100, 50, 100", "100-150, 100, 150", "150-200, 150, 200", "200-250, 200, 250",
      "250-300, 250, 300", "300-350, 300, 350", ">=350, 350, 400"})
  void eachFactorIsTheMeanSphereVolumeOfItsClassRelativeToA150MicrometreIslet(String diameterClass, int low, int high) {
    double meanVolumeRatio = (Math.pow(low, 3) + Math.pow(high, 3)) / (2 * Math.pow(150, 3));

    assertThat(IeqCalculator.FACTORS.get(diameterClass).doubleValue()).isCloseTo(meanVolumeRatio, within(0.0005));
  }

  @ParameterizedTest(name = "one islet of {0} um = {1} IEQ")
  @CsvSource({
      "50-100, 0.167", "100-150, 0.648", "150-200, 1.685", "200-250, 3.5",
      "250-300, 6.315", "300-350, 10.352", ">=350, 15.833"})
  void oneIsletOfAClassIsWorthItsFactor(String diameterClass, double factor) {
    // 1 islet x factor = factor IEQ; 1 kg: the same per kg; index = factor / 1
    IeqResult result = IeqCalculator.calculate(new IsletCounts(counts(diameterClass, 1)), 1.0);

    assertThat(result).isEqualTo(new IeqResult(1, factor, factor, factor));
  }

  // --- known answers ---

  @Test
  void wholeProductCountKnownAnswer() {
    // 120 x 0.167 = 20.04;  90 x 0.648 = 58.32;  60 x 1.685 = 101.1;  30 x 3.500 = 105.0;
    // 12 x 6.315 = 75.78;  5 x 10.352 = 51.76;  3 x 15.833 = 47.499
    // IEQ = 20.04 + 58.32 + 101.1 + 105.0 + 75.78 + 51.76 + 47.499 = 459.499
    // islets = 120 + 90 + 60 + 30 + 12 + 5 + 3 = 320; IEQ/kg = 459.499 / 25 = 18.37996
    // particle index = 459.499 / 320 = 1.435934375
    IeqResult result = IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0);

    assertThat(result.islets()).isEqualTo(320);
    assertThat(result.ieq()).isCloseTo(459.499, within(EXACT));
    assertThat(result.ieqPerKg()).isCloseTo(18.37996, within(EXACT));
    assertThat(result.isletParticleIndex()).isCloseTo(1.435934375, within(EXACT));
  }

  @Test
  void sampleCountIsScaledUpToTheWholeSuspension() {
    // scale = 50 mL x 1000 / 100 uL = 500
    // IEQ = 459.499 x 500 = 229,749.5; islets = 320 x 500 = 160,000
    // IEQ/kg = 229,749.5 / 25 = 9,189.98 (above the 5,000 IEQ/kg first-infusion threshold)
    // particle index = 229,749.5 / 160,000 = 1.435934375 (the scale cancels)
    IeqResult result = IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, 100.0, 50.0);

    assertThat(result.islets()).isEqualTo(160_000);
    assertThat(result.ieq()).isCloseTo(229_749.5, within(EXACT));
    assertThat(result.ieqPerKg()).isCloseTo(9_189.98, within(EXACT));
    assertThat(result.isletParticleIndex()).isCloseTo(1.435934375, within(EXACT));
  }

  @Test
  void scaleThatIsNotAWholeNumberIsAppliedWithoutRoundingTheIeq() {
    // 3 islets of 100-150 um in 30 uL of a 12.5 mL suspension: scale = 12,500 / 30 = 416.67
    // IEQ = 3 x 0.648 x 12,500 / 30 = 1.944 x 12,500 / 30 = 24,300 / 30 = 810 exactly
    // islets = 3 x 12,500 / 30 = 1,250; IEQ/kg at 18 kg = 810 / 18 = 45; index = 1.944 / 3 = 0.648
    IeqResult result = IeqCalculator.calculate(new IsletCounts(counts("100-150", 3)), 18.0, 30.0, 12.5);

    assertThat(result).isEqualTo(new IeqResult(1_250, 810.0, 45.0, 0.648));
  }

  @Test
  void scaledIsletNumberIsRoundedToAWholeIsletButTheIeqIsNot() {
    // 1 islet of 50-100 um in 40 uL of 0.1 mL: scale = 100 / 40 = 2.5
    // islets = 2.5 -> 3 (half up); IEQ = 0.167 x 2.5 = 0.4175; IEQ/kg at 10 kg = 0.04175; index = 0.167
    IeqResult result = IeqCalculator.calculate(new IsletCounts(counts("50-100", 1)), 10.0, 40.0, 0.1);

    assertThat(result).isEqualTo(new IeqResult(3, 0.4175, 0.04175, 0.167));
  }

  @Test
  void largeProductKnownAnswer() {
    // 1,000 islets of 100-150 um and 500 of 150-200 um: 1,000 x 0.648 + 500 x 1.685 = 648 + 842.5 = 1,490.5
    // sample 50 uL of 200 mL: scale 4,000 -> IEQ 5,962,000; islets 6,000,000; at 32.5 kg: 183,446.153846...
    Map<String, Long> counts = counts("100-150", 1_000);
    counts.put("150-200", 500L);

    IeqResult result = IeqCalculator.calculate(new IsletCounts(counts), 32.5, 50.0, 200.0);

    assertThat(result.islets()).isEqualTo(6_000_000);
    assertThat(result.ieq()).isCloseTo(5_962_000.0, within(EXACT));
    assertThat(result.ieqPerKg()).isCloseTo(5_962_000.0 / 32.5, within(1e-6));
    assertThat(result.isletParticleIndex()).isCloseTo(1_490.5 / 1_500, within(EXACT));
  }

  @Test
  void productBeforeAllocationHasNoDosePerKg() {
    // the sample count above before a recipient is chosen (islet isolation): scale 500,
    // IEQ 229,749.5, islets 160,000, particle index 1.435934375, and no IEQ/kg (no recipient weight yet)
    IeqResult product = IeqCalculator.calculateProduct(new IsletCounts(sampleCounts()), 100.0, 50.0);

    assertThat(product.islets()).isEqualTo(160_000);
    assertThat(product.ieq()).isCloseTo(229_749.5, within(EXACT));
    assertThat(product.ieqPerKg()).isNull();
    assertThat(product.isletParticleIndex()).isCloseTo(1.435934375, within(EXACT));
    assertThat(IeqCalculator.calculateProduct(new IsletCounts(sampleCounts()), null, null).ieq())
        .isCloseTo(459.499, within(EXACT));
    assertRefused(() -> IeqCalculator.calculateProduct(new IsletCounts(sampleCounts()), 100.0, null),
        "suspensionVolumeMl", "give both volumes, or neither");
  }

  @Test
  void noIsletCountedGivesZeroIeqAndNoParticleIndex() {
    // 0 islets: IEQ 0, IEQ/kg 0; IEQ / islets = 0 / 0 is undefined, answered as null (not 0)
    IeqResult result = IeqCalculator.calculate(new IsletCounts(counts("150-200", 0)), 20.0, 100.0, 50.0);

    assertThat(result).isEqualTo(new IeqResult(0, 0.0, 0.0, null));
  }

  @Test
  void classesNotGivenCountZero() {
    IsletCounts counts = new IsletCounts(counts("200-250", 4));

    assertThat(counts.perClass()).containsOnlyKeys(IeqCalculator.DIAMETER_CLASSES).containsEntry("200-250", 4L)
        .containsEntry("50-100", 0L);
    // 4 x 3.500 = 14.0 IEQ; at 7 kg: 2.0 IEQ/kg
    assertThat(IeqCalculator.calculate(counts, 7.0)).isEqualTo(new IeqResult(4, 14.0, 2.0, 3.5));
  }

  @Test
  void wholeNumbersFromJsonOrFormsAreAcceptedWhateverTheirJavaType() {
    Map<String, Number> numbers = new LinkedHashMap<>();
    numbers.put("50-100", 12);
    numbers.put("100-150", 3L);
    numbers.put("150-200", new BigDecimal("2.000"));
    numbers.put("200-250", 1.0);

    assertThat(IsletCounts.fromNumbers(numbers).perClass()).containsEntry("50-100", 12L).containsEntry("100-150", 3L)
        .containsEntry("150-200", 2L).containsEntry("200-250", 1L);
  }

  // --- validation: every refusal names the field ---

  @Test
  void negativeCountIsRefusedNamingTheClass() {
    assertRefused(() -> new IsletCounts(counts("100-150", -1)), "counts.100-150", "must not be negative");
  }

  @ParameterizedTest(name = "class key ''{0}''")
  @ValueSource(strings = {"400-450", "50 - 100", ">350", "350-400", ""})
  void unknownDiameterClassIsRefusedNotIgnored(String diameterClass) {
    assertRefused(() -> new IsletCounts(counts(diameterClass, 5)), "counts." + diameterClass,
        "unknown diameter class; expected one of 50-100, 100-150, 150-200, 200-250, 250-300, 300-350, >=350");
  }

  @Test
  void countGivenAsNullIsRefused() {
    Map<String, Long> counts = sampleCounts();
    counts.put(">=350", null);

    assertRefused(() -> new IsletCounts(counts), "counts.>=350", "must be a whole number");
  }

  @Test
  void fractionalCountIsRefusedNotTruncated() {
    assertRefused(() -> IsletCounts.fromNumbers(Map.of("150-200", new BigDecimal("12.5"))), "counts.150-200",
        "must be a whole number of islets (was 12.5)");
    assertRefused(() -> IsletCounts.fromNumbers(Map.of("150-200", 0.5)), "counts.150-200", "must be a whole number");
  }

  @Test
  void countBeyondTheRangeOfALongIsRefused() {
    assertRefused(() -> IsletCounts.fromNumbers(Map.of("50-100", new BigDecimal("1e30"))), "counts.50-100",
        "is too large");
    Map<String, Long> huge = counts("50-100", Long.MAX_VALUE);
    huge.put("100-150", 1L);
    assertRefused(() -> new IsletCounts(huge).total(), "counts", "total islet count is too large");
  }

  @Test
  void missingCountsAreRefused() {
    assertRefused(() -> new IsletCounts(null), "counts", "is required");
    assertRefused(() -> IsletCounts.fromNumbers(null), "counts", "is required");
    assertRefused(() -> IeqCalculator.calculate(null, 20.0), "counts", "is required");
  }

  @ParameterizedTest(name = "recipientWeightKg {0}")
  @ValueSource(doubles = {0.0, -0.1, -25.0})
  void nonPositiveRecipientWeightIsRefused(double weight) {
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), weight), "recipientWeightKg",
        "must be greater than 0 (was " + weight + ")");
  }

  @Test
  void missingOrNonFiniteRecipientWeightIsRefused() {
    IsletCounts counts = new IsletCounts(sampleCounts());
    assertRefused(() -> IeqCalculator.calculate(counts, null), "recipientWeightKg", "is required");
    assertRefused(() -> IeqCalculator.calculate(counts, Double.NaN), "recipientWeightKg", "must be a finite number");
    assertRefused(() -> IeqCalculator.calculate(counts, Double.POSITIVE_INFINITY), "recipientWeightKg",
        "must be a finite number");
  }

  @Test
  void sampleVolumeWithoutSuspensionVolumeIsRefused() {
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, 100.0, null),
        "suspensionVolumeMl", "is required when sampleVolumeUl is given (give both volumes, or neither)");
  }

  @Test
  void suspensionVolumeWithoutSampleVolumeIsRefused() {
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, null, 50.0),
        "sampleVolumeUl", "is required when suspensionVolumeMl is given (give both volumes, or neither)");
  }

  @ParameterizedTest(name = "sampleVolumeUl {0}")
  @ValueSource(doubles = {0.0, -100.0})
  void nonPositiveSampleVolumeIsRefused(double sampleVolumeUl) {
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, sampleVolumeUl, 50.0),
        "sampleVolumeUl", "must be greater than 0");
  }

  @ParameterizedTest(name = "suspensionVolumeMl {0}")
  @ValueSource(doubles = {0.0, -50.0})
  void nonPositiveSuspensionVolumeIsRefused(double suspensionVolumeMl) {
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, 100.0, suspensionVolumeMl),
        "suspensionVolumeMl", "must be greater than 0");
  }

  @Test
  void sampleLargerThanTheSuspensionIsRefused() {
    // 600 uL cannot be taken from 0.5 mL (500 uL); the whole suspension (500 uL of 0.5 mL) can
    assertRefused(() -> IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, 600.0, 0.5),
        "sampleVolumeUl", "must not exceed the suspension volume");
    assertThat(IeqCalculator.calculate(new IsletCounts(sampleCounts()), 25.0, 500.0, 0.5).islets()).isEqualTo(320);
  }

  @Test
  void validationFailureIsAnIllegalArgumentExceptionWithFieldAndProblem() {
    IeqValidationException e = new IeqValidationException("recipientWeightKg", "must be greater than 0 (was 0.0)");

    assertThat(e).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recipientWeightKg: must be greater than 0 (was 0.0)");
    assertThat(List.of(e.field(), e.problem()))
        .containsExactly("recipientWeightKg", "must be greater than 0 (was 0.0)");
  }

  private static void assertRefused(ThrowingCallable call, String field, String problem) {
    assertThatThrownBy(call).isInstanceOfSatisfying(IeqValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.problem()).contains(problem);
      assertThat(e.getMessage()).startsWith(field + ": ");
    });
  }
}

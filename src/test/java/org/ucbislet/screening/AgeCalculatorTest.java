package org.ucbislet.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AgeCalculatorTest {

  @Test
  void birthdayGivesWholeYears() {
    assertThat(AgeCalculator.ageYears(LocalDate.of(2008, 11, 1), LocalDate.of(2026, 11, 1))).isEqualTo(18.0);
  }

  @Test
  void dayBeforeThe18thBirthdayIsUnder18() {
    assertThat(AgeCalculator.ageYears(LocalDate.of(2008, 11, 2), LocalDate.of(2026, 11, 1))).isLessThan(18.0).isGreaterThan(17.99);
  }

  @Test
  void halfAYearIsAboutHalf() {
    assertThat(AgeCalculator.ageYears(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 7, 2))).isCloseTo(5.5, within(0.01));
  }

  @Test
  void leapDayBirthdayCountsFromThe28thOfFebruaryInCommonYears() {
    assertThat(AgeCalculator.ageYears(LocalDate.of(2012, 2, 29), LocalDate.of(2025, 2, 28))).isEqualTo(13.0);
  }

  @Test
  void birthAfterTheReferenceDateIsNegative() {
    assertThat(AgeCalculator.ageYears(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1))).isNegative();
  }
}

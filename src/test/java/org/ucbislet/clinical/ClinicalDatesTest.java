package org.ucbislet.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ucbislet.islettransplant.InfusionNumber;

/** Known-answer tests of clinical dates and calendar months since the infusion (plain Java). */
class ClinicalDatesTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @ParameterizedTest(name = "{0} to {1} = {2} months")
  @CsvSource({
      "2027-03-01, 2027-03-01, 0.0",
      "2027-03-01, 2027-06-01, 3.0",
      "2027-03-01, 2027-05-31, 2.9677419355", // 2 months + 30 of the 31 days from 1 May to 1 June
      "2027-03-01, 2027-03-16, 0.4838709677", // 15/31
      "2027-01-31, 2027-02-28, 1.0",          // no 31 February: the month's last day
      "2027-01-31, 2027-04-30, 3.0",
      "2027-03-01, 2028-03-01, 12.0"})
  void monthsSinceInfusionAreCalendarMonths(String from, String on, double months) {
    assertThat(ClinicalDates.monthsBetween(LocalDate.parse(from), LocalDate.parse(on))).isCloseTo(months, within(1e-9));
  }

  @Test
  void dateBeforeTheInfusionIsRefused() {
    assertThatThrownBy(() -> ClinicalDates.monthsBetween(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 2, 28)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formValuesBecomeCalendarDates() {
    assertThat(ClinicalDates.toLocalDate("2027-03-01", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(ClinicalDates.toLocalDate("2027-03-08T00:00:00+08:00", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 8));
    assertThat(ClinicalDates.toLocalDate(Date.from(Instant.parse("2027-03-01T20:00:00Z")), SHANGHAI))
        .isEqualTo(LocalDate.of(2027, 3, 2));
    // a date and time with an offset is an instant: its date is the clinical zone's, as for a java.util.Date
    assertThat(ClinicalDates.toLocalDate("2027-03-01T20:00:00Z", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 2));
    assertThat(ClinicalDates.toLocalDate("2027-03-01T20:00:00.125Z", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 2));
    assertThat(ClinicalDates.toLocalDate("2027-03-02T01:00-05:00", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 2));
    assertThat(ClinicalDates.toLocalDate("2027-03-01T15:59:59Z", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 1));
    // a local date and time (no offset) is already the clinical zone's
    assertThat(ClinicalDates.toLocalDate("2027-03-01T23:00", SHANGHAI)).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThatThrownBy(() -> ClinicalDates.toLocalDate("2027-02-30T08:00:00Z", SHANGHAI))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2027-02-30T08:00:00Z");
    assertThat(ClinicalDates.toLocalDate(null, SHANGHAI)).isNull();
    assertThat(ClinicalDates.toLocalDate("", SHANGHAI)).isNull();
    assertThatThrownBy(() -> ClinicalDates.toLocalDate("01.03.2027", SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void infusionNumberDefaultsToTheFirstAndCountsOn() {
    assertThat(InfusionNumber.givenOrFirst(null)).isEqualTo(1);
    assertThat(InfusionNumber.givenOrFirst(2L)).isEqualTo(2);
    assertThat(InfusionNumber.next(1)).isEqualTo(2);
    assertThatThrownBy(() -> InfusionNumber.givenOrFirst(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InfusionNumber.givenOrFirst(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}

package org.ucbislet.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The reporting clocks from first awareness (domain.md B 6.3, ICH E2A), with known answers. */
class ReportingClockTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant AWARE = Instant.parse("2027-05-03T02:30:00Z"); // 10:30 in Shanghai

  @Test
  void readsTasklistsDateAndTimeAMessagesDateAndAJavaDate() {
    assertThat(ReportingClock.toInstant("2027-05-03T10:30+08:00", SHANGHAI)).isEqualTo(AWARE);
    assertThat(ReportingClock.toInstant("2027-05-03T02:30Z", SHANGHAI)).isEqualTo(AWARE);
    assertThat(ReportingClock.toInstant("2027-05-03T10:30", SHANGHAI)).as("local time in the clinical zone").isEqualTo(AWARE);
    assertThat(ReportingClock.toInstant("2027-05-03", SHANGHAI)).as("a date alone: its first moment")
        .isEqualTo(Instant.parse("2027-05-02T16:00:00Z"));
    assertThat(ReportingClock.toInstant(Date.from(AWARE), SHANGHAI)).isEqualTo(AWARE);
    assertThat(ReportingClock.toInstant(null, SHANGHAI)).isNull();
    assertThat(ReportingClock.toInstant(" ", SHANGHAI)).isNull();
    assertThatThrownBy(() -> ReportingClock.toInstant("03/05/2027", SHANGHAI)).hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> ReportingClock.toInstant(42, SHANGHAI)).hasMessageContaining("Integer");
  }

  @Test
  void initialReportIs24HoursAfterAwareness() {
    assertThat(ReportingClock.initialReportDue(AWARE, "PT24H")).isEqualTo(Instant.parse("2027-05-04T02:30:00Z"));
  }

  @Test
  void expeditedReportIs7Or15CalendarDaysAfterAwarenessOrNone() {
    assertThat(ReportingClock.expeditedReportDue(AWARE, 7, SHANGHAI)).isEqualTo(Instant.parse("2027-05-10T02:30:00Z"));
    assertThat(ReportingClock.expeditedReportDue(AWARE, 15, SHANGHAI)).isEqualTo(Instant.parse("2027-05-18T02:30:00Z"));
    assertThat(ReportingClock.expeditedReportDue(AWARE, 0, SHANGHAI)).isNull();
  }

  @Test
  void completeReportIs8DaysAfterThe7DayReportButNeverAfterDay15() {
    Instant day2 = AWARE.plusSeconds(2 * 86_400);
    assertThat(ReportingClock.completeReportDue(AWARE, day2, SHANGHAI)).as("sent on day 2: day 10")
        .isEqualTo(Instant.parse("2027-05-13T02:30:00Z"));
    Instant day7 = AWARE.plusSeconds(7 * 86_400);
    assertThat(ReportingClock.completeReportDue(AWARE, day7, SHANGHAI)).as("sent on day 7: day 15")
        .isEqualTo(Instant.parse("2027-05-18T02:30:00Z"));
    Instant day7Plus1s = day7.plusSeconds(1);
    assertThat(ReportingClock.completeReportDue(AWARE, day7Plus1s, SHANGHAI)).as("sent late: still day 15")
        .isEqualTo(Instant.parse("2027-05-18T02:30:00Z"));
    Instant day10 = AWARE.plusSeconds(10 * 86_400);
    assertThat(ReportingClock.completeReportDue(AWARE, day10, SHANGHAI)).as("sent on day 10: day 15")
        .isEqualTo(Instant.parse("2027-05-18T02:30:00Z"));
  }
}

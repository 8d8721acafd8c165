package org.ucbislet.safety;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;

/**
 * The safety reporting clocks, all from day 0 = the investigator's first awareness of the event (domain.md Part A
 * "safety clocks", B 6.3, ICH E2A), never from the moment the report was typed in. Plain Java.
 *
 * <ul>
 *   <li>initial SAE report: awareness + the decision's {@code initialReportDeadline} (PT24H);</li>
 *   <li>expedited (SUSAR) report: awareness + 7 or 15 calendar days in the clinical time zone;</li>
 *   <li>complete report after a 7-day report: 8 further calendar days (ICH E2A "within 8 additional calendar days"),
 *       counted from the 7-day report's submission, and never later than awareness + 7 + 8 days: the earlier of the
 *       two readings of "additional" (listed for clinical sign-off).</li>
 * </ul>
 */
public final class ReportingClock {

  /** ICH E2A: the complete report follows a 7-day report within 8 additional calendar days (domain.md B 6.3). */
  public static final int COMPLETE_REPORT_FURTHER_DAYS = 8;
  /** The expedited report whose complete report follows on its own clock: fatal or life-threatening SUSAR (B 6.3). */
  public static final int SEVEN_DAY_REPORT = 7;

  private ReportingClock() {
  }

  /**
   * A form or message value as an instant: a {@link Date}; ISO-8601 text with an offset ({@code 2027-05-03T10:30+08:00},
   * {@code ...Z}: Tasklist's date-and-time field), a local date and time ({@code 2027-05-03T10:30}, read in the clinical
   * zone), or a date alone ({@code 2027-05-03}: its first moment, the earliest reading, so no clock starts late).
   * {@code null} when absent or blank.
   *
   * @throws IllegalArgumentException when the value is not one of these
   */
  public static Instant toInstant(Object value, ZoneId zone) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("must be a date and time, not " + value.getClass().getSimpleName() + " '" + value + "'");
    }
    String text = s.trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException offsetMissing) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeException notLocal) {
        try {
          return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeException notDate) {
          throw new IllegalArgumentException("must be an ISO-8601 date and time (yyyy-MM-ddTHH:mm with offset), was '" + s + "'");
        }
      }
    }
  }

  /** Initial SAE report due: awareness + {@code deadline} (the decision's ISO-8601 duration, PT24H). */
  public static Instant initialReportDue(Instant awareness, String deadline) {
    return awareness.plus(Duration.parse(deadline));
  }

  /** Expedited report due: awareness + {@code days} calendar days in {@code zone}; null when {@code days} is 0. */
  public static Instant expeditedReportDue(Instant awareness, int days, ZoneId zone) {
    return days > 0 ? awareness.atZone(zone).plusDays(days).toInstant() : null;
  }

  /**
   * Complete report after a 7-day report: the earlier of submission + 8 calendar days and awareness + 7 + 8 calendar
   * days (ICH E2A, domain.md B 6.3).
   */
  public static Instant completeReportDue(Instant awareness, Instant sevenDayReportSubmitted, ZoneId zone) {
    Instant fromSubmission = sevenDayReportSubmitted.atZone(zone).plusDays(COMPLETE_REPORT_FURTHER_DAYS).toInstant();
    Instant fromAwareness = awareness.atZone(zone).plusDays(SEVEN_DAY_REPORT + COMPLETE_REPORT_FURTHER_DAYS).toInstant();
    return fromSubmission.isBefore(fromAwareness) ? fromSubmission : fromAwareness;
  }
}

package org.ucbislet.clinical;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.regex.Pattern;

/** Clinical dates as forms and the engine hold them, and the time between them. Plain Java. */
public final class ClinicalDates {

  /** A time of day followed by an offset: {@code Z} or {@code +hh:mm} / {@code -hh:mm}. */
  private static final Pattern OFFSET = Pattern.compile("T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$");

  private ClinicalDates() {
  }

  /**
   * The calendar date of a form value: a {@code java.util.Date} (in the given zone), a {@link LocalDate}
   * or an ISO-8601 text starting with the date ({@code 2027-03-01}, {@code 2027-03-01T08:00}); a date and time
   * with an offset ({@code 2027-03-01T08:00:00+01:00}, {@code 2027-02-28T23:30:00Z}) is an instant and gives its
   * date in the given zone, as a {@code java.util.Date} does; {@code null} when absent or empty.
   */
  public static LocalDate toLocalDate(Object value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof Date d) {
      return d.toInstant().atZone(zone).toLocalDate();
    }
    if (value instanceof String s && !s.isBlank()) {
      String text = s.trim();
      if (text.length() > 10 && OFFSET.matcher(text).find()) {
        try {
          return OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("Not an ISO-8601 date and time: '" + s + "'", e);
        }
      }
      try {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("Not an ISO-8601 date: '" + s + "'", e);
      }
    }
    if (value instanceof String) {
      return null;
    }
    throw new IllegalArgumentException("Not a date: " + value.getClass().getSimpleName() + " '" + value + "'");
  }

  /**
   * Calendar months from {@code from} to {@code on}: completed months plus the elapsed fraction of the
   * current month (days since the last monthly anniversary over that month's length). The same day
   * three months later is exactly 3.0, the day before it just under 3.0, so a "months 0-3" boundary is
   * exact. As for ages, an anniversary that does not exist (31 January + 1 month) falls on the month's
   * last day.
   *
   * @throws IllegalArgumentException when {@code on} is before {@code from}
   */
  public static double monthsBetween(LocalDate from, LocalDate on) {
    if (on.isBefore(from)) {
      throw new IllegalArgumentException(on + " is before " + from);
    }
    long months = ChronoUnit.MONTHS.between(from, on);
    LocalDate last = from.plusMonths(months);
    LocalDate next = from.plusMonths(months + 1);
    return months + (double) ChronoUnit.DAYS.between(last, on) / ChronoUnit.DAYS.between(last, next);
  }
}

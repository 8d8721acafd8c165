package org.ucbislet.support;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * The shared clock fixture of the date-sensitive tests (issue 14): the tests that run on the engine's default clock
 * (the real date) carry {@code @ExtendWith(CalendarDayClock.class)}. When the configuration parameter (or system
 * property) {@value #DAY} names a day, each test runs with the engine clock on that day, from 09:00 UTC onwards,
 * time moving as usual ({@link ClockUtil#offset}) and never going back within a run; without it the test runs on the
 * real date. {@code CalendarDaysTest}
 * runs these classes on the 1st, the 9th, 29 February and 31 December.
 */
public final class CalendarDayClock implements BeforeEachCallback, AfterEachCallback {

  /** The day to run on, ISO ({@code 2028-02-29}). */
  public static final String DAY = "ucbi.test.calendarDay";

  /** One offset per day, fixed at its first test: within a run the clock never goes back. */
  private static final Map<LocalDate, Long> OFFSETS = new ConcurrentHashMap<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    day(context).ifPresent(day -> ClockUtil.offset(OFFSETS.computeIfAbsent(day,
        d -> d.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - System.currentTimeMillis())));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (day(context).isPresent()) {
      ClockUtil.reset();
    }
  }

  /** The clinical day the tests run on (in the clinical time zone, as the server sees it) by the engine clock. */
  public static LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
  }

  private static Optional<LocalDate> day(ExtensionContext context) {
    return context.getConfigurationParameter(DAY).or(() -> Optional.ofNullable(System.getProperty(DAY)))
        .filter(s -> !s.isBlank()).map(LocalDate::parse);
  }
}

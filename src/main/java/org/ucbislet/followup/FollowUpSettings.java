package org.ucbislet.followup;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * The follow-up schedules of {@code followUp} that a trial may set (application.yaml, {@code ucbi.follow-up.*}).
 * Time points from domain.md Part A (after cord blood infusion: B 2.4; after islet infusion: B 5.5); the windows
 * Part A gives (immune panels, MMTT) are its defaults, every other window is a design choice listed in the
 * README under "Requires sign-off by the trial's clinical team".
 */
@Component
public class FollowUpSettings {

  public static final String AFTER_CORD_BLOOD_INFUSION = "afterCordBloodInfusion";
  public static final String AFTER_ISLET_INFUSION = "afterIsletInfusion";

  private final Period reminderGrace;
  private final int defaultYears;
  private final FollowUpScheduleDefinition afterCordBloodInfusion;
  private final FollowUpScheduleDefinition afterIsletInfusion;

  public FollowUpSettings(
      @Value("${ucbi.follow-up.reminder-grace}") String reminderGrace,
      @Value("${ucbi.follow-up.default-years}") int defaultYears,
      @Value("${ucbi.follow-up.cord-blood.visit-days}") String cbDays,
      @Value("${ucbi.follow-up.cord-blood.visit-day-windows}") String cbDayWindows,
      @Value("${ucbi.follow-up.cord-blood.visit-months}") String cbMonths,
      @Value("${ucbi.follow-up.cord-blood.visit-month-windows}") String cbMonthWindows,
      @Value("${ucbi.follow-up.cord-blood.yearly-from-year}") int cbYearlyFrom,
      @Value("${ucbi.follow-up.cord-blood.yearly-window}") String cbYearlyWindow,
      @Value("${ucbi.follow-up.cord-blood.immune-panel-months}") String cbImmuneMonths,
      @Value("${ucbi.follow-up.cord-blood.immune-panel-windows}") String cbImmuneWindows,
      @Value("${ucbi.follow-up.cord-blood.yearly-immune-panel-from-year}") int cbYearlyImmuneFrom,
      @Value("${ucbi.follow-up.cord-blood.yearly-immune-panel-window}") String cbYearlyImmuneWindow,
      @Value("${ucbi.follow-up.islet.visit-days}") String isDays,
      @Value("${ucbi.follow-up.islet.visit-day-windows}") String isDayWindows,
      @Value("${ucbi.follow-up.islet.mmtt-days}") String isMmttDays,
      @Value("${ucbi.follow-up.islet.mmtt-windows}") String isMmttWindows,
      @Value("${ucbi.follow-up.islet.visit-months}") String isMonths,
      @Value("${ucbi.follow-up.islet.visit-month-windows}") String isMonthWindows,
      @Value("${ucbi.follow-up.islet.yearly-from-year}") int isYearlyFrom,
      @Value("${ucbi.follow-up.islet.yearly-window}") String isYearlyWindow) {
    this.reminderGrace = period("reminder-grace", reminderGrace);
    if (defaultYears < 1) {
      throw new IllegalArgumentException("ucbi.follow-up.default-years must be 1 or more, was " + defaultYears);
    }
    this.defaultYears = defaultYears;
    List<VisitTimepoint> cb = new ArrayList<>();
    cb.addAll(timepoints("cord-blood.visit-days", cbDays, cbDayWindows, VisitKind.GLUCOSE_AND_GROWTH, false, ""));
    cb.addAll(timepoints("cord-blood.visit-months", cbMonths, cbMonthWindows, VisitKind.GLUCOSE_AND_GROWTH, true, ""));
    cb.addAll(timepoints("cord-blood.immune-panel-months", cbImmuneMonths, cbImmuneWindows, VisitKind.IMMUNE_FUNCTION, true,
        " immune panel"));
    this.afterCordBloodInfusion = new FollowUpScheduleDefinition(AFTER_CORD_BLOOD_INFUSION, cb, cbYearlyFrom,
        period("cord-blood.yearly-window", cbYearlyWindow), cbYearlyImmuneFrom,
        period("cord-blood.yearly-immune-panel-window", cbYearlyImmuneWindow));
    List<VisitTimepoint> is = new ArrayList<>();
    is.addAll(timepoints("islet.visit-days", isDays, isDayWindows, VisitKind.GLUCOSE_AND_GROWTH, false, ""));
    is.addAll(timepoints("islet.mmtt-days", isMmttDays, isMmttWindows, VisitKind.MMTT, false, " MMTT"));
    is.addAll(timepoints("islet.visit-months", isMonths, isMonthWindows, VisitKind.GLUCOSE_AND_GROWTH, true, ""));
    this.afterIsletInfusion = new FollowUpScheduleDefinition(AFTER_ISLET_INFUSION, is, isYearlyFrom,
        period("islet.yearly-window", isYearlyWindow), 0, Period.ZERO);
  }

  /** The defaults of application.yaml. */
  public static FollowUpSettings defaults() {
    return ApplicationDefaults.of(FollowUpSettings.class);
  }

  /** The schedule of that name ({@code followUpSchedule}). */
  public FollowUpScheduleDefinition schedule(String name) {
    if (AFTER_CORD_BLOOD_INFUSION.equals(name)) {
      return afterCordBloodInfusion;
    }
    if (AFTER_ISLET_INFUSION.equals(name)) {
      return afterIsletInfusion;
    }
    throw new IllegalArgumentException("followUpSchedule must be '" + AFTER_CORD_BLOOD_INFUSION + "' or '"
        + AFTER_ISLET_INFUSION + "', was '" + name + "'");
  }

  /** Days after a visit's target date after which an open visit is overdue (default P2D, design choice). */
  public Period reminderGrace() {
    return reminderGrace;
  }

  /** Years of follow-up after the anchor when the caller gives neither an end date nor a number of years (default 5). */
  public int defaultYears() {
    return defaultYears;
  }

  private static List<VisitTimepoint> timepoints(String name, String offsets, String windows, VisitKind kind,
                                                 boolean months, String suffix) {
    List<String> at = texts(offsets);
    List<String> win = texts(windows);
    if (at.size() != win.size()) {
      throw new IllegalArgumentException("ucbi.follow-up." + name + ": one window per time point needed, "
          + at.size() + " time points and " + win.size() + " windows");
    }
    List<VisitTimepoint> result = new ArrayList<>();
    for (int i = 0; i < at.size(); i++) {
      int n = Integer.parseInt(at.get(i));
      result.add(new VisitTimepoint((months ? "Month " + n : "Day +" + n) + suffix, kind,
          months ? Period.ofMonths(n) : Period.ofDays(n), period(name, win.get(i))));
    }
    return result;
  }

  private static Period period(String name, String text) {
    try {
      return Period.parse(text.trim());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("ucbi.follow-up." + name + " must be ISO-8601 periods such as P3D or P4W, was '"
          + text + "'", e);
    }
  }

  private static List<String> texts(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
  }
}

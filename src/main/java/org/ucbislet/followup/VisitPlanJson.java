package org.ucbislet.followup;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A planned visit as one element of the {@code followUpVisits} collection: its dates as ISO dates for
 * people, and the moments the BPMN timers use as ISO date-times at the start of the day in the server's
 * time zone: {@code opensAt} (first day of the window), {@code remindAt} (overdue), {@code closesAt} (the
 * day after the window's last day, so the whole last day counts), {@code targetAt}. Plain Java.
 */
public final class VisitPlanJson {

  public static final String VISIT_NUMBER = "visitNumber";
  public static final String VISIT = "visit";
  public static final String KIND = "kind";
  public static final String STUDY_DAY = "studyDay";
  public static final String TARGET_DATE = "targetDate";
  public static final String WINDOW_START = "windowStart";
  public static final String WINDOW_END = "windowEnd";
  public static final String REMINDER_DATE = "reminderDate";
  public static final String EPOCH = "epoch";
  public static final String OPENS_AT = "opensAt";
  public static final String TARGET_AT = "targetAt";
  public static final String REMIND_AT = "remindAt";
  public static final String CLOSES_AT = "closesAt";

  private VisitPlanJson() {
  }

  public static Map<String, Object> toMap(PlannedVisit v, ZoneId zone) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(VISIT_NUMBER, v.visitNumber());
    m.put(VISIT, v.visit());
    m.put(KIND, v.kind().code());
    m.put(STUDY_DAY, v.studyDay());
    m.put(TARGET_DATE, v.targetDate().toString());
    m.put(WINDOW_START, v.windowStart().toString());
    m.put(WINDOW_END, v.windowEnd().toString());
    m.put(REMINDER_DATE, v.reminderDate().toString());
    m.put(EPOCH, v.epoch());
    m.put(OPENS_AT, startOfDay(v.windowStart(), zone));
    m.put(TARGET_AT, startOfDay(v.targetDate(), zone));
    m.put(REMIND_AT, startOfDay(v.reminderDate(), zone));
    m.put(CLOSES_AT, startOfDay(v.windowClosedDate(), zone));
    return m;
  }

  public static PlannedVisit fromMap(Map<?, ?> m) {
    VisitKind kind = null;
    for (VisitKind k : VisitKind.values()) {
      if (k.code().equals(m.get(KIND))) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new IllegalArgumentException("Unknown visit kind in " + m);
    }
    return new PlannedVisit(((Number) m.get(VISIT_NUMBER)).intValue(), (String) m.get(VISIT), kind,
        ((Number) m.get(STUDY_DAY)).longValue(), date(m, TARGET_DATE), date(m, WINDOW_START), date(m, WINDOW_END),
        date(m, REMINDER_DATE), (String) m.get(EPOCH));
  }

  private static LocalDate date(Map<?, ?> m, String key) {
    return LocalDate.parse((String) m.get(key));
  }

  private static String startOfDay(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}

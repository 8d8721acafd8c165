package org.ucbislet.cordbloodtransplant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Neutrophil and platelet engraftment by the ASTCT 2021 definitions (domain.md Part A, B 2.1), with the
 * numbers of {@link EngraftmentCriteria}. Plain Java.
 *
 * <ul>
 *   <li>Neutrophils: the first of {@code consecutiveDays} consecutive calendar days with ANC at or above
 *       the threshold, after the nadir (a count below the threshold must come first: counts that never fell
 *       are residual, not engraftment). A count below the threshold, or a day without a count, breaks the run.
 *   <li>Platelets: the first of {@code consecutiveDays} consecutive calendar days with platelets at or above
 *       the threshold, with no platelet transfusion in the {@code plateletTransfusionFreeDays} days before
 *       the first day nor during the run. A transfusion is recorded with the count that follows it, so it
 *       lies somewhere between the previous count and that count; any overlap with the window counts.
 * </ul>
 * Several counts of one day: the one recorded last counts.
 */
public final class EngraftmentDetector {

  private EngraftmentDetector() {
  }

  public static EngraftmentStatus assess(Collection<BloodCount> counts, EngraftmentCriteria criteria) {
    Map<LocalDate, BloodCount> byDay = new TreeMap<>();
    counts.forEach(c -> byDay.put(c.date(), c));
    List<BloodCount> days = new ArrayList<>(byDay.values());
    return new EngraftmentStatus(neutrophilDay(days, criteria), plateletDay(days, criteria));
  }

  private static LocalDate neutrophilDay(List<BloodCount> days, EngraftmentCriteria criteria) {
    boolean nadirSeen = false;
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i).ancE9PerL() < criteria.ancThresholdE9PerL()) {
        nadirSeen = true;
      } else if (nadirSeen && run(days, i, criteria.consecutiveDays(),
          c -> c.ancE9PerL() >= criteria.ancThresholdE9PerL())) {
        return days.get(i).date();
      }
    }
    return null;
  }

  private static LocalDate plateletDay(List<BloodCount> days, EngraftmentCriteria criteria) {
    for (int i = 0; i < days.size(); i++) {
      if (run(days, i, criteria.consecutiveDays(), c -> c.plateletsE9PerL() >= criteria.plateletThresholdE9PerL())) {
        LocalDate first = days.get(i).date();
        LocalDate windowStart = first.minusDays(criteria.plateletTransfusionFreeDays());
        LocalDate windowEnd = first.plusDays(criteria.consecutiveDays() - 1L);
        if (!transfusedWithin(days, windowStart, windowEnd)) {
          return first;
        }
      }
    }
    return null;
  }

  /** Whether days i .. i+n-1 exist, are consecutive calendar days and all fulfil the test. */
  private static boolean run(List<BloodCount> days, int i, int n, java.util.function.Predicate<BloodCount> test) {
    if (i + n > days.size()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      BloodCount c = days.get(i + k);
      if (!test.test(c) || !c.date().equals(days.get(i).date().plusDays(k))) {
        return false;
      }
    }
    return true;
  }

  /** A transfusion recorded with count k happened in (date of count k-1, date of count k]. */
  private static boolean transfusedWithin(List<BloodCount> days, LocalDate from, LocalDate to) {
    for (int k = 0; k < days.size(); k++) {
      BloodCount c = days.get(k);
      if (!c.plateletTransfusion()) {
        continue;
      }
      LocalDate earliest = k == 0 ? LocalDate.MIN : days.get(k - 1).date().plusDays(1);
      if (!c.date().isBefore(from) && !earliest.isAfter(to)) {
        return true;
      }
    }
    return false;
  }
}

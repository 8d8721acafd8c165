package org.ucbislet.isletisolation;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** Cold ischaemia time: from cross-clamp (cold perfusion) to the start of digestion, in hours. */
public final class ColdIschemia {

  private ColdIschemia() {
  }

  /**
   * Hours between two local date-times of the same site clock ({@code 2026-11-25T02:10}); negative when
   * digestion is dated before the cross-clamp (the donor decision rejects that as invalid).
   */
  public static double hours(String crossClamp, String digestionStart) {
    try {
      Duration d = Duration.between(LocalDateTime.parse(crossClamp), LocalDateTime.parse(digestionStart));
      return d.toMinutes() / 60.0;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Cold ischaemia times must be ISO date-times (e.g. 2026-11-25T02:10): '"
          + crossClamp + "', '" + digestionStart + "'", e);
    }
  }
}

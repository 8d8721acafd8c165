package org.ucbislet.clinical;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;

/**
 * The one time zone of every clinical date (domain.md Part A "clinical dates"): setting {@value #KEY}, default the
 * trial site's ({@code Asia/Shanghai}). A day of the protocol (a birth date, day 0, a visit, a reporting deadline)
 * is that calendar day in this zone, whatever the zone of the machine a node runs on, so two nodes plan the same
 * days. The zone is process-wide, as the engine's clock is: {@code config/ClinicalTimeZoneSetting} sets it from the
 * configuration before any bean is created; code that runs without Spring (process tests) gets the value of
 * {@code application.yaml}.
 */
public final class ClinicalTimeZone {

  /** The setting. */
  public static final String KEY = "ucbi.clinical-time-zone";

  private static volatile ZoneId current;

  private final ZoneId zone;

  /** The zone of the setting; an unknown zone ID is refused naming the setting. */
  public ClinicalTimeZone(@Value("${" + KEY + "}") String zoneId) {
    this.zone = parse(zoneId);
  }

  /** The clinical time zone. */
  public static ZoneId get() {
    ZoneId zone = current;
    if (zone == null) {
      zone = ApplicationDefaults.of(ClinicalTimeZone.class).zone;
      current = zone;
    }
    return zone;
  }

  /** Sets the clinical time zone from the configured ID (at start-up); refuses an unknown one naming the setting. */
  public static ZoneId configure(String zoneId) {
    ZoneId zone = parse(zoneId);
    current = zone;
    return zone;
  }

  private static ZoneId parse(String zoneId) {
    if (zoneId == null || zoneId.isBlank()) {
      throw new IllegalArgumentException(KEY + " must name a time zone (e.g. Asia/Shanghai), was empty");
    }
    try {
      return ZoneId.of(zoneId.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(KEY + " must be a time zone ID such as Asia/Shanghai, was '" + zoneId + "'", e);
    }
  }
}

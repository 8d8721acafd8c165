package org.ucbislet.followup;

import java.time.Period;

/**
 * One visit of a follow-up schedule, relative to the clinical anchor (day 0).
 *
 * @param name the SDTM VISIT label, e.g. "Day +7", "Month 6", "Month 3 immune panel"
 * @param offset days ({@code P7D}) or months ({@code P6M}) after the anchor: the target date
 * @param window the window either side of the target date (the visit may take place from target - window
 *     to target + window, both days included)
 */
public record VisitTimepoint(String name, VisitKind kind, Period offset, Period window) {

  public VisitTimepoint {
    if (name == null || name.isBlank() || kind == null) {
      throw new IllegalArgumentException("A visit needs a name and a kind");
    }
    if (offset == null || offset.isNegative() || offset.isZero()) {
      throw new IllegalArgumentException("Visit " + name + ": the offset must be after day 0, was " + offset);
    }
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("Visit " + name + ": the window must not be negative, was " + window);
    }
  }
}

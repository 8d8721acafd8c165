package org.ucbislet.isletisolation;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Islet counts per 50 um diameter class (DTZ-stained islets, domain.md Part B 4.1), keyed by the class keys
 * of {@link IeqCalculator#DIAMETER_CLASSES}. A class that is not given counts 0 (it can only lower the IEQ).
 * Counts are whole numbers, 0 or more; an unknown class key is refused rather than ignored, so a misspelt
 * class never silently drops islets.
 *
 * @param perClass count per class key, every class present, in class order (smallest first)
 */
public record IsletCounts(Map<String, Long> perClass) {

  public IsletCounts {
    if (perClass == null) {
      throw new IeqValidationException(IeqCalculator.COUNTS_FIELD, "is required");
    }
    Map<String, Long> complete = new LinkedHashMap<>();
    IeqCalculator.DIAMETER_CLASSES.forEach(diameterClass -> complete.put(diameterClass, 0L));
    perClass.forEach((diameterClass, count) -> {
      String field = IeqCalculator.COUNTS_FIELD + "." + diameterClass;
      if (!complete.containsKey(diameterClass)) {
        throw new IeqValidationException(field,
            "unknown diameter class; expected one of " + String.join(", ", IeqCalculator.DIAMETER_CLASSES));
      }
      if (count == null) {
        throw new IeqValidationException(field, "must be a whole number of islets, 0 or more (was null)");
      }
      if (count < 0) {
        throw new IeqValidationException(field, "must not be negative (was " + count + ")");
      }
      complete.put(diameterClass, count);
    });
    perClass = Collections.unmodifiableMap(complete);
  }

  /**
   * Counts from numbers as they arrive from JSON or form variables ({@code Integer}, {@code Long},
   * {@code Double}, {@code BigDecimal}): a number with a fractional part is refused, not truncated.
   */
  public static IsletCounts fromNumbers(Map<String, ? extends Number> counts) {
    if (counts == null) {
      throw new IeqValidationException(IeqCalculator.COUNTS_FIELD, "is required");
    }
    Map<String, Long> whole = new LinkedHashMap<>();
    counts.forEach((diameterClass, count) -> whole.put(diameterClass, wholeNumber(diameterClass, count)));
    return new IsletCounts(whole);
  }

  private static Long wholeNumber(String diameterClass, Number count) {
    if (count == null || count instanceof Long || count instanceof Integer || count instanceof Short) {
      return count == null ? null : count.longValue();
    }
    String field = IeqCalculator.COUNTS_FIELD + "." + diameterClass;
    BigDecimal value;
    try {
      value = count instanceof BigDecimal decimal ? decimal : new BigDecimal(count.toString());
    } catch (NumberFormatException notFinite) {
      throw new IeqValidationException(field, "must be a whole number of islets (was " + count + ")");
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      throw new IeqValidationException(field, "must be a whole number of islets (was " + count + ")");
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException tooLarge) {
      throw new IeqValidationException(field, "is too large (was " + count + ")");
    }
  }

  /** Number of islets counted, all classes together. */
  public long total() {
    long total = 0;
    for (long count : perClass.values()) {
      try {
        total = Math.addExact(total, count);
      } catch (ArithmeticException overflow) {
        throw new IeqValidationException(IeqCalculator.COUNTS_FIELD, "total islet count is too large");
      }
    }
    return total;
  }

  /** Count of one class; 0 for a class not counted. */
  public long count(String diameterClass) {
    return perClass.getOrDefault(diameterClass, 0L);
  }
}

package org.ucbislet.islettransplant;

/**
 * The contract variable {@code infusionNumber}: 1 for the first islet infusion, 2 and up for further
 * ones (their lower release threshold is in decision isletProductRelease). Plain Java.
 */
public final class InfusionNumber {

  public static final int FIRST = 1;

  private InfusionNumber() {
  }

  /** The caller's infusion number, or the first infusion when the caller gave none. */
  public static int givenOrFirst(Object value) {
    if (value == null) {
      return FIRST;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= FIRST) {
      return n.intValue();
    }
    throw new IllegalArgumentException("infusionNumber must be a whole number of 1 or more, was '" + value + "'");
  }

  /** The number of the infusion after this one. */
  public static int next(Object value) {
    return givenOrFirst(value) + 1;
  }
}

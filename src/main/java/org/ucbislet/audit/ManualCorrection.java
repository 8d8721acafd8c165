package org.ucbislet.audit;

/**
 * The manual correction being made on this thread: the reason its user gave and the request that makes it
 * ({@code PUT /execution/{id}/localVariables/{name}} from Cockpit, for example). Set by
 * {@link CorrectionReasonFilter} for the duration of the request; every audit record written while it is set
 * carries the reason ({@code changes.correctionReason}), so the variable's old and new value, the user, the time
 * and the reason sit in the same hash-chained record.
 */
public record ManualCorrection(String reason, String request) {

  private static final ThreadLocal<ManualCorrection> CURRENT = new ThreadLocal<>();

  /** The correction in progress on this thread, or null. */
  public static ManualCorrection current() {
    return CURRENT.get();
  }

  static void begin(ManualCorrection correction) {
    CURRENT.set(correction);
  }

  static void end() {
    CURRENT.remove();
  }
}

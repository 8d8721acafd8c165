package org.ucbislet.audit;

/**
 * The electronic signature sent with a manual correction (headers {@code X-Signature-User} and
 * {@code X-Signature-Password}, percent-encoded), held for the request by {@link CorrectionSignatureFilter} and checked
 * by the engine when the correction changes something ({@link CorrectionSignatureHandler}). Never logged, never stored.
 */
record CorrectionSignature(String userId, String password) {

  private static final ThreadLocal<Holder> CURRENT = new ThreadLocal<>();

  /** The request's signature and whether it has been checked and recorded already (once per request). */
  static final class Holder {
    final CorrectionSignature signature;
    boolean recorded;

    Holder(CorrectionSignature signature) {
      this.signature = signature;
    }
  }

  static Holder current() {
    return CURRENT.get();
  }

  static void begin(CorrectionSignature signature) {
    CURRENT.set(new Holder(signature));
  }

  static void end() {
    CURRENT.remove();
  }

  @Override
  public String toString() {
    return "CorrectionSignature[" + userId + "]"; // never the password
  }
}

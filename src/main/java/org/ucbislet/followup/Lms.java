package org.ucbislet.followup;

/**
 * One row of a WHO LMS table: Box-Cox power {@code l}, median {@code m}, coefficient of variation
 * {@code s} (domain.md B 8). Plain Java.
 */
public record Lms(double l, double m, double s) {

  public Lms {
    if (!(m > 0) || !(s > 0) || Double.isNaN(l)) {
      throw new IllegalArgumentException("LMS needs M > 0 and S > 0, was L=" + l + " M=" + m + " S=" + s);
    }
  }

  /** The LMS z-score of a measurement: ((X/M)^L - 1)/(L·S), or ln(X/M)/S when L = 0 (domain.md B 8, tag V). */
  public double z(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("A measurement must be positive, was " + x);
    }
    return l == 0 ? Math.log(x / m) / s : (Math.pow(x / m, l) - 1) / (l * s);
  }

  /** The measurement at a z-score: M·(1 + L·S·z)^(1/L), or M·exp(S·z) when L = 0 (domain.md B 8, tag V). */
  public double valueAt(double z) {
    return l == 0 ? m * Math.exp(s * z) : m * Math.pow(1 + l * s * z, 1 / l);
  }

  /** Linear interpolation of L, M and S between two rows, {@code fraction} 0 giving {@code this}. */
  Lms interpolate(Lms next, double fraction) {
    return new Lms(l + (next.l - l) * fraction, m + (next.m - m) * fraction, s + (next.s - s) * fraction);
  }
}

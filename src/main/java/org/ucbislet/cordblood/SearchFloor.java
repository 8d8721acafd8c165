package org.ucbislet.cordblood;

/**
 * The bank search floor (domain.md Part A "bank search floor", B 1.3, NMDP algorithm [S2]): a unit is listed only
 * with at least {@code minAlleleMatches8} allele-level matches and a pre-freeze TNC dose of at least
 * {@code minTncPerKgE7} x 10^7/kg for the recipient's weight. The values come from configuration
 * ({@code ucbi.cord-blood.search-floor.*}, defaults 4 and 1.5); this record has no defaults of its own.
 */
public record SearchFloor(int minAlleleMatches8, double minTncPerKgE7) {

  public SearchFloor {
    if (minAlleleMatches8 < 0 || minAlleleMatches8 > 8) {
      throw new IllegalArgumentException("search floor alleleMatches8 must be 0 to 8, was " + minAlleleMatches8);
    }
    if (!Double.isFinite(minTncPerKgE7) || minTncPerKgE7 < 0) {
      throw new IllegalArgumentException("search floor TNC (x10^7/kg) must be a number >= 0, was " + minTncPerKgE7);
    }
  }
}

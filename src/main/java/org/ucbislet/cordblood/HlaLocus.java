package org.ucbislet.cordblood;

import java.util.Optional;

/**
 * The four HLA loci of cord blood unit matching (domain.md Part A and B 1.1): A, B and C (class I) and DRB1
 * (class II), in the order the grades, the CSV columns and {@code mismatchedLoci} list them.
 */
public enum HlaLocus {
  A("A", "A1", "A2"),
  B("B", "B1", "B2"),
  C("C", "C1", "C2"),
  DRB1("DRB1", "DRB1_1", "DRB1_2");

  private final String label;
  private final String firstColumn;
  private final String secondColumn;

  HlaLocus(String label, String firstColumn, String secondColumn) {
    this.label = label;
    this.firstColumn = firstColumn;
    this.secondColumn = secondColumn;
  }

  /** The locus as WHO writes it before the '*', and as the search request's {@code typing} keys it. */
  public String label() {
    return label;
  }

  /** Inventory CSV column of the first allele (design.md section 7). */
  public String firstColumn() {
    return firstColumn;
  }

  /** Inventory CSV column of the second allele, blank when homozygous. */
  public String secondColumn() {
    return secondColumn;
  }

  /** The locus of that label ({@code A}, {@code B}, {@code C}, {@code DRB1}; exact case), if any. */
  public static Optional<HlaLocus> ofLabel(String label) {
    for (HlaLocus locus : values()) {
      if (locus.label.equals(label)) {
        return Optional.of(locus);
      }
    }
    return Optional.empty();
  }
}

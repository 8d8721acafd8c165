package org.ucbislet.cordblood;

import java.util.List;

/**
 * The HLA match grade of a cord blood unit for a recipient (domain.md Part A, B 1.1).
 *
 * @param alleleMatches8 A, B, C and DRB1 at allele level (two fields), 0 to 8
 * @param antigenMatches6 A and B at antigen level (first field) plus DRB1 at allele level (two fields), 0 to 6
 * @param mismatchedLoci the loci, in the order A, B, C, DRB1, with fewer than 2 allele-level (two-field) matches;
 *     so a locus matched at antigen level only (A*02:01 against A*02:06) is listed
 */
public record MatchGrade(int alleleMatches8, int antigenMatches6, List<HlaLocus> mismatchedLoci) {

  public MatchGrade {
    mismatchedLoci = List.copyOf(mismatchedLoci);
  }

  /** The mismatched loci as their labels ({@code ["C"]}), as the search answer writes them. */
  public List<String> mismatchedLociLabels() {
    return mismatchedLoci.stream().map(HlaLocus::label).toList();
  }
}

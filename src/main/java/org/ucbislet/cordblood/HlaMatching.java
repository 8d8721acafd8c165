package org.ucbislet.cordblood;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The match grades of domain.md Part A (source B 1.1), computed allele by allele: the definition, used for single
 * units (tests, the candidates a search returns) and as the reference the registry-scale {@link CordBloodIndex}
 * must agree with. Plain Java, no engine.
 *
 * <ul>
 *   <li>Per locus and per level, the count is the better of the two pairings of the recipient's two alleles with
 *       the unit's two alleles: {@code max(m(u1,r1) + m(u2,r2), m(u1,r2) + m(u2,r1))}, so 0, 1 or 2.</li>
 *   <li>A blank second allele (homozygous) counts as the first allele twice, on either side. So a recipient
 *       homozygous A*02:01 against a unit A*02:01/A*03:01 scores 1 (the unit's A*03:01 is foreign to the
 *       recipient), and a unit homozygous A*02:01 against a recipient A*02:01/A*03:01 also scores 1 (the recipient's
 *       A*03:01 is missing from the unit): a mismatch in either direction counts, as in the NMDP x/8 grade.</li>
 *   <li>Allele level = same first two fields ({@code A*02:01:01} = {@code A*02:01:02} = {@code A*02:01}); antigen
 *       level = same first field ({@code A*02:01} = {@code A*02:06}).</li>
 *   <li>{@code alleleMatches8} = allele-level counts of A + B + C + DRB1; {@code antigenMatches6} = antigen-level
 *       counts of A + B plus the allele-level count of DRB1.</li>
 *   <li>{@code mismatchedLoci}: the loci whose allele-level count is below 2.</li>
 * </ul>
 *
 * <p>Maximising each level on its own gives the same counts as one pairing for both: an allele-level match is also
 * an antigen-level match, and if one pairing matched both alleles at antigen level while the other matched one at
 * allele level, all four alleles would share one first field, so both pairings would match both at antigen level.
 */
public final class HlaMatching {

  private HlaMatching() {
  }

  public static MatchGrade grade(HlaTyping recipient, HlaTyping unit) {
    int allele8 = 0;
    int antigen6 = 0;
    List<HlaLocus> mismatched = new ArrayList<>();
    for (HlaLocus locus : HlaLocus.values()) {
      int allele = alleleMatches(recipient.locus(locus), unit.locus(locus));
      allele8 += allele;
      antigen6 += switch (locus) {
        case A, B -> antigenMatches(recipient.locus(locus), unit.locus(locus));
        case C -> 0;
        case DRB1 -> allele;
      };
      if (allele < 2) {
        mismatched.add(locus);
      }
    }
    return new MatchGrade(allele8, antigen6, mismatched);
  }

  /** Allele-level (two-field) matches at one locus: 0, 1 or 2. */
  public static int alleleMatches(HlaTyping.LocusTyping recipient, HlaTyping.LocusTyping unit) {
    return bestPairing(recipient, unit, HlaAllele::matchesAtAlleleLevel);
  }

  /** Antigen-level (first-field) matches at one locus: 0, 1 or 2. */
  public static int antigenMatches(HlaTyping.LocusTyping recipient, HlaTyping.LocusTyping unit) {
    return bestPairing(recipient, unit, HlaAllele::matchesAtAntigenLevel);
  }

  private static int bestPairing(HlaTyping.LocusTyping recipient, HlaTyping.LocusTyping unit,
                                 BiPredicate<HlaAllele, HlaAllele> match) {
    HlaAllele r1 = recipient.first();
    HlaAllele r2 = recipient.secondOrFirst();
    HlaAllele u1 = unit.first();
    HlaAllele u2 = unit.secondOrFirst();
    int straight = count(match.test(u1, r1)) + count(match.test(u2, r2));
    int crossed = count(match.test(u1, r2)) + count(match.test(u2, r1));
    return Math.max(straight, crossed);
  }

  private static int count(boolean match) {
    return match ? 1 : 0;
  }
}

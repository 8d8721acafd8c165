package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.cordblood.HlaLocus.A;
import static org.ucbislet.cordblood.HlaLocus.B;
import static org.ucbislet.cordblood.HlaLocus.C;
import static org.ucbislet.cordblood.HlaLocus.DRB1;

import org.junit.jupiter.api.Test;

/**
 * Match grades of domain.md Part A (B 1.1), known answers computed by hand. Notation: per locus the recipient's
 * alleles r1, r2 and the unit's u1, u2 (a blank second allele counts as the first again); the locus count is
 * max(m(u1,r1) + m(u2,r2), m(u1,r2) + m(u2,r1)). alleleMatches8 = allele-level counts of A+B+C+DRB1;
 * antigenMatches6 = antigen-level counts of A+B + allele-level count of DRB1.
 */
class HlaMatchingTest {

  /** The recipient of design.md section 6. */
  static final String[] RECIPIENT = {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
      "DRB1*15:01"};

  static HlaTyping typing(String... alleles) {
    return HlaTyping.parse(alleles, (locus, position) -> locus.label() + (position + 1));
  }

  private static MatchGrade grade(String[] recipient, String... unit) {
    return HlaMatching.grade(typing(recipient), typing(unit));
  }

  @Test
  void identicalTypingIsEightOfEightAndSixOfSix() {
    // every locus: straight pairing 1 + 1 = 2 -> 2+2+2+2 = 8 allele; A 2 + B 2 + DRB1 2 = 6
    MatchGrade g = grade(RECIPIENT, RECIPIENT);

    assertThat(g.alleleMatches8()).isEqualTo(8);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).isEmpty();
  }

  @Test
  void designExampleUnitWithOneCMismatchIsSevenOfEightAndSixOfSix() {
    // C: r = C*01:02, C*07:02; u = C*01:02, C*08:01: straight 1 + 0 = 1, crossed 0 + 0 = 0 -> 1; A, B, DRB1 2 each
    // allele: 2 + 2 + 1 + 2 = 7; antigen6: A 2 + B 2 + DRB1 2 = 6 (C does not count); C has < 2 -> ["C"]
    MatchGrade g = grade(RECIPIENT, "A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*08:01", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLociLabels()).containsExactly("C");
  }

  @Test
  void sameAntigenDifferentAlleleAtAIsAnAntigenMatchButAnAlleleMismatch() {
    // A: r = 02:01, 11:01; u = 02:06, 11:01. allele: straight m(02:06,02:01)=0 + m(11:01,11:01)=1 = 1; crossed 0 -> 1
    // antigen: straight m(02,02)=1 + m(11,11)=1 = 2 -> 2. So allele 2+2+2+1 = 7, antigen6 A 2 + B 2 + DRB1 2 = 6,
    // and A is listed as mismatched (fewer than 2 allele-level matches)
    MatchGrade g = grade(RECIPIENT, "A*02:06", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).containsExactly(A);
  }

  @Test
  void sameAntigenDifferentAlleleAtBCountsAsAntigenMatch() {
    // B: r = 46:01, 40:01; u = 46:02, 40:01. allele: 0 + 1 = 1; antigen: 1 + 1 = 2
    // allele 2+1+2+2 = 7; antigen6 2+2+2 = 6
    MatchGrade g = grade(RECIPIENT, "A*02:01", "A*11:01", "B*46:02", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).containsExactly(B);
  }

  @Test
  void drb1IsCountedAtTwoFieldsInBothGrades() {
    // DRB1: r = 09:01, 15:01; u = 09:01, 15:02 (same first field 15, other allele). allele: 1 + 0 = 1
    // DRB1 counts at two fields in antigenMatches6 too: antigen6 = A 2 + B 2 + DRB1 1 = 5 (not 6)
    // allele 2+2+2+1 = 7
    MatchGrade g = grade(RECIPIENT, "A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:02");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(5);
    assertThat(g.mismatchedLoci()).containsExactly(DRB1);
  }

  @Test
  void cCountsInTheAlleleGradeOnly() {
    // C: r = 01:02, 07:02; u = 03:04, 08:01: 0 both pairings -> allele 2+2+0+2 = 6; antigen6 unchanged 6
    MatchGrade g = grade(RECIPIENT, "A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*03:04", "C*08:01", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(6);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).containsExactly(C);
  }

  @Test
  void threeFieldNamesMatchAtTwoFields() {
    // A*02:01:01 vs A*02:01 -> same two fields 02:01; B*46:01:01 vs B*46:01; DRB1*15:01:01:02 vs DRB1*15:01
    MatchGrade g = grade(RECIPIENT, "A*02:01:01", "A*11:01", "B*46:01:01", "B*40:01:02", "C*01:02:01", "C*07:02",
        "DRB1*09:01", "DRB1*15:01:01:02");

    assertThat(g.alleleMatches8()).isEqualTo(8);
    assertThat(g.antigenMatches6()).isEqualTo(6);
  }

  @Test
  void crossedAllelesUseTheBetterPairing() {
    // A: r = 02:01, 11:01; u = 11:01, 02:01. straight m(11:01,02:01) + m(02:01,11:01) = 0; crossed 1 + 1 = 2 -> 2
    // B: r = 46:01, 40:01; u = 40:02, 46:02. allele: straight 0+0, crossed 0+0 -> 0;
    //    antigen: straight m(40,46)=0 + m(46,40)=0 = 0; crossed m(40,40)=1 + m(46,46)=1 = 2 -> 2
    // allele 2 + 0 + 2 + 2 = 6; antigen6 2 + 2 + 2 = 6; B mismatched
    MatchGrade g = grade(RECIPIENT, "A*11:01", "A*02:01", "B*40:02", "B*46:02", "C*07:02", "C*01:02", "DRB1*15:01",
        "DRB1*09:01");

    assertThat(g.alleleMatches8()).isEqualTo(6);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).containsExactly(B);
  }

  @Test
  void homozygousRecipientAgainstHeterozygousUnitScoresOne() {
    // A: r = 02:01, blank -> (02:01, 02:01); u = 02:01, 03:01: straight 1 + 0 = 1, crossed 0 + 1 = 1 -> 1
    // (the unit's A*03:01 is foreign to the recipient). Others identical: allele 1+2+2+2 = 7; antigen6: A antigen
    // straight m(02,02)=1 + m(03,02)=0 = 1 -> 1 + 2 + 2 = 5
    String[] recipient = {"A*02:01", "", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01", "DRB1*15:01"};
    MatchGrade g = grade(recipient, "A*02:01", "A*03:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(5);
    assertThat(g.mismatchedLoci()).containsExactly(A);
  }

  @Test
  void homozygousUnitAgainstHeterozygousRecipientScoresOne() {
    // A: r = 02:01, 11:01; u = 02:01, blank -> (02:01, 02:01): straight 1 + 0, crossed 0 + 1 -> 1 (the recipient's
    // A*11:01 is missing in the unit). allele 1+2+2+2 = 7; antigen6 1 + 2 + 2 = 5
    MatchGrade g = grade(RECIPIENT, "A*02:01", null, "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(7);
    assertThat(g.antigenMatches6()).isEqualTo(5);
    assertThat(g.mismatchedLoci()).containsExactly(A);
  }

  @Test
  void homozygousOnBothSidesWithTheSameAlleleScoresTwo() {
    // DRB1: r = (15:01, 15:01), u = (15:01:01, 15:01): straight 1 + 1 = 2. Everything else identical: 8/8, 6/6
    String[] recipient = {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*15:01", null};
    MatchGrade g = grade(recipient, "A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*15:01:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(8);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).isEmpty();
  }

  @Test
  void homozygousOnBothSidesWithDifferentAllelesOfOneAntigen() {
    // A: r = (02:01, 02:01), u = (02:06, 02:06): allele 0; antigen 1 + 1 = 2
    // allele 0+2+2+2 = 6; antigen6 2+2+2 = 6
    String[] recipient = {"A*02:01", null, "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01", "DRB1*15:01"};
    MatchGrade g = grade(recipient, "A*02:06", "", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01",
        "DRB1*15:01");

    assertThat(g.alleleMatches8()).isEqualTo(6);
    assertThat(g.antigenMatches6()).isEqualTo(6);
    assertThat(g.mismatchedLoci()).containsExactly(A);
  }

  @Test
  void nothingInCommonIsZero() {
    // every pairing 0 at both levels; every locus listed
    MatchGrade g = grade(RECIPIENT, "A*01:01", "A*03:01", "B*07:02", "B*08:01", "C*04:01", "C*05:01", "DRB1*01:01",
        "DRB1*03:01");

    assertThat(g.alleleMatches8()).isZero();
    assertThat(g.antigenMatches6()).isZero();
    assertThat(g.mismatchedLociLabels()).containsExactly("A", "B", "C", "DRB1");
  }

  @Test
  void typingNamesTheFieldOfABadAllele() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HlaTyping.parse(
            new String[] {"A*02:01", "A*11:01", "A*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01", null},
            (locus, position) -> "typing." + locus.label() + "[" + position + "]"))
        .isInstanceOf(HlaTyping.InvalidTypingException.class)
        .hasMessage("typing.B[0]: 'A*46:01' is an allele of locus A, not B");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HlaTyping.parse(
            new String[] {"A*02:01", "A*11:01", "B*46:01", "B*40:01", " ", "C*07:02", "DRB1*09:01", null},
            (locus, position) -> locus.secondColumn()))
        .isInstanceOf(HlaTyping.InvalidTypingException.class)
        .hasMessageStartingWith("C2: the first allele of locus C is required");
  }
}

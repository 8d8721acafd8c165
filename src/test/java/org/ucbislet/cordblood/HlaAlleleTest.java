package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WHO HLA allele names (domain.md B 1.1): what is accepted, how it is split, and each malformed form refused. */
class HlaAlleleTest {

  @Test
  void twoFieldNameIsSplitIntoLocusAndFields() {
    HlaAllele a = HlaAllele.parse("A*02:01");

    assertThat(a.locus()).isEqualTo(HlaLocus.A);
    assertThat(a.fields()).containsExactly("02", "01");
    assertThat(a.suffix()).isEmpty();
    assertThat(a.firstField()).isEqualTo("02");
    assertThat(a.twoField()).isEqualTo("02:01");
    assertThat(a.name()).isEqualTo("A*02:01");
  }

  @Test
  void threeAndFourFieldNamesMatchOnTheirFirstTwoFields() {
    HlaAllele three = HlaAllele.parse("DRB1*15:01:01");
    HlaAllele four = HlaAllele.parse("B*15:01:01:03");

    assertThat(three.locus()).isEqualTo(HlaLocus.DRB1);
    assertThat(three.fields()).containsExactly("15", "01", "01");
    assertThat(three.twoField()).isEqualTo("15:01");
    assertThat(four.fields()).containsExactly("15", "01", "01", "03");
    assertThat(four.twoField()).isEqualTo("15:01");
    assertThat(HlaAllele.parse("A*02:01:01").matchesAtAlleleLevel(HlaAllele.parse("A*02:01:02"))).isTrue();
  }

  @Test
  void expressionSuffixIsKeptButNotPartOfTheTwoFields() {
    HlaAllele nullAllele = HlaAllele.parse("A*02:53N");

    assertThat(nullAllele.suffix()).isEqualTo("N");
    assertThat(nullAllele.fields()).containsExactly("02", "53");
    assertThat(nullAllele.twoField()).isEqualTo("02:53");
    assertThat(nullAllele.name()).isEqualTo("A*02:53N");
    for (String suffix : List.of("N", "L", "S", "C", "A", "Q")) {
      assertThat(HlaAllele.parse("C*04:09" + suffix).suffix()).isEqualTo(suffix);
    }
  }

  @Test
  void threeAndFourDigitFieldsAreAccepted() {
    assertThat(HlaAllele.parse("A*02:101").twoField()).isEqualTo("02:101");
    assertThat(HlaAllele.parse("B*15:1001:01").twoField()).isEqualTo("15:1001");
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      A*02              | two to four colon-separated fields are required, found one
      A*                | found none
      A*02:01:01:01:01  | at most four fields are allowed, found 5
      A*2:01            | field 1 '2' is not a number of 2 to 4 digits
      A*02:1            | field 2 '1' is not a number of 2 to 4 digits
      A*02:10001        | field 2 '10001' is not a number of 2 to 4 digits
      A*02:XX           | field 2 'XX' is not a number of 2 to 4 digits
      A*02::01          | field 2 '' is not a number of 2 to 4 digits
      A*02:01:          | field 3 '' is not a number of 2 to 4 digits
      A*02:01X          | 'X' is not an expression suffix (N, L, S, C, A, Q)
      A*02:01n          | 'n' is not an expression suffix
      A*02:01NN         | field 2 '01NN' is not a number
      A0201             | no '*' between locus and fields
      A*0201            | found one
      A2                | no '*' between locus and fields
      DQB1*02:01        | locus 'DQB1' is not one of A, B, C, DRB1
      DRB3*01:01        | locus 'DRB3' is not one of A, B, C, DRB1
      a*02:01           | locus 'a' is not one of A, B, C, DRB1
      HLA-A*02:01       | locus 'HLA-A' is not one of A, B, C, DRB1
      " A*02:01"        | locus ' A' is not one of A, B, C, DRB1
      "A*02:01 "        | field 2 '01 ' is not a number
      A**02:01          | field 1 '*02' is not a number
      A*02:01/02        | field 2 '01/02' is not a number
      A*02:01g          | 'g' is not an expression suffix
      """)
  void malformedNameIsRefusedNamingTheValueAndTheProblem(String name, String problem) {
    assertThatThrownBy(() -> HlaAllele.parse(name))
        .isInstanceOf(HlaNomenclatureException.class)
        .hasMessageStartingWith("'" + name + "' is not a WHO HLA allele name: ")
        .hasMessageContaining(problem)
        .hasMessageContaining("e.g. A*02:01");
  }

  @Test
  void missingNameIsRefused() {
    assertThatThrownBy(() -> HlaAllele.parse(null)).isInstanceOf(HlaNomenclatureException.class)
        .hasMessageContaining("an HLA allele name is required");
    assertThatThrownBy(() -> HlaAllele.parse("")).isInstanceOf(HlaNomenclatureException.class)
        .hasMessageContaining("an HLA allele name is required");
  }

  @Test
  void alleleOfAnotherLocusIsRefusedWhereALocusIsExpected() {
    assertThatThrownBy(() -> HlaAllele.parse("A*02:01", HlaLocus.B)).isInstanceOf(HlaNomenclatureException.class)
        .hasMessage("'A*02:01' is an allele of locus A, not B");
    assertThat(HlaAllele.parse("B*07:02", HlaLocus.B).locus()).isEqualTo(HlaLocus.B);
  }

  @Test
  void veryLongValueIsEchoedShortened() {
    String longName = "A*" + "9".repeat(100);
    assertThatThrownBy(() -> HlaAllele.parse(longName)).hasMessageStartingWith("'" + longName.substring(0, 40) + "...'");
  }
}

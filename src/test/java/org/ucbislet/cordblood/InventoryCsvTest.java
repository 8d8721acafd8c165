package org.ucbislet.cordblood;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inventory CSV of design.md section 7: what loads, each reason a row is rejected, files that are refused whole. */
class InventoryCsvTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final String HEADER = InventoryCsv.HEADER;
  private static final String GOOD = "SHCBB,SH-000001,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30";

  private static InventoryCsv.Result read(String csv) {
    return read(csv.getBytes(UTF_8), 100);
  }

  private static InventoryCsv.Result read(byte[] csv, int maxListed) {
    return InventoryCsv.read(new ByteArrayInputStream(csv), TODAY, maxListed);
  }

  @Test
  void aFileWithMoreRowsThanAllowedIsRefusedAndTheLimitItselfIsAccepted() {
    String three = HEADER + "\n" + GOOD + "\n" + GOOD.replace("SH-000001", "SH-000002") + "\n"
        + GOOD.replace("SH-000001", "SH-000003") + "\n\n";
    byte[] csv = three.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(InventoryCsv.read(new ByteArrayInputStream(csv), TODAY, 10, 3).loaded()).as("blank lines do not count").isEqualTo(3);
    assertThatThrownBy(() -> InventoryCsv.read(new ByteArrayInputStream(csv), TODAY, 10, 2))
        .isInstanceOf(InventoryFileException.class).hasMessageContaining("more than 2 data rows")
        .hasMessageContaining("ucbi.cord-blood.inventory.max-rows");
  }

  @Test
  void validRowsAreLoadedWithTheirFullAlleleNames() {
    InventoryCsv.Result r = read(HEADER + "\n" + GOOD + "\n"
        + "BJCBB,BJ-7,A*02:01:01,,B*46:01,B*40:01:02,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01:01:02,2.0e9,6E6,2020-01-31\n");

    assertThat(r.received()).isEqualTo(2);
    assertThat(r.loaded()).isEqualTo(2);
    assertThat(r.rejected()).isZero();
    assertThat(r.rejectedRows()).isEmpty();
    InventoryRows units = r.units();
    assertThat(units.bank(1)).isEqualTo("BJCBB");
    assertThat(units.unitId(1)).isEqualTo("BJ-7");
    assertThat(units.allele(1, 0).name()).isEqualTo("A*02:01:01");
    assertThat(units.allele(1, 1)).as("blank second allele: homozygous").isNull();
    assertThat(units.allele(1, 7).name()).isEqualTo("DRB1*15:01:01:02");
    assertThat(units.tncTotal(0)).isEqualTo(1.8e9);
    assertThat(units.cd34Total(1)).isEqualTo(6.0e6);
    assertThat(units.collectionDate(1)).isEqualTo(LocalDate.of(2020, 1, 31));
  }

  @Test
  void byteOrderMarkCrlfQuotesSpacesAndBlankLinesAreTolerated() {
    String csv = "\uFEFF" + HEADER + "\r\n\r\n"
        + "\"SHCBB\", SH-000001 ,\"A*02:01\",A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30\r\n"
        + "\n";

    InventoryCsv.Result r = read(csv);

    assertThat(r.received()).isEqualTo(1);
    assertThat(r.loaded()).isEqualTo(1);
    assertThat(r.units().unitId(0)).isEqualTo("SH-000001");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      bad allele in A1         | SHCBB,SH-1,A*2:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | SH-1 | A1: 'A*2:01' is not a WHO HLA allele name: field 1 '2' is not a number of 2 to 4 digits
      bad allele in DRB1_2     | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*1501,1.8E9,5.2E6,2019-04-30 | SH-1 | DRB1_2: 'DRB1*1501' is not a WHO HLA allele name
      allele of the wrong locus | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,A*24:02,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | SH-1 | B2: 'A*24:02' is an allele of locus A, not B
      missing first allele     | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | SH-1 | C1 is required (the first allele of locus C)
      non-numeric TNC          | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,lots,5.2E6,2019-04-30 | SH-1 | tncTotal 'lots' is not a number of cells
      TNC NaN                  | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,NaN,5.2E6,2019-04-30 | SH-1 | tncTotal 'NaN' is not a number of cells
      TNC Infinity             | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,Infinity,5.2E6,2019-04-30 | SH-1 | tncTotal 'Infinity' is not a number of cells
      TNC with a type suffix   | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9d,5.2E6,2019-04-30 | SH-1 | tncTotal '1.8E9d' is not a number of cells
      zero TNC                 | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,0,5.2E6,2019-04-30 | SH-1 | tncTotal must be a number of cells greater than 0, was 0
      negative CD34            | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,-5.2E6,2019-04-30 | SH-1 | cd34Total must be a number of cells greater than 0, was -5.2E6
      missing CD34             | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,,2019-04-30 | SH-1 | cd34Total is required
      more CD34 than TNC       | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E6,5.2E6,2019-04-30 | SH-1 | cd34Total 5.2E6 exceeds tncTotal 1.8E6
      bad date                 | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,30.04.2019 | SH-1 | collectionDate '30.04.2019' is not an ISO date (YYYY-MM-DD)
      impossible date          | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-02-30 | SH-1 | collectionDate '2019-02-30' is not an ISO date
      future date              | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2026-11-26 | SH-1 | collectionDate 2026-11-26 is in the future
      missing date             | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6, | SH-1 | collectionDate is required
      too few columns          | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6 | SH-1 | expected 13 columns, found 12
      too many columns         | SHCBB,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30,x | SH-1 | expected 13 columns, found 14
      missing unit ID          | SHCBB,,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | ~~ | unitId is required
      unit ID with a slash     | SHCBB,SH/1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | SH/1 | unitId 'SH/1' must be 1-64 letters, digits
      missing bank             | ,SH-1,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.2E6,2019-04-30 | SH-1 | bank is required
      """)
  void invalidRowIsRejectedWithRowNumberUnitIdAndReason(String what, String row, String unitId, String reason) {
    InventoryCsv.Result r = read(HEADER + "\n" + GOOD + "\n" + row + "\n");

    assertThat(r.received()).isEqualTo(2);
    assertThat(r.loaded()).as("the valid row still loads").isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(1);
    RejectedRow rejected = r.rejectedRows().get(0);
    assertThat(rejected.row()).as("header = row 1, first unit = row 2").isEqualTo(3);
    assertThat(rejected.unitId()).isEqualTo(unitId == null ? "" : unitId);
    assertThat(rejected.reason()).contains(reason);
  }

  @Test
  void everyProblemOfARowIsReported() {
    InventoryCsv.Result r = read(HEADER + "\n"
        + "SHCBB,SH-1,A*2:01,A*11:01,B*46:01,B*40:01,,C*07:02,DRB1*09:01,DRB1*15:01,abc,5.2E6,2099-01-01\n");

    assertThat(r.rejectedRows().get(0).reason()).contains("A1: 'A*2:01'").contains("C1 is required")
        .contains("tncTotal 'abc'").contains("collectionDate 2099-01-01 is in the future");
  }

  @Test
  void laterRowOfTheSameBankAndUnitIsRejectedAsADuplicateOfTheFirst() {
    String second = GOOD.replace("1.8E9", "2.2E9");
    InventoryCsv.Result r = read(HEADER + "\n" + GOOD + "\n" + GOOD.replace("SH-000001", "SH-000002") + "\n" + second + "\n");

    assertThat(r.received()).isEqualTo(3);
    assertThat(r.loaded()).isEqualTo(2);
    assertThat(r.rejectedRows()).containsExactly(new RejectedRow(4, "SHCBB", "SH-000001",
        "duplicate of row 2: bank SHCBB unit SH-000001 is loaded from row 2"));
    assertThat(r.units().tncTotal(0)).as("the first row is the one loaded").isEqualTo(1.8e9);
  }

  @Test
  void sameUnitIdInAnotherBankIsAnotherUnit() {
    InventoryCsv.Result r = read(HEADER + "\n" + GOOD + "\n" + GOOD.replace("SHCBB", "BJCBB") + "\n");

    assertThat(r.loaded()).isEqualTo(2);
  }

  @Test
  void listedRejectionsAreCappedButAllCounted() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < 250; i++) {
      csv.append("SHCBB,SH-").append(i).append(",A*02:01,,B*46:01,,C*01:02,,DRB1*09:01,,0,1,2019-04-30\n");
    }
    csv.append(GOOD).append('\n');

    InventoryCsv.Result r = read(csv.toString().getBytes(UTF_8), 100);

    assertThat(r.received()).isEqualTo(251);
    assertThat(r.loaded()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(250);
    assertThat(r.rejectedRows()).hasSize(100);
    assertThat(r.rejectedRowsOmitted()).isEqualTo(150);
    assertThat(r.rejectedRows()).extracting(RejectedRow::row).startsWith(2, 3, 4).endsWith(101);
  }

  @Test
  void duplicatesAreListedInRowOrderAmongOtherRejections() {
    InventoryCsv.Result r = read((HEADER + "\n" + GOOD + "\n" + GOOD + "\n" + GOOD.replace("SH-000001", "SH-X").replace("1.8E9", "x")
        + "\n").getBytes(UTF_8), 2);

    assertThat(r.rejectedRows()).extracting(RejectedRow::row).containsExactly(3, 4);
  }

  @Test
  void headerOnlyIsAnEmptyInventory() {
    InventoryCsv.Result r = read(HEADER + "\n");

    assertThat(r.received()).isZero();
    assertThat(r.loaded()).isZero();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      empty body       | ~~                                        | body   | is empty
      blank body       | ~   ~                                     | body   | is empty
      only a newline   | ~\n~                                      | body   | is empty
      semicolons       | ~bank;unitId;A1;A2~                       | header | the first row must be bank,unitId,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate, found 'bank;unitId;A1;A2'
      renamed column   | ~bank,unit,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate~ | header | found 'bank,unit,A1
      missing header   | ~SHCBB,SH-1,A*02:01,A*11:01~              | header | the first row must be
      """)
  void unreadableFileIsRefusedWhole(String what, String csv, String field, String problem) {
    assertThatThrownBy(() -> read(csv.replace("\\n", "\n")))
        .isInstanceOfSatisfying(InventoryFileException.class, e -> {
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.problem()).contains(problem);
        });
  }

  @Test
  void notUtf8IsRefusedWhole() {
    byte[] latin1 = (HEADER + "\nSHCBB,SH-\u00e9,A*02:01,,B*46:01,,C*01:02,,DRB1*09:01,,1.8E9,5.2E6,2019-04-30\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(latin1, 100)).isInstanceOfSatisfying(InventoryFileException.class, e -> {
      assertThat(e.field()).isEqualTo("body");
      assertThat(e.problem()).contains("is not UTF-8 text");
    });
  }

  @Test
  void binaryContentIsRefusedWhole() {
    byte[] binary = (HEADER + "\n" + GOOD + "\n").getBytes(UTF_8);
    binary[binary.length - 5] = 0;

    assertThatThrownBy(() -> read(binary, 100)).isInstanceOfSatisfying(InventoryFileException.class, e ->
        assertThat(e.problem()).contains("control character in row 2"));
    assertThatThrownBy(() -> read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 100))
        .isInstanceOf(InventoryFileException.class);
  }

  @Test
  void unclosedQuoteIsRefusedWhole() {
    assertThatThrownBy(() -> read(HEADER + "\n\"SHCBB,SH-1\n")).isInstanceOfSatisfying(InventoryFileException.class, e ->
        assertThat(e.problem()).contains("quoted field that is never closed (from row 2)"));
  }

  @Test
  void syntheticDefaultInventoryReadsWithoutRejections() throws Exception {
    java.io.StringWriter csv = new java.io.StringWriter();
    SyntheticInventory.writeCsv(20261125L, 2000, csv);

    InventoryCsv.Result r = read(csv.toString());

    assertThat(r.received()).isEqualTo(2000);
    assertThat(r.rejectedRows()).isEmpty();
    assertThat(r.loaded()).isEqualTo(2000);
    assertThat(List.of(r.units().bank(0), r.units().bank(1999))).allMatch(b -> b.endsWith("CBB"));
  }
}

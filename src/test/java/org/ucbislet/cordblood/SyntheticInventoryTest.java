package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default synthetic inventory: contract, reproducibility and the documented distributions. */
class SyntheticInventoryTest {

  private static final String CONTRACT_HEADER =
      "bank,unitId,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate";
  /** SHA-256 of seed 20261125, 1,000 units; changes only when the generator or its data change. */
  private static final String SHA256_SEED_20261125_1000_UNITS =
      "6c6b06233f04d82e051ed70d9f6c479be627a8ad5ff6d9f881f83e5ed58ed3ef";
  private static final Pattern WHO_ALLELE =
      Pattern.compile("^(A|B|C|DRB1)\\*\\d{2,3}(:\\d{2,3}){1,3}[NLSCAQ]?$");
  private static final Pattern UNIT_ID = Pattern.compile("^[A-Z]{2}-\\d{7}$");
  private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
  private static final Pattern CELL_COUNT = Pattern.compile("^[1-9]\\.\\d{1,2}E\\d+$");
  private static final String[] LOCI = {"A", "B", "C", "DRB1"};
  private static final int N = 100_000;

  private static List<String[]> rows;

  @BeforeAll
  static void generateDefaultInventory() throws IOException {
    String csv = csv(SyntheticInventory.DEFAULT_SEED, N);
    String[] lines = csv.split("\n", -1);
    rows = new ArrayList<>(N);
    for (int i = 1; i < lines.length - 1; i++) {
      rows.add(lines[i].split(",", -1));
    }
  }

  @Test
  void headerIsTheContractAndRowCountIsUnits() throws IOException {
    String csv = csv(7, 1000);
    assertThat(csv).startsWith(CONTRACT_HEADER + "\n").endsWith("\n").doesNotContain("\r");
    assertThat(csv.split("\n")).hasSize(1001);
    assertThat(csv(7, 0)).isEqualTo(CONTRACT_HEADER + "\n");
    assertThat(rows).hasSize(N).allSatisfy(row -> assertThat(row).hasSize(13));
  }

  @Test
  void sameSeedGivesTheKnownBytesAndAnotherSeedDiffers() throws Exception {
    assertThat(sha256(csv(20261125L, 1000))).isEqualTo(SHA256_SEED_20261125_1000_UNITS);
    assertThat(csv(42, 1000)).isEqualTo(csv(42, 1000));
    assertThat(sha256(csv(20261126L, 1000))).isNotEqualTo(SHA256_SEED_20261125_1000_UNITS);
    // a shorter run is a prefix of a longer one with the same seed
    assertThat(csv(20261125L, 5000)).startsWith(csv(20261125L, 1000));
  }

  @Test
  void mainWritesTheSameBytesToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("inventory.csv");
    SyntheticInventory.main(new String[] {"--seed", "20261125", "--units", "1000", "--out", file.toString()});
    assertThat(sha256(Files.readString(file, StandardCharsets.US_ASCII)))
        .isEqualTo(SHA256_SEED_20261125_1000_UNITS);
  }

  @Test
  void unitCountOutsideTheRangeIsRefused() {
    assertThatThrownBy(() -> csv(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> csv(1, SyntheticInventory.MAX_UNITS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAlleleIsAWhoNameOfItsColumnsLocusAndOnlyTheSecondMayBeEmpty() {
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      for (int locus = 0; locus < 4; locus++) {
        String first = row[2 + 2 * locus];
        String second = row[3 + 2 * locus];
        boolean secondWrong = !second.isEmpty()
            && (!isAlleleOf(second, LOCI[locus]) || twoFields(second).equals(twoFields(first)));
        if (!isAlleleOf(first, LOCI[locus]) || secondWrong) {
          wrong.add(row[1] + " " + first + "/" + second);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aboutFifteenPercentOfAllelesHaveThreeFieldsAndSuffixAllelesAreKeptAsInTheSource() {
    long alleles = 0;
    long threeFields = 0;
    Set<String> suffixed = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      for (int c = 2; c < 10; c++) {
        if (!row[c].isEmpty()) {
          alleles++;
          if (row[c].indexOf(':') != row[c].lastIndexOf(':')) {
            threeFields++;
            if (!row[c].endsWith(":01")) {
              wrong.add(row[c]);
            }
          }
          if (!Character.isDigit(row[c].charAt(row[c].length() - 1))) {
            suffixed.add(row[c]);
          }
        }
      }
    }
    assertThat(wrong).as("three-field alleles not ending :01").isEmpty();
    assertThat((double) threeFields / alleles).isCloseTo(0.15, within(0.005));
    assertThat(suffixed).isNotEmpty().isSubsetOf("A*02:53N", "A*02:94N", "A*74:14N", "B*39:38Q");
  }

  @Test
  void unitIdsAreUniquePerBankAndCarryTheBankPrefix() {
    Set<String> ids = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    Map<String, Long> perBank = new TreeMap<>();
    for (String[] row : rows) {
      if (!ids.add(row[0] + "/" + row[1]) || !UNIT_ID.matcher(row[1]).matches()
          || !row[1].startsWith(row[0].substring(0, 2) + "-")) {
        wrong.add(row[0] + "/" + row[1]);
      }
      perBank.merge(row[0], 1L, Long::sum);
    }
    assertThat(wrong).isEmpty();
    assertThat(perBank.keySet())
        .containsExactlyInAnyOrder("SHCBB", "SDCBB", "GDCBB", "SCCBB", "BJCBB", "TJCBB", "ZJCBB");
    // documented relative sizes 22/17/17/17/12/9/6 %
    assertThat(perBank.get("SHCBB") / (double) N).isCloseTo(0.22, within(0.01));
    assertThat(perBank.get("ZJCBB") / (double) N).isCloseTo(0.06, within(0.01));
  }

  @Test
  void frequencyResourceIsTheNmdpChineseTableVerbatim() {
    List<SyntheticInventory.AlleleFrequency> table = SyntheticInventory.alleleFrequencies();
    Map<String, Long> perLocus = table.stream().collect(Collectors.groupingBy(
        SyntheticInventory.AlleleFrequency::locus, TreeMap::new, Collectors.counting()));
    assertThat(perLocus).containsExactly(Map.entry("A", 133L), Map.entry("B", 227L),
        Map.entry("C", 57L), Map.entry("DRB1", 134L));
    for (String locus : LOCI) {
      double sum = table.stream().filter(a -> a.locus().equals(locus))
          .mapToDouble(SyntheticInventory.AlleleFrequency::frequency).sum();
      assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
    // source A*11:01 0.2752, locus sum 1.000112 (docs/clinical/data/hla/README.md)
    assertThat(frequency("A*11:01")).isCloseTo(0.2752 / 1.000112, within(1e-9));
  }

  @Test
  void observedAlleleFrequenciesAreWithinFiveStandardErrorsOfTheSourceForTheTopAlleles() {
    for (int locus = 0; locus < 4; locus++) {
      Map<String, Integer> counts = new TreeMap<>();
      for (String[] row : rows) {
        String first = twoFields(row[2 + 2 * locus]);
        String second = row[3 + 2 * locus].isEmpty() ? first : twoFields(row[3 + 2 * locus]);
        counts.merge(first, 1, Integer::sum);
        counts.merge(second, 1, Integer::sum);
      }
      String name = LOCI[locus];
      List<SyntheticInventory.AlleleFrequency> top = SyntheticInventory.alleleFrequencies().stream()
          .filter(a -> a.locus().equals(name)).limit(8).toList();
      for (SyntheticInventory.AlleleFrequency allele : top) {
        double expected = allele.frequency();
        double observed = counts.getOrDefault(allele.allele(), 0) / (2.0 * N);
        double standardError = Math.sqrt(expected * (1 - expected) / (2.0 * N));
        assertThat(Math.abs(observed - expected)).as(allele.allele()).isLessThan(5 * standardError);
      }
    }
  }

  @Test
  void homozygousRateIsTheSumOfSquaredFrequencies() {
    for (int locus = 0; locus < 4; locus++) {
      String name = LOCI[locus];
      double expected = SyntheticInventory.alleleFrequencies().stream().filter(a -> a.locus().equals(name))
          .mapToDouble(a -> a.frequency() * a.frequency()).sum();
      int column = 3 + 2 * locus;
      double observed = rows.stream().filter(row -> row[column].isEmpty()).count() / (double) N;
      double standardError = Math.sqrt(expected * (1 - expected) / N);
      assertThat(Math.abs(observed - expected)).as(name).isLessThan(5 * standardError);
    }
    // documented: A 0.137, B 0.068, C 0.117, DRB1 0.075
    assertThat(rows.stream().filter(row -> row[3].isEmpty()).count() / (double) N)
        .isCloseTo(0.137, within(0.006));
  }

  @Test
  void cellCountsAreFormattedWithThreeSignificantDigitsAndFollowTheDocumentedQuantiles() {
    double[] tnc = new double[N];
    double[] cd34 = new double[N];
    double tncSum = 0;
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String[] row = rows.get(i);
      if (!CELL_COUNT.matcher(row[10]).matches() || !CELL_COUNT.matcher(row[11]).matches()) {
        wrong.add(row[1] + " " + row[10] + " " + row[11]);
      }
      tnc[i] = Double.parseDouble(row[10]);
      cd34[i] = Double.parseDouble(row[11]);
      tncSum += tnc[i];
    }
    assertThat(wrong).isEmpty();
    // README table: TNC P5 6.5e8, P25 8.3e8, median 1.02e9, P75 1.25e9, P95 1.69e9 (tolerance 3 %)
    assertQuantiles(tnc, new double[] {6.5e8, 8.3e8, 1.02e9, 1.25e9, 1.69e9});
    // README table: CD34 P5 1.8e6, P25 2.9e6, median 4.1e6, P75 5.8e6, P95 9.5e6
    assertQuantiles(cd34, new double[] {1.8e6, 2.9e6, 4.1e6, 5.8e6, 9.5e6});
    // Liu 2012 (Zhejiang): pre-freeze TNC 10.63 x 10^8 on average; Guangzhou: CD34 median 4.1 x 10^6
    assertThat(tncSum / N).isCloseTo(1.063e9, within(0.03e9));
    assertThat(Arrays.stream(tnc).min().orElseThrow()).isGreaterThanOrEqualTo(
        SyntheticInventory.STORAGE_THRESHOLD_TNC * SyntheticInventory.RECOVERY_MIN * 0.995);
  }

  @Test
  void threeSignificantDigitsKnownAnswers() {
    assertThat(format(1.8249e9)).isEqualTo("1.82E9");
    assertThat(format(1.8e9)).isEqualTo("1.8E9");
    assertThat(format(2.0e9)).isEqualTo("2.0E9");
    assertThat(format(9.996e8)).isEqualTo("1.0E9");
    assertThat(format(1.0449e9)).isEqualTo("1.04E9");
    assertThat(format(4.05e6)).isEqualTo("4.05E6");
    assertThat(format(3.0e5)).isEqualTo("3.0E5");
    assertThat(Double.parseDouble(format(1.8249e9))).isEqualTo(1.82e9);
  }

  @Test
  void collectionDatesAreIsoDatesFrom2008ToEndOf2025() {
    LocalDate first = LocalDate.MAX;
    LocalDate last = LocalDate.MIN;
    List<String> wrong = new ArrayList<>();
    for (String[] row : rows) {
      if (!ISO_DATE.matcher(row[12]).matches()) {
        wrong.add(row[12]);
      }
      LocalDate date = LocalDate.parse(row[12]);
      first = date.isBefore(first) ? date : first;
      last = date.isAfter(last) ? date : last;
    }
    assertThat(wrong).isEmpty();
    assertThat(first).isAfterOrEqualTo(LocalDate.of(2008, 1, 1)).isBefore(LocalDate.of(2008, 2, 1));
    assertThat(last).isBefore(LocalDate.of(2026, 1, 1)).isAfter(LocalDate.of(2025, 12, 1));
  }

  @Test
  void childOfTenToTwentyFiveKgWithTheMostCommonTypingFindsSeveralAcceptableUnits() {
    String[][] typing = {{"A*11:01", "A*24:02"}, {"B*40:01", "B*46:01"}, {"C*07:02", "C*01:02"},
        {"DRB1*09:01", "DRB1*12:02"}};
    for (double weightKg : new double[] {10, 17.5, 25}) {
      assertThat(acceptableUnits(typing, weightKg)).as("%s kg", weightKg).isGreaterThanOrEqualTo(100);
    }
  }

  @Test
  void childWithALessCommonTypingStillFindsSeveralAcceptableUnits() {
    // second and third most frequent alleles of each locus
    String[][] typing = {{"A*24:02", "A*33:03"}, {"B*46:01", "B*58:01"}, {"C*01:02", "C*03:04"},
        {"DRB1*12:02", "DRB1*15:01"}};
    assertThat(acceptableUnits(typing, 25)).isGreaterThanOrEqualTo(5);
  }

  /**
   * Units passing the acceptance defaults of domain.md Part A: antigenMatches6 >= 4, alleleMatches8
   * >= 4, TNC >= 5.0 x 10^7/kg and CD34 >= 1.5 x 10^5/kg (pre-freeze).
   */
  private static long acceptableUnits(String[][] typing, double weightKg) {
    return rows.stream().filter(row -> {
      int alleleMatches8 = 0;
      for (int locus = 0; locus < 4; locus++) {
        alleleMatches8 += matches(typing[locus], row, locus, SyntheticInventoryTest::twoFields);
      }
      int antigenMatches6 = matches(typing[0], row, 0, SyntheticInventoryTest::firstField)
          + matches(typing[1], row, 1, SyntheticInventoryTest::firstField)
          + matches(typing[3], row, 3, SyntheticInventoryTest::twoFields);
      return alleleMatches8 >= 4 && antigenMatches6 >= 4
          && CellDose.tncPerKgE7(Double.parseDouble(row[10]), weightKg) >= 5.0
          && CellDose.cd34PerKgE5(Double.parseDouble(row[11]), weightKg) >= 1.5;
    }).count();
  }

  /** Better of the two pairings; an empty second allele means homozygous. */
  private static int matches(String[] child, String[] row, int locus, UnaryOperator<String> level) {
    String c1 = level.apply(child[0]);
    String c2 = level.apply(child[1]);
    String u1 = level.apply(row[2 + 2 * locus]);
    String u2 = row[3 + 2 * locus].isEmpty() ? u1 : level.apply(row[3 + 2 * locus]);
    int straight = (c1.equals(u1) ? 1 : 0) + (c2.equals(u2) ? 1 : 0);
    int crossed = (c1.equals(u2) ? 1 : 0) + (c2.equals(u1) ? 1 : 0);
    return Math.max(straight, crossed);
  }

  private static boolean isAlleleOf(String allele, String locus) {
    return WHO_ALLELE.matcher(allele).matches() && allele.startsWith(locus + "*");
  }

  private static String twoFields(String allele) {
    int first = allele.indexOf(':');
    int second = allele.indexOf(':', first + 1);
    return second < 0 ? allele : allele.substring(0, second);
  }

  private static String firstField(String allele) {
    return allele.substring(0, allele.indexOf(':'));
  }

  private static double frequency(String allele) {
    return SyntheticInventory.alleleFrequencies().stream().filter(a -> a.allele().equals(allele))
        .findFirst().orElseThrow().frequency();
  }

  private static void assertQuantiles(double[] values, double[] documented) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] probabilities = {0.05, 0.25, 0.50, 0.75, 0.95};
    for (int i = 0; i < probabilities.length; i++) {
      double quantile = sorted[(int) (probabilities[i] * (sorted.length - 1))];
      assertThat(quantile).as("P%d", (int) (probabilities[i] * 100))
          .isCloseTo(documented[i], within(documented[i] * 0.03));
    }
  }

  private static String format(double value) {
    StringBuilder sb = new StringBuilder();
    SyntheticInventory.appendThreeSignificant(sb, value);
    return sb.toString();
  }

  private static String csv(long seed, int units) throws IOException {
    StringWriter out = new StringWriter();
    SyntheticInventory.writeCsv(seed, units, out);
    return out.toString();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
  }
}

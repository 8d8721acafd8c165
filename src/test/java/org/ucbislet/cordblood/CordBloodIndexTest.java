package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.cordblood.TestUnits.unit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry-scale index against the definition: on random inventories its grades equal {@link HlaMatching} and
 * its order equals {@link CandidateUnit#RANKING} after the floor; and known answers for ties, doses, weight and the
 * floor.
 */
class CordBloodIndexTest {

  private static final SearchFloor FLOOR = new SearchFloor(4, 1.5);
  private static final String[] RECIPIENT = HlaMatchingTest.RECIPIENT;

  /** The definition: grade every unit one by one, apply the floor, sort by the ranking. */
  private static List<CandidateUnit> bruteForce(List<TestUnits.Unit> units, HlaTyping recipient, double weightKg,
                                                SearchFloor floor) {
    List<CandidateUnit> all = new ArrayList<>();
    for (TestUnits.Unit u : units) {
      MatchGrade grade = HlaMatching.grade(recipient, TestUnits.typing(u.alleles()));
      double tnc = CellDose.tncPerKgE7(u.tncTotal(), weightKg);
      if (grade.alleleMatches8() >= floor.minAlleleMatches8() && tnc >= floor.minTncPerKgE7()) {
        all.add(new CandidateUnit(u.bank(), u.unitId(), grade, u.tncTotal(), u.cd34Total(), tnc,
            CellDose.cd34PerKgE5(u.cd34Total(), weightKg)));
      }
    }
    all.sort(CandidateUnit.RANKING);
    return all;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void searchEqualsTheDefinitionOnRandomInventories(long seed) {
    Random random = new Random(seed);
    List<TestUnits.Unit> units = TestUnits.random(random, 3000);
    // the int genotype codes (a locus with more than 65,536 genotypes) are checked on every other seed
    CordBloodIndex index = CordBloodIndex.build(TestUnits.rows(units), seed % 2 == 0);
    for (int k = 0; k < 40; k++) {
      HlaTyping recipient = TestUnits.typing(TestUnits.randomTyping(random));
      double weight = 5 + random.nextInt(60) + random.nextDouble();
      SearchFloor floor = new SearchFloor(random.nextInt(7), random.nextInt(3) * 0.75);
      int limit = 1 + random.nextInt(60);
      List<CandidateUnit> expected = bruteForce(units, recipient, weight, floor);

      assertThat(index.search(recipient, weight, floor, limit))
          .as("seed %d search %d", seed, k).isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
      List<CandidateUnit> walked = new ArrayList<>();
      index.forEachInRanking(recipient, weight, floor, walked::add);
      assertThat(walked).as("seed %d full ranking %d", seed, k).isEqualTo(expected);
    }
  }

  @Test
  void searchSplitOverCoresEqualsTheDefinition() {
    // above the threshold the scan runs in parts; the parts' finds must merge into the same top k
    Random random = new Random(11);
    List<TestUnits.Unit> units = TestUnits.random(random, CordBloodIndex.PARALLEL_THRESHOLD + 20_000);
    CordBloodIndex index = TestUnits.index(units);
    for (int k = 0; k < 3; k++) {
      HlaTyping recipient = TestUnits.typing(TestUnits.randomTyping(random));
      List<CandidateUnit> expected = bruteForce(units, recipient, 10.0, FLOOR);
      assertThat(index.search(recipient, 10.0, FLOOR, 200)).isEqualTo(expected.subList(0, Math.min(200, expected.size())));
    }
  }

  @Test
  void splitSearchThatFillsTheBestCategoryEarlyStillEqualsTheDefinition() {
    // perfect matches spread over the whole inventory: a small top k fills category 8/8 6/6 in an early chunk and the
    // workers stop; a larger one needs every chunk. Both must equal the brute-force ranking.
    Random random = new Random(29);
    List<TestUnits.Unit> units = new ArrayList<>(TestUnits.random(random, CordBloodIndex.PARALLEL_THRESHOLD + 60_000));
    String[] recipientAlleles = TestUnits.randomTyping(random);
    for (int k = 0; k < 400; k++) {
      units.add(TestUnits.unit("PM", "PM-" + k, recipientAlleles, 2.0e8 + random.nextDouble() * 2.0e9, 1.0e6 + k));
    }
    CordBloodIndex index = TestUnits.index(units);
    HlaTyping recipient = TestUnits.typing(recipientAlleles);
    List<CandidateUnit> expected = bruteForce(units, recipient, 12.0, FLOOR);
    for (int limit : new int[] {1, 5, 60, 399, 400, 401, 2_000}) {
      assertThat(index.search(recipient, 12.0, FLOOR, limit)).as("top %d", limit)
          .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
    }
  }

  @Test
  void equalGradesAreOrderedByTncThenCd34ThenBankThenUnitId() {
    String[] same = RECIPIENT;
    CordBloodIndex index = TestUnits.index(List.of(
        unit("SHCBB", "SH-2", same, 9.0e8, 3.0e6),
        unit("SHCBB", "SH-10", same, 9.0e8, 3.0e6),   // ties SH-2 on everything but the unit ID: "SH-10" < "SH-2"
        unit("BJCBB", "BJ-9", same, 9.0e8, 3.0e6),    // ties both but for the bank: BJCBB first
        unit("GDCBB", "GD-1", same, 9.0e8, 4.0e6),    // more CD34 at the same TNC: before all three
        unit("GDCBB", "GD-2", same, 9.5e8, 1.0e6)));  // more TNC: first, whatever its CD34

    List<String> order = index.search(TestUnits.typing(same), 20.0, FLOOR, 10).stream().map(CandidateUnit::unitKey).toList();

    assertThat(order).containsExactly("GDCBB/GD-2", "GDCBB/GD-1", "BJCBB/BJ-9", "SHCBB/SH-10", "SHCBB/SH-2");
  }

  @Test
  void alleleMatchesRankBeforeAntigenMatchesBeforeDose() {
    // 8/8 6/6 with a small dose; 7/8 6/6 (C mismatch); 7/8 5/6 (DRB1 mismatch at two fields) with the largest dose
    CordBloodIndex index = TestUnits.index(List.of(
        unit("B", "DRB1-MISMATCH", new String[] {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02",
            "DRB1*09:01", "DRB1*15:02"}, 3.0e9, 9.0e6),
        unit("B", "C-MISMATCH", new String[] {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*08:01",
            "DRB1*09:01", "DRB1*15:01"}, 2.0e9, 9.0e6),
        unit("B", "IDENTICAL", RECIPIENT, 4.0e8, 1.0e6)));

    List<CandidateUnit> found = index.search(TestUnits.typing(RECIPIENT), 20.0, FLOOR, 10);

    assertThat(found).extracting(CandidateUnit::unitId).containsExactly("IDENTICAL", "C-MISMATCH", "DRB1-MISMATCH");
    assertThat(found).extracting(u -> u.grade().alleleMatches8()).containsExactly(8, 7, 7);
    assertThat(found).extracting(u -> u.grade().antigenMatches6()).containsExactly(6, 6, 5);
    assertThat(found.get(1).grade().mismatchedLociLabels()).containsExactly("C");
    assertThat(found.get(2).grade().mismatchedLociLabels()).containsExactly("DRB1");
  }

  @Test
  void dosesArePerKgOfTheRecipient() {
    CordBloodIndex index = TestUnits.index(List.of(unit("B", "U1", RECIPIENT, 1.8e9, 5.4e6)));

    CandidateUnit u = index.search(TestUnits.typing(RECIPIENT), 18.0, FLOOR, 1).get(0);

    // 1.8e9 / 18 kg = 1.0e8/kg = 10.0 x 10^7/kg; 5.4e6 / 18 = 3.0e5/kg = 3.0 x 10^5/kg
    assertThat(u.tncPerKgE7()).isEqualTo(10.0);
    assertThat(u.cd34PerKgE5()).isEqualTo(3.0);
  }

  @Test
  void weightDecidesTheTncFloor() {
    // 3.0e8 cells: 18 kg -> 1.667 x10^7/kg (listed); 20 kg -> 1.5 (at the floor: listed); 21 kg -> 1.43 (not listed)
    CordBloodIndex index = TestUnits.index(List.of(unit("B", "U1", RECIPIENT, 3.0e8, 1.0e6)));
    HlaTyping recipient = TestUnits.typing(RECIPIENT);

    assertThat(index.search(recipient, 18.0, FLOOR, 5)).hasSize(1);
    assertThat(index.search(recipient, 20.0, FLOOR, 5)).hasSize(1);
    assertThat(index.search(recipient, 21.0, FLOOR, 5)).isEmpty();
  }

  @Test
  void changingTheFloorChangesWhatIsListed() {
    // 4/8: A and B identical, C and DRB1 nothing in common
    String[] fourOfEight = {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*03:04", "C*08:01", "DRB1*04:05", "DRB1*12:01"};
    CordBloodIndex index = TestUnits.index(List.of(
        unit("B", "FOUR", fourOfEight, 2.0e9, 5.0e6),
        unit("B", "LOW-DOSE", RECIPIENT, 2.4e8, 1.0e6)));   // 2.4e8 / 20 kg = 1.2 x10^7/kg
    HlaTyping recipient = TestUnits.typing(RECIPIENT);

    assertThat(index.search(recipient, 20.0, new SearchFloor(4, 1.5), 5)).extracting(CandidateUnit::unitId)
        .containsExactly("FOUR");
    assertThat(index.search(recipient, 20.0, new SearchFloor(5, 1.5), 5)).isEmpty();
    assertThat(index.search(recipient, 20.0, new SearchFloor(4, 1.0), 5)).extracting(CandidateUnit::unitId)
        .containsExactly("LOW-DOSE", "FOUR");
    assertThat(index.search(recipient, 20.0, new SearchFloor(3, 1.0), 5)).hasSize(2);
  }

  @Test
  void belowTheAlleleFloorNothingIsListedHoweverLargeTheDose() {
    // 3/8: A identical (2), B one allele (1), C and DRB1 nothing
    String[] threeOfEight = {"A*02:01", "A*11:01", "B*46:01", "B*13:01", "C*03:04", "C*08:01", "DRB1*04:05", "DRB1*12:01"};
    CordBloodIndex index = TestUnits.index(List.of(unit("B", "THREE", threeOfEight, 9.0e9, 9.0e7)));

    assertThat(index.search(TestUnits.typing(RECIPIENT), 10.0, FLOOR, 5)).isEmpty();
  }

  @Test
  void limitCutsTheRankingAndTheWalkStopsWhenAsked() {
    List<TestUnits.Unit> units = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      units.add(unit("B", String.format("U%02d", i), RECIPIENT, (10 + i) * 1.0e8, 1.0e6));
    }
    CordBloodIndex index = TestUnits.index(units);
    HlaTyping recipient = TestUnits.typing(RECIPIENT);

    assertThat(index.search(recipient, 10.0, FLOOR, 3)).extracting(CandidateUnit::unitId).containsExactly("U29", "U28", "U27");
    List<String> walked = new ArrayList<>();
    index.forEachInRanking(recipient, 10.0, FLOOR, u -> {
      walked.add(u.unitId());
      return walked.size() < 4;
    });
    assertThat(walked).containsExactly("U29", "U28", "U27", "U26");
  }

  @Test
  void emptyInventorySearchesNothing() {
    CordBloodIndex index = CordBloodIndex.empty();

    assertThat(index.size()).isZero();
    assertThat(index.search(TestUnits.typing(RECIPIENT), 20.0, FLOOR, 10)).isEmpty();
  }

  @Test
  void recipientAllelesUnknownToTheInventoryStillMatchAtAntigenLevel() {
    // the recipient's A*02:99 and B*46:77 appear in no unit: allele level 0 at those alleles, antigen level still 1
    // A: r = 02:99, 11:01; u = 02:01, 11:01 -> allele 1, antigen 2. B: r = 46:77, 40:01; u = 46:01, 40:01 -> 1, 2
    // allele 1+1+2+2 = 6, antigen6 2+2+2 = 6
    CordBloodIndex index = TestUnits.index(List.of(unit("B", "U1", RECIPIENT, 2.0e9, 5.0e6)));
    HlaTyping recipient = TestUnits.typing("A*02:99", "A*11:01", "B*46:77", "B*40:01", "C*01:02", "C*07:02",
        "DRB1*09:01", "DRB1*15:01");

    CandidateUnit u = index.search(recipient, 20.0, FLOOR, 1).get(0);
    assertThat(u.grade()).isEqualTo(new MatchGrade(6, 6, List.of(HlaLocus.A, HlaLocus.B)));
  }

  @Test
  void rankingIsATotalOrder() {
    List<CandidateUnit> units = bruteForce(TestUnits.random(new Random(9), 500), TestUnits.typing(RECIPIENT), 12.0,
        new SearchFloor(0, 0));
    for (int i = 1; i < units.size(); i++) {
      assertThat(CandidateUnit.RANKING.compare(units.get(i - 1), units.get(i))).isNegative();
    }
    assertThat(units.stream().sorted(CandidateUnit.RANKING.reversed()).sorted(CandidateUnit.RANKING).toList())
        .isEqualTo(units);
    assertThat(units).isSortedAccordingTo(Comparator.comparing((CandidateUnit u) -> -u.grade().alleleMatches8()));
  }
}

package org.ucbislet.cordblood;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small cord blood inventories for tests, as CSV rows or as {@link InventoryRows}. */
final class TestUnits {

  static final LocalDate COLLECTED = LocalDate.of(2019, 4, 30);
  static final String HEADER = InventoryCsv.HEADER;

  /** One unit: bank, unit ID, eight alleles (A1, A2, B1, B2, C1, C2, DRB1_1, DRB1_2; second may be blank), cells. */
  record Unit(String bank, String unitId, String[] alleles, double tncTotal, double cd34Total) {
    String csv() {
      return bank + "," + unitId + "," + String.join(",", blanks(alleles)) + "," + tncTotal + "," + cd34Total + ","
          + COLLECTED;
    }

    private static String[] blanks(String[] alleles) {
      String[] out = new String[alleles.length];
      for (int i = 0; i < alleles.length; i++) {
        out[i] = alleles[i] == null ? "" : alleles[i];
      }
      return out;
    }
  }

  private TestUnits() {
  }

  static Unit unit(String bank, String unitId, String[] alleles, double tncTotal, double cd34Total) {
    return new Unit(bank, unitId, alleles, tncTotal, cd34Total);
  }

  static String csv(List<Unit> units) {
    StringBuilder s = new StringBuilder(HEADER).append('\n');
    units.forEach(u -> s.append(u.csv()).append('\n'));
    return s.toString();
  }

  private static final java.util.Map<String, HlaAllele> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

  /** The allele of that name, parsed once (large random inventories reuse a few names). */
  static HlaAllele allele(String name, HlaLocus locus) {
    HlaAllele a = PARSED.computeIfAbsent(name, HlaAllele::parse);
    if (a.locus() != locus) {
      return HlaAllele.parse(name, locus); // throws, naming the locus
    }
    return a;
  }

  static InventoryRows rows(List<Unit> units) {
    InventoryRows rows = new InventoryRows();
    int row = 2;
    for (Unit u : units) {
      HlaAllele[] alleles = new HlaAllele[8];
      for (int k = 0; k < 8; k++) {
        alleles[k] = u.alleles()[k] == null || u.alleles()[k].isEmpty() ? null
            : allele(u.alleles()[k], HlaLocus.values()[k / 2]);
      }
      rows.add(row++, u.bank(), u.unitId(), alleles, u.tncTotal(), u.cd34Total(), COLLECTED);
    }
    return rows;
  }

  static CordBloodIndex index(List<Unit> units) {
    return CordBloodIndex.build(rows(units));
  }

  /** A small allele pool per locus, with several alleles of one antigen, some three-field names and a null allele. */
  static final String[][] POOL = {
      {"A*02:01", "A*02:06", "A*02:07", "A*11:01", "A*11:02", "A*24:02", "A*33:03", "A*02:01:01", "A*02:53N"},
      {"B*46:01", "B*46:02", "B*40:01", "B*40:02", "B*13:01", "B*58:01", "B*15:01:01", "B*40:01:02"},
      {"C*01:02", "C*07:02", "C*03:04", "C*08:01", "C*07:01", "C*03:03:01"},
      {"DRB1*09:01", "DRB1*15:01", "DRB1*15:02", "DRB1*12:01", "DRB1*04:05", "DRB1*15:01:01"}};

  /** A random typing from the pool; about one locus in six homozygous (blank second allele). */
  static String[] randomTyping(Random random) {
    String[] alleles = new String[8];
    for (int l = 0; l < 4; l++) {
      alleles[2 * l] = POOL[l][random.nextInt(POOL[l].length)];
      alleles[2 * l + 1] = random.nextInt(6) == 0 ? null : POOL[l][random.nextInt(POOL[l].length)];
    }
    return alleles;
  }

  /**
   * Random units; cell counts from a few values so that ties in TNC and CD34 are frequent (the tie-breaks by bank
   * and unit ID are then exercised).
   */
  static List<Unit> random(Random random, int n) {
    List<Unit> units = new ArrayList<>();
    String[] banks = {"SHCBB", "BJCBB", "GDCBB"};
    for (int i = 0; i < n; i++) {
      double tnc = (2 + random.nextInt(20)) * 1.0e8;
      double cd34 = (1 + random.nextInt(8)) * 1.0e6;
      units.add(unit(banks[random.nextInt(banks.length)], "U-" + random.nextInt(1_000_000) + "-" + i,
          randomTyping(random), tnc, cd34));
    }
    return units;
  }

  static HlaTyping typing(String... alleles) {
    java.util.Map<HlaLocus, HlaTyping.LocusTyping> loci = new java.util.EnumMap<>(HlaLocus.class);
    for (HlaLocus locus : HlaLocus.values()) {
      String first = alleles[2 * locus.ordinal()];
      String second = alleles[2 * locus.ordinal() + 1];
      loci.put(locus, new HlaTyping.LocusTyping(allele(first, locus),
          second == null || second.isBlank() ? null : allele(second, locus)));
    }
    return HlaTyping.of(loci);
  }
}

package org.ucbislet.cordblood;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The cord blood inventory in memory, built once per inventory and never changed (so it is shared by any number
 * of concurrent searches, and replaced as a whole), laid out for a registry-scale search:
 *
 * <ul>
 *   <li><b>Dose order.</b> Units are stored sorted by TNC total desc, CD34 total desc, bank asc, unit ID asc: the
 *       tail of the ranking after the two match grades (for one recipient the per-kg doses order like the totals).
 *       So (1) the units that pass the TNC floor for a weight are a prefix of the arrays, found by binary search,
 *       and the rest is never read; (2) within a match category, position order <em>is</em> ranking order, so the
 *       top k of a search are the first k units met in each category: no heap and no comparisons.</li>
 *   <li><b>Genotype codes.</b> Per locus, each distinct pair of two-field alleles (a genotype, homozygous = the
 *       allele twice) gets a dictionary code; a unit is four codes in one interleaved {@code char[]} (8 bytes a
 *       unit; {@code int[]} only when a locus has more than 65,536 genotypes).</li>
 *   <li><b>Per search</b> one small table per locus gives, for each genotype, that locus' contribution to both
 *       grades (allele matches in the low 4 bits, antigenMatches6 matches in the high 4 bits), computed only for
 *       the genotypes holding an allele of one of the recipient's antigen groups (all others contribute 0). A
 *       unit's grade is then four loads and three additions; below the allele floor nothing else is done, above it
 *       its category ({@code alleleMatches8} desc, {@code antigenMatches6} desc) is one more load.</li>
 *   <li><b>Cores.</b> Above {@value #PARALLEL_THRESHOLD} units the scan is split into one part per core; the
 *       caller scans every part no helper thread has started yet, so a busy machine never makes it wait in a
 *       queue. Per category the parts' finds are merged in position order.</li>
 * </ul>
 *
 * <p>The grades equal {@link HlaMatching#grade} (per locus the better pairing, homozygous counted twice), and the
 * order equals {@link CandidateUnit#RANKING}. Plain Java, no engine.
 */
public final class CordBloodIndex {

  private static final int LOCI = 4;
  private static final int CATEGORIES = 9 * 7; // alleleMatches8 8..0 x antigenMatches6 6..0
  /** Below this many units a search is one scan; above it the scan is split over the machine's cores. */
  static final int PARALLEL_THRESHOLD = 200_000;
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final ExecutorService HELPERS = CORES < 2 ? null : Executors.newFixedThreadPool(CORES - 1, r -> {
    Thread t = new Thread(r, "cord-blood-scan");
    t.setDaemon(true);
    return t;
  });

  /** The dictionaries of one locus. */
  private record Locus(Map<String, Integer> twoFieldCodes, Map<String, int[]> codesByFirstField,
                       int[] genotypeFirst, int[] genotypeSecond, int[][] genotypesOfAllele) {}

  private final int size;
  private final char[] genotypes;     // LOCI per unit, when every locus has <= 65,536 genotypes
  private final int[] wideGenotypes;  // otherwise
  private final Locus[] loci;
  private final double[] tnc;
  private final double[] cd34;
  private final int[] bank;
  private final String[] bankNames;
  private final byte[] ids;
  private final int[] idEnd;

  private CordBloodIndex(int size, char[] genotypes, int[] wideGenotypes, Locus[] loci, double[] tnc, double[] cd34,
                         int[] bank, String[] bankNames, byte[] ids, int[] idEnd) {
    this.size = size;
    this.genotypes = genotypes;
    this.wideGenotypes = wideGenotypes;
    this.loci = loci;
    this.tnc = tnc;
    this.cd34 = cd34;
    this.bank = bank;
    this.bankNames = bankNames;
    this.ids = ids;
    this.idEnd = idEnd;
  }

  public static CordBloodIndex empty() {
    return build(new InventoryRows());
  }

  /** Builds the index of the rows (which must have unique bank + unit ID). */
  public static CordBloodIndex build(InventoryRows rows) {
    return build(rows, false);
  }

  /** {@link #build(InventoryRows)}, with {@code int} genotype codes even when {@code char} would do (tests). */
  static CordBloodIndex build(InventoryRows rows, boolean wideCodes) {
    int n = rows.size();
    List<String> banks = rows.banks();
    String[] sortedBanks = banks.toArray(String[]::new);
    Arrays.sort(sortedBanks);
    Map<String, Integer> bankRank = new HashMap<>();
    for (int i = 0; i < sortedBanks.length; i++) {
      bankRank.put(sortedBanks[i], i);
    }
    int[] rankOfCode = new int[banks.size()];
    for (int c = 0; c < banks.size(); c++) {
      rankOfCode[c] = bankRank.get(banks.get(c));
    }

    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSort.sort(order, (a, b) -> {
      int c = Double.compare(rows.tncTotal(b), rows.tncTotal(a));
      if (c == 0) {
        c = Double.compare(rows.cd34Total(b), rows.cd34Total(a));
      }
      if (c == 0) {
        c = Integer.compare(rankOfCode[rows.bankCode(a)], rankOfCode[rows.bankCode(b)]);
      }
      return c != 0 ? c : rows.compareUnitIds(a, b);
    });

    Locus[] loci = new Locus[LOCI];
    int[][] codes = new int[LOCI][];
    boolean wide = wideCodes;
    for (HlaLocus locus : HlaLocus.values()) {
      codes[locus.ordinal()] = new int[n];
      loci[locus.ordinal()] = locus(rows, locus, order, codes[locus.ordinal()]);
      wide |= loci[locus.ordinal()].genotypeFirst().length > Character.MAX_VALUE + 1;
    }
    char[] genotypes = wide ? null : new char[LOCI * n];
    int[] wideGenotypes = wide ? new int[LOCI * n] : null;
    for (int p = 0; p < n; p++) {
      for (int l = 0; l < LOCI; l++) {
        if (wide) {
          wideGenotypes[LOCI * p + l] = codes[l][p];
        } else {
          genotypes[LOCI * p + l] = (char) codes[l][p];
        }
      }
    }

    double[] tnc = new double[n];
    double[] cd34 = new double[n];
    int[] bank = new int[n];
    int[] idEnd = new int[n];
    byte[][] idBytes = new byte[n][];
    int idLength = 0;
    for (int p = 0; p < n; p++) {
      int row = order[p];
      tnc[p] = rows.tncTotal(row);
      cd34[p] = rows.cd34Total(row);
      bank[p] = rankOfCode[rows.bankCode(row)];
      idBytes[p] = rows.unitId(row).getBytes(StandardCharsets.UTF_8);
      idLength += idBytes[p].length;
      idEnd[p] = idLength;
    }
    byte[] ids = new byte[idLength];
    for (int p = 0; p < n; p++) {
      System.arraycopy(idBytes[p], 0, ids, idEnd[p] - idBytes[p].length, idBytes[p].length);
    }
    return new CordBloodIndex(n, genotypes, wideGenotypes, loci, tnc, cd34, bank, sortedBanks, ids, idEnd);
  }

  /** The two-field and genotype dictionaries of one locus; writes each unit's genotype code (in dose order). */
  private static Locus locus(InventoryRows rows, HlaLocus locus, int[] order, int[] codes) {
    int l = locus.ordinal();
    List<HlaAllele> names = rows.alleleDictionary(locus);
    Map<String, Integer> twoFieldCodes = new HashMap<>();
    Map<String, List<Integer>> byFirstField = new HashMap<>();
    int[] twoOfName = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      HlaAllele a = names.get(c);
      twoOfName[c] = twoFieldCodes.computeIfAbsent(a.twoField(), t -> {
        int code = twoFieldCodes.size();
        byFirstField.computeIfAbsent(a.firstField(), f -> new ArrayList<>()).add(code);
        return code;
      });
    }
    Map<String, int[]> codesByFirstField = new HashMap<>();
    byFirstField.forEach((f, list) -> codesByFirstField.put(f, list.stream().mapToInt(Integer::intValue).toArray()));

    // genotype dictionary: unordered pairs of two-field codes, looked up in a d x d table (d = alleles of the locus),
    // or a hash map when d is large (a table of d x d would be too big)
    int d = twoFieldCodes.size();
    boolean small = d <= 2048;
    int[] pairCode = small ? new int[Math.max(1, d * d)] : null;
    Map<Long, Integer> pairCodes = small ? null : new HashMap<>();
    if (small) {
      Arrays.fill(pairCode, -1);
    }
    int genotypeCount = 0;
    int[] gFirst = new int[16];
    int[] gSecond = new int[16];
    for (int p = 0; p < order.length; p++) {
      int row = order[p];
      int c1 = twoOfName[rows.alleleCode(row, 2 * l)];
      int second = rows.alleleCode(row, 2 * l + 1);
      int c2 = second < 0 ? c1 : twoOfName[second];
      int lo = Math.min(c1, c2);
      int hi = Math.max(c1, c2);
      long pair = (long) lo * d + hi;
      int g = small ? pairCode[(int) pair] : pairCodes.getOrDefault(pair, -1);
      if (g < 0) {
        g = genotypeCount++;
        if (small) {
          pairCode[(int) pair] = g;
        } else {
          pairCodes.put(pair, g);
        }
        if (g >= gFirst.length) {
          gFirst = Arrays.copyOf(gFirst, gFirst.length * 2);
          gSecond = Arrays.copyOf(gSecond, gSecond.length * 2);
        }
        gFirst[g] = lo;
        gSecond[g] = hi;
      }
      codes[p] = g;
    }
    int[] perAllele = new int[twoFieldCodes.size()];
    for (int g = 0; g < genotypeCount; g++) {
      perAllele[gFirst[g]]++;
      if (gSecond[g] != gFirst[g]) {
        perAllele[gSecond[g]]++;
      }
    }
    int[][] genotypesOfAllele = new int[perAllele.length][];
    for (int a = 0; a < perAllele.length; a++) {
      genotypesOfAllele[a] = new int[perAllele[a]];
      perAllele[a] = 0;
    }
    for (int g = 0; g < genotypeCount; g++) {
      genotypesOfAllele[gFirst[g]][perAllele[gFirst[g]]++] = g;
      if (gSecond[g] != gFirst[g]) {
        genotypesOfAllele[gSecond[g]][perAllele[gSecond[g]]++] = g;
      }
    }
    return new Locus(twoFieldCodes, codesByFirstField, Arrays.copyOf(gFirst, genotypeCount),
        Arrays.copyOf(gSecond, genotypeCount), genotypesOfAllele);
  }

  /** Number of units in the inventory: what a search answers as {@code searched}. */
  public int size() {
    return size;
  }

  /**
   * The first {@code limit} units of the ranking that pass the floor, best first.
   *
   * @param weightKg the recipient's weight (> 0)
   */
  public List<CandidateUnit> search(HlaTyping recipient, double weightKg, SearchFloor floor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Tables t = tables(recipient, floor);
    int prefix = tncFloorPrefix(weightKg, floor);
    int parts = HELPERS == null ? 1 : Math.min(CORES, 1 + prefix / PARALLEL_THRESHOLD);
    Segment[] segments = new Segment[parts];
    for (int k = 0; k < parts; k++) {
      segments[k] = new Segment(t, (int) ((long) prefix * k / parts), (int) ((long) prefix * (k + 1) / parts), limit);
    }
    for (int k = 1; k < parts; k++) {
      HELPERS.execute(segments[k]);
    }
    for (Segment segment : segments) {
      segment.runOrAwait(); // the caller scans every part no helper has started: no waiting in a busy pool's queue
    }
    // per category, the parts' finds in position order = ranking order
    List<CandidateUnit> units = new ArrayList<>(limit);
    for (int c = 0; c < CATEGORIES && units.size() < limit; c++) {
      for (Segment segment : segments) {
        for (int k = 0; k < segment.count[c] && units.size() < limit; k++) {
          units.add(candidate(segment.found[c * limit + k], t, weightKg));
        }
      }
    }
    return units;
  }

  /** One part of a scan: positions {@code [from, to)}, first {@code limit} finds per category. */
  private final class Segment implements Runnable {
    private final Tables t;
    private final int from;
    private final int to;
    private final int limit;
    private final int[] found;
    private final int[] count = new int[CATEGORIES];
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    Segment(Tables t, int from, int to, int limit) {
      this.t = t;
      this.from = from;
      this.to = to;
      this.limit = limit;
      this.found = new int[CATEGORIES * limit];
    }

    @Override
    public void run() {
      if (claimed.compareAndSet(false, true)) {
        try {
          if (genotypes != null) {
            scan(genotypes, t, from, to, limit, found, count);
          } else {
            scanWide(wideGenotypes, t, from, to, limit, found, count);
          }
        } finally {
          done.countDown();
        }
      }
    }

    void runOrAwait() {
      run();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Cord blood search interrupted", e);
      }
    }
  }

  private static void scan(char[] g, Tables t, int from, int to, int limit, int[] found, int[] count) {
    byte[] a = t.contribution[0];
    byte[] b = t.contribution[1];
    byte[] c = t.contribution[2];
    byte[] d = t.contribution[3];
    byte[] category = t.category;
    int min = t.minAllele8;
    for (int p = from, j = LOCI * from; p < to; p++, j += LOCI) {
      int s = a[g[j]] + b[g[j + 1]] + c[g[j + 2]] + d[g[j + 3]];
      if ((s & 0xF) >= min) {
        int cat = category[s];
        if (count[cat] < limit) {
          found[cat * limit + count[cat]++] = p;
          if (cat == 0 && count[0] == limit) {
            return; // the best category is full: nothing later can enter the top
          }
        }
      }
    }
  }

  private static void scanWide(int[] g, Tables t, int from, int to, int limit, int[] found, int[] count) {
    byte[] a = t.contribution[0];
    byte[] b = t.contribution[1];
    byte[] c = t.contribution[2];
    byte[] d = t.contribution[3];
    byte[] category = t.category;
    int min = t.minAllele8;
    for (int p = from, j = LOCI * from; p < to; p++, j += LOCI) {
      int s = a[g[j]] + b[g[j + 1]] + c[g[j + 2]] + d[g[j + 3]];
      if ((s & 0xF) >= min) {
        int cat = category[s];
        if (count[cat] < limit) {
          found[cat * limit + count[cat]++] = p;
          if (cat == 0 && count[0] == limit) {
            return;
          }
        }
      }
    }
  }

  /**
   * Walks every unit that passes the floor in ranking order, best first, until the visitor answers false (for a
   * search that must go further down than a fixed top k, e.g. to the first three acceptable units).
   */
  public void forEachInRanking(HlaTyping recipient, double weightKg, SearchFloor floor, Predicate<CandidateUnit> visitor) {
    Tables t = tables(recipient, floor);
    int prefix = tncFloorPrefix(weightKg, floor);
    byte[] categories = new byte[prefix];
    int[] count = new int[CATEGORIES + 1];
    for (int p = 0; p < prefix; p++) {
      int cat = t.category[score(t, p)];
      categories[p] = (byte) cat;
      if (cat >= 0) {
        count[cat + 1]++;
      }
    }
    for (int c = 1; c <= CATEGORIES; c++) {
      count[c] += count[c - 1]; // count[c] = start of category c
    }
    int[] ranked = new int[count[CATEGORIES]];
    for (int p = 0; p < prefix; p++) {
      if (categories[p] >= 0) {
        ranked[count[categories[p]]++] = p;
      }
    }
    for (int p : ranked) {
      if (!visitor.test(candidate(p, t, weightKg))) {
        return;
      }
    }
  }

  /** The number of leading units whose TNC dose for this weight reaches the floor (units are in TNC desc order). */
  int tncFloorPrefix(double weightKg, SearchFloor floor) {
    if (!Double.isFinite(weightKg) || weightKg <= 0) {
      throw new IllegalArgumentException("weightKg must be a positive number of kilograms, was " + weightKg);
    }
    int lo = 0;
    int hi = size; // invariant: units before lo pass, units from hi on fail
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CellDose.tncPerKgE7(tnc[mid], weightKg) >= floor.minTncPerKgE7()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int genotype(int p, int l) {
    return genotypes != null ? genotypes[LOCI * p + l] : wideGenotypes[LOCI * p + l];
  }

  private int score(Tables t, int p) {
    int s = 0;
    for (int l = 0; l < LOCI; l++) {
      s += t.contribution[l][genotype(p, l)];
    }
    return s;
  }

  private CandidateUnit candidate(int p, Tables t, double weightKg) {
    int s = score(t, p);
    List<HlaLocus> mismatched = new ArrayList<>(LOCI);
    for (HlaLocus locus : HlaLocus.values()) {
      if ((t.contribution[locus.ordinal()][genotype(p, locus.ordinal())] & 0xF) < 2) {
        mismatched.add(locus);
      }
    }
    MatchGrade grade = new MatchGrade(s & 0xF, s >> 4, mismatched);
    int start = p == 0 ? 0 : idEnd[p - 1];
    String unitId = new String(ids, start, idEnd[p] - start, StandardCharsets.UTF_8);
    return new CandidateUnit(bankNames[bank[p]], unitId, grade, tnc[p], cd34[p],
        CellDose.tncPerKgE7(tnc[p], weightKg), CellDose.cd34PerKgE5(cd34[p], weightKg));
  }

  /** Per-search lookup tables: each genotype's contribution per locus, and the category of each score. */
  private record Tables(byte[][] contribution, byte[] category, int minAllele8) {}

  private Tables tables(HlaTyping recipient, SearchFloor floor) {
    byte[][] contribution = new byte[LOCI][];
    for (HlaLocus locus : HlaLocus.values()) {
      Locus dictionary = loci[locus.ordinal()];
      HlaTyping.LocusTyping r = recipient.locus(locus);
      // which of the unit-side alleles match the recipient's two alleles, at two fields and at the first field
      byte[] mask = new byte[dictionary.genotypesOfAllele().length];
      mark(mask, dictionary.twoFieldCodes().get(r.first().twoField()), 1);
      mark(mask, dictionary.twoFieldCodes().get(r.secondOrFirst().twoField()), 2);
      for (int c : dictionary.codesByFirstField().getOrDefault(r.first().firstField(), new int[0])) {
        mask[c] |= 4;
      }
      for (int c : dictionary.codesByFirstField().getOrDefault(r.secondOrFirst().firstField(), new int[0])) {
        mask[c] |= 8;
      }
      // only genotypes holding such an allele contribute anything; every other entry stays 0
      int[] first = dictionary.genotypeFirst();
      int[] second = dictionary.genotypeSecond();
      byte[] table = new byte[first.length];
      for (int a = 0; a < mask.length; a++) {
        if (mask[a] != 0) {
          for (int g : dictionary.genotypesOfAllele()[a]) {
            table[g] = (byte) contribution(locus, mask[first[g]], mask[second[g]]);
          }
        }
      }
      contribution[locus.ordinal()] = table;
    }
    byte[] category = new byte[128];
    for (int s = 0; s < category.length; s++) {
      int allele8 = s & 0xF;
      int antigen6 = s >> 4;
      category[s] = (byte) (allele8 <= 8 && antigen6 <= 6 && allele8 >= floor.minAlleleMatches8()
          ? (8 - allele8) * 7 + (6 - antigen6) : -1);
    }
    return new Tables(contribution, category, floor.minAlleleMatches8());
  }

  private static void mark(byte[] mask, Integer code, int bit) {
    if (code != null) {
      mask[code] |= bit;
    }
  }

  /**
   * One locus' contribution for a unit genotype (u1, u2) whose alleles matched the recipient's (r1, r2) as in the
   * masks (bit 0: two fields = r1, bit 1: two fields = r2, bit 2: first field = r1, bit 3: first field = r2): the
   * better pairing at allele level in bits 0-3, and what the locus adds to antigenMatches6 in bits 4-7 (A, B: the
   * better pairing at antigen level; C: nothing; DRB1: the allele-level count).
   */
  static int contribution(HlaLocus locus, int u1, int u2) {
    int allele = Math.max((u1 & 1) + (u2 >> 1 & 1), (u1 >> 1 & 1) + (u2 & 1));
    int antigen = Math.max((u1 >> 2 & 1) + (u2 >> 3 & 1), (u1 >> 3 & 1) + (u2 >> 2 & 1));
    int grade6 = switch (locus) {
      case A, B -> antigen;
      case C -> 0;
      case DRB1 -> allele;
    };
    return allele | grade6 << 4;
  }
}

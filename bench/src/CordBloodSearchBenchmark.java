import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.ucbislet.cordblood.CandidateUnit;
import org.ucbislet.cordblood.CordBloodIndex;
import org.ucbislet.cordblood.HlaAllele;
import org.ucbislet.cordblood.HlaLocus;
import org.ucbislet.cordblood.HlaTyping;
import org.ucbislet.cordblood.InventoryCsv;
import org.ucbislet.cordblood.InventoryRows;
import org.ucbislet.cordblood.SearchFloor;

/**
 * Cord blood bank search benchmark (issue 3 item 5). A plain main, driven by {@code bench/cord-blood-search.sh}.
 *
 * <p>Per inventory size (CSV files written by {@code SyntheticInventory}, read with {@code InventoryCsv.read}, so all
 * three implementations search exactly the same valid units):
 * <ol>
 *   <li><b>index</b>: {@code CordBloodIndex.build(rows)} and {@code search(typing, weightKg, floor, limit)}, the
 *       colleague's code unchanged;</li>
 *   <li><b>naive</b>: a {@code List} of one plain object per unit (bank, unit ID, the eight allele names as
 *       {@code String}s as imported, TNC and CD34 totals), each unit graded with straightforward code (two pairings per
 *       locus; string comparison of the unit's names with the recipient's names cut once per search to their first
 *       two fields, resp. first field), filtered by the floor, the passing units fully sorted by the same total
 *       order, the first {@code limit} taken;</li>
 *   <li><b>sql</b>: the same units in a PostgreSQL table with the alleles pre-split into two-field and first-field
 *       columns (homozygous: second = first, as the index does), one prepared {@code SELECT} per search computing
 *       both grades in SQL (best pairing per locus with {@code GREATEST} of {@code CASE} sums), the floor in
 *       {@code WHERE}, {@code ORDER BY} the ranking, {@code LIMIT}.</li>
 * </ol>
 * Every search of naive and SQL is compared with the index's answer for the same recipient, weight and limit (ranked
 * {@code bank/unitId} and both grades); any difference fails the run (exit 1).
 *
 * <p>Latency: one caller thread, {@code System.nanoTime} around each search, nearest-rank percentiles of the sorted
 * samples. Throughput: 2 caller threads searching the recipients for a fixed time. Memory per unit: retained heap of
 * the index = used heap after full GCs with the index held minus before building it (the input rows are held in both
 * measurements), cross-checked with a walk of the index's object graph (compressed-oops layout estimate).
 *
 * <p>Arguments are system properties (see the script): {@code sizes}, {@code csvDir}, {@code recipientsCsv},
 * {@code jdbc}, {@code out}, {@code meta} and the time budgets.
 */
public class CordBloodSearchBenchmark {

  static final SearchFloor FLOOR = new SearchFloor(4, 1.5); // domain.md Part A defaults
  static final int[] LIMITS = {10, 100};
  static final long WEIGHT_SEED = 20261125L;
  /** Up to this size naive and SQL answer every recipient at limit 10 (whatever the time budget). */
  static final int CHECK_ALL_UP_TO = Integer.getInteger("checkAllUpTo", 100_000);

  /** A few common Chinese typings (the README example and typings made of the most frequent alleles). */
  static final String[][] COMMON = {
      {"A*02:01", "A*11:01", "B*46:01", "B*40:01", "C*01:02", "C*07:02", "DRB1*09:01", "DRB1*15:01"},
      {"A*11:01", "A*24:02", "B*40:01", "B*46:01", "C*01:02", "C*07:02", "DRB1*09:01", "DRB1*12:02"},
      {"A*11:01", "", "B*46:01", "", "C*01:02", "", "DRB1*09:01", ""},
      {"A*33:03", "A*02:07", "B*58:01", "B*46:01", "C*03:02", "C*01:02", "DRB1*03:01", "DRB1*09:01"},
      {"A*24:02", "A*02:01", "B*13:02", "B*40:01", "C*06:02", "C*03:04", "DRB1*07:01", "DRB1*15:01"},
  };

  record Recipient(String label, HlaTyping typing, String[] names, double weightKg) {}

  /** One listed unit: bank/unitId, both grades and the mismatched loci (e.g. "C,DRB1"). */
  record Hit(String key, int m8, int m6, String mismatched) {
    @Override
    public String toString() {
      return key + " " + m8 + "/8 " + m6 + "/6 mismatched [" + mismatched + "]";
    }
  }

  static String mismatched(int... alleleCounts) {
    StringBuilder s = new StringBuilder();
    for (HlaLocus locus : HlaLocus.values()) {
      if (alleleCounts[locus.ordinal()] < 2) {
        s.append(s.length() == 0 ? "" : ",").append(locus.label());
      }
    }
    return s.toString();
  }

  record Latency(String impl, int limit, long[] ns, int recipientsCovered, String note, double[] cpu) {
    double others() {
      return cpu[0];
    }

    double pg() {
      return cpu[1];
    }

    double pct(double p) {
      long[] s = ns.clone();
      Arrays.sort(s);
      int rank = (int) Math.ceil(p * s.length);
      return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }

    double mean() {
      return Arrays.stream(ns).average().orElse(Double.NaN) / 1e6;
    }

    double max() {
      return Arrays.stream(ns).max().orElse(0) / 1e6;
    }
  }

  record Throughput(String impl, int threads, long searches, double seconds, double[] cpu) {
    double others() {
      return cpu[0];
    }

    double pg() {
      return cpu[1];
    }

    double perSecond() {
      return searches / seconds;
    }
  }

  static final class SizeResult {
    int units;
    long csvReadMs;
    long indexBuildMs;
    long naiveBuildMs;
    long sqlLoadMs;
    long indexHeapDelta;
    long indexWalkBytes;
    Map<String, Long> indexWalkParts = new LinkedHashMap<>();
    long naiveHeapDelta;
    long sqlTableBytes;
    long sqlTotalBytes;
    String sqlPlan = "";
    final List<Latency> latencies = new ArrayList<>();
    final List<Throughput> throughputs = new ArrayList<>();
    final Map<String, String> loads = new LinkedHashMap<>();
    final List<String> checks = new ArrayList<>();
    long checkedSearches;
    double meanListed10;
    double meanPrefix;
    int emptyAnswers10;
    int earlyStop10;

    Latency latency(String impl, int limit) {
      return latencies.stream().filter(l -> l.impl().equals(impl) && l.limit() == limit).findFirst().orElse(null);
    }

    Throughput throughput(String impl) {
      return throughputs.stream().filter(t -> t.impl().equals(impl)).findFirst().orElse(null);
    }
  }

  static volatile long sink;

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    int[] sizes = Arrays.stream(System.getProperty("sizes", "10000,100000,1000000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    Path csvDir = Path.of(System.getProperty("csvDir"));
    Path out = Path.of(System.getProperty("out"));
    String jdbc = System.getProperty("jdbc", "");
    Path meta = System.getProperty("meta") == null ? null : Path.of(System.getProperty("meta"));
    long started = System.nanoTime();

    List<Recipient> recipients = recipients(Path.of(System.getProperty("recipientsCsv")));
    log("recipients: " + recipients.size() + " (weights " + WEIGHT_SEED + ")");

    List<SizeResult> results = new ArrayList<>();
    String failure = null;
    for (int n : sizes) {
      try {
        results.add(runSize(n, csvDir.resolve("inventory-" + n + ".csv"), recipients, jdbc));
      } catch (MismatchException e) {
        failure = e.getMessage();
        log("FAILED: " + failure);
        break;
      }
    }
    double totalS = (System.nanoTime() - started) / 1e9;
    String report = report(results, recipients, meta, totalS, failure);
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardCharsets.UTF_8);
    log("report written to " + out + " (" + String.format("%.0f", totalS) + " s)");
    if (failure != null) {
      System.exit(1);
    }
  }

  // ---------------------------------------------------------------------------------------------------- one size

  static SizeResult runSize(int n, Path csv, List<Recipient> recipients, String jdbc) throws Exception {
    SizeResult r = new SizeResult();
    log("=== " + n + " units: reading " + csv.getFileName());
    long t0 = System.nanoTime();
    InventoryCsv.Result read;
    try (InputStream in = Files.newInputStream(csv)) {
      read = InventoryCsv.read(in, LocalDate.now(), 10);
    }
    r.csvReadMs = ms(t0);
    InventoryRows rows = read.units();
    if (read.rejected() != 0 || rows.size() != n) {
      throw new IllegalStateException(csv + ": " + read.received() + " rows, " + read.rejected() + " rejected: "
          + read.rejectedRows());
    }
    r.units = n;

    // index: build, retained heap
    long before = usedHeapAfterGc();
    t0 = System.nanoTime();
    CordBloodIndex index = CordBloodIndex.build(rows);
    r.indexBuildMs = ms(t0);
    long after = usedHeapAfterGc();
    r.indexHeapDelta = after - before;
    r.indexWalkBytes = deepSize(index, r.indexWalkParts);
    log(String.format("index built in %d ms; retained heap %d bytes (%.1f/unit), object walk %d bytes (%.1f/unit)",
        r.indexBuildMs, r.indexHeapDelta, r.indexHeapDelta / (double) n, r.indexWalkBytes, r.indexWalkBytes / (double) n));

    // naive: one object per unit
    before = usedHeapAfterGc();
    t0 = System.nanoTime();
    List<NaiveUnit> naive = NaiveUnit.of(rows);
    r.naiveBuildMs = ms(t0);
    r.naiveHeapDelta = usedHeapAfterGc() - before;
    log(String.format("naive list built in %d ms; retained heap %d bytes (%.1f/unit)", r.naiveBuildMs, r.naiveHeapDelta,
        r.naiveHeapDelta / (double) n));

    // reference answers of the index (also the JIT warm-up of the index)
    Map<Integer, List<List<Hit>>> expected = new LinkedHashMap<>();
    for (int li = 0; li < LIMITS.length; li++) {
      expected.put(LIMITS[li], new ArrayList<>());
    }
    for (Recipient rc : recipients) {
      List<Hit> ten = null;
      for (int limit : LIMITS) {
        List<Hit> hits = hits(index.search(rc.typing(), rc.weightKg(), FLOOR, limit));
        expected.get(limit).add(hits);
        if (limit == 10) {
          ten = hits;
        } else if (!hits.subList(0, Math.min(10, hits.size())).equals(ten)) {
          throw new MismatchException(n + " units, " + rc.label() + ": the index's limit-10 answer is not the start "
              + "of its limit-" + limit + " answer");
        }
      }
    }
    r.meanListed10 = expected.get(10).stream().mapToInt(List::size).average().orElse(0);
    r.emptyAnswers10 = (int) expected.get(10).stream().filter(List::isEmpty).count();
    r.earlyStop10 = (int) expected.get(10).stream()
        .filter(h -> h.size() == 10 && h.get(9).m8() == 8 && h.get(9).m6() == 6).count();
    r.meanPrefix = prefixMean(naive, recipients);
    r.checks.add("index limit 10 = first 10 of index limit 100: " + recipients.size() + " recipients");

    long budget = Long.getLong("indexSeconds", 5);
    r.loads.put("index", loadavg());
    warmUp(() -> {
      for (Recipient rc : recipients) {
        sink += index.search(rc.typing(), rc.weightKg(), FLOOR, 10).size();
      }
    }, Long.getLong("warmupSeconds", 3));
    for (int limit : LIMITS) {
      r.latencies.add(latencyRounds("index", limit, recipients, budget, rc -> index.search(rc.typing(), rc.weightKg(),
          FLOOR, limit).size()));
      log(describe(r.latencies.get(r.latencies.size() - 1)));
    }
    r.throughputs.add(throughput("index", 2, recipients, Long.getLong("throughputSeconds", 5),
        rc -> index.search(rc.typing(), rc.weightKg(), FLOOR, 10).size()));
    log(describe(r.throughputs.get(r.throughputs.size() - 1)));

    // naive
    r.loads.put("naive", loadavg());
    long naiveBudget = Long.getLong("naiveSeconds", 30);
    for (int limit : LIMITS) {
      List<List<Hit>> want = expected.get(limit);
      warmUp(() -> {
        for (int i = 0; i < (n >= 1_000_000 ? 3 : 20); i++) {
          Recipient rc = recipients.get(i);
          sink += NaiveUnit.search(naive, rc, FLOOR, limit).size();
        }
      }, n >= 1_000_000 ? 0 : 2);
      long seconds = limit == 10 ? (n <= CHECK_ALL_UP_TO ? 1_000_000L : naiveBudget) : naiveBudget / 2;
      Latency l = latencyOnce("naive", limit, recipients, seconds, (rc, i) -> {
        List<Hit> got = NaiveUnit.search(naive, rc, FLOOR, limit);
        compare(n, "naive", limit, rc, want.get(i), got);
        return got.size();
      });
      r.latencies.add(l);
      r.checks.add("naive limit " + limit + " = index: " + l.recipientsCovered() + " recipients");
      r.checkedSearches += l.recipientsCovered();
      log(describe(l));
    }
    r.throughputs.add(throughput("naive", 2, recipients, Long.getLong("throughputSeconds", 5),
        rc -> NaiveUnit.search(naive, rc, FLOOR, 10).size()));
    log(describe(r.throughputs.get(r.throughputs.size() - 1)));

    // SQL
    if (!jdbc.isEmpty()) {
      sql(r, n, rows, recipients, expected, jdbc);
    }
    sink += index.size() + naive.size();
    return r;
  }

  // ------------------------------------------------------------------------------------------------------- SQL

  static final String SQL = """
      SELECT bank, unit_id, m8, m6, a_al, b_al, c_al, dr_al
      FROM (
        SELECT bank, unit_id, tnc, cd34, a_al, b_al, c_al, dr_al,
               a_al + b_al + c_al + dr_al AS m8,
               a_ag + b_ag + dr_al AS m6
        FROM (
          SELECT bank, unit_id, tnc, cd34,
                 GREATEST(CASE WHEN a1 = ? THEN 1 ELSE 0 END + CASE WHEN a2 = ? THEN 1 ELSE 0 END,
                          CASE WHEN a1 = ? THEN 1 ELSE 0 END + CASE WHEN a2 = ? THEN 1 ELSE 0 END) AS a_al,
                 GREATEST(CASE WHEN a1f = ? THEN 1 ELSE 0 END + CASE WHEN a2f = ? THEN 1 ELSE 0 END,
                          CASE WHEN a1f = ? THEN 1 ELSE 0 END + CASE WHEN a2f = ? THEN 1 ELSE 0 END) AS a_ag,
                 GREATEST(CASE WHEN b1 = ? THEN 1 ELSE 0 END + CASE WHEN b2 = ? THEN 1 ELSE 0 END,
                          CASE WHEN b1 = ? THEN 1 ELSE 0 END + CASE WHEN b2 = ? THEN 1 ELSE 0 END) AS b_al,
                 GREATEST(CASE WHEN b1f = ? THEN 1 ELSE 0 END + CASE WHEN b2f = ? THEN 1 ELSE 0 END,
                          CASE WHEN b1f = ? THEN 1 ELSE 0 END + CASE WHEN b2f = ? THEN 1 ELSE 0 END) AS b_ag,
                 GREATEST(CASE WHEN c1 = ? THEN 1 ELSE 0 END + CASE WHEN c2 = ? THEN 1 ELSE 0 END,
                          CASE WHEN c1 = ? THEN 1 ELSE 0 END + CASE WHEN c2 = ? THEN 1 ELSE 0 END) AS c_al,
                 GREATEST(CASE WHEN dr1 = ? THEN 1 ELSE 0 END + CASE WHEN dr2 = ? THEN 1 ELSE 0 END,
                          CASE WHEN dr1 = ? THEN 1 ELSE 0 END + CASE WHEN dr2 = ? THEN 1 ELSE 0 END) AS dr_al
          FROM cbu
          WHERE tnc / ? / 1e7::float8 >= ?
        ) per_locus
      ) graded
      WHERE m8 >= ?
      ORDER BY m8 DESC, m6 DESC, tnc DESC, cd34 DESC, bank, unit_id
      LIMIT ?""";

  static final String CREATE = """
      CREATE UNLOGGED TABLE cbu (
        bank text COLLATE "C" NOT NULL, unit_id text COLLATE "C" NOT NULL, tnc float8 NOT NULL, cd34 float8 NOT NULL,
        a1 text NOT NULL, a2 text NOT NULL, a1f text NOT NULL, a2f text NOT NULL,
        b1 text NOT NULL, b2 text NOT NULL, b1f text NOT NULL, b2f text NOT NULL,
        c1 text NOT NULL, c2 text NOT NULL, dr1 text NOT NULL, dr2 text NOT NULL)""";

  static void bind(PreparedStatement ps, Recipient rc, int limit) throws Exception {
    int p = 1;
    for (HlaLocus locus : HlaLocus.values()) {
      HlaTyping.LocusTyping t = rc.typing().locus(locus);
      String r1 = t.first().twoField();
      String r2 = t.secondOrFirst().twoField();
      p = bindPairings(ps, p, r1, r2);
      if (locus == HlaLocus.A || locus == HlaLocus.B) {
        p = bindPairings(ps, p, t.first().firstField(), t.secondOrFirst().firstField());
      }
    }
    ps.setDouble(p++, rc.weightKg());
    ps.setDouble(p++, FLOOR.minTncPerKgE7());
    ps.setInt(p++, FLOOR.minAlleleMatches8());
    ps.setInt(p, limit);
  }

  static int bindPairings(PreparedStatement ps, int p, String r1, String r2) throws Exception {
    ps.setString(p++, r1); // straight: u1 = r1, u2 = r2
    ps.setString(p++, r2);
    ps.setString(p++, r2); // crossed: u1 = r2, u2 = r1
    ps.setString(p++, r1);
    return p;
  }

  static List<Hit> sqlSearch(PreparedStatement ps, Recipient rc, int limit) throws Exception {
    bind(ps, rc, limit);
    List<Hit> hits = new ArrayList<>(limit);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        hits.add(new Hit(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3), rs.getInt(4),
            mismatched(rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8))));
      }
    }
    return hits;
  }

  static void sql(SizeResult r, int n, InventoryRows rows, List<Recipient> recipients,
                  Map<Integer, List<List<Hit>>> expected, String jdbc) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS cbu");
        s.execute(CREATE);
      }
      long t0 = System.nanoTime();
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      copy.copyIn("COPY cbu FROM STDIN", new CopyReader(rows));
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE cbu ADD PRIMARY KEY (bank, unit_id)");
        s.execute("VACUUM ANALYZE cbu");
      }
      r.sqlLoadMs = ms(t0);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT pg_table_size('cbu'), pg_total_relation_size('cbu')")) {
        rs.next();
        r.sqlTableBytes = rs.getLong(1);
        r.sqlTotalBytes = rs.getLong(2);
      }
      log(String.format("PostgreSQL table loaded in %d ms: %d bytes (%.0f/unit), with the primary key %d bytes",
          r.sqlLoadMs, r.sqlTableBytes, r.sqlTableBytes / (double) n, r.sqlTotalBytes));

      try (PreparedStatement ps = c.prepareStatement(SQL)) {
        // plan of the first recipient, for the report
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + SQL)) {
          bind(explain, recipients.get(0), 10);
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
          r.sqlPlan = plan.toString();
        }
        r.loads.put("sql", loadavg());
        long budget = Long.getLong("sqlSeconds", 30);
        for (int limit : LIMITS) {
          List<List<Hit>> want = expected.get(limit);
          for (int i = 0; i < 5; i++) { // warm-up: server-side prepare, caches
            sink += sqlSearch(ps, recipients.get(recipients.size() - 1 - i), limit).size();
          }
          long seconds = limit == 10 ? (n <= CHECK_ALL_UP_TO ? 1_000_000L : budget) : budget / 2;
          Latency l = latencyOnce("sql", limit, recipients, seconds, (rc, i) -> {
            List<Hit> got = sqlSearch(ps, rc, limit);
            compare(n, "sql", limit, rc, want.get(i), got);
            return got.size();
          });
          r.latencies.add(l);
          r.checks.add("sql limit " + limit + " = index: " + l.recipientsCovered() + " recipients");
          r.checkedSearches += l.recipientsCovered();
          log(describe(l));
        }
      }
      // 2 threads, one connection each
      try (Connection c2 = DriverManager.getConnection(jdbc, "postgres", "");
           PreparedStatement ps1 = c.prepareStatement(SQL); PreparedStatement ps2 = c2.prepareStatement(SQL)) {
        PreparedStatement[] statements = {ps1, ps2};
        r.throughputs.add(throughputPerThread("sql", recipients, Long.getLong("throughputSeconds", 5),
            (thread, rc) -> sqlSearch(statements[thread], rc, 10).size()));
        log(describe(r.throughputs.get(r.throughputs.size() - 1)));
      }
      if (!Boolean.getBoolean("keepTable")) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE cbu");
        }
      }
    }
  }

  /** The rows as COPY text: bank, unit ID, totals, pre-split alleles (second = first when homozygous). */
  static final class CopyReader extends Reader {
    private final InventoryRows rows;
    private int next;
    private final StringBuilder buffer = new StringBuilder();
    private int pos;

    CopyReader(InventoryRows rows) {
      this.rows = rows;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos == buffer.length()) {
        buffer.setLength(0);
        pos = 0;
        for (int k = 0; k < 4096 && next < rows.size(); k++, next++) {
          line(next);
        }
        if (buffer.length() == 0) {
          return -1;
        }
      }
      int count = Math.min(len, buffer.length() - pos);
      buffer.getChars(pos, pos + count, cbuf, off);
      pos += count;
      return count;
    }

    private void line(int i) {
      buffer.append(rows.bank(i)).append('\t').append(rows.unitId(i)).append('\t')
          .append(Double.toString(rows.tncTotal(i))).append('\t').append(Double.toString(rows.cd34Total(i)));
      for (HlaLocus locus : HlaLocus.values()) {
        HlaAllele u1 = rows.allele(i, 2 * locus.ordinal());
        HlaAllele second = rows.allele(i, 2 * locus.ordinal() + 1);
        HlaAllele u2 = second == null ? u1 : second;
        buffer.append('\t').append(u1.twoField()).append('\t').append(u2.twoField());
        if (locus == HlaLocus.A || locus == HlaLocus.B) {
          buffer.append('\t').append(u1.firstField()).append('\t').append(u2.firstField());
        }
      }
      buffer.append('\n');
    }

    @Override
    public void close() {
    }
  }

  // ----------------------------------------------------------------------------------------------------- naive

  /** The naive baseline: one plain object per unit, graded one by one, full sort. */
  static final class NaiveUnit {
    final String bank;
    final String unitId;
    final String a1, a2, b1, b2, c1, c2, dr1, dr2; // full names as imported; a blank second allele is null
    final double tncTotal;
    final double cd34Total;

    NaiveUnit(String bank, String unitId, String[] a, double tncTotal, double cd34Total) {
      this.bank = bank;
      this.unitId = unitId;
      this.a1 = a[0];
      this.a2 = a[1];
      this.b1 = a[2];
      this.b2 = a[3];
      this.c1 = a[4];
      this.c2 = a[5];
      this.dr1 = a[6];
      this.dr2 = a[7];
      this.tncTotal = tncTotal;
      this.cd34Total = cd34Total;
    }

    static List<NaiveUnit> of(InventoryRows rows) {
      List<NaiveUnit> units = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        String[] a = new String[8];
        for (int k = 0; k < 8; k++) {
          HlaAllele allele = rows.allele(i, k);
          a[k] = allele == null ? null : allele.name();
        }
        units.add(new NaiveUnit(rows.bank(i), rows.unitId(i), a, rows.tncTotal(i), rows.cd34Total(i)));
      }
      return units;
    }

    record Found(NaiveUnit unit, int m8, int m6, String mismatched) {}

    static final Comparator<Found> ORDER = (x, y) -> {
      if (x.m8 != y.m8) {
        return Integer.compare(y.m8, x.m8);
      }
      if (x.m6 != y.m6) {
        return Integer.compare(y.m6, x.m6);
      }
      int c = Double.compare(y.unit.tncTotal, x.unit.tncTotal);
      if (c == 0) {
        c = Double.compare(y.unit.cd34Total, x.unit.cd34Total);
      }
      if (c == 0) {
        c = x.unit.bank.compareTo(y.unit.bank);
      }
      return c != 0 ? c : x.unit.unitId.compareTo(y.unit.unitId);
    };

    static List<Hit> search(List<NaiveUnit> units, Recipient rc, SearchFloor floor, int limit) {
      // the recipient's names cut once per search: "A*02:01" (first two fields) and "A*02:" (first field)
      String[] r = rc.names();
      String[] two = new String[8];
      String[] first = new String[8];
      for (int k = 0; k < 8; k++) {
        String name = r[k] != null ? r[k] : r[k - 1]; // a blank second allele is the first one again
        two[k] = name.substring(0, end(name, 2));
        first[k] = name.substring(0, end(name, 1) + 1);
      }
      double weight = rc.weightKg();
      List<Found> found = new ArrayList<>();
      for (NaiveUnit u : units) {
        if (u.tncTotal / weight / 1e7 < floor.minTncPerKgE7()) {
          continue;
        }
        int a = best(two[0], two[1], u.a1, u.a2, true);
        int b = best(two[2], two[3], u.b1, u.b2, true);
        int c = best(two[4], two[5], u.c1, u.c2, true);
        int d = best(two[6], two[7], u.dr1, u.dr2, true);
        int m8 = a + b + c + d;
        if (m8 < floor.minAlleleMatches8()) {
          continue;
        }
        int m6 = best(first[0], first[1], u.a1, u.a2, false) + best(first[2], first[3], u.b1, u.b2, false) + d;
        found.add(new Found(u, m8, m6, mismatched(a, b, c, d)));
      }
      found.sort(ORDER);
      List<Hit> hits = new ArrayList<>(limit);
      for (int i = 0; i < found.size() && i < limit; i++) {
        Found f = found.get(i);
        hits.add(new Hit(f.unit.bank + "/" + f.unit.unitId, f.m8, f.m6, f.mismatched));
      }
      return hits;
    }

    /** Matches at one locus: the better of the two pairings; a null second allele is the first one again. */
    static int best(String r1, String r2, String u1, String u2, boolean twoFields) {
      if (u2 == null) {
        u2 = u1;
      }
      int straight = (same(u1, r1, twoFields) ? 1 : 0) + (same(u2, r2, twoFields) ? 1 : 0);
      int crossed = (same(u1, r2, twoFields) ? 1 : 0) + (same(u2, r1, twoFields) ? 1 : 0);
      return Math.max(straight, crossed);
    }

    /**
     * A unit's allele name against the recipient's cut name: "A*02:01:01" has the first two fields "A*02:01" (the
     * name goes on with ':' or an expression suffix, not with a digit); "A*02:06" has the first field "A*02:".
     */
    static boolean same(String unit, String cut, boolean twoFields) {
      if (!unit.startsWith(cut)) {
        return false;
      }
      if (!twoFields) {
        return true;
      }
      int n = cut.length();
      return unit.length() == n || unit.charAt(n) < '0' || unit.charAt(n) > '9';
    }

    /** Index just after field {@code fields} (before the next ':' or an expression suffix). */
    static int end(String s, int fields) {
      int seen = 0;
      for (int i = s.indexOf('*') + 1; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == ':') {
          if (++seen == fields) {
            return i;
          }
        } else if (ch < '0' || ch > '9') {
          return i;
        }
      }
      return s.length();
    }
  }

  // ----------------------------------------------------------------------------------------------- measurement

  interface Search {
    int run(Recipient rc) throws Exception;
  }

  interface IndexedSearch {
    int run(Recipient rc, int i) throws Exception;
  }

  interface ThreadSearch {
    int run(int thread, Recipient rc) throws Exception;
  }

  interface Body {
    void run() throws Exception;
  }

  static void warmUp(Body body, long seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int rounds = 0;
    do {
      body.run();
      rounds++;
    } while (System.nanoTime() < end && rounds < 50);
  }

  /** Whole rounds over all recipients, until at least 3 rounds and the budget are done (at most 50 rounds). */
  static Latency latencyRounds(String impl, int limit, List<Recipient> recipients, long seconds, Search search)
      throws Exception {
    Cpu cpu = Cpu.now();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[] ns = new long[recipients.size() * 50];
    int count = 0;
    int rounds = 0;
    while (rounds < 3 || System.nanoTime() < end && rounds < 50) {
      for (Recipient rc : recipients) {
        long t0 = System.nanoTime();
        int k = search.run(rc);
        ns[count++] = System.nanoTime() - t0;
        sink += k;
      }
      rounds++;
    }
    return new Latency(impl, limit, Arrays.copyOf(ns, count), recipients.size(),
        rounds + " rounds of " + recipients.size() + " recipients", cpu.since());
  }

  /** Each recipient once, in order, until all are done or the budget is used (at least 20 at limit 10, else 10). */
  static Latency latencyOnce(String impl, int limit, List<Recipient> recipients, long seconds, IndexedSearch search)
      throws Exception {
    Cpu cpu = Cpu.now();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long[] ns = new long[recipients.size()];
    int count = 0;
    for (int i = 0; i < recipients.size(); i++) {
      if (i >= (limit == 10 ? 20 : 10) && System.nanoTime() > end) {
        break;
      }
      long t0 = System.nanoTime();
      int k = search.run(recipients.get(i), i);
      ns[count++] = System.nanoTime() - t0;
      sink += k;
    }
    String note = count == recipients.size() ? "each recipient once"
        : "first " + count + " of " + recipients.size() + " recipients (time budget " + seconds + " s)";
    return new Latency(impl, limit, Arrays.copyOf(ns, count), count, note, cpu.since());
  }

  static Throughput throughput(String impl, int threads, List<Recipient> recipients, long seconds, Search search)
      throws Exception {
    return throughputPerThread(impl, recipients, seconds, (thread, rc) -> search.run(rc));
  }

  /** 2 threads, each searching the recipients from its own starting point, for {@code seconds}. */
  static Throughput throughputPerThread(String impl, List<Recipient> recipients, long seconds, ThreadSearch search)
      throws Exception {
    int threads = 2;
    long[] done = new long[threads];
    AtomicReference<Exception> error = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    long[] finish = new long[threads];
    Thread[] workers = new Thread[threads];
    long[] startAt = new long[1];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers[t] = new Thread(() -> {
        try {
          start.await();
          long end = startAt[0] + seconds * 1_000_000_000L;
          int i = thread * recipients.size() / threads;
          long count = 0;
          long local = 0;
          while (System.nanoTime() < end) {
            local += search.run(thread, recipients.get(i));
            i = (i + 1) % recipients.size();
            count++;
          }
          done[thread] = count;
          finish[thread] = System.nanoTime();
          sink += local;
        } catch (Exception e) {
          error.set(e);
        }
      }, "bench-" + impl + "-" + t);
      workers[t].start();
    }
    Cpu cpu = Cpu.now();
    startAt[0] = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (error.get() != null) {
      throw error.get();
    }
    long last = Arrays.stream(finish).max().orElse(startAt[0]);
    return new Throughput(impl, threads, Arrays.stream(done).sum(), (last - startAt[0]) / 1e9, cpu.since());
  }

  /**
   * CPU time from /proc, in clock ticks: the machine's busy time, this JVM's (all threads) and PostgreSQL's (every
   * {@code postgres} process, plus what the postmaster reaped from exited backends and parallel workers).
   */
  record Cpu(long busy, long total, long self, long pg) {
    static Cpu now() {
      try {
        String[] c = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long user = Long.parseLong(c[1]) + Long.parseLong(c[2]);
        long system = Long.parseLong(c[3]) + Long.parseLong(c[6]) + Long.parseLong(c[7]) + Long.parseLong(c[8]);
        long idle = Long.parseLong(c[4]) + Long.parseLong(c[5]);
        String[] self = stat(Path.of("/proc/self/stat"));
        Map<Long, String[]> postgres = new LinkedHashMap<>();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
          for (Path d : dirs) {
            String[] f = stat(d.resolve("stat"));
            if (f != null && f[0].equals("postgres")) {
              postgres.put(Long.parseLong(d.getFileName().toString()), f);
            }
          }
        }
        long pg = 0;
        for (String[] f : postgres.values()) {
          pg += Long.parseLong(f[12]) + Long.parseLong(f[13]); // utime, stime
          if (!postgres.containsKey(Long.parseLong(f[2]))) { // the postmaster: + its reaped children
            pg += Long.parseLong(f[14]) + Long.parseLong(f[15]);
          }
        }
        return new Cpu(user + system, user + system + idle, Long.parseLong(self[12]) + Long.parseLong(self[13]), pg);
      } catch (IOException | RuntimeException e) {
        return new Cpu(-1, -1, -1, -1);
      }
    }

    /** comm, then the fields after it (state = [1], ppid = [2], utime = [12], stime [13], cutime [14], cstime [15]). */
    private static String[] stat(Path file) {
      try {
        String stat = Files.readString(file);
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String[] rest = stat.substring(close + 2).split(" ");
        String[] f = new String[rest.length + 1];
        f[0] = stat.substring(open + 1, close);
        System.arraycopy(rest, 0, f, 1, rest.length);
        return f;
      } catch (IOException | RuntimeException e) {
        return null; // a process that ended meanwhile
      }
    }

    /** Cores' worth of CPU used since this sample: [0] by other processes (not this JVM, not PostgreSQL), [1] by PostgreSQL. */
    double[] since() {
      Cpu later = now();
      if (busy < 0 || later.busy < 0 || later.total == total) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double cores = Runtime.getRuntime().availableProcessors();
      double window = later.total - total;
      long pgTicks = Math.max(0, later.pg - pg);
      long others = Math.max(0, (later.busy - busy) - (later.self - self) - pgTicks);
      return new double[] {others * cores / window, pgTicks * cores / window};
    }
  }

  static final class MismatchException extends RuntimeException {
    MismatchException(String message) {
      super(message);
    }
  }

  static void compare(int n, String impl, int limit, Recipient rc, List<Hit> want, List<Hit> got) {
    if (!want.equals(got)) {
      int at = 0;
      while (at < Math.min(want.size(), got.size()) && want.get(at).equals(got.get(at))) {
        at++;
      }
      throw new MismatchException(n + " units, limit " + limit + ", " + rc.label() + " " + rc.typing() + " "
          + rc.weightKg() + " kg: " + impl + " differs from the index at rank " + (at + 1) + ": index "
          + (at < want.size() ? want.get(at) : "(end, " + want.size() + " units)") + ", " + impl + " "
          + (at < got.size() ? got.get(at) : "(end, " + got.size() + " units)"));
    }
  }

  static List<Hit> hits(List<CandidateUnit> units) {
    List<Hit> hits = new ArrayList<>(units.size());
    for (CandidateUnit u : units) {
      hits.add(new Hit(u.unitKey(), u.grade().alleleMatches8(), u.grade().antigenMatches6(),
          String.join(",", u.grade().mismatchedLociLabels())));
    }
    return hits;
  }

  /** Mean number of units above the TNC floor for the recipients' weights (what the index scans at most). */
  static double prefixMean(List<NaiveUnit> units, List<Recipient> recipients) {
    double[] tnc = units.stream().mapToDouble(u -> u.tncTotal).toArray();
    long total = 0;
    for (Recipient rc : recipients) {
      for (double t : tnc) {
        if (t / rc.weightKg() / 1e7 >= FLOOR.minTncPerKgE7()) {
          total++;
        }
      }
    }
    return total / (double) recipients.size();
  }

  static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  // ------------------------------------------------------------------------------------- object graph estimate

  /**
   * Bytes reachable from {@code root} (each object once), with the 64-bit HotSpot layout of compressed oops and
   * class pointers: objects 12-byte header + fields, arrays 16-byte header + elements, 8-byte alignment. Static
   * fields and {@code Class} objects are not counted. Per top-level field of the root in {@code parts}.
   */
  static long deepSize(Object root, Map<String, Long> parts) {
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    seen.put(root, true);
    long total = shallow(root);
    for (Field f : fields(root.getClass())) {
      if (f.getType().isPrimitive()) {
        continue;
      }
      try {
        Object v = f.get(root);
        long size = walk(v, seen);
        parts.put(f.getName(), size);
        total += size;
      } catch (ReflectiveOperationException | RuntimeException e) {
        parts.put(f.getName() + " (not walked: " + e.getClass().getSimpleName() + ")", 0L);
      }
    }
    return total;
  }

  static long walk(Object start, IdentityHashMap<Object, Boolean> seen) throws IllegalAccessException {
    long total = 0;
    ArrayDeque<Object> stack = new ArrayDeque<>();
    if (start != null) {
      stack.push(start);
    }
    while (!stack.isEmpty()) {
      Object o = stack.pop();
      if (o instanceof Class<?> || seen.put(o, true) != null) {
        continue;
      }
      total += shallow(o);
      Class<?> c = o.getClass();
      if (c.isArray()) {
        if (!c.getComponentType().isPrimitive()) {
          for (int i = 0, n = Array.getLength(o); i < n; i++) {
            Object e = Array.get(o, i);
            if (e != null) {
              stack.push(e);
            }
          }
        }
      } else {
        for (Field f : fields(c)) {
          if (!f.getType().isPrimitive()) {
            Object v = f.get(o);
            if (v != null) {
              stack.push(v);
            }
          }
        }
      }
    }
    return total;
  }

  static final Map<Class<?>, List<Field>> FIELDS = new IdentityHashMap<>();

  static List<Field> fields(Class<?> c) {
    return FIELDS.computeIfAbsent(c, k -> {
      List<Field> list = new ArrayList<>();
      for (Class<?> x = k; x != null; x = x.getSuperclass()) {
        for (Field f : x.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers())) {
            f.setAccessible(true); // needs --add-opens for JDK classes (the script passes them)
            list.add(f);
          }
        }
      }
      return list;
    });
  }

  static long shallow(Object o) {
    Class<?> c = o.getClass();
    if (c.isArray()) {
      Class<?> e = c.getComponentType();
      return align(16 + (long) Array.getLength(o) * (e.isPrimitive() ? primitiveSize(e) : 4));
    }
    long size = 12;
    for (Field f : fields(c)) {
      size += f.getType().isPrimitive() ? primitiveSize(f.getType()) : 4;
    }
    return align(size);
  }

  static int primitiveSize(Class<?> p) {
    if (p == long.class || p == double.class) {
      return 8;
    }
    if (p == int.class || p == float.class) {
      return 4;
    }
    if (p == char.class || p == short.class) {
      return 2;
    }
    return 1;
  }

  static long align(long size) {
    return (size + 7) & ~7L;
  }

  // ------------------------------------------------------------------------------------------------ recipients

  /**
   * The recipients: the typings of a second synthetic inventory (other seed, same allele frequencies, so about 15 %
   * of the names at three fields) followed by the common typings; weights uniform in 10-40 kg (0.1 kg steps) from a
   * fixed seed.
   */
  static List<Recipient> recipients(Path csv) throws IOException {
    List<String[]> typings = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(csv)) {
      in.readLine(); // header
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          typings.add(Arrays.copyOfRange(line.split(",", -1), 2, 10));
        }
      }
    }
    int drawn = typings.size();
    typings.addAll(Arrays.asList(COMMON));
    Random weights = new Random(WEIGHT_SEED);
    List<Recipient> list = new ArrayList<>();
    for (int i = 0; i < typings.size(); i++) {
      String[] names = typings.get(i).clone();
      HlaTyping typing = HlaTyping.parse(names, (locus, position) -> locus.label() + (position + 1));
      for (int k = 0; k < 8; k++) {
        if (names[k].isBlank()) {
          names[k] = null;
        }
      }
      double weight = (100 + weights.nextInt(301)) / 10.0;
      list.add(new Recipient(i < drawn ? "recipient " + (i + 1) : "common typing " + (i - drawn + 1), typing, names,
          weight));
    }
    return list;
  }

  // ---------------------------------------------------------------------------------------------------- report

  static String report(List<SizeResult> results, List<Recipient> recipients, Path meta, double totalS, String failure)
      throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    if (meta != null && Files.exists(meta)) {
      for (String line : Files.readAllLines(meta)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    StringBuilder s = new StringBuilder();
    s.append("# Cord blood bank search benchmark, ").append(m.getOrDefault("date", "?")).append("\n\n");
    s.append("Issue 3 item 5: `CordBloodIndex.search` (the colleague's code, unchanged) against a naive scan over one "
        + "Java object per unit and against one SQL query per search on PostgreSQL, in the same run, on the same units "
        + "and recipients. Produced by `bench/cord-blood-search.sh`; nothing edited by hand.\n\n");
    if (failure != null) {
      s.append("**RUN FAILED: ").append(failure).append("**\n\n");
    }
    s.append("Command: `").append(m.getOrDefault("command", "bash bench/cord-blood-search.sh")).append("`\n\n");

    s.append("## Summary (limit 10; latency of one search, one caller thread)\n\n");
    s.append("| units | impl | p50 ms | p95 ms | p99 ms | searches measured | 2-thread throughput /s | memory B/unit |"
        + " p50 ratio vs index | p95 ratio vs index | throughput ratio index/x |\n");
    s.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      Latency idx = r.latency("index", 10);
      Throughput idxT = r.throughput("index");
      for (String impl : List.of("index", "naive", "sql")) {
        Latency l = r.latency(impl, 10);
        Throughput t = r.throughput(impl);
        if (l == null) {
          continue;
        }
        String mem = switch (impl) {
          case "index" -> String.format("%.1f", r.indexHeapDelta / (double) r.units);
          case "naive" -> String.format("%.1f", r.naiveHeapDelta / (double) r.units);
          default -> String.format("%.0f (table)", r.sqlTableBytes / (double) r.units);
        };
        s.append(String.format("| %,d | %s | %s | %s | %s | %,d | %s | %s | %s | %s | %s |%n", r.units,
            impl.equals("index") ? "**index**" : impl, f(l.pct(0.50)), f(l.pct(0.95)), f(l.pct(0.99)), l.ns().length,
            t == null ? "-" : rate(t.perSecond()), mem,
            impl.equals("index") ? "1" : String.format("%.1fx", l.pct(0.50) / idx.pct(0.50)),
            impl.equals("index") ? "1" : String.format("%.1fx", l.pct(0.95) / idx.pct(0.95)),
            impl.equals("index") || t == null ? "1" : String.format("%.1fx", idxT.perSecond() / t.perSecond())));
      }
    }
    s.append("\nRatios: the other implementation's time divided by the index's (how many times faster the index is); "
        + "throughput ratio: index searches/s divided by the other's.\n\n");

    SizeResult big = results.stream().filter(x -> x.units == 1_000_000).findFirst().orElse(null);
    if (big != null) {
      Latency l = big.latency("index", 10);
      boolean met = l.pct(0.50) <= 5 && l.pct(0.95) <= 10;
      Latency l100 = big.latency("index", 100);
      s.append(String.format("**Target at 1,000,000 units (p50 <= 5 ms, p95 <= 10 ms): %s** - limit 10: p50 %s ms, "
              + "p95 %s ms (other processes used %.2f of the 2 cores meanwhile); limit 100: p50 %s ms, p95 %s ms.%n%n",
          met ? "met" : "NOT met", f(l.pct(0.5)), f(l.pct(0.95)), l.others(), f(l100.pct(0.5)), f(l100.pct(0.95))));
    }

    for (SizeResult r : results) {
      if (r.units == results.get(results.size() - 1).units) {
        s.append(String.format("What the index had to do: at %,d units, %d of %d recipients had 10 units at 8/8 and 6/6 "
                + "(only then can its scan stop early), and on average %.1f %% of the units passed the TNC floor for the "
                + "recipients' weights (the prefix it scans). So almost every search above is a scan of the whole "
                + "inventory. `SyntheticInventory` draws the loci independently (no linkage disequilibrium), so 8/8 "
                + "units are rarer than in a real registry and early stops rarer too: a worst case for the index, not "
                + "for the baselines (they always read every unit).%n%n", r.units, r.earlyStop10, recipients.size(),
            100 * r.meanPrefix / r.units));
      }
    }
    s.append("## Latency, all limits\n\n");
    s.append("| units | impl | limit | searches | p50 ms | p95 ms | p99 ms | mean ms | max ms | load avg at phase start | "
        + "CPU of other processes during the phase, cores | PostgreSQL CPU, cores | measured |\n"
        + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
    for (SizeResult r : results) {
      for (Latency l : r.latencies) {
        s.append(String.format("| %,d | %s | %d | %,d | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s |%n", r.units,
            l.impl(), l.limit(), l.ns().length, f(l.pct(0.5)), f(l.pct(0.95)), f(l.pct(0.99)), f(l.mean()), f(l.max()),
            r.loads.getOrDefault(l.impl(), "?"), l.others(), l.pg(), l.note()));
      }
    }
    s.append("\n## Throughput (2 caller threads, limit 10)\n\n| units | impl | searches | seconds | searches/s | "
        + "CPU of other processes, cores | PostgreSQL CPU, cores |\n|---:|---|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      for (Throughput t : r.throughputs) {
        s.append(String.format("| %,d | %s | %,d | %.1f | %s | %.2f | %.2f |%n", r.units, t.impl(), t.searches(),
            t.seconds(), rate(t.perSecond()), t.others(), t.pg()));
      }
    }

    s.append("\n## Memory\n\n| units | index retained heap, B | B/unit | index object walk, B | B/unit | "
        + "naive list retained heap, B/unit | PostgreSQL table, B/unit | table + primary key, B/unit |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      s.append(String.format("| %,d | %,d | %.1f | %,d | %.1f | %.1f | %s | %s |%n", r.units, r.indexHeapDelta,
          r.indexHeapDelta / (double) r.units, r.indexWalkBytes, r.indexWalkBytes / (double) r.units,
          r.naiveHeapDelta / (double) r.units, r.sqlTableBytes == 0 ? "-" : String.format("%.0f", r.sqlTableBytes / (double) r.units),
          r.sqlTotalBytes == 0 ? "-" : String.format("%.0f", r.sqlTotalBytes / (double) r.units)));
    }
    s.append("\nRetained heap: used heap after full GCs with the index held, minus the same before building it (the "
        + "CSV rows are held in both). Object walk: every object reachable from the index counted once with the "
        + "compressed-oops layout (12-byte object header, 16-byte array header, 8-byte alignment). Per field of the "
        + "index at the largest size:\n\n");
    if (!results.isEmpty()) {
      SizeResult last = results.get(results.size() - 1);
      s.append("| field | bytes | B/unit |\n|---|---:|---:|\n");
      last.indexWalkParts.forEach((k, v) -> s.append(String.format("| `%s` | %,d | %.2f |%n", k, v,
          v / (double) last.units)));
    }

    s.append("\n## Build and load times\n\n| units | CSV read (InventoryCsv), ms | index build, ms | naive list, ms | "
        + "PostgreSQL COPY + primary key + VACUUM ANALYZE, ms | units above the TNC floor (mean over recipients) | "
        + "units listed at limit 10 (mean) | recipients with no unit | recipients with 10 units at 8/8 + 6/6 (index scan "
        + "stops early) |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      s.append(String.format("| %,d | %,d | %,d | %,d | %,d | %,.0f | %.2f | %d | %d of %d |%n", r.units, r.csvReadMs,
          r.indexBuildMs, r.naiveBuildMs, r.sqlLoadMs, r.meanPrefix, r.meanListed10, r.emptyAnswers10, r.earlyStop10,
          recipients.size()));
    }

    s.append("\n## Correctness (checked in this run)\n\nEvery measured naive and SQL search was compared with the "
        + "index's answer for the same recipient, weight and limit: the ranked `bank/unitId` list, both grades and the "
        + "mismatched loci of each unit. Any difference fails the run.\n\n");
    for (SizeResult r : results) {
      s.append("- ").append(String.format("%,d", r.units)).append(" units: ").append(String.join("; ", r.checks))
          .append(": all equal.\n");
    }

    s.append("\n## Set-up\n\n");
    s.append("- Machine: ").append(m.getOrDefault("cpu", "?")).append(", ").append(m.getOrDefault("cores", "?"))
        .append(" cores, ").append(m.getOrDefault("mem", "?")).append(" RAM; ").append(m.getOrDefault("os", "?"))
        .append(".\n");
    s.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append("; flags `").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-D")).toList()))
        .append("`; max heap ").append(Runtime.getRuntime().maxMemory() / (1 << 20)).append(" MiB; ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors seen by the JVM.\n");
    s.append("- PostgreSQL: ").append(m.getOrDefault("pg", "?")).append(" on 127.0.0.1, fresh database `")
        .append(m.getOrDefault("db", "?")).append("` (dropped at the end); server settings ")
        .append(m.getOrDefault("pgsettings", "?")).append(". Table `UNLOGGED`, text columns (`COLLATE \"C\"` for bank "
            + "and unit ID so that the order equals Java's `String` order), primary key (bank, unit_id), "
            + "`VACUUM ANALYZE` after the load; the query reads every row above the TNC floor (no index can serve an "
            + "\"at least 4 of 8 alleles\" condition), with PostgreSQL's parallel workers when the planner chooses them. "
            + "JDBC `prepareThreshold=1`: a server-side prepared statement from the first execution.\n");
    s.append("- Machine load (1/5/15-minute load average): before the run ").append(m.getOrDefault("loadBefore", "?"))
        .append("; after ").append(m.getOrDefault("loadAfter", "?")).append("; at the start of each phase in the "
            + "latency table. ").append(m.getOrDefault("others", "")).append('\n');
    s.append("- Inventories: `SyntheticInventory` seed 20261125, ").append(results.stream()
        .map(r -> String.format("%,d", r.units)).reduce((a, b) -> a + ", " + b).orElse("")).append(" units; CSV SHA-256: ")
        .append(m.getOrDefault("sha", "?")).append(".\n");
    s.append("- Recipients: ").append(recipients.size()).append(" = the typings of `SyntheticInventory` seed ")
        .append(m.getOrDefault("recipientSeed", "?")).append(" (").append(recipients.size() - COMMON.length)
        .append(" units; same Chinese allele frequencies, about 15 % of names at three fields) + ").append(COMMON.length)
        .append(" common Chinese typings; weights uniform 10.0-40.0 kg (java.util.Random seed ").append(WEIGHT_SEED)
        .append("). Floor: alleleMatches8 >= 4, TNC >= 1.5 x 10^7/kg. The index answers every recipient in every "
            + "round; naive and SQL answer the recipients in order, each once: at limit 10 every recipient up to ")
        .append(String.format("%,d", CHECK_ALL_UP_TO)).append(" units, above that (and at limit 100) until their time "
            + "budget (naive ").append(Long.getLong("naiveSeconds", 30)).append(" s, SQL ").append(Long.getLong("sqlSeconds", 30))
        .append(" s at limit 10, half at limit 100) is used, at least 20 (10 at limit 100).\n");
    s.append("- Index latency: after a warm-up of at least ").append(Long.getLong("warmupSeconds", 3))
        .append(" s, whole rounds over all recipients for at least ").append(Long.getLong("indexSeconds", 5))
        .append(" s (at least 3 rounds). The index splits a scan over both cores above 200,000 units (its own helper "
            + "thread), so one search at 1,000,000 units uses 2 cores. Throughput: 2 caller threads for ")
        .append(Long.getLong("throughputSeconds", 5)).append(" s (the index's helper thread comes on top).\n");
    s.append("- Harness run time: ").append(String.format("%.0f", totalS)).append(" s (plus build and CSV generation: "
        + "total ").append(m.getOrDefault("totalS", "?")).append(" s).\n");
    if (!results.isEmpty() && !results.get(results.size() - 1).sqlPlan.isEmpty()) {
      SizeResult last = results.get(results.size() - 1);
      s.append("\n## SQL\n\n```sql\n").append(SQL).append("\n```\n\nPlan at ").append(String.format("%,d", last.units))
          .append(" units (first recipient, limit 10, `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)`):\n\n```\n")
          .append(last.sqlPlan).append("```\n");
    }
    return s.toString();
  }

  static String rate(double perSecond) {
    return perSecond >= 100 ? String.format("%,.0f", perSecond) : String.format("%.1f", perSecond);
  }

  static String f(double ms) {
    return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
  }

  static String describe(Latency l) {
    return String.format("%-5s limit %3d: n=%d p50 %s ms p95 %s ms p99 %s ms (%s; others %.2f cores, postgres %.2f)",
        l.impl(), l.limit(), l.ns().length, f(l.pct(0.5)), f(l.pct(0.95)), f(l.pct(0.99)), l.note(), l.others(), l.pg());
  }

  static String describe(Throughput t) {
    return String.format("%-5s 2 threads: %,d searches in %.1f s = %,.0f/s (others %.2f cores, postgres %.2f)",
        t.impl(), t.searches(), t.seconds(), t.perSecond(), t.others(), t.pg());
  }

  static String loadavg() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return p[0] + " / " + p[1] + " / " + p[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static void log(String message) {
    System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
  }
}

package org.ucbislet.cordblood;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The default cord blood inventory of the embedded run: synthetic public-bank units in the CSV of
 * design.md section 7, generated reproducibly from a seed (README "Default cord blood inventory
 * (synthetic)" gives every parameter with its source and tag). Plain Java, no engine, no Spring.
 *
 * <p>HLA: per locus two independent draws from the published allele frequencies of the Chinese
 * population (classpath {@code cordblood/hla-allele-frequencies-chinese.csv}), i.e. Hardy-Weinberg
 * with independent loci; linkage disequilibrium is ignored. Equal draws give a homozygous unit,
 * written with an empty second allele. About 15 % of the alleles are written at three fields
 * ({@code ":01"} appended) to exercise mixed-resolution typing.
 *
 * <p>Cells: the collected TNC is log-normal, truncated at the bank's storage threshold; the pre-freeze
 * TNC is the collected TNC times the processing recovery; the pre-freeze CD34+ count is the pre-freeze
 * TNC times a log-normal CD34+ fraction, so CD34 correlates with TNC.
 *
 * <p>Reproducible: the same seed and number of units give byte-identical output on any machine
 * (own SplitMix64 generator, {@link StrictMath} for logarithms and exponentials, {@code \n} line ends,
 * no locale, no hash ordering). No donor identity is ever generated (design.md section 5).
 */
public final class SyntheticInventory {

  /** The CSV header (contract, design.md section 7). */
  public static final String HEADER =
      "bank,unitId,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate";
  /** Seed of the default inventory of the embedded run. */
  public static final long DEFAULT_SEED = 20261125L;
  /** Size of the default inventory of the embedded run. */
  public static final int DEFAULT_UNITS = 100_000;
  /** Unit IDs have seven digits per bank, so no bank can overflow below this many units. */
  public static final int MAX_UNITS = 9_999_999;

  static final String FREQUENCY_RESOURCE = "/cordblood/hla-allele-frequencies-chinese.csv";
  static final String[] LOCI = {"A", "B", "C", "DRB1"};

  // Synthetic banks (codes are not those of real banks); relative sizes tagged U in the README.
  static final String[] BANK_CODES = {"SHCBB", "SDCBB", "GDCBB", "SCCBB", "BJCBB", "TJCBB", "ZJCBB"};
  static final String[] BANK_PREFIXES = {"SH", "SD", "GD", "SC", "BJ", "TJ", "ZJ"};
  static final double[] BANK_WEIGHTS = {22, 17, 17, 17, 12, 9, 6};

  // Collected (pre-processing) TNC: log-normal fitted so that the units above the storage threshold
  // have mean 13.32 x 10^8 and SD 3.63 x 10^8 (Liu 2012, Zhejiang public bank).
  static final double COLLECTED_TNC_MEDIAN = 1.236e9;
  static final double COLLECTED_TNC_SIGMA_LOG = 0.292;
  /** Storage threshold on the collected TNC, the same for every synthetic bank. */
  static final double STORAGE_THRESHOLD_TNC = 8.0e8;
  // Processing recovery of TNC: 80.71 +/- 11.26 % (Liu 2012), normal, kept inside the bounds.
  static final double RECOVERY_MEAN = 0.8071;
  static final double RECOVERY_SD = 0.1126;
  static final double RECOVERY_MIN = 0.45;
  static final double RECOVERY_MAX = 1.10;
  // CD34+ share of the pre-freeze TNC: 0.4344 +/- 0.1874 % (Liu 2012), log-normal with that mean/SD.
  static final double CD34_FRACTION_MEAN = 0.004344;
  static final double CD34_FRACTION_SD = 0.001874;
  /** Share of written alleles extended to three fields with ":01". */
  static final double THREE_FIELD_FRACTION = 0.15;
  static final LocalDate FIRST_COLLECTION = LocalDate.of(2008, 1, 1);
  static final LocalDate LAST_COLLECTION = LocalDate.of(2025, 12, 31);

  private static final double COLLECTED_LOG_MU = StrictMath.log(COLLECTED_TNC_MEDIAN);
  private static final double CD34_SIGMA_LOG = StrictMath.sqrt(StrictMath.log(
      1 + (CD34_FRACTION_SD / CD34_FRACTION_MEAN) * (CD34_FRACTION_SD / CD34_FRACTION_MEAN)));
  private static final double CD34_LOG_MU =
      StrictMath.log(CD34_FRACTION_MEAN) - CD34_SIGMA_LOG * CD34_SIGMA_LOG / 2;
  private static final double[] POW10 = new double[19];
  private static final int CHUNK = 1 << 16;

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private SyntheticInventory() {
  }

  /**
   * Writes the header line and {@code units} rows. Same seed and units, same bytes. The writer is
   * flushed, not closed.
   */
  public static void writeCsv(long seed, int units, Writer out) throws IOException {
    if (units < 0 || units > MAX_UNITS) {
      throw new IllegalArgumentException("units must be 0.." + MAX_UNITS + ", was " + units);
    }
    AlleleTable[] tables = Tables.LOCUS_TABLES;
    double[] bankCumulative = cumulative(BANK_WEIGHTS);
    int[] bankCounters = new int[BANK_CODES.length];
    String[] dates = collectionDates();
    SplitMix64 rng = new SplitMix64(seed);
    StringBuilder sb = new StringBuilder(CHUNK + 256);
    sb.append(HEADER).append('\n');
    for (int row = 0; row < units; row++) {
      int bank = pick(bankCumulative, rng.nextDouble());
      sb.append(BANK_CODES[bank]).append(',').append(BANK_PREFIXES[bank]).append('-');
      appendZeroPadded(sb, ++bankCounters[bank], 7);
      for (AlleleTable table : tables) {
        appendLocus(sb, table, rng);
      }
      double collected;
      do {
        collected = StrictMath.exp(COLLECTED_LOG_MU + COLLECTED_TNC_SIGMA_LOG * rng.nextGaussian());
      } while (collected < STORAGE_THRESHOLD_TNC);
      double recovery;
      do {
        recovery = RECOVERY_MEAN + RECOVERY_SD * rng.nextGaussian();
      } while (recovery < RECOVERY_MIN || recovery > RECOVERY_MAX);
      double tnc = collected * recovery;
      double cd34 = tnc * StrictMath.exp(CD34_LOG_MU + CD34_SIGMA_LOG * rng.nextGaussian());
      sb.append(',');
      appendThreeSignificant(sb, tnc);
      sb.append(',');
      appendThreeSignificant(sb, cd34);
      sb.append(',').append(dates[rng.nextInt(dates.length)]).append('\n');
      if (sb.length() >= CHUNK) {
        out.append(sb);
        sb.setLength(0);
      }
    }
    out.append(sb);
    out.flush();
  }

  /**
   * Writes a CSV for benchmarks and reproducibility checks; prints the SHA-256 and the time to stderr.
   * {@code java -cp target/classes org.ucbislet.cordblood.SyntheticInventory --seed 20261125
   * --units 100000 --out inventory.csv} (without {@code --out}: standard output).
   */
  public static void main(String[] args) throws IOException {
    long seed = DEFAULT_SEED;
    int units = DEFAULT_UNITS;
    Path outFile = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(required(args[i], value));
        case "--units" -> units = Integer.parseInt(required(args[i], value));
        case "--out" -> outFile = Path.of(required(args[i], value));
        default -> throw new IllegalArgumentException(
            "unknown argument " + args[i] + "; usage: [--seed N] [--units N] [--out FILE]");
      }
      i++;
    }
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long start = System.nanoTime();
    OutputStream target = outFile == null ? System.out : Files.newOutputStream(outFile);
    try (Writer out = new BufferedWriter(new OutputStreamWriter(
        new DigestOutputStream(target, sha256), StandardCharsets.US_ASCII), CHUNK)) {
      writeCsv(seed, units, out);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.err.println("units=" + units + " seed=" + seed + " out=" + (outFile == null ? "-" : outFile)
        + " ms=" + millis + " sha256=" + HexFormat.of().formatHex(sha256.digest()));
  }

  /** The normalised allele frequencies in resource order (frequencies of a locus sum to 1). */
  public static List<AlleleFrequency> alleleFrequencies() {
    List<AlleleFrequency> all = new ArrayList<>();
    for (AlleleTable table : Tables.LOCUS_TABLES) {
      for (int i = 0; i < table.names.length; i++) {
        all.add(new AlleleFrequency(table.locus, table.names[i], table.probabilities[i]));
      }
    }
    return all;
  }

  /** One allele of the frequency table. */
  public record AlleleFrequency(String locus, String allele, double frequency) {
  }

  private static void appendLocus(StringBuilder sb, AlleleTable table, SplitMix64 rng) {
    int first = table.draw(rng);
    int second = table.draw(rng);
    boolean firstThreeFields = rng.nextDouble() < THREE_FIELD_FRACTION;
    boolean secondThreeFields = rng.nextDouble() < THREE_FIELD_FRACTION;
    if (table.names[second].compareTo(table.names[first]) < 0) {
      int swap = first;
      first = second;
      second = swap;
    }
    sb.append(',').append(table.written(first, firstThreeFields)).append(',');
    if (second != first) {
      sb.append(table.written(second, secondThreeFields));
    }
  }

  /** Three significant digits, scientific, trailing zeros dropped: 1.82E9, 1.8E9, 2.0E9, 4.05E6. */
  static void appendThreeSignificant(StringBuilder sb, double value) {
    if (!(value >= 100) || value >= POW10[POW10.length - 1]) {
      throw new IllegalArgumentException("cell count out of range: " + value);
    }
    int exponent = 2;
    while (exponent + 1 < POW10.length && POW10[exponent + 1] <= value) {
      exponent++;
    }
    long mantissa = Math.round(value / POW10[exponent - 2]);
    if (mantissa >= 1000) {
      mantissa = 100;
      exponent++;
    }
    long rest = mantissa % 100;
    sb.append(mantissa / 100).append('.');
    if (rest == 0) {
      sb.append('0');
    } else if (rest % 10 == 0) {
      sb.append(rest / 10);
    } else {
      if (rest < 10) {
        sb.append('0');
      }
      sb.append(rest);
    }
    sb.append('E').append(exponent);
  }

  private static void appendZeroPadded(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }

  private static String[] collectionDates() {
    int days = (int) (LAST_COLLECTION.toEpochDay() - FIRST_COLLECTION.toEpochDay()) + 1;
    String[] dates = new String[days];
    for (int i = 0; i < days; i++) {
      dates[i] = FIRST_COLLECTION.plusDays(i).toString();
    }
    return dates;
  }

  private static double[] cumulative(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i];
      cumulative[i] = running / total;
    }
    cumulative[weights.length - 1] = 1.0;
    return cumulative;
  }

  /** First index whose cumulative probability exceeds {@code u} (u in [0, 1)). */
  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  /** Alleles of one locus with cumulative probabilities for binary-search sampling. */
  private static final class AlleleTable {
    final String locus;
    final String[] names;
    final String[] threeFieldNames;
    final double[] probabilities;
    final double[] cumulative;

    AlleleTable(String locus, List<String> names, List<Double> frequencies) {
      this.locus = locus;
      this.names = names.toArray(String[]::new);
      double[] weights = frequencies.stream().mapToDouble(Double::doubleValue).toArray();
      this.cumulative = cumulative(weights);
      double total = Arrays.stream(weights).sum();
      this.probabilities = Arrays.stream(weights).map(w -> w / total).toArray();
      this.threeFieldNames = new String[this.names.length];
      for (int i = 0; i < this.names.length; i++) {
        String name = this.names[i];
        // expression-suffix alleles (A*02:53N) stay exactly as in the source
        threeFieldNames[i] = Character.isDigit(name.charAt(name.length() - 1)) ? name + ":01" : name;
      }
    }

    int draw(SplitMix64 rng) {
      return pick(cumulative, rng.nextDouble());
    }

    String written(int index, boolean threeFields) {
      return threeFields ? threeFieldNames[index] : names[index];
    }
  }

  /** Loaded once, on first use. */
  private static final class Tables {
    static final AlleleTable[] LOCUS_TABLES = load();

    private static AlleleTable[] load() {
      List<List<String>> names = new ArrayList<>();
      List<List<Double>> frequencies = new ArrayList<>();
      for (int i = 0; i < LOCI.length; i++) {
        names.add(new ArrayList<>());
        frequencies.add(new ArrayList<>());
      }
      try (InputStream in = SyntheticInventory.class.getResourceAsStream(FREQUENCY_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing classpath resource " + FREQUENCY_RESOURCE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean header = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          if (header) {
            if (!line.equals("locus,allele,frequency")) {
              throw new IllegalStateException(FREQUENCY_RESOURCE + ": unexpected header " + line);
            }
            header = false;
            continue;
          }
          String[] cells = line.split(",", -1);
          int locus = Arrays.asList(LOCI).indexOf(cells[0]);
          if (cells.length != 3 || locus < 0 || !cells[1].startsWith(cells[0] + "*")) {
            throw new IllegalStateException(FREQUENCY_RESOURCE + ": bad row " + line);
          }
          double frequency = Double.parseDouble(cells[2]);
          if (!(frequency > 0)) {
            throw new IllegalStateException(FREQUENCY_RESOURCE + ": bad frequency " + line);
          }
          names.get(locus).add(cells[1]);
          frequencies.get(locus).add(frequency);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      AlleleTable[] tables = new AlleleTable[LOCI.length];
      for (int i = 0; i < LOCI.length; i++) {
        if (names.get(i).isEmpty()) {
          throw new IllegalStateException(FREQUENCY_RESOURCE + ": no alleles for locus " + LOCI[i]);
        }
        tables[i] = new AlleleTable(LOCI[i], names.get(i), frequencies.get(i));
      }
      return tables;
    }
  }

  /**
   * SplitMix64 (Steele, Lea, Flood 2014): fully specified here, so the stream does not depend on the
   * JDK's generator implementations.
   */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), bias below 2^-40 for the bounds used here. */
    int nextInt(int bound) {
      return (int) (nextDouble() * bound);
    }

    /** Standard normal, Marsaglia polar method (second value discarded). */
    double nextGaussian() {
      double u;
      double v;
      double s;
      do {
        u = 2 * nextDouble() - 1;
        v = 2 * nextDouble() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s == 0);
      return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }
  }
}

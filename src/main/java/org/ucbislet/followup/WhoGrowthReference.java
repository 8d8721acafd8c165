package org.ucbislet.followup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The WHO LMS tables of {@code src/main/resources/who-growth/} (README there: WHO Child Growth Standards
 * 2006 by day for 0-5 years, WHO Growth Reference 2007 by month for 5-19 years), and how an age picks
 * its row. Plain Java.
 *
 * <p>Age rule (documented in the README, "Growth z-scores"): age in completed days from birth to the
 * measurement. 0-{@value #LAST_DAY_ROW} days: the 2006 row of that day, as WHO {@code anthro} looks the
 * standards up by integer age in days. From {@value #LAST_DAY_ROW}+1 days: the 2007 reference at age in
 * months = days / {@value #DAYS_PER_MONTH}, with L, M and S interpolated linearly between the rows of
 * the completed month and the next one, as WHO {@code anthroplus} does; defined up to the indicator's
 * last month (228, weight 120).
 */
public final class WhoGrowthReference {

  /** Days per month in WHO's conversion (365.25 / 12). */
  public static final double DAYS_PER_MONTH = 30.4375;
  /** Last row of the 2006 day tables (60 months); older children use the 2007 reference. */
  public static final int LAST_DAY_ROW = 1826;
  public static final String WHO_2006 = "WHO Child Growth Standards 2006";
  public static final String WHO_2007 = "WHO Growth Reference 2007";

  private static final String RESOURCE_FOLDER = "who-growth/";

  /** A table row for one age: the L, M, S to use, which reference it came from and the age in months. */
  public record ReferenceRow(Lms lms, String reference, double ageMonths) {
  }

  private final Map<GrowthIndicator, Map<GrowthSex, TreeMap<Integer, Lms>>> byDay = new EnumMap<>(GrowthIndicator.class);
  private final Map<GrowthIndicator, Map<GrowthSex, TreeMap<Integer, Lms>>> byMonth = new EnumMap<>(GrowthIndicator.class);

  private WhoGrowthReference() {
  }

  private static final class Holder {
    private static final WhoGrowthReference INSTANCE = load();
  }

  /** The tables from the classpath, read once. */
  public static WhoGrowthReference fromClasspath() {
    return Holder.INSTANCE;
  }

  private static WhoGrowthReference load() {
    WhoGrowthReference reference = new WhoGrowthReference();
    for (GrowthIndicator indicator : GrowthIndicator.values()) {
      String resource = RESOURCE_FOLDER + indicator.table();
      try (InputStream in = WhoGrowthReference.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("WHO growth table " + resource + " is not on the classpath");
        }
        reference.read(indicator, in, resource);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    return reference;
  }

  private void read(GrowthIndicator indicator, InputStream in, String resource) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (!"sex,age_unit,age,L,M,S".equals(header)) {
      throw new IllegalStateException(resource + ": unexpected header " + header);
    }
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      GrowthSex sex = GrowthSex.fromWhoCode(Integer.parseInt(f[0]));
      Map<GrowthIndicator, Map<GrowthSex, TreeMap<Integer, Lms>>> target = switch (f[1]) {
        case "day" -> byDay;
        case "month" -> byMonth;
        default -> throw new IllegalStateException(resource + ": unknown age unit in " + line);
      };
      target.computeIfAbsent(indicator, k -> new EnumMap<>(GrowthSex.class))
          .computeIfAbsent(sex, k -> new TreeMap<>())
          .put(Integer.parseInt(f[2]), new Lms(Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
    }
  }

  /**
   * The row for a child of that sex and age in completed days; empty when WHO does not define the
   * indicator at that age (weight-for-age beyond 10 years, anything beyond 19 years).
   *
   * @throws IllegalArgumentException for a negative age
   */
  public Optional<ReferenceRow> row(GrowthIndicator indicator, GrowthSex sex, long ageDays) {
    if (ageDays < 0) {
      throw new IllegalArgumentException("Age in days must not be negative, was " + ageDays);
    }
    double ageMonths = ageDays / DAYS_PER_MONTH;
    if (ageDays <= LAST_DAY_ROW) {
      return Optional.of(new ReferenceRow(byDay.get(indicator).get(sex).get((int) ageDays), WHO_2006, ageMonths));
    }
    if (ageMonths > indicator.maxAgeMonths()) {
      return Optional.empty();
    }
    TreeMap<Integer, Lms> months = byMonth.get(indicator).get(sex);
    int completed = (int) Math.floor(ageMonths);
    Lms lower = months.get(completed);
    Lms upper = months.get(completed + 1);
    return Optional.of(new ReferenceRow(lower.interpolate(upper, ageMonths - completed), WHO_2007, ageMonths));
  }
}

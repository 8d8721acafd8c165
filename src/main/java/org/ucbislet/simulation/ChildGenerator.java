package org.ucbislet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ucbislet.cordblood.SyntheticInventory;
import org.ucbislet.followup.GrowthIndicator;
import org.ucbislet.followup.GrowthSex;
import org.ucbislet.followup.Lms;
import org.ucbislet.followup.WhoGrowthReference;

/**
 * Draws the cohort from {@link CohortParameters}: same seed and parameters, same children. Age is uniform, sex by the
 * male fraction, gene by its weight, height and BMI from WHO LMS references at a drawn z-score (weight = BMI x height
 * squared), the HLA typing allele by allele from the frequencies the default cord blood inventory is made of (no linkage
 * disequilibrium, as in the inventory).
 */
public final class ChildGenerator {

  private static final String[] LOCI = {"A", "B", "C", "DRB1"};
  /** Example pathogenic variants per gene (HGVS on the gene's MANE transcript), for the enrolment form. */
  private static final Map<String, String> VARIANTS = Map.of(
      "FOXP3", "NM_014009.4:c.1150G>A", "IL2RA", "NM_000417.3:c.530A>G", "STAT5B", "NM_012448.4:c.1680delG",
      "AIRE", "NM_000383.4:c.769C>T", "LRBA", "NM_006726.4:c.2445_2447del", "CTLA4", "NM_005214.5:c.223C>T",
      "STAT3", "NM_139276.3:c.1974G>C", "STAT1", "NM_007315.4:c.800C>T", "ITCH", "NM_031483.7:c.832dup");

  private final CohortParameters parameters;
  private final WhoGrowthReference growth;
  private final Map<String, double[]> alleleCumulative = new LinkedHashMap<>();
  private final Map<String, String[]> alleleNames = new LinkedHashMap<>();

  public ChildGenerator(CohortParameters parameters, WhoGrowthReference growth) {
    this.parameters = parameters.validate();
    this.growth = growth;
    Map<String, List<SyntheticInventory.AlleleFrequency>> byLocus = new LinkedHashMap<>();
    for (SyntheticInventory.AlleleFrequency f : SyntheticInventory.alleleFrequencies()) {
      byLocus.computeIfAbsent(f.locus(), k -> new ArrayList<>()).add(f);
    }
    for (String locus : LOCI) {
      List<SyntheticInventory.AlleleFrequency> alleles = byLocus.get(locus);
      double[] cumulative = new double[alleles.size()];
      String[] names = new String[alleles.size()];
      double sum = 0;
      for (int i = 0; i < alleles.size(); i++) {
        sum += alleles.get(i).frequency();
        cumulative[i] = sum;
        names[i] = alleles.get(i).allele();
      }
      alleleCumulative.put(locus, cumulative);
      alleleNames.put(locus, names);
    }
  }

  /**
   * The cohort referred over {@code enrolmentYears} before {@code end} (all on {@code end - 0} when 0): ordered by
   * referral, subject IDs from {@code firstSubjectNumber}.
   */
  public List<SyntheticChild> cohort(Instant start, ZoneId zone) {
    SplittableRandom cohortRandom = new SplittableRandom(parameters.getSeed());
    List<SyntheticChild> children = new ArrayList<>();
    long spanMinutes = Math.round(parameters.getEnrolmentYears() * 365.25 * 24 * 60);
    for (int i = 0; i < parameters.getChildren(); i++) {
      SplittableRandom random = cohortRandom.split();
      Instant referredAt = start.plus(Duration.ofMinutes(spanMinutes == 0 ? 0 : random.nextLong(spanMinutes)));
      // referrals arrive in working hours
      referredAt = LocalDate.ofInstant(referredAt, zone).atTime(9 + random.nextInt(8), random.nextInt(60))
          .atZone(zone).toInstant();
      children.add(child(parameters.getFirstSubjectNumber() + i, referredAt, zone, random));
    }
    children.sort(Comparator.comparing(SyntheticChild::referredAt).thenComparing(SyntheticChild::number));
    return children;
  }

  SyntheticChild child(int number, Instant referredAt, ZoneId zone, SplittableRandom random) {
    LocalDate referral = LocalDate.ofInstant(referredAt, zone);
    double ageYears = parameters.getAgeYearsMin()
        + random.nextDouble() * (parameters.getAgeYearsMax() - parameters.getAgeYearsMin());
    LocalDate dateOfBirth = referral.minusDays(Math.round(ageYears * 365.25));
    GrowthSex sex = random.nextDouble() < parameters.getMaleFraction() ? GrowthSex.MALE : GrowthSex.FEMALE;
    long ageDays = referral.toEpochDay() - dateOfBirth.toEpochDay();
    double heightZ = clamp(parameters.getHeightZMean() + parameters.getHeightZSd() * random.nextGaussian(), -3, 3);
    double bmiZ = clamp(parameters.getWeightZMean() + parameters.getWeightZSd() * random.nextGaussian(), -3, 3);
    Lms height = growth.row(GrowthIndicator.HEIGHT_FOR_AGE, sex, ageDays).orElseThrow().lms();
    Lms bmi = growth.row(GrowthIndicator.BMI_FOR_AGE, sex, ageDays).orElseThrow().lms();
    double heightCm = round1(height.valueAt(heightZ));
    double weightKg = round1(bmi.valueAt(bmiZ) * (heightCm / 100) * (heightCm / 100));
    String gene = pick(parameters.getGeneWeights(), random);
    List<String> hla = new ArrayList<>();
    boolean rare = random.nextDouble() < parameters.getRareHlaFraction();
    for (String locus : LOCI) {
      hla.add(rare ? anyAllele(locus, random) : allele(locus, random));
      hla.add(rare ? anyAllele(locus, random) : allele(locus, random));
    }
    return new SyntheticChild(number, String.format("UCBI-%04d", number), referredAt, dateOfBirth,
        sex == GrowthSex.MALE ? "male" : "female", weightKg, heightCm, gene, VARIANTS.getOrDefault(gene, "c.1A>G"), hla,
        random.nextLong());
  }

  private String allele(String locus, SplittableRandom random) {
    double[] cumulative = alleleCumulative.get(locus);
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return alleleNames.get(locus)[i];
      }
    }
    return alleleNames.get(locus)[cumulative.length - 1];
  }

  /** An allele of the locus, each equally likely (mostly rare ones). */
  private String anyAllele(String locus, SplittableRandom random) {
    String[] names = alleleNames.get(locus);
    return names[random.nextInt(names.length)];
  }

  static String pick(Map<String, Double> weights, SplittableRandom random) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double u = random.nextDouble() * total;
    String last = null;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      last = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        return e.getKey();
      }
    }
    return last;
  }

  /** Index drawn by relative weights. */
  static int pick(double[] weights, SplittableRandom random) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}

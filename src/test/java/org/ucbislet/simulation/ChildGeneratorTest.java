package org.ucbislet.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.ucbislet.cordblood.HlaAllele;
import org.ucbislet.cordblood.HlaLocus;
import org.ucbislet.followup.WhoGrowthReference;

/** The synthetic cohort: reproducible, within its documented distributions, valid for the enrolment form and the bank. */
class ChildGeneratorTest {

  private static final ZoneId ZONE = ZoneId.of("UTC");
  private static final Instant START = LocalDate.of(2030, 1, 1).atStartOfDay(ZONE).toInstant();
  private static final WhoGrowthReference WHO = WhoGrowthReference.fromClasspath();

  private static List<SyntheticChild> cohort(CohortParameters p) {
    return new ChildGenerator(p, WHO).cohort(START, ZONE);
  }

  private static CohortParameters children(int n) {
    CohortParameters p = new CohortParameters();
    p.setChildren(n);
    return p;
  }

  @Test
  void sameSeedSameCohortAndAnotherChildChangesNoOther() {
    List<SyntheticChild> a = cohort(children(40));
    assertThat(cohort(children(40))).isEqualTo(a);
    List<SyntheticChild> more = cohort(children(41));
    assertThat(more).containsAll(a).hasSize(41);
    CohortParameters other = children(40);
    other.setSeed(1);
    assertThat(cohort(other)).isNotEqualTo(a);
  }

  @Test
  void childrenAreReferredOverTheEnrolmentYearsWithValidEnrolmentValues() {
    CohortParameters p = children(2000);
    List<SyntheticChild> cohort = cohort(p);
    assertThat(cohort).hasSize(2000).isSortedAccordingTo(java.util.Comparator.comparing(SyntheticChild::referredAt));
    assertThat(cohort).extracting(SyntheticChild::subjectId).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("^UCBI-\\d{4}$"));
    Instant end = START.plus(Math.round(6 * 365.25) + 1, ChronoUnit.DAYS);
    for (SyntheticChild c : cohort) {
      assertThat(c.referredAt()).isBetween(START, end);
      LocalDate referral = LocalDate.ofInstant(c.referredAt(), ZONE);
      double age = ChronoUnit.DAYS.between(c.dateOfBirth(), referral) / 365.25;
      assertThat(age).isBetween(0.99, 14.01);
      // the enrolment form's limits, and a plausible BMI for a child
      assertThat(c.heightCm()).isBetween(30.0, 220.0);
      assertThat(c.weightKg()).isBetween(0.5, 150.0);
      double bmi = c.weightKg() / Math.pow(c.heightCm() / 100, 2);
      assertThat(bmi).isBetween(9.0, 30.0);
      assertThat(c.variantHgvs()).matches("^(N[MCGRP]_[0-9]+(\\.[0-9]+)?:)?[cgnrp]\\.\\S+$");
      assertThat(c.sex()).isIn("male", "female");
      // eight WHO allele names, each of its locus (A A B B C C DRB1 DRB1), as the HLA typing form wants them
      HlaLocus[] loci = {HlaLocus.A, HlaLocus.A, HlaLocus.B, HlaLocus.B, HlaLocus.C, HlaLocus.C, HlaLocus.DRB1,
          HlaLocus.DRB1};
      for (int i = 0; i < 8; i++) {
        HlaAllele.parse(c.hlaTyping().get(i), loci[i]);
      }
    }
    // shares within 5 standard errors of the parameters (n = 2000)
    double boys = cohort.stream().filter(c -> c.sex().equals("male")).count() / 2000.0;
    assertThat(boys).isCloseTo(0.8, org.assertj.core.data.Offset.offset(5 * Math.sqrt(0.8 * 0.2 / 2000)));
    Map<String, Long> genes = cohort.stream().collect(Collectors.groupingBy(SyntheticChild::geneName,
        Collectors.counting()));
    double foxp3 = genes.get("FOXP3") / 2000.0;
    assertThat(foxp3).isCloseTo(0.4, org.assertj.core.data.Offset.offset(5 * Math.sqrt(0.4 * 0.6 / 2000)));
    assertThat(genes.keySet()).isSubsetOf(p.getGeneWeights().keySet());
  }

  @Test
  void theMostCommonChineseAllelesAreTheMostCommonInTheCohort() {
    List<SyntheticChild> cohort = cohort(children(3000));
    Map<String, Long> a = cohort.stream().flatMap(c -> c.hlaTyping().subList(0, 2).stream())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    String mostCommon = a.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(mostCommon).isEqualTo("A*11:01"); // 27.5 % in USA NMDP Chinese (src/main/resources/cordblood)
  }

  @Test
  void everyDocumentedPropertyBindsAndABadValueIsRefusedNamingIt() {
    Map<String, String> properties = Map.ofEntries(Map.entry("ucbi.simulation.children", "7"),
        Map.entry("ucbi.simulation.male-fraction", "0.5"), Map.entry("ucbi.simulation.gene-weights.FOXP3", "1"),
        Map.entry("ucbi.simulation.acute-gvhd-grade-weights", "1,0,0,0,0"),
        Map.entry("ucbi.simulation.task-lead-days.Task_RecordHlaTyping", "3"),
        Map.entry("ucbi.simulation.deaths-per-year", "0.01"), Map.entry("ucbi.simulation.enrolment-years", "2"));
    CohortParameters p = new Binder(new MapConfigurationPropertySource(properties))
        .bind("ucbi.simulation", Bindable.ofInstance(new CohortParameters())).get();
    assertThat(p.getChildren()).isEqualTo(7);
    assertThat(p.getMaleFraction()).isEqualTo(0.5);
    assertThat(p.getGeneWeights()).containsEntry("FOXP3", 1.0);
    assertThat(p.getAcuteGvhdGradeWeights()).containsExactly(1, 0, 0, 0, 0);
    assertThat(p.getTaskLeadDays()).containsEntry("Task_RecordHlaTyping", 3.0);
    assertThat(p.getDeathsPerYear()).isEqualTo(0.01);
    p.validate();

    CohortParameters bad = new CohortParameters();
    bad.setMaleFraction(1.5);
    assertThatThrownBy(bad::validate).hasMessage("ucbi.simulation.male-fraction: must be a probability from 0 to 1");
    CohortParameters badWeights = new CohortParameters();
    badWeights.setGraftFunctionWeights(new double[] {1, 2});
    assertThatThrownBy(badWeights::validate).hasMessageContaining("ucbi.simulation.graft-function-weights");
    CohortParameters tooMany = new CohortParameters();
    tooMany.setFirstSubjectNumber(9990);
    tooMany.setChildren(20);
    assertThatThrownBy(tooMany::validate).hasMessageContaining("ucbi.simulation.first-subject-number");
  }

  @Test
  void progressLineShowsShareRateAndRemainingTime() {
    ConsoleProgress progress = new ConsoleProgress(System.out, START, START.plus(10, ChronoUnit.DAYS), false);
    String line = progress.line(0.5, 60, new CohortSimulator.Progress(START.plus(5, ChronoUnit.DAYS), 10, 2, 40, 600));
    assertThat(line).contains("[###############...............]", " 50%", "2030-01-06", "10/40 referred, 2 ended",
        "600 tasks, 10 tasks/s", "elapsed 1m00s, remaining 1m00s");
    assertThat(ConsoleProgress.format(3725)).isEqualTo("1h02m");
  }
}

package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the ASTCT engraftment definitions (domain.md Part A, B 2.1) with the Part A defaults. */
class EngraftmentDetectorTest {

  static final EngraftmentCriteria ASTCT = EngraftmentSettings.defaults().criteria();
  static final LocalDate DAY0 = LocalDate.of(2027, 3, 1);

  private static List<BloodCount> anc(int firstDay, double... values) {
    List<BloodCount> counts = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      counts.add(new BloodCount(DAY0.plusDays(firstDay + i), values[i], 5, false));
    }
    return counts;
  }

  @Test
  void neutrophilEngraftmentIsTheFirstOfThreeDaysAtOrAbove05AfterTheNadir() {
    EngraftmentStatus s = EngraftmentDetector.assess(anc(20, 0.4, 0.6, 0.7, 0.8), ASTCT);
    assertThat(s.neutrophilEngraftmentDate()).isEqualTo(DAY0.plusDays(21));
  }

  @Test
  void exactly05CountsAndJustBelowDoesNot() {
    assertThat(EngraftmentDetector.assess(anc(20, 0.2, 0.5, 0.5, 0.5), ASTCT).neutrophilEngraftmentDate())
        .isEqualTo(DAY0.plusDays(21));
    assertThat(EngraftmentDetector.assess(anc(20, 0.2, 0.5, 0.49, 0.5), ASTCT).neutrophilEngrafted()).isFalse();
  }

  @Test
  void aDipResetsTheRun() {
    EngraftmentStatus s = EngraftmentDetector.assess(anc(20, 0.3, 0.6, 0.7, 0.4, 0.6, 0.8, 1.1), ASTCT);
    assertThat(s.neutrophilEngraftmentDate()).isEqualTo(DAY0.plusDays(24));
  }

  @Test
  void twoDaysAreNotEnough() {
    assertThat(EngraftmentDetector.assess(anc(20, 0.3, 0.6, 0.7), ASTCT).neutrophilEngrafted()).isFalse();
  }

  @Test
  void aDayWithoutCountBreaksTheConsecutiveDays() {
    List<BloodCount> counts = new ArrayList<>(anc(20, 0.3, 0.6, 0.7));
    counts.add(new BloodCount(DAY0.plusDays(24), 0.9, 5, false)); // day 23 missing
    assertThat(EngraftmentDetector.assess(counts, ASTCT).neutrophilEngrafted()).isFalse();
  }

  @Test
  void countsThatNeverFellBelowTheThresholdAreNotEngraftment() {
    assertThat(EngraftmentDetector.assess(anc(1, 1.2, 0.9, 0.8), ASTCT).neutrophilEngrafted()).isFalse();
  }

  @Test
  void orderOfRecordingDoesNotMatterAndALaterCountOfTheSameDayReplacesTheEarlier() {
    List<BloodCount> counts = new ArrayList<>(anc(20, 0.4, 0.6, 0.7, 0.8));
    java.util.Collections.reverse(counts);
    counts.add(new BloodCount(DAY0.plusDays(22), 0.45, 5, false)); // day 22 corrected down
    assertThat(EngraftmentDetector.assess(counts, ASTCT).neutrophilEngrafted()).isFalse();
  }

  private static BloodCount plt(int day, double platelets, boolean transfusion) {
    return new BloodCount(DAY0.plusDays(day), 1.0, platelets, transfusion);
  }

  @Test
  void plateletEngraftmentIsTheFirstOfThreeDaysAtOrAbove20WithoutTransfusionFor7Days() {
    List<BloodCount> counts = List.of(plt(10, 8, true), plt(20, 19, false), plt(21, 20, false), plt(22, 24, false),
        plt(23, 30, false));
    assertThat(EngraftmentDetector.assess(counts, ASTCT).plateletEngraftmentDate()).isEqualTo(DAY0.plusDays(21));
  }

  @Test
  void plateletTransfusionWithin7DaysPreventsPlateletEngraftment() {
    // transfusion recorded on day 16: within the 7 days before day 21 (days 14-20)
    List<BloodCount> counts = List.of(plt(15, 8, false), plt(16, 25, true), plt(21, 22, false), plt(22, 24, false),
        plt(23, 30, false));
    EngraftmentStatus s = EngraftmentDetector.assess(counts, ASTCT);
    assertThat(s.plateletEngraftmentDate()).isNull();
    assertThat(s.plateletEngrafted()).isFalse();
  }

  @Test
  void transfusionJustOutsideThe7DaysAllowsPlateletEngraftment() {
    // transfusion given between day 12 and day 13 (recorded with the day 13 count); first day 21: window days 14-23
    List<BloodCount> counts = List.of(plt(12, 8, false), plt(13, 21, true), plt(14, 12, false), plt(21, 22, false),
        plt(22, 24, false), plt(23, 30, false));
    assertThat(EngraftmentDetector.assess(counts, ASTCT).plateletEngraftmentDate()).isEqualTo(DAY0.plusDays(21));
  }

  @Test
  void transfusionRecordedAfterAGapCoversTheWholeGap() {
    // counts on day 10 and day 25: a transfusion recorded on day 25 may have been given on day 18, inside the window
    List<BloodCount> counts = List.of(plt(10, 8, false), plt(25, 22, true), plt(26, 24, false), plt(27, 30, false));
    assertThat(EngraftmentDetector.assess(counts, ASTCT).plateletEngrafted()).isFalse();
  }

  @Test
  void thresholdsComeFromConfiguration() {
    EngraftmentCriteria stricter = new EngraftmentCriteria(1.0, 50, 3, 7);
    assertThat(EngraftmentDetector.assess(anc(20, 0.4, 0.6, 0.7, 0.8), stricter).neutrophilEngrafted()).isFalse();
    assertThat(EngraftmentDetector.assess(anc(20, 0.4, 1.0, 1.2, 1.1), stricter).neutrophilEngraftmentDate())
        .isEqualTo(DAY0.plusDays(21));
  }

  @Test
  void impossibleSettingsAndCountsAreRefused() {
    assertThatThrownBy(() -> new EngraftmentCriteria(0, 20, 3, 7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EngraftmentCriteria(0.5, 20, 0, 7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BloodCount(DAY0, -0.1, 10, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EngraftmentSettings(0.5, 20, 3, 7, 42, 28)).isInstanceOf(IllegalArgumentException.class);
  }
}

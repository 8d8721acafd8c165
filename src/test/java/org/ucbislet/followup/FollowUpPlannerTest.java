package org.ucbislet.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two follow-up schedules of domain.md Part A on absolute dates from the anchor, with the default settings. */
class FollowUpPlannerTest {

  private static final FollowUpSettings SETTINGS = FollowUpSettings.defaults();
  private static final LocalDate DAY_0 = LocalDate.of(2027, 1, 4);

  private static List<PlannedVisit> plan(String schedule, LocalDate end) {
    return FollowUpPlanner.plan(SETTINGS.schedule(schedule), DAY_0, end, SETTINGS.reminderGrace());
  }

  private static String describe(PlannedVisit v) {
    return v.visitNumber() + " " + v.visit() + " " + v.kind().code() + " " + v.targetDate() + " [" + v.windowStart() + ".."
        + v.windowEnd() + "] remind " + v.reminderDate() + " " + v.epoch();
  }

  @Test
  void afterCordBloodInfusionFollowsPartAToTheEndOfYearFive() {
    // Part A (B 2.4): days +7 ... +100, months 6, 12, 18, 24, then yearly to year 5; immune panels at months 3
    // (+/- 2 weeks), 6 and 12 (+/- 4 weeks), then yearly (+/- 6 months). Other windows: the design defaults.
    List<PlannedVisit> plan = plan(FollowUpSettings.AFTER_CORD_BLOOD_INFUSION, DAY_0.plusYears(5));
    assertThat(plan).extracting(FollowUpPlannerTest::describe).containsExactly(
        "1 Day +7 glucoseAndGrowth 2027-01-11 [2027-01-08..2027-01-14] remind 2027-01-13 FOLLOW-UP",
        "2 Day +14 glucoseAndGrowth 2027-01-18 [2027-01-15..2027-01-21] remind 2027-01-20 FOLLOW-UP",
        "3 Day +21 glucoseAndGrowth 2027-01-25 [2027-01-22..2027-01-28] remind 2027-01-27 FOLLOW-UP",
        "4 Day +28 glucoseAndGrowth 2027-02-01 [2027-01-29..2027-02-04] remind 2027-02-03 FOLLOW-UP",
        "5 Day +42 glucoseAndGrowth 2027-02-15 [2027-02-08..2027-02-22] remind 2027-02-17 FOLLOW-UP",
        "6 Day +60 glucoseAndGrowth 2027-03-05 [2027-02-26..2027-03-12] remind 2027-03-07 FOLLOW-UP",
        "7 Month 3 immune panel immuneFunction 2027-04-04 [2027-03-21..2027-04-18] remind 2027-04-06 FOLLOW-UP",
        "8 Day +100 glucoseAndGrowth 2027-04-14 [2027-03-31..2027-04-28] remind 2027-04-16 FOLLOW-UP",
        "9 Month 6 glucoseAndGrowth 2027-07-04 [2027-06-06..2027-08-01] remind 2027-07-06 FOLLOW-UP",
        "10 Month 6 immune panel immuneFunction 2027-07-04 [2027-06-06..2027-08-01] remind 2027-07-06 FOLLOW-UP",
        "11 Month 12 glucoseAndGrowth 2028-01-04 [2027-12-07..2028-02-01] remind 2028-01-06 FOLLOW-UP",
        "12 Month 12 immune panel immuneFunction 2028-01-04 [2027-12-07..2028-02-01] remind 2028-01-06 FOLLOW-UP",
        "13 Month 18 glucoseAndGrowth 2028-07-04 [2028-06-06..2028-08-01] remind 2028-07-06 FOLLOW-UP",
        "14 Month 24 glucoseAndGrowth 2029-01-04 [2028-12-07..2029-02-01] remind 2029-01-06 FOLLOW-UP",
        "15 Year 2 immune panel immuneFunction 2029-01-04 [2028-07-04..2029-07-04] remind 2029-01-06 LONG-TERM FOLLOW-UP",
        "16 Year 3 glucoseAndGrowth 2030-01-04 [2029-12-04..2030-02-04] remind 2030-01-06 LONG-TERM FOLLOW-UP",
        "17 Year 3 immune panel immuneFunction 2030-01-04 [2029-07-04..2030-07-04] remind 2030-01-06 LONG-TERM FOLLOW-UP",
        "18 Year 4 glucoseAndGrowth 2031-01-04 [2030-12-04..2031-02-04] remind 2031-01-06 LONG-TERM FOLLOW-UP",
        "19 Year 4 immune panel immuneFunction 2031-01-04 [2030-07-04..2031-07-04] remind 2031-01-06 LONG-TERM FOLLOW-UP",
        "20 Year 5 glucoseAndGrowth 2032-01-04 [2031-12-04..2032-02-04] remind 2032-01-06 LONG-TERM FOLLOW-UP",
        "21 Year 5 immune panel immuneFunction 2032-01-04 [2031-07-04..2032-07-04] remind 2032-01-06 LONG-TERM FOLLOW-UP");
  }

  @Test
  void afterIsletInfusionHasMmttAtDay75AndDay365ThenYearlyVisits() {
    // Part A (B 5.5): days +7, +14, +28, +75 (MMTT +/- 5 days), month 6, day 365 (MMTT +/- 14 days), then yearly
    List<PlannedVisit> plan = plan(FollowUpSettings.AFTER_ISLET_INFUSION, DAY_0.plusYears(3));
    assertThat(plan).extracting(FollowUpPlannerTest::describe).containsExactly(
        "1 Day +7 glucoseAndGrowth 2027-01-11 [2027-01-08..2027-01-14] remind 2027-01-13 FOLLOW-UP",
        "2 Day +14 glucoseAndGrowth 2027-01-18 [2027-01-15..2027-01-21] remind 2027-01-20 FOLLOW-UP",
        "3 Day +28 glucoseAndGrowth 2027-02-01 [2027-01-29..2027-02-04] remind 2027-02-03 FOLLOW-UP",
        "4 Day +75 MMTT mmtt 2027-03-20 [2027-03-15..2027-03-25] remind 2027-03-22 FOLLOW-UP",
        "5 Month 6 glucoseAndGrowth 2027-07-04 [2027-06-06..2027-08-01] remind 2027-07-06 FOLLOW-UP",
        "6 Day +365 MMTT mmtt 2028-01-04 [2027-12-21..2028-01-18] remind 2028-01-06 FOLLOW-UP",
        "7 Year 2 glucoseAndGrowth 2029-01-04 [2028-12-04..2029-02-04] remind 2029-01-06 LONG-TERM FOLLOW-UP",
        "8 Year 3 glucoseAndGrowth 2030-01-04 [2029-12-04..2030-02-04] remind 2030-01-06 LONG-TERM FOLLOW-UP");
    assertThat(plan.get(3).studyDay()).isEqualTo(75);
    assertThat(plan.get(5).studyDay()).isEqualTo(365);
  }

  @Test
  void visitsAfterTheEndDateAreNotPlannedAndTheEndDayItselfIs() {
    assertThat(plan(FollowUpSettings.AFTER_ISLET_INFUSION, DAY_0.plusDays(14))).extracting(PlannedVisit::visit)
        .containsExactly("Day +7", "Day +14");
    assertThat(plan(FollowUpSettings.AFTER_ISLET_INFUSION, DAY_0.plusDays(13))).extracting(PlannedVisit::visit)
        .containsExactly("Day +7");
  }

  @Test
  void immunePanelsTheCallerDoesItselfInTheFirstYearAreLeftOutAndTheYearlyOnesKept() {
    // beside stage 1, which does the immune panels of months 3, 6 and 12 itself
    List<PlannedVisit> plan = FollowUpPlanner.withoutImmunePanelsUntil(
        plan(FollowUpSettings.AFTER_CORD_BLOOD_INFUSION, DAY_0.plusYears(5)), DAY_0.plusMonths(12));
    assertThat(plan).extracting(PlannedVisit::visit).doesNotContain("Month 3 immune panel", "Month 6 immune panel",
        "Month 12 immune panel").contains("Month 6", "Month 12", "Year 2 immune panel", "Year 5 immune panel").hasSize(18);
  }

  @Test
  void visitsTheCallerDidItselfAreLeftOutByTargetDate() {
    // the long-term follow-up after islets starts on day +365, the day isletTransplant does its own day +365 MMTT
    LocalDate day365 = DAY_0.plusDays(365);
    List<PlannedVisit> plan = FollowUpPlanner.plan(SETTINGS.schedule(FollowUpSettings.AFTER_ISLET_INFUSION), DAY_0,
        day365, day365, DAY_0.plusYears(5), SETTINGS.reminderGrace());
    assertThat(plan).extracting(v -> v.visitNumber() + " " + v.visit()).containsExactly("7 Year 2", "8 Year 3", "9 Year 4",
        "10 Year 5");
    // the day before, the day +365 MMTT is still the follow-up's own
    assertThat(FollowUpPlanner.plan(SETTINGS.schedule(FollowUpSettings.AFTER_ISLET_INFUSION), DAY_0, day365,
        day365.minusDays(1), DAY_0.plusYears(5), SETTINGS.reminderGrace())).extracting(PlannedVisit::visit)
        .startsWith("Day +365 MMTT");
  }

  @Test
  void aLateStartPlansOnlyTheVisitsStillOpenAndKeepsTheirVisitNumbers() {
    // started on day +366: the day +365 MMTT window (to 2028-01-18) is still open, month 6 and earlier are not planned
    List<PlannedVisit> plan = FollowUpPlanner.plan(SETTINGS.schedule(FollowUpSettings.AFTER_ISLET_INFUSION), DAY_0,
        DAY_0.plusDays(366), DAY_0.plusYears(5), SETTINGS.reminderGrace());
    assertThat(plan).extracting(v -> v.visitNumber() + " " + v.visit()).containsExactly("6 Day +365 MMTT", "7 Year 2",
        "8 Year 3", "9 Year 4", "10 Year 5");
  }

  @Test
  void reminderNeverFallsAfterTheWindowsLastDay() {
    FollowUpScheduleDefinition tight = new FollowUpScheduleDefinition("tight",
        List.of(new VisitTimepoint("Day +7", VisitKind.GLUCOSE_AND_GROWTH, Period.ofDays(7), Period.ofDays(1))), 1,
        Period.ofMonths(1), 0, Period.ZERO);
    PlannedVisit v = FollowUpPlanner.plan(tight, DAY_0, DAY_0.plusDays(30), Period.ofDays(5)).get(0);
    assertThat(v.reminderDate()).isEqualTo(v.windowEnd()).isEqualTo(LocalDate.of(2027, 1, 12));
    assertThat(v.windowClosedDate()).isEqualTo(LocalDate.of(2027, 1, 13));
  }

  @Test
  @SuppressWarnings("unchecked")
  void applicationYamlHoldsTheSameDefaults() throws java.io.IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream("application.yaml")) {
      Map<String, Object> fu = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
          new org.yaml.snakeyaml.Yaml().load(in)).get("ucbi")).get("follow-up");
      Map<String, Object> cb = (Map<String, Object>) fu.get("cord-blood");
      Map<String, Object> is = (Map<String, Object>) fu.get("islet");
      FollowUpSettings yaml = new FollowUpSettings(str(fu, "reminder-grace"), (Integer) fu.get("default-years"),
          str(cb, "visit-days"), str(cb, "visit-day-windows"), str(cb, "visit-months"), str(cb, "visit-month-windows"),
          (Integer) cb.get("yearly-from-year"), str(cb, "yearly-window"), str(cb, "immune-panel-months"),
          str(cb, "immune-panel-windows"), (Integer) cb.get("yearly-immune-panel-from-year"),
          str(cb, "yearly-immune-panel-window"), str(is, "visit-days"), str(is, "visit-day-windows"), str(is, "mmtt-days"),
          str(is, "mmtt-windows"), str(is, "visit-months"), str(is, "visit-month-windows"), (Integer) is.get("yearly-from-year"),
          str(is, "yearly-window"));
      for (String schedule : List.of(FollowUpSettings.AFTER_CORD_BLOOD_INFUSION, FollowUpSettings.AFTER_ISLET_INFUSION)) {
        assertThat(yaml.schedule(schedule)).isEqualTo(SETTINGS.schedule(schedule));
      }
      assertThat(yaml.reminderGrace()).isEqualTo(SETTINGS.reminderGrace());
      assertThat(yaml.defaultYears()).isEqualTo(SETTINGS.defaultYears());
    }
  }

  private static String str(Map<String, Object> m, String key) {
    return String.valueOf(m.get(key));
  }

  @Test
  void badSettingsAndInputsAreRefused() {
    assertThatThrownBy(() -> SETTINGS.schedule("weekly")).hasMessageContaining("followUpSchedule must be");
    assertThatThrownBy(() -> plan(FollowUpSettings.AFTER_ISLET_INFUSION, DAY_0.minusDays(1)))
        .hasMessageContaining("before its anchor date");
    assertThatThrownBy(() -> new FollowUpSettings("P2D", 5, "7,14", "P3D", "6", "P4W", 3, "P1M", "3", "P2W", 2, "P6M",
        "7", "P3D", "75", "P5D", "6", "P4W", 2, "P1M")).hasMessageContaining("one window per time point");
    assertThatThrownBy(() -> new FollowUpSettings("2 days", 5, "7", "P3D", "6", "P4W", 3, "P1M", "3", "P2W", 2, "P6M",
        "7", "P3D", "75", "P5D", "6", "P4W", 2, "P1M")).hasMessageContaining("reminder-grace");
  }
}

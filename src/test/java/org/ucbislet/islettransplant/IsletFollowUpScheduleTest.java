package org.ucbislet.islettransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known-answer tests of the follow-up dates after an islet infusion (plain Java, no engine). */
class IsletFollowUpScheduleTest {

  private static final FollowUpPlan DEFAULT = IsletSettings.defaults().followUpPlan();

  @Test
  void troughLevelsAreWeeklyForThreeMonthsThenMonthlyToMonth12() {
    IsletFollowUpSchedule s = IsletFollowUpSchedule.of(LocalDate.of(2027, 3, 1), DEFAULT);

    assertThat(s.troughLevels()).hasSize(22);
    assertThat(s.troughLevels().subList(0, 13)).containsExactly(
        LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 15), LocalDate.of(2027, 3, 22), LocalDate.of(2027, 3, 29),
        LocalDate.of(2027, 4, 5), LocalDate.of(2027, 4, 12), LocalDate.of(2027, 4, 19), LocalDate.of(2027, 4, 26),
        LocalDate.of(2027, 5, 3), LocalDate.of(2027, 5, 10), LocalDate.of(2027, 5, 17), LocalDate.of(2027, 5, 24),
        LocalDate.of(2027, 5, 31));
    assertThat(s.troughLevels().subList(13, 22)).containsExactly(
        LocalDate.of(2027, 7, 1), LocalDate.of(2027, 8, 1), LocalDate.of(2027, 9, 1), LocalDate.of(2027, 10, 1),
        LocalDate.of(2027, 11, 1), LocalDate.of(2027, 12, 1), LocalDate.of(2028, 1, 1), LocalDate.of(2028, 2, 1),
        LocalDate.of(2028, 3, 1));
  }

  @Test
  void weeklyPartEndsAtTheLastWeekNotAfterMonth3() {
    // 2027-04-01 + 3 months = 2027-07-01 is day 91, a whole week: kept as the 13th weekly level
    IsletFollowUpSchedule april = IsletFollowUpSchedule.of(LocalDate.of(2027, 4, 1), DEFAULT);
    assertThat(april.troughLevels()).hasSize(22);
    assertThat(april.troughLevels().get(12)).isEqualTo(LocalDate.of(2027, 7, 1));
    assertThat(april.troughLevels().get(13)).isEqualTo(LocalDate.of(2027, 8, 1));
    // 2027-02-01 + 3 months = 2027-05-01 is day 89: the weekly part ends at day 84, then month 4
    IsletFollowUpSchedule february = IsletFollowUpSchedule.of(LocalDate.of(2027, 2, 1), DEFAULT);
    assertThat(february.troughLevels()).hasSize(21);
    assertThat(february.troughLevels().get(11)).isEqualTo(LocalDate.of(2027, 4, 26));
    assertThat(february.troughLevels().get(12)).isEqualTo(LocalDate.of(2027, 6, 1));
  }

  @Test
  void withoutAWeeklyPartLevelsAreMonthlyFromMonth1() {
    IsletFollowUpSchedule monthly = IsletFollowUpSchedule.of(LocalDate.of(2027, 2, 1),
        new FollowUpPlan(0, 2, 1, List.of(), List.of()));
    assertThat(monthly.troughLevels()).containsExactly(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 4, 1));
  }

  @Test
  void singleDatesAreDay4Month3Day75AndDay365() {
    IsletFollowUpSchedule s = IsletFollowUpSchedule.of(LocalDate.of(2027, 3, 1), DEFAULT);

    assertThat(s.basiliximabSecondDose()).isEqualTo(LocalDate.of(2027, 3, 5));
    assertThat(s.immunosuppressionTaper()).isEqualTo(LocalDate.of(2027, 6, 1));
    assertThat(s.mmttDay75()).isEqualTo(LocalDate.of(2027, 5, 15));
    assertThat(s.mmttDay365()).isEqualTo(LocalDate.of(2028, 2, 29)); // 2028 is a leap year
  }

  @Test
  void insulinReviewsAreOnDays7_14_28ThenMonthlyToMonth6InDateOrder() {
    IsletFollowUpSchedule s = IsletFollowUpSchedule.of(LocalDate.of(2027, 3, 1), DEFAULT);

    assertThat(s.insulinReviews()).containsExactly(LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 15),
        LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 1), LocalDate.of(2027, 6, 1), LocalDate.of(2027, 7, 1),
        LocalDate.of(2027, 8, 1), LocalDate.of(2027, 9, 1));
  }

  @Test
  void monthlyPartIsConfigurable() {
    FollowUpPlan toMonth24 = new FollowUpPlan(3, 24, 3, List.of(7), List.of(6, 12));
    IsletFollowUpSchedule s = IsletFollowUpSchedule.of(LocalDate.of(2027, 3, 1), toMonth24);

    assertThat(s.troughLevels()).hasSize(13 + 21).endsWith(LocalDate.of(2029, 3, 1));
    assertThat(s.insulinReviews()).containsExactly(LocalDate.of(2027, 3, 8), LocalDate.of(2027, 9, 1),
        LocalDate.of(2028, 3, 1));
  }

  @Test
  void endOfMonthInfusionUsesTheLastDayOfShorterMonths() {
    IsletFollowUpSchedule s = IsletFollowUpSchedule.of(LocalDate.of(2027, 1, 31), DEFAULT);

    assertThat(s.immunosuppressionTaper()).isEqualTo(LocalDate.of(2027, 4, 30));
    assertThat(s.troughLevels()).contains(LocalDate.of(2027, 5, 31), LocalDate.of(2027, 6, 30));
  }

  @Test
  void inconsistentPlansAreRefused() {
    assertThatThrownBy(() -> new FollowUpPlan(6, 3, 3, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FollowUpPlan(3, 12, 0, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FollowUpPlan(3, 12, 3, List.of(0), List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IsletSettings("P90D", 3, 12, 3, "7", "6", "1,7", "PT6H", "3,6,12")).isInstanceOf(IllegalArgumentException.class);
  }
}

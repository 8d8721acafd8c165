package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Absolute monitoring dates from day 0 with the defaults of application.yaml (domain.md Part A). */
class CordBloodFollowUpScheduleTest {

  static final LocalDate DAY0 = LocalDate.of(2027, 1, 31);
  static final CordBloodTransplantSettings SETTINGS = CordBloodTransplantSettings.defaults();

  @Test
  void everyDateIsCountedFromDay0() {
    CordBloodFollowUpSchedule s = CordBloodFollowUpSchedule.of(DAY0, SETTINGS.followUpPlan(), EngraftmentSettings.defaults());
    assertThat(s.neutrophilAlert()).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(s.primaryGraftFailure()).isEqualTo(LocalDate.of(2027, 3, 14));
    assertThat(s.chimerismSamples()).containsExactly(DAY0.plusDays(30), DAY0.plusDays(60), DAY0.plusDays(100),
        DAY0.plusDays(182), DAY0.plusDays(365));
    assertThat(s.gvhdAssessments()).containsExactly(DAY0.plusDays(7), DAY0.plusDays(14), DAY0.plusDays(21),
        DAY0.plusDays(28), DAY0.plusDays(42), DAY0.plusDays(60), DAY0.plusDays(100));
    assertThat(s.immunePanels()).containsExactly(
        new CordBloodFollowUpSchedule.ImmunePanelVisit(3, LocalDate.of(2027, 4, 16), LocalDate.of(2027, 4, 30), LocalDate.of(2027, 5, 14)),
        new CordBloodFollowUpSchedule.ImmunePanelVisit(6, LocalDate.of(2027, 7, 3), LocalDate.of(2027, 7, 31), LocalDate.of(2027, 8, 28)),
        new CordBloodFollowUpSchedule.ImmunePanelVisit(12, LocalDate.of(2028, 1, 3), LocalDate.of(2028, 1, 31), LocalDate.of(2028, 2, 28)));
  }

  @Test
  void nextYearlyImmunePanelIsTheNextAnniversaryWhoseWindowIsStillOpen() {
    assertThat(CordBloodFollowUpSchedule.nextYearlyImmunePanel(DAY0, SETTINGS.followUpPlan(), LocalDate.of(2028, 2, 10)))
        .isEqualTo(new CordBloodFollowUpSchedule.ImmunePanelVisit(24, LocalDate.of(2028, 7, 31), LocalDate.of(2029, 1, 31),
            LocalDate.of(2029, 7, 31)));
    assertThat(CordBloodFollowUpSchedule.nextYearlyImmunePanel(DAY0, SETTINGS.followUpPlan(), LocalDate.of(2029, 8, 1)).month())
        .isEqualTo(36);
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new CordBloodTransplantSettings("30 days", 2, "30", "P14D", "7", "3", "P2W", "P6M"))
        .hasMessageContaining("research-interval");
    assertThatThrownBy(() -> new CordBloodTransplantSettings("P30D", 2, "30", "P14D", "7", "3,6", "P2W", "P6M"))
        .hasMessageContaining("immune-panel-windows");
    assertThatThrownBy(() -> new CordBloodTransplantSettings("P30D", -1, "30", "P14D", "7", "3", "P2W", "P6M"))
        .hasMessageContaining("backup-units");
    assertThat(SETTINGS.getResearchInterval()).isEqualTo("P30D");
    assertThat(SETTINGS.getChimerismResultOverdue()).isEqualTo("P14D");
    assertThat(SETTINGS.backupUnits()).isEqualTo(2);
  }
}

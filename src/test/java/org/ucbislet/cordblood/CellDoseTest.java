package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CellDoseTest {

  @Test
  void tncPerKgIsTotalOverWeightInUnitsOfTenToTheSeven() {
    // 1.8 x 10^9 cells for an 18.5 kg child: 1.8e9 / 18.5 = 9.7297e7 per kg -> 9.7297 x 10^7/kg
    assertThat(CellDose.tncPerKgE7(1.8e9, 18.5)).isCloseTo(9.72973, within(1e-5));
  }

  @Test
  void cd34PerKgIsTotalOverWeightInUnitsOfTenToTheFive() {
    // 5.735 x 10^6 CD34+ cells for 18.5 kg: 3.1 x 10^5/kg
    assertThat(CellDose.cd34PerKgE5(5.735e6, 18.5)).isCloseTo(3.1, within(1e-9));
  }

  @Test
  void exactThresholdIsNotRoundedAway() {
    // 5.0 x 10^7/kg exactly at 20 kg: 1.0e9 cells
    assertThat(CellDose.tncPerKgE7(1.0e9, 20.0)).isEqualTo(5.0);
    assertThat(CellDose.cd34PerKgE5(3.0e6, 20.0)).isEqualTo(1.5);
  }

  @Test
  void weightMustBePositive() {
    assertThatThrownBy(() -> CellDose.tncPerKgE7(1.0e9, 0)).hasMessageContaining("weightKg");
    assertThatThrownBy(() -> CellDose.cd34PerKgE5(1.0e6, -3)).hasMessageContaining("weightKg");
  }

  @Test
  void cellCountMustNotBeNegative() {
    assertThatThrownBy(() -> CellDose.tncPerKgE7(-1, 20)).hasMessageContaining("tncTotal");
    assertThatThrownBy(() -> CellDose.cd34PerKgE5(Double.NaN, 20)).hasMessageContaining("cd34Total");
  }
}

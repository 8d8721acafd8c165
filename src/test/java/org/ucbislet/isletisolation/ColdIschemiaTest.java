package org.ucbislet.isletisolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColdIschemiaTest {

  @Test
  void hoursFromCrossClampToDigestion() {
    assertThat(ColdIschemia.hours("2026-11-25T02:10", "2026-11-25T09:40")).isEqualTo(7.5);
  }

  @Test
  void overMidnight() {
    assertThat(ColdIschemia.hours("2026-11-24T22:00", "2026-11-25T10:06")).isEqualTo(12.1);
  }

  @Test
  void digestionBeforeCrossClampIsNegative() {
    assertThat(ColdIschemia.hours("2026-11-25T10:00", "2026-11-25T09:00")).isEqualTo(-1.0);
  }

  @Test
  void malformedTimesAreNamed() {
    assertThatThrownBy(() -> ColdIschemia.hours("25/11/2026 02:10", "2026-11-25T09:40"))
        .hasMessageContaining("25/11/2026 02:10");
  }
}

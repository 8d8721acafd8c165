package org.ucbislet.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Issue 15 item 7: one configured time zone for every clinical date, whatever the machine's zone. */
class ClinicalTimeZoneTest {

  @Test
  void theDefaultIsTheTrialSitesZoneFromApplicationYaml() {
    assertThat(ApplicationDefaults.of(ClinicalTimeZone.class)).isNotNull();
    assertThat(ClinicalTimeZone.get()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void aClinicalDayDoesNotDependOnTheMachinesZone() {
    Date lateEveningInUtc = Date.from(Instant.parse("2027-03-01T20:00:00Z"));
    TimeZone machine = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"UTC", "America/New_York", "Pacific/Honolulu"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertThat(ClinicalDates.toLocalDate(lateEveningInUtc, ClinicalTimeZone.get())).as(zone)
            .isEqualTo(LocalDate.parse("2027-03-02"));
      }
    } finally {
      TimeZone.setDefault(machine);
    }
  }

  @Test
  void anUnknownOrEmptyZoneIsRefusedNamingTheSettingAndChangesNothing() {
    ZoneId before = ClinicalTimeZone.get();
    assertThatThrownBy(() -> ClinicalTimeZone.configure("Mars/Olympus_Mons"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ClinicalTimeZone.KEY)
        .hasMessageContaining("Mars/Olympus_Mons");
    assertThatThrownBy(() -> ClinicalTimeZone.configure(" ")).hasMessageContaining(ClinicalTimeZone.KEY);
    assertThat(ClinicalTimeZone.get()).isEqualTo(before);
  }

  @Test
  void theConfiguredZoneIsTheOneUsed() {
    ZoneId before = ClinicalTimeZone.get();
    try {
      assertThat(ClinicalTimeZone.configure("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
      assertThat(ClinicalTimeZone.get()).isEqualTo(ZoneId.of("Europe/Berlin"));
    } finally {
      ClinicalTimeZone.configure(before.getId());
    }
  }
}

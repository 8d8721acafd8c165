package org.ucbislet.cordbloodtransplant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ucbislet.cordbloodtransplant.CordBloodUnitReservation.*;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reservation rules of one primary and the backups (domain.md Part A, B 1.5). */
class CordBloodUnitReservationTest {

  static final Instant AT = Instant.parse("2027-01-04T08:00:00Z");
  static final List<String> FIELDS = List.of("backup1", "backup2");
  static final List<CandidateUnit> CANDIDATES = candidates("""
      [{"unitKey":"A/1","bank":"A","unitId":"1","alleleMatches8":7,"antigenMatches6":6,"mismatchedLoci":["C"],
        "tncPerKgE7":9.7,"cd34PerKgE5":3.1,"unitAcceptable":true},
       {"unitKey":"A/2","bank":"A","unitId":"2","alleleMatches8":6,"antigenMatches6":5,"mismatchedLoci":[],
        "tncPerKgE7":8.0,"cd34PerKgE5":2.0,"unitAcceptable":true},
       {"unitKey":"B/3","bank":"B","unitId":"3","alleleMatches8":5,"antigenMatches6":4,"mismatchedLoci":[],
        "tncPerKgE7":3.0,"cd34PerKgE5":1.0,"unitAcceptable":false}]""");

  private static List<ReservedUnit> reserve(String primary, String b1, String b2, boolean outside) {
    return CordBloodUnitReservation.reserve("primary", primary, FIELDS, Arrays.asList(b1, b2), CANDIDATES, 2, outside, AT, "tp");
  }

  private static String fieldOf(Runnable r) {
    try {
      r.run();
    } catch (UnitSelectionException e) {
      return e.field();
    }
    throw new AssertionError("no UnitSelectionException");
  }

  @Test
  void reservesThePrimaryAndTwoBackupsWithTimeAndUser() {
    List<ReservedUnit> units = reserve("A/1", "A/2", "B/3", true);
    assertThat(units).extracting(ReservedUnit::unitKey).containsExactly("A/1", "A/2", "B/3");
    assertThat(units).extracting(ReservedUnit::status).containsExactly(SELECTED, RESERVED, RESERVED);
    assertThat(units.get(0).reservedBy()).isEqualTo("tp");
    assertThat(units.get(2).unitAcceptable()).isFalse();
    assertThat(backupsRemaining(units)).isEqualTo(2);
    assertThat(fromJson(toJson(units))).isEqualTo(units);
  }

  @Test
  void refusesDuplicatesForeignUnitsMissingBackupsAndAPrimaryOutsideTheCriteria() {
    assertThat(fieldOf(() -> reserve("A/1", "A/1", "B/3", true))).isEqualTo("backup1");
    assertThat(fieldOf(() -> reserve("A/1", "A/2", "A/2", true))).isEqualTo("backup2");
    assertThat(fieldOf(() -> reserve("A/1", "A/2", "Z/9", true))).isEqualTo("backup2");
    assertThat(fieldOf(() -> reserve("A/1", null, "A/2", false))).isEqualTo("backup1");
    assertThat(fieldOf(() -> reserve("B/3", "A/1", "A/2", false))).isEqualTo("primary");
    assertThat(fieldOf(() -> reserve(null, "A/1", "A/2", false))).isEqualTo("primary");
    assertThat(reserve("B/3", "A/1", "A/2", true).get(0).unitKey()).isEqualTo("B/3");
  }

  @Test
  void backupOutsideTheCriteriaIsRefusedLikeAPrimaryUnlessTheMdtAcceptedUnitsOutsideThem() {
    assertThatThrownBy(() -> reserve("A/1", "A/2", "B/3", false)).isInstanceOf(UnitSelectionException.class)
        .hasMessageContaining("B/3 does not meet the default acceptance criteria").hasMessageContaining("backup");
    assertThat(fieldOf(() -> reserve("A/1", "B/3", null, false))).isEqualTo("backup1");
    assertThat(reserve("A/1", "A/2", "B/3", true)).extracting(ReservedUnit::unitKey).containsExactly("A/1", "A/2", "B/3");
  }

  @Test
  void onlyAcceptableUnitsCountTowardsTheRequiredBackups() {
    List<ReservedUnit> units = reserve("A/1", "A/2", null, false);
    assertThat(units).extracting(ReservedUnit::unitKey).containsExactly("A/1", "A/2");
    assertThat(backupsRemaining(units)).isEqualTo(1);
    assertThat(fieldOf(() -> reserve("A/1", null, null, false))).isEqualTo("backup1");
  }

  @Test
  void fewerCandidatesNeedFewerBackups() {
    List<ReservedUnit> units = CordBloodUnitReservation.reserve("primary", "A/1", FIELDS, Arrays.asList(null, null),
        CANDIDATES.subList(0, 1), 2, false, AT, "tp");
    assertThat(units).hasSize(1);
    assertThat(backupsRemaining(units)).isZero();
  }

  @Test
  void switchingMarksTheOldUnitAndSelectsTheFirstBackupStillReserved() {
    List<ReservedUnit> units = markInfused(reserve("A/1", "A/2", "B/3", true), AT);
    assertThat(current(units).orElseThrow().status()).isEqualTo(INFUSED);
    List<ReservedUnit> second = switchToNextBackup(units, GRAFT_FAILURE, "primary graft failure", AT);
    assertThat(second).extracting(ReservedUnit::status).containsExactly(GRAFT_FAILURE, SELECTED, RESERVED);
    List<ReservedUnit> third = switchToNextBackup(second, POST_THAW_FAILURE, "viability", AT);
    assertThat(current(third).orElseThrow().unitKey()).isEqualTo("B/3");
    assertThat(backupsRemaining(third)).isZero();
    assertThatThrownBy(() -> switchToNextBackup(third, POST_THAW_FAILURE, "x", AT)).isInstanceOf(IllegalStateException.class);
  }
}

package org.ucbislet.cordbloodtransplant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cord blood units reserved for one child: one primary and the backups (domain.md Part A, B 1.5:
 * 1 primary + 2 backups; the protocol says "several"), chosen from the ranked candidates of the bank
 * search, and what became of each. Plain Java (Jackson for the JSON the process keeps), no engine.
 *
 * <p>Unit statuses: {@code selected} (the unit of the coming transplant), {@code reserved} (a backup
 * still held), {@code infused}, {@code post-thaw-failure} (not infused: failed post-thaw release),
 * {@code graft-failure} (infused, graft failed). A unit is identified by bank and unit ID only (design.md
 * section 5: no donor identity).
 */
public final class CordBloodUnitReservation {

  public static final String PRIMARY = "primary";
  public static final String BACKUP = "backup";
  public static final String SELECTED = "selected";
  public static final String RESERVED = "reserved";
  public static final String INFUSED = "infused";
  public static final String POST_THAW_FAILURE = "post-thaw-failure";
  public static final String GRAFT_FAILURE = "graft-failure";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CordBloodUnitReservation() {
  }

  /** One unit of the search answer (contract of searchCordBloodBankDelegate, cordBloodCandidates). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CandidateUnit(String unitKey, String bank, String unitId, Integer alleleMatches8, Integer antigenMatches6,
                              List<String> mismatchedLoci, Double tncPerKgE7, Double cd34PerKgE5, Boolean unitAcceptable,
                              Double tncTotal, Double cd34Total) {

    /** A candidate without the unit's cell counts (searches before the counts were kept with the candidates). */
    public CandidateUnit(String unitKey, String bank, String unitId, Integer alleleMatches8, Integer antigenMatches6,
                         List<String> mismatchedLoci, Double tncPerKgE7, Double cd34PerKgE5, Boolean unitAcceptable) {
      this(unitKey, bank, unitId, alleleMatches8, antigenMatches6, mismatchedLoci, tncPerKgE7, cd34PerKgE5, unitAcceptable,
          null, null);
    }
  }

  /** One reserved unit, its role, reservation and current status. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ReservedUnit(String role, int rank, String unitKey, String bank, String unitId, Integer alleleMatches8,
                             Integer antigenMatches6, Double tncPerKgE7, Double cd34PerKgE5, boolean unitAcceptable,
                             String reservedAt, String reservedBy, String status, String statusAt, String statusReason,
                             Double tncTotal, Double cd34Total) {

    ReservedUnit withStatus(String newStatus, Instant at, String reason) {
      return new ReservedUnit(role, rank, unitKey, bank, unitId, alleleMatches8, antigenMatches6, tncPerKgE7, cd34PerKgE5,
          unitAcceptable, reservedAt, reservedBy, newStatus, at.toString(), reason, tncTotal, cd34Total);
    }
  }

  public static List<CandidateUnit> candidates(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<CandidateUnit>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cordBloodCandidates is not a JSON array of units: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reserves the primary and the backups. Rules: every unit from the candidate list; all different;
   * as many backups as configured, or as the list's acceptable units allow beside the primary; the primary
   * and every backup within the default acceptance criteria ({@code unitAcceptable}) unless the MDT accepted
   * units outside them with its written justification (a backup may become the graft, so it is held to the
   * same rule as the primary: issue 17, item 4).
   *
   * @param backupFields the form fields of the backups, in order (to name the field at fault)
   * @throws UnitSelectionException naming the field at fault
   */
  public static List<ReservedUnit> reserve(String primaryField, String primary, List<String> backupFields,
                                           List<String> backups, List<CandidateUnit> candidates, int backupUnits,
                                           boolean outsideCriteriaAccepted, Instant at, String user) {
    if (candidates.isEmpty()) {
      throw new UnitSelectionException(primaryField, "the bank search listed no candidate unit to reserve");
    }
    CandidateUnit primaryUnit = candidate(primaryField, primary, candidates);
    if (!Boolean.TRUE.equals(primaryUnit.unitAcceptable()) && !outsideCriteriaAccepted) {
      throw new UnitSelectionException(primaryField, primary + " does not meet the default acceptance criteria "
          + "(cordBloodUnitAcceptance); only the MDT can accept a unit outside them");
    }
    long acceptableBesidePrimary = outsideCriteriaAccepted ? candidates.size() - 1
        : candidates.stream().filter(c -> Boolean.TRUE.equals(c.unitAcceptable()) && !c.unitKey().equals(primary)).count();
    int required = (int) Math.min(backupUnits, acceptableBesidePrimary);
    Set<String> chosen = new HashSet<>();
    chosen.add(primary);
    List<ReservedUnit> reserved = new ArrayList<>();
    reserved.add(reservedUnit(PRIMARY, 0, primaryUnit, at, user, SELECTED));
    for (int i = 0; i < backupFields.size(); i++) {
      String key = i < backups.size() ? backups.get(i) : null;
      String field = backupFields.get(i);
      if (key == null || key.isBlank()) {
        if (i < required) {
          throw new UnitSelectionException(field, "is required: " + required + " backup unit(s) must be reserved "
              + "(domain.md Part A: 1 primary + " + backupUnits + " backups)");
        }
        continue;
      }
      CandidateUnit unit = candidate(field, key, candidates);
      if (!Boolean.TRUE.equals(unit.unitAcceptable()) && !outsideCriteriaAccepted) {
        throw new UnitSelectionException(field, key + " does not meet the default acceptance criteria "
            + "(cordBloodUnitAcceptance); a backup may become the graft, so only the MDT can accept a backup outside them, "
            + "with the same written justification as a primary");
      }
      if (!chosen.add(key)) {
        throw new UnitSelectionException(field, key + " is already chosen: primary and backups must be different units");
      }
      reserved.add(reservedUnit(BACKUP, i + 1, unit, at, user, RESERVED));
    }
    return List.copyOf(reserved);
  }

  /** The unit of the current transplant: selected or infused; empty when none. */
  public static Optional<ReservedUnit> current(List<ReservedUnit> units) {
    return units.stream().filter(u -> SELECTED.equals(u.status()) || INFUSED.equals(u.status())).findFirst();
  }

  public static int backupsRemaining(List<ReservedUnit> units) {
    return (int) units.stream().filter(u -> RESERVED.equals(u.status())).count();
  }

  /** The current unit becomes infused. */
  public static List<ReservedUnit> markInfused(List<ReservedUnit> units, Instant at) {
    return units.stream().map(u -> SELECTED.equals(u.status()) ? u.withStatus(INFUSED, at, null) : u).toList();
  }

  /**
   * The current unit ends with {@code outcome} (post-thaw failure, graft failure) and the first backup
   * still reserved becomes the selected unit.
   *
   * @throws IllegalStateException when no backup is left (the process routes there only with one left)
   */
  public static List<ReservedUnit> switchToNextBackup(List<ReservedUnit> units, String outcome, String reason, Instant at) {
    ReservedUnit next = units.stream().filter(u -> RESERVED.equals(u.status())).findFirst()
        .orElseThrow(() -> new IllegalStateException("No reserved backup unit left"));
    return units.stream().map(u -> {
      if (SELECTED.equals(u.status()) || INFUSED.equals(u.status())) {
        return u.withStatus(outcome, at, reason);
      }
      return u == next ? u.withStatus(SELECTED, at, reason) : u;
    }).toList();
  }

  /**
   * The current unit ends with {@code outcome} and no backup is selected in its place (the MDT ordered a new
   * bank search after a graft failure; the new selection reserves units afresh).
   */
  public static List<ReservedUnit> endCurrent(List<ReservedUnit> units, String outcome, String reason, Instant at) {
    return units.stream().map(u -> SELECTED.equals(u.status()) || INFUSED.equals(u.status())
        ? u.withStatus(outcome, at, reason) : u).toList();
  }

  public static List<ReservedUnit> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<ReservedUnit>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("reservedUnits is not a JSON array of units: " + e.getOriginalMessage(), e);
    }
  }

  public static String toJson(List<ReservedUnit> units) {
    try {
      return JSON.writeValueAsString(units);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CandidateUnit candidate(String field, String key, List<CandidateUnit> candidates) {
    if (key == null || key.isBlank()) {
      throw new UnitSelectionException(field, "is required");
    }
    return candidates.stream().filter(c -> key.equals(c.unitKey())).findFirst()
        .orElseThrow(() -> new UnitSelectionException(field, key + " is not a unit of the bank search's candidate list"));
  }

  private static ReservedUnit reservedUnit(String role, int rank, CandidateUnit c, Instant at, String user, String status) {
    return new ReservedUnit(role, rank, c.unitKey(), c.bank(), c.unitId(), c.alleleMatches8(), c.antigenMatches6(),
        c.tncPerKgE7(), c.cd34PerKgE5(), Boolean.TRUE.equals(c.unitAcceptable()), at.toString(), user, status, at.toString(),
        null, c.tncTotal(), c.cd34Total());
  }
}

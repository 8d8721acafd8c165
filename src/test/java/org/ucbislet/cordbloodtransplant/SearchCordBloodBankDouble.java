package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Test double of the bank search (contract with searchCordBloodBankDelegate, written by a colleague):
 * writes exactly the contract's variables with realistic values. Each call answers the next queued
 * bank answer (the last one repeats); {@link #BANK_DOWN} throws like a bank that does not answer.
 */
final class SearchCordBloodBankDouble implements JavaDelegate {

  record Unit(String bank, String unitId, int alleleMatches8, int antigenMatches6, List<String> mismatchedLoci,
              double tncPerKgE7, double cd34PerKgE5, boolean unitAcceptable) {
    String key() {
      return bank + "/" + unitId;
    }
  }

  static final List<Unit> BANK_DOWN = null;

  /** Three acceptable units and one below the acceptance criteria, in ranking order. */
  static final List<Unit> ACCEPTABLE = List.of(
      new Unit("SHCBB", "SH-000123", 7, 6, List.of("C"), 9.7, 3.1, true),
      new Unit("BJCBB", "BJ-004711", 7, 5, List.of("A"), 8.2, 2.4, true),
      new Unit("SHCBB", "SH-020202", 6, 5, List.of("B", "C"), 6.1, 1.9, true),
      new Unit("GZCBB", "GZ-000042", 5, 4, List.of("A", "B", "DRB1"), 4.4, 1.2, false));
  /** Units above the search floor, none within the acceptance criteria (cell dose too low). */
  static final List<Unit> NONE_ACCEPTABLE = List.of(
      new Unit("GZCBB", "GZ-000042", 6, 5, List.of("A", "C"), 4.4, 1.6, false),
      new Unit("BJCBB", "BJ-000900", 5, 4, List.of("A", "B", "C"), 3.9, 1.3, false),
      new Unit("SHCBB", "SH-000777", 4, 4, List.of("A", "B", "C", "DRB1"), 2.8, 1.1, false));
  static final List<Unit> SINGLE_ACCEPTABLE = List.of(new Unit("SHCBB", "SH-000123", 7, 6, List.of("C"), 9.7, 3.1, true));
  static final List<Unit> NO_CANDIDATES = List.of();

  private final Deque<List<Unit>> answers = new ArrayDeque<>();
  private List<Unit> last;
  int calls;
  private Object lastWeightKg;

  /** The weight the last search was asked for (the dosing weight, as the real delegate reads it). */
  Object lastWeightKg() {
    return lastWeightKg;
  }

  SearchCordBloodBankDouble answering(List<Unit> answer) {
    answers.add(answer == null ? new ArrayList<>(List.of(new Unit("DOWN", "DOWN", 0, 0, List.of(), 0, 0, false))) : answer);
    return this;
  }

  @Override
  public void execute(DelegateExecution execution) {
    calls++;
    lastWeightKg = execution.getVariable(org.ucbislet.cordblood.CordBloodSearchVariables.WEIGHT_KG);
    if (lastWeightKg == null) { // the real delegate's contract: no checked weight (and none recent) -> back to the check
      throw new org.camunda.bpm.engine.delegate.BpmnError(
          org.ucbislet.cordblood.SearchCordBloodBankDelegate.WEIGHT_NOT_CHECKED_ERROR, "no checked dosing weight");
    }
    List<Unit> units = answers.isEmpty() ? last : answers.poll();
    last = units;
    if (units.size() == 1 && "DOWN".equals(units.get(0).bank())) {
      throw new IllegalStateException("Cord blood bank registry not reachable (connect timed out)");
    }
    StringBuilder candidates = new StringBuilder("[");
    StringBuilder options = new StringBuilder("[");
    for (Unit u : units) {
      if (candidates.length() > 1) {
        candidates.append(',');
        options.append(',');
      }
      candidates.append(String.format(Locale.ROOT, "{\"unitKey\":\"%s\",\"bank\":\"%s\",\"unitId\":\"%s\",\"alleleMatches8\":%d,"
          + "\"antigenMatches6\":%d,\"mismatchedLoci\":[%s],\"tncPerKgE7\":%.1f,\"cd34PerKgE5\":%.1f,\"unitAcceptable\":%b,"
          + "\"tncTotal\":%s,\"cd34Total\":%s}",
          u.key(), u.bank(), u.unitId(), u.alleleMatches8(), u.antigenMatches6(),
          String.join(",", u.mismatchedLoci().stream().map(l -> "\"" + l + "\"").toList()), u.tncPerKgE7(), u.cd34PerKgE5(),
          u.unitAcceptable(), // the unit's counts: its doses on the weight searched with
          Double.toString(u.tncPerKgE7() * 1e7 * ((Number) lastWeightKg).doubleValue()),
          Double.toString(u.cd34PerKgE5() * 1e5 * ((Number) lastWeightKg).doubleValue())));
      options.append(String.format(Locale.ROOT, "{\"label\":\"%s %d/8 %d/6, TNC %.1f x10^7/kg, CD34 %.1f x10^5/kg%s\",\"value\":\"%s\"}",
          u.key(), u.alleleMatches8(), u.antigenMatches6(), u.tncPerKgE7(), u.cd34PerKgE5(),
          u.unitAcceptable() ? "" : " (outside criteria)", u.key()));
    }
    List<Unit> acceptable = units.stream().filter(Unit::unitAcceptable).toList();
    execution.setVariable(CORD_BLOOD_CANDIDATES, SpinValues.jsonValue(candidates.append(']').toString()).create());
    execution.setVariable(CORD_BLOOD_CANDIDATE_OPTIONS, SpinValues.jsonValue(options.append(']').toString()).create());
    execution.setVariable(CORD_BLOOD_SEARCHED, 1_000_000L);
    execution.setVariable(ACCEPTABLE_UNIT_COUNT, acceptable.size());
    execution.setVariable(ACCEPTABLE_UNIT_FOUND, !acceptable.isEmpty());
    List<String> proposal = new ArrayList<>();
    acceptable.forEach(u -> proposal.add(u.key()));
    units.stream().filter(u -> !u.unitAcceptable()).forEach(u -> proposal.add(u.key()));
    execution.setVariable(PROPOSED_PRIMARY_UNIT, acceptable.isEmpty() ? null : proposal.get(0));
    execution.setVariable(PROPOSED_BACKUP_UNIT_1, acceptable.isEmpty() || proposal.size() < 2 ? null : proposal.get(1));
    execution.setVariable(PROPOSED_BACKUP_UNIT_2, acceptable.isEmpty() || proposal.size() < 3 ? null : proposal.get(2));
  }
}

package org.ucbislet.cordblood;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The bank search of design.md section 6 and of stage 1: the current inventory ({@link CordBloodInventory}), the
 * configured floor ({@link CordBloodSettings#searchFloor()}), the ranking ({@link CandidateUnit#RANKING}) and, for
 * every unit listed, the deployed decision {@code cordBloodUnitAcceptance} ({@link UnitAcceptance}).
 */
@Component
public class CordBloodSearch {

  /** A listed unit with the decision's answer. */
  public record AssessedUnit(CandidateUnit unit, boolean acceptable) {}

  /** A search's answer: how many units were searched (the inventory's size) and the units listed, best first. */
  public record Result(long searched, List<AssessedUnit> units) {}

  /**
   * What stage 1 needs: the first {@code limit} units of the ranking, followed by any proposed unit ranked below
   * them (so a selection list of the candidates always offers the proposals), and the proposals: the first
   * acceptable units in ranking order (primary, then backups), looked for down the whole ranking.
   */
  public record Proposal(long searched, List<AssessedUnit> candidates, List<AssessedUnit> proposed) {}

  private final CordBloodInventory inventory;
  private final UnitAcceptance acceptance;
  private final CordBloodSettings settings;

  public CordBloodSearch(CordBloodInventory inventory, UnitAcceptance acceptance, CordBloodSettings settings) {
    this.inventory = inventory;
    this.acceptance = acceptance;
    this.settings = settings;
  }

  /**
   * The first {@code limit} units of the ranking that pass the floor, each with its acceptance.
   *
   * @throws InventoryNotReadyException while the inventory is loading
   */
  public Result search(HlaTyping recipient, double weightKg, int limit) {
    CordBloodIndex index = inventory.current().index();
    List<AssessedUnit> units = new ArrayList<>();
    for (CandidateUnit unit : index.search(recipient, weightKg, settings.searchFloor(), limit)) {
      units.add(new AssessedUnit(unit, acceptance.acceptable(unit)));
    }
    return new Result(index.size(), units);
  }

  /**
   * The candidates and up to {@code proposals} proposed units, walking the ranking as far as needed (the decision
   * is evaluated for each unit walked; the walk stops once {@code limit} units are listed and enough acceptable
   * units are found).
   *
   * @throws InventoryNotReadyException while the inventory is loading
   */
  public Proposal propose(HlaTyping recipient, double weightKg, int limit, int proposals) {
    CordBloodIndex index = inventory.current().index();
    List<AssessedUnit> candidates = new ArrayList<>();
    List<AssessedUnit> proposed = new ArrayList<>();
    int[] walked = {0};
    index.forEachInRanking(recipient, weightKg, settings.searchFloor(), unit -> {
      boolean acceptable = acceptance.acceptable(unit);
      AssessedUnit assessed = new AssessedUnit(unit, acceptable);
      boolean proposal = acceptable && proposed.size() < proposals;
      if (proposal) {
        proposed.add(assessed);
      }
      if (walked[0] < limit || proposal) {
        candidates.add(assessed);
      }
      walked[0]++;
      return walked[0] < limit || proposed.size() < proposals;
    });
    return new Proposal(index.size(), candidates, proposed);
  }
}

package org.ucbislet.cordblood;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Cord blood bank settings a trial may change (application.yaml, {@code ucbi.cord-blood.*}). The search floor
 * defaults are domain.md Part A ("bank search floor", B 1.3: NMDP search algorithm [S2]); the acceptance
 * thresholds are not here but in the DMN table {@code cordBloodUnitAcceptance}.
 */
@Component
public class CordBloodSettings {

  private final SearchFloor searchFloor;
  private final int defaultLimit;
  private final int maxLimit;
  private final int processLimit;
  private final int maxReportedRejections;
  private final Duration refreshInterval;
  private final boolean defaultInventoryEnabled;
  private final long defaultInventorySeed;
  private final int defaultInventoryUnits;
  private final int maxInventoryRows;

  /** With the default cap on an import's rows ({@link #DEFAULT_MAX_INVENTORY_ROWS}). */
  public CordBloodSettings(int floorAlleleMatches8, double floorTncPerKgE7, int defaultLimit, int maxLimit, int processLimit,
                           int maxReportedRejections, Duration refreshInterval, boolean defaultInventoryEnabled,
                           long defaultInventorySeed, int defaultInventoryUnits) {
    this(floorAlleleMatches8, floorTncPerKgE7, defaultLimit, maxLimit, processLimit, maxReportedRejections, refreshInterval,
        defaultInventoryEnabled, defaultInventorySeed, defaultInventoryUnits, DEFAULT_MAX_INVENTORY_ROWS);
  }

  /**
   * Data rows an import may have: a file beyond it is refused before it fills the memory (the index holds about 44
   * bytes per unit, parsing needs several times that for a moment). 2,000,000 is over twice the public cord blood
   * units banked worldwide; a design choice, raise it with ucbi.cord-blood.inventory.max-rows (and the heap).
   */
  public static final int DEFAULT_MAX_INVENTORY_ROWS = 2_000_000;

  @org.springframework.beans.factory.annotation.Autowired
  public CordBloodSettings(
      @Value("${ucbi.cord-blood.search-floor.allele-matches8}") int floorAlleleMatches8,
      @Value("${ucbi.cord-blood.search-floor.tnc-per-kg-e7}") double floorTncPerKgE7,
      @Value("${ucbi.cord-blood.search.default-limit}") int defaultLimit,
      @Value("${ucbi.cord-blood.search.max-limit}") int maxLimit,
      @Value("${ucbi.cord-blood.search.process-limit}") int processLimit,
      @Value("${ucbi.cord-blood.inventory.max-reported-rejections}") int maxReportedRejections,
      @Value("${ucbi.cord-blood.inventory.refresh-interval}") Duration refreshInterval,
      @Value("${ucbi.cord-blood.default-inventory.enabled}") boolean defaultInventoryEnabled,
      @Value("${ucbi.cord-blood.default-inventory.seed}") long defaultInventorySeed,
      @Value("${ucbi.cord-blood.default-inventory.units}") int defaultInventoryUnits,
      @Value("${ucbi.cord-blood.inventory.max-rows}") int maxInventoryRows) {
    this.searchFloor = new SearchFloor(floorAlleleMatches8, floorTncPerKgE7);
    if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit || processLimit < 1 || processLimit > maxLimit) {
      throw new IllegalArgumentException("ucbi.cord-blood.search: need 1 <= default-limit, process-limit <= max-limit, was "
          + defaultLimit + ", " + processLimit + ", " + maxLimit);
    }
    if (maxReportedRejections < 0 || defaultInventoryUnits < 0) {
      throw new IllegalArgumentException("ucbi.cord-blood: max-reported-rejections and default-inventory.units must be >= 0");
    }
    if (maxInventoryRows < 1 || maxInventoryRows < defaultInventoryUnits) {
      throw new IllegalArgumentException("ucbi.cord-blood.inventory.max-rows must be at least 1 and at least "
          + "default-inventory.units, was " + maxInventoryRows);
    }
    this.maxInventoryRows = maxInventoryRows;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
    this.processLimit = processLimit;
    this.maxReportedRejections = maxReportedRejections;
    this.refreshInterval = refreshInterval;
    this.defaultInventoryEnabled = defaultInventoryEnabled;
    this.defaultInventorySeed = defaultInventorySeed;
    this.defaultInventoryUnits = defaultInventoryUnits;
  }

  /** The defaults of application.yaml without the default inventory, for tests and tools without Spring. */
  public static CordBloodSettings defaults() {
    CordBloodSettings yaml = ApplicationDefaults.of(CordBloodSettings.class);
    return new CordBloodSettings(yaml.searchFloor().minAlleleMatches8(), yaml.searchFloor().minTncPerKgE7(),
        yaml.defaultLimit(), yaml.maxLimit(), yaml.processLimit(), yaml.maxReportedRejections(), yaml.refreshInterval(),
        false, yaml.defaultInventorySeed(), yaml.defaultInventoryUnits(), yaml.maxInventoryRows());
  }

  /** The same settings with another search floor. */
  public CordBloodSettings withFloor(SearchFloor floor) {
    return new CordBloodSettings(floor.minAlleleMatches8(), floor.minTncPerKgE7(), defaultLimit, maxLimit, processLimit,
        maxReportedRejections, refreshInterval, defaultInventoryEnabled, defaultInventorySeed, defaultInventoryUnits);
  }

  public SearchFloor searchFloor() {
    return searchFloor;
  }

  /** Units listed when a search request gives no {@code limit}. */
  public int defaultLimit() {
    return defaultLimit;
  }

  /** Largest {@code limit} a search request may ask for. */
  public int maxLimit() {
    return maxLimit;
  }

  /** Units listed for the unit selection of stage 1 when {@code cordBloodSearchLimit} is not set. */
  public int processLimit() {
    return processLimit;
  }

  /** Rejected rows listed in an import's answer (all are counted). */
  /** Data rows an import may have (ucbi.cord-blood.inventory.max-rows). */
  public int maxInventoryRows() {
    return maxInventoryRows;
  }

  public int maxReportedRejections() {
    return maxReportedRejections;
  }

  /** How often a node checks whether another node replaced the inventory (zero or negative: never). */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  public boolean defaultInventoryEnabled() {
    return defaultInventoryEnabled;
  }

  public long defaultInventorySeed() {
    return defaultInventorySeed;
  }

  public int defaultInventoryUnits() {
    return defaultInventoryUnits;
  }
}

package org.ucbislet.cordblood;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cord blood inventory in the application database: table {@code UCBI_CORD_BLOOD_UNIT} (one row per unit and
 * inventory version, alleles with their full names as imported) and the one-row table
 * {@code UCBI_CORD_BLOOD_INVENTORY} (the current version, with the time, user and size of the replacement that made
 * it). Both are created at start when missing, with DDL valid on H2 2.x and PostgreSQL 12+, like the audit log's
 * tables. No donor identity is stored: units are identified by bank and unit ID only (design.md section 5).
 *
 * <p>A replacement is one transaction: lock the version row ({@code SELECT ... FOR UPDATE}, which also serialises
 * replacements from several nodes), insert the new units under the next version in batches, move the version. At
 * the commit the new inventory is the current one, all at once; a failure anywhere rolls everything back. The
 * previous version's rows are deleted afterwards ({@link #deleteVersionsBefore}), outside the replacement: deleting
 * 100,000 rows takes H2 several times longer than inserting them, and nobody reads an old version.
 */
@Component
public class CordBloodInventoryStore {

  static final String UNITS = "UCBI_CORD_BLOOD_UNIT";
  static final String INVENTORY = "UCBI_CORD_BLOOD_INVENTORY";
  private static final String COLUMNS = "BANK, UNIT_ID, HLA_A1, HLA_A2, HLA_B1, HLA_B2, HLA_C1, HLA_C2, HLA_DRB1_1, "
      + "HLA_DRB1_2, TNC_TOTAL, CD34_TOTAL, COLLECTION_DATE";
  private static final int BATCH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(CordBloodInventoryStore.class);

  /** DDL valid on H2 2.x and PostgreSQL 12+. */
  static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS " + UNITS + " ("
          + "INVENTORY_VERSION BIGINT NOT NULL, "
          + "BANK VARCHAR(32) NOT NULL, "
          + "UNIT_ID VARCHAR(64) NOT NULL, "
          + "HLA_A1 VARCHAR(32) NOT NULL, HLA_A2 VARCHAR(32), "
          + "HLA_B1 VARCHAR(32) NOT NULL, HLA_B2 VARCHAR(32), "
          + "HLA_C1 VARCHAR(32) NOT NULL, HLA_C2 VARCHAR(32), "
          + "HLA_DRB1_1 VARCHAR(32) NOT NULL, HLA_DRB1_2 VARCHAR(32), "
          + "TNC_TOTAL DOUBLE PRECISION NOT NULL, "
          + "CD34_TOTAL DOUBLE PRECISION NOT NULL, "
          + "COLLECTION_DATE DATE NOT NULL, "
          + "PRIMARY KEY (INVENTORY_VERSION, BANK, UNIT_ID))",
      "CREATE TABLE IF NOT EXISTS " + INVENTORY + " ("
          + "ID INTEGER NOT NULL PRIMARY KEY, "
          + "VERSION BIGINT NOT NULL, "
          + "UNIT_COUNT BIGINT NOT NULL, "
          + "REPLACED_AT TIMESTAMP WITH TIME ZONE, "
          + "REPLACED_BY VARCHAR(255))");

  /** The inventory's version row: 0 and no time when no inventory was ever imported. */
  public record Version(long version, long unitCount, OffsetDateTime replacedAt, String replacedBy) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public CordBloodInventoryStore(DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transaction = new TransactionTemplate(transactionManager);
    this.transaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
  }

  /** Creates the tables and the version row when missing (idempotent; safe when two nodes start at once). */
  public void createSchema() {
    SCHEMA.forEach(jdbc::execute);
    Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + INVENTORY + " WHERE ID = 1", Integer.class);
    if (rows == null || rows == 0) {
      try {
        jdbc.update("INSERT INTO " + INVENTORY + " (ID, VERSION, UNIT_COUNT) VALUES (1, 0, 0)");
      } catch (DataIntegrityViolationException e) {
        LOG.debug("Cord blood inventory version row created by another node");
      }
    }
  }

  public Version version() {
    return jdbc.queryForObject("SELECT VERSION, UNIT_COUNT, REPLACED_AT, REPLACED_BY FROM " + INVENTORY + " WHERE ID = 1",
        (rs, i) -> new Version(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4)));
  }

  /**
   * Replaces every unit by {@code units}, in one transaction.
   *
   * @param onlyIfNeverImported replace only when no inventory was ever imported (version 0; the table is then empty),
   *     for the default inventory: when two nodes start at once, one generates it
   * @return the new version, or -1 when {@code onlyIfNeverImported} found an inventory
   */
  public long replace(InventoryRows units, String user, boolean onlyIfNeverImported) {
    Long result = transaction.execute(status -> {
      long version = jdbc.queryForObject("SELECT VERSION FROM " + INVENTORY + " WHERE ID = 1 FOR UPDATE", Long.class);
      if (onlyIfNeverImported && version > 0) {
        return -1L;
      }
      long next = version + 1;
      String insert = "INSERT INTO " + UNITS + " (INVENTORY_VERSION, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + "?, ?, ?, ?)";
      for (int from = 0; from < units.size(); from += BATCH) {
        int start = from;
        int end = Math.min(units.size(), from + BATCH);
        jdbc.batchUpdate(insert, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int k) throws java.sql.SQLException {
            int i = start + k;
            ps.setLong(1, next);
            ps.setString(2, units.bank(i));
            ps.setString(3, units.unitId(i));
            for (int a = 0; a < InventoryRows.ALLELES; a++) {
              HlaAllele allele = units.allele(i, a);
              if (allele == null) {
                ps.setNull(4 + a, Types.VARCHAR);
              } else {
                ps.setString(4 + a, allele.name());
              }
            }
            ps.setDouble(12, units.tncTotal(i));
            ps.setDouble(13, units.cd34Total(i));
            ps.setDate(14, Date.valueOf(units.collectionDate(i)));
          }

          @Override
          public int getBatchSize() {
            return end - start;
          }
        });
      }
      jdbc.update("UPDATE " + INVENTORY + " SET VERSION = ?, UNIT_COUNT = ?, REPLACED_AT = ?, REPLACED_BY = ? WHERE ID = 1",
          next, units.size(), OffsetDateTime.now(ZoneOffset.UTC), cut(user, 255));
      return next;
    });
    return result == null ? -1 : result;
  }

  /** Deletes the units of versions before {@code version} (replaced inventories); answers how many. */
  public int deleteVersionsBefore(long version) {
    Integer deleted = transaction.execute(status -> jdbc.update("DELETE FROM " + UNITS + " WHERE INVENTORY_VERSION < ?",
        version));
    return deleted == null ? 0 : deleted;
  }

  /** What was read from the table: the units and the version they belong to. */
  public record Loaded(InventoryRows units, long version, int skipped) {}

  /**
   * Reads every unit of the current version (in bank, unit ID order), in one read-only transaction. A row that is no longer
   * valid (edited in the database by hand) is skipped and counted, never loaded.
   */
  public Loaded readAll() {
    TransactionTemplate readOnly = new TransactionTemplate(transaction.getTransactionManager());
    readOnly.setReadOnly(true);
    readOnly.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    return readOnly.execute(status -> {
      long version = version().version();
      InventoryRows units = new InventoryRows();
      Map<String, HlaAllele> parsed = new HashMap<>();
      int[] row = {0};
      int[] skipped = {0};
      JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
      streaming.setFetchSize(5000);
      streaming.query("SELECT " + COLUMNS + " FROM " + UNITS + " WHERE INVENTORY_VERSION = ? ORDER BY BANK, UNIT_ID", rs -> {
        row[0]++;
        try {
          HlaAllele[] alleles = new HlaAllele[InventoryRows.ALLELES];
          for (int a = 0; a < InventoryRows.ALLELES; a++) {
            String name = rs.getString(3 + a);
            HlaLocus locus = HlaLocus.values()[a / 2];
            alleles[a] = name == null || name.isBlank() ? null
                : parsed.computeIfAbsent(name, n -> HlaAllele.parse(n, locus));
            if (alleles[a] != null && alleles[a].locus() != locus) {
              throw new HlaNomenclatureException(name + " is not of locus " + locus.label());
            }
          }
          double tnc = rs.getDouble(11);
          double cd34 = rs.getDouble(12);
          if (!(tnc > 0) || !(cd34 > 0)) {
            throw new IllegalArgumentException("cell counts must be positive");
          }
          units.add(row[0], rs.getString(1), rs.getString(2), alleles, tnc, cd34, rs.getDate(13).toLocalDate());
        } catch (IllegalArgumentException e) {
          skipped[0]++;
          LOG.warn("Cord blood unit {}/{} in {} is not valid and is not loaded: {}", rs.getString(1), rs.getString(2), UNITS,
              e.getMessage());
        }
      }, version);
      return new Loaded(units, version, skipped[0]);
    });
  }

  private static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}

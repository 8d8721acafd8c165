package org.ucbislet.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.PlainCollectionTypes;

/**
 * One-off fix-up at start-up for object variables stored before the deserialization allow-list was switched on
 * (issue 15 item 1, docs/security.md "Deserialization allow-list"): releases before it stored some lists under their
 * JDK-internal class ({@code java.util.ImmutableCollections$ListN<java.lang.String>}, e.g. {@code chimerismSchedule}),
 * which the engine would now refuse to read, stopping the child's stage at its next multi-instance or timer. The stored
 * JSON is an ordinary JSON array or object; only the type name it is read back as changes, to the plain java.util type
 * of the same kind ({@link PlainCollectionTypes#plain}), in the running variables and in their history. Nothing else
 * is touched, the values are never read; idempotent (a second start finds nothing). Runs before the job executor
 * starts.
 */
@Component
public class StoredCollectionTypeFixUp extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(StoredCollectionTypeFixUp.class);

  /**
   * The serializer of a JSON-serialized object variable (Spin). Only these are rewritten: the JSON text names no class.
   * (A Java-serialized value names its classes inside its bytes; the engine has Java serialization off.)
   */
  static final String JSON_SERIALIZER = "spin://application/json";

  /** Engine tables holding an object variable's type name in TEXT2_, with the column of the variable's type. */
  private static final Map<String, String> TABLES = Map.of(
      "ACT_RU_VARIABLE", "TYPE_",
      "ACT_HI_VARINST", "VAR_TYPE_",
      "ACT_HI_DETAIL", "VAR_TYPE_");

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Map<String, Integer> changed = fixUp(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
    if (changed.values().stream().anyMatch(n -> n > 0)) {
      LOG.info("Object variables stored under a JDK-internal collection type now read as the plain java.util type "
          + "(rows per table): {}", changed);
    }
  }

  /** Rewrites the non-plain collection type names; answers the rows changed per table. */
  public static Map<String, Integer> fixUp(DataSource dataSource, String tablePrefix) {
    String prefix = tablePrefix == null ? "" : tablePrefix;
    Map<String, Integer> changed = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      for (String table : new String[] {"ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL"}) {
        changed.put(table, fixUp(connection, prefix + table, TABLES.get(table)));
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot make stored collection types plain: " + e.getMessage(), e);
    }
    return changed;
  }

  private static int fixUp(Connection connection, String table, String typeColumn) throws SQLException {
    Map<String, String> plain = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT ID_, TEXT2_ FROM " + table + " WHERE "
        + typeColumn + " = '" + JSON_SERIALIZER + "' AND TEXT2_ LIKE '%java.util.%$%'");
         ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String typeName = rows.getString(2);
        String plainName = PlainCollectionTypes.plain(typeName);
        if (!plainName.equals(typeName)) {
          plain.put(rows.getString(1), plainName);
        }
      }
    }
    if (plain.isEmpty()) {
      return 0;
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET TEXT2_ = ? WHERE ID_ = ?")) {
      for (Map.Entry<String, String> row : plain.entrySet()) {
        update.setString(1, row.getValue());
        update.setString(2, row.getKey());
        update.addBatch();
      }
      update.executeBatch();
    }
    return plain.size();
  }
}

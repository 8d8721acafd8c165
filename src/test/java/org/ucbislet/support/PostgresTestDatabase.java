package org.ucbislet.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication) for one test
 * class, dropped afterwards. Its engine schema is created with Camunda's own SQL scripts from the engine jar, as the
 * production checklist prescribes (docs/security.md): the {@code postgres} profile never creates or updates the schema. Without a reachable server the test is skipped, except in CI ({@code CI=true}), where it
 * fails.
 */
public final class PostgresTestDatabase {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  public static final String USER = "postgres";
  private static final String MAINTENANCE_DATABASE = "test";

  private PostgresTestDatabase() {
  }

  /** Creates a database named {@code prefix} plus a random suffix and answers its name. */
  public static String create(String prefix) {
    String database = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(SERVER + MAINTENANCE_DATABASE, USER, "");
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      unreachable(e);
    }
    try (Connection connection = DriverManager.getConnection(SERVER + database, USER, "");
         Statement statement = connection.createStatement()) {
      for (String part : ENGINE_SCRIPTS) {
        statement.execute(script("org/camunda/bpm/engine/db/create/activiti.postgres.create." + part + ".sql"));
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot create the engine schema in " + database + ": " + e.getMessage(), e);
    }
    return database;
  }

  /** Camunda's create scripts, in the engine's own order. */
  private static final String[] ENGINE_SCRIPTS =
      {"engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history"};

  private static String script(String resource) throws IOException {
    try (InputStream in = PostgresTestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void unreachable(SQLException e) {
    String reason = "PostgreSQL is not reachable at " + SERVER + MAINTENANCE_DATABASE + " as " + USER + ": " + e.getMessage();
    if ("true".equals(System.getenv("CI"))) {
      fail(reason);
    }
    Assumptions.abort(reason);
  }

  /** Drops the database (null: nothing was created). */
  public static void drop(String database) throws SQLException {
    if (database == null) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(SERVER + MAINTENANCE_DATABASE, USER, "");
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}

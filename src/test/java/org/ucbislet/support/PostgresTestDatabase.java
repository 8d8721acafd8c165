package org.ucbislet.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust authentication) for one test
 * class, dropped afterwards. Without a reachable server the test is skipped, except in CI ({@code CI=true}), where it
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
      String reason = "PostgreSQL is not reachable at " + SERVER + MAINTENANCE_DATABASE + " as " + USER + ": " + e.getMessage();
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      Assumptions.abort(reason);
    }
    return database;
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

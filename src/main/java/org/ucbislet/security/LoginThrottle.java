package org.ucbislet.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins and delays further ones (issue 15 item 3), so that nobody can guess a password and nobody can
 * lock another user out for good. Three counters per failure:
 * <ul>
 *   <li>the account from this client: after {@code free-attempts} failures, exponential backoff from
 *   {@code base-delay} up to {@code max-delay}; a successful login from that client resets it;</li>
 *   <li>the client over all accounts (password spraying): after failures for {@code client-free-attempts} distinct
 *   accounts, the same backoff (one user mistyping a password several times does not delay a shared address);</li>
 *   <li>the account over all clients (a distributed attack): after {@code account-free-attempts}, a short delay of at
 *   most {@code account-max-delay} for every client. It ends by itself: never a permanent lock.</li>
 * </ul>
 * A login tried while delayed is refused without checking the password and does not count. Counters are forgotten
 * after {@code forget-after} without a failure.
 *
 * <p>The counters are rows of table {@code UCBI_LOGIN_THROTTLE} in the application's database (created at start-up
 * like the other own tables, same DDL on H2 and PostgreSQL), so every node of a cluster counts the same failures and
 * delays the same logins: an attacker gets the free attempts once, not once per node. A failure updates its three rows
 * in one transaction, each row locked ({@code SELECT ... FOR UPDATE}) in a fixed order, so concurrent failures on
 * several nodes are all counted. Time is the engine clock (epoch milliseconds): the nodes' clocks must agree (NTP).
 * The totals of {@link #failedLogins()}, {@link #refusedLogins()} and {@link #throttlesStarted()} are this node's.
 */
@Component
public class LoginThrottle {

  /** Which counter delays a login. */
  public enum Scope {
    ACCOUNT_FROM_CLIENT, CLIENT, ACCOUNT
  }

  /** A counter's key: the account (lower case) and/or the client address ("" when the counter has none). */
  record Key(Scope scope, String account, String client) {
  }

  /** A counter that currently delays logins, for the administrator. */
  public record Throttled(Scope scope, String account, String client, int failures, Instant until) {
  }

  static final String TABLE = "UCBI_LOGIN_THROTTLE";

  /** DDL valid on H2 2.x and PostgreSQL 12+. */
  static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "THROTTLE_SCOPE VARCHAR(24) NOT NULL, "
          + "ACCOUNT_ID VARCHAR(255) NOT NULL, "
          + "CLIENT_ADDRESS VARCHAR(255) NOT NULL, "
          + "FAILURES INTEGER NOT NULL, "
          + "LAST_FAILURE BIGINT NOT NULL, "
          + "BLOCKED_UNTIL BIGINT NOT NULL, "
          + "CONSTRAINT UCBI_LOGIN_THROTTLE_PK PRIMARY KEY (THROTTLE_SCOPE, ACCOUNT_ID, CLIENT_ADDRESS))",
      "CREATE INDEX IF NOT EXISTS UCBI_LOGIN_THROTTLE_LAST ON " + TABLE + " (LAST_FAILURE)");

  /** SQLSTATE of a unique key violation (H2 and PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";
  /** Stale counters are deleted at most this often per node. */
  private static final long CLEAN_UP_INTERVAL_MS = 60_000;

  private final LoginThrottleSettings settings;
  private final DataSource dataSource;
  private final AtomicLong failedLogins = new AtomicLong();
  private final AtomicLong refusedLogins = new AtomicLong();
  private final AtomicLong throttlesStarted = new AtomicLong();
  private final AtomicLong lastCleanUp = new AtomicLong();

  public LoginThrottle(LoginThrottleSettings settings, DataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    if (settings.enabled()) {
      createTable(dataSource);
    }
  }

  static void createTable(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String ddl : SCHEMA) {
        statement.execute(ddl);
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create table " + TABLE + ": " + e.getMessage(), e);
    }
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /** How long this login must wait; zero when it may be tried now. A refused login is counted, not as a failure. */
  public Duration retryAfter(String account, String client) {
    long now = now();
    List<Key> keys = keys(account, client);
    // a counter whose last failure is later than now was written before the clock was set back (a node's clock
    // corrected, a simulation's clock): it delays nobody, or one node's wrong clock could lock users for years
    StringBuilder sql = new StringBuilder("SELECT MAX(BLOCKED_UNTIL) FROM " + TABLE + " WHERE LAST_FAILURE <= ? AND (");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ?)");
    }
    sql.append(')');
    long until;
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement(sql.toString())) {
      select.setLong(1, now);
      int i = 2;
      for (Key key : keys) {
        i = bind(select, i, key);
      }
      try (ResultSet row = select.executeQuery()) {
        until = row.next() ? row.getLong(1) : 0;
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
    if (until <= now) {
      return Duration.ZERO;
    }
    refusedLogins.incrementAndGet();
    return Duration.ofMillis(until - now);
  }

  /** Records a failed login; answers the throttles it started (for the alert). */
  public List<LoginThrottled> failed(String account, String client) {
    long now = now();
    failedLogins.incrementAndGet();
    forgetStale(now);
    for (int attempt = 1; ; attempt++) {
      try {
        return count(account, client, now);
      } catch (CounterVanished e) {
        if (attempt == 5) {
          throw new IllegalStateException("Login throttling cannot count a failure in " + TABLE
              + ": its counter was deleted five times in a row");
        }
      }
    }
  }

  /** A counter row deleted (as stale, by another node) between its insert and its lock: count again. */
  private static final class CounterVanished extends RuntimeException {
    CounterVanished() {
      super(null, null, false, false);
    }
  }

  private List<LoginThrottled> count(String account, String client, long now) {
    List<LoginThrottled> started = new ArrayList<>();
    List<Key> keys = keys(account, client);
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      for (Key key : keys) {
        insertIfAbsent(connection, key);
      }
      connection.setAutoCommit(false);
      try {
        boolean anonymous = keys.size() == 1; // no user ID: only the client's counter
        boolean newAccountForClient = false;
        for (Key key : keys) { // fixed order (account from client, account, client): no deadlock between nodes
          long[] row = lock(connection, key);
          int failures = (int) row[0];
          long lastFailure = row[1];
          long blockedUntil = row[2];
          // stale: no failure for forget-after, or counted on a clock that has since been set back
          boolean stale = now - lastFailure > settings.forgetAfter().toMillis() || lastFailure > now;
          if (key.scope() == Scope.ACCOUNT_FROM_CLIENT) {
            // a client's spraying counter counts an account once: when this is its first failure from there
            newAccountForClient = lastFailure == 0 || stale;
          }
          if (stale) {
            failures = 0;
          }
          if (lastFailure > now) {
            blockedUntil = 0; // a delay set on a clock that has since been set back
          }
          boolean counts = key.scope() != Scope.CLIENT || newAccountForClient || anonymous && failures == 0;
          if (counts) {
            failures++;
            int over = failures - free(key.scope());
            if (over > 0) {
              long delay = delay(over, key.scope() == Scope.ACCOUNT ? settings.accountMaxDelay() : settings.maxDelay());
              blockedUntil = now + delay;
              started.add(new LoginThrottled(key.scope(), blankToNull(key.account()), blankToNull(key.client()),
                  failures, Instant.ofEpochMilli(blockedUntil)));
            }
          }
          update(connection, key, failures, now, blockedUntil);
        }
        connection.commit();
        throttlesStarted.addAndGet(started.size());
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("count", e);
    }
    return started;
  }

  /**
   * A successful login: this account's failures from this client are forgotten (not the other counters). The row
   * stays until it is stale, so the client's spraying counter still counts the account once.
   */
  public void succeeded(String account, String client) {
    if (account == null || account.isBlank()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
         PreparedStatement reset = connection.prepareStatement("UPDATE " + TABLE + " SET FAILURES = 0, BLOCKED_UNTIL = 0 "
             + "WHERE THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ? AND (FAILURES > 0 OR BLOCKED_UNTIL > 0)")) {
      bind(reset, 1, new Key(Scope.ACCOUNT_FROM_CLIENT, normalise(account), address(client)));
      reset.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("reset", e);
    }
  }

  /** The counters that delay logins now (on every node), longest first. */
  public List<Throttled> throttled() {
    List<Throttled> list = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
         PreparedStatement select = connection.prepareStatement("SELECT THROTTLE_SCOPE, ACCOUNT_ID, CLIENT_ADDRESS, "
             + "FAILURES, BLOCKED_UNTIL FROM " + TABLE + " WHERE BLOCKED_UNTIL > ? AND LAST_FAILURE <= ? ORDER BY BLOCKED_UNTIL DESC")) {
      long now = now();
      select.setLong(1, now);
      select.setLong(2, now);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          list.add(new Throttled(Scope.valueOf(rows.getString(1)), blankToNull(rows.getString(2)),
              blankToNull(rows.getString(3)), rows.getInt(4), Instant.ofEpochMilli(rows.getLong(5))));
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
    return list;
  }

  /** Failed logins counted by this node since its start. */
  public long failedLogins() {
    return failedLogins.get();
  }

  /** Logins refused by this node because they were delayed, since its start. */
  public long refusedLogins() {
    return refusedLogins.get();
  }

  /** Throttles started by this node since its start. */
  public long throttlesStarted() {
    return throttlesStarted.get();
  }

  private int free(Scope scope) {
    return switch (scope) {
      case ACCOUNT_FROM_CLIENT -> settings.freeAttempts();
      case CLIENT -> settings.clientFreeAttempts();
      case ACCOUNT -> settings.accountFreeAttempts();
    };
  }

  /** base-delay x 2^(over - 1), at most max. */
  private long delay(int over, Duration max) {
    long base = settings.baseDelay().toMillis();
    long delay = over > 40 ? Long.MAX_VALUE : base << Math.min(over - 1, 40);
    return delay < 0 || delay > max.toMillis() ? max.toMillis() : delay;
  }

  private static List<Key> keys(String account, String client) {
    List<Key> keys = new ArrayList<>(3);
    String user = account == null || account.isBlank() ? null : normalise(account);
    String address = address(client);
    if (user != null) {
      keys.add(new Key(Scope.ACCOUNT_FROM_CLIENT, user, address));
      keys.add(new Key(Scope.ACCOUNT, user, ""));
    }
    keys.add(new Key(Scope.CLIENT, "", address));
    return keys;
  }

  /** User IDs compared case-insensitively (a database may match them so), at most 255 characters. */
  private static String normalise(String account) {
    String user = account.strip().toLowerCase(Locale.ROOT);
    return user.length() > 255 ? user.substring(0, 255) : user;
  }

  private static String address(String client) {
    String address = client == null ? "" : client;
    return address.length() > 255 ? address.substring(0, 255) : address;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static int bind(PreparedStatement statement, int index, Key key) throws SQLException {
    statement.setString(index, key.scope().name());
    statement.setString(index + 1, key.account());
    statement.setString(index + 2, key.client());
    return index + 3;
  }

  /** The counter's row, created empty when absent; a concurrent insert by another node is fine. */
  private static void insertIfAbsent(Connection connection, Key key) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM " + TABLE
        + " WHERE THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ?")) {
      bind(exists, 1, key);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
        + " (THROTTLE_SCOPE, ACCOUNT_ID, CLIENT_ADDRESS, FAILURES, LAST_FAILURE, BLOCKED_UNTIL) VALUES (?, ?, ?, 0, 0, 0)")) {
      bind(insert, 1, key);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** FAILURES, LAST_FAILURE, BLOCKED_UNTIL of the counter, locked until the transaction ends. */
  private static long[] lock(Connection connection, Key key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT FAILURES, LAST_FAILURE, BLOCKED_UNTIL FROM "
        + TABLE + " WHERE THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ? FOR UPDATE")) {
      bind(select, 1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new CounterVanished();
        }
        return new long[] {row.getInt(1), row.getLong(2), row.getLong(3)};
      }
    }
  }

  private static void update(Connection connection, Key key, int failures, long lastFailure, long blockedUntil)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
        + " SET FAILURES = ?, LAST_FAILURE = ?, BLOCKED_UNTIL = ? WHERE THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ?")) {
      update.setInt(1, failures);
      update.setLong(2, lastFailure);
      update.setLong(3, blockedUntil);
      bind(update, 4, key);
      if (update.executeUpdate() == 0) {
        throw new CounterVanished();
      }
    }
  }

  /**
   * Deletes counters without a failure for forget-after and not delaying (at most once a minute per node); above
   * max-tracked rows, the stalest undelayed ones until half remain.
   */
  private void forgetStale(long now) {
    long last = lastCleanUp.get();
    if (now - last < CLEAN_UP_INTERVAL_MS && now >= last || !lastCleanUp.compareAndSet(last, now)) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      // LAST_FAILURE 0: a row just inserted by a failure being counted (on any node), not a stale one
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
          + " WHERE LAST_FAILURE <> 0 AND LAST_FAILURE < ? AND BLOCKED_UNTIL <= ?")) {
        delete.setLong(1, now - settings.forgetAfter().toMillis());
        delete.setLong(2, now);
        delete.executeUpdate();
      }
      long rows;
      try (Statement count = connection.createStatement(); ResultSet result = count.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
        rows = result.next() ? result.getLong(1) : 0;
      }
      if (rows >= settings.maxTracked()) {
        Long threshold = null;
        try (PreparedStatement select = connection.prepareStatement("SELECT LAST_FAILURE FROM " + TABLE
            + " ORDER BY LAST_FAILURE DESC LIMIT 1 OFFSET ?")) {
          select.setLong(1, settings.maxTracked() / 2L);
          try (ResultSet result = select.executeQuery()) {
            threshold = result.next() ? result.getLong(1) : null;
          }
        }
        if (threshold != null) {
          try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
              + " WHERE LAST_FAILURE <> 0 AND LAST_FAILURE <= ? AND BLOCKED_UNTIL <= ?")) {
            delete.setLong(1, threshold);
            delete.setLong(2, now);
            delete.executeUpdate();
          }
        }
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw failure("clean up", e);
    }
  }

  private static IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException("Login throttling cannot " + what + " its counters in " + TABLE + ": "
        + e.getMessage(), e);
  }

  private static long now() {
    return ClockUtil.getCurrentTime().getTime();
  }
}

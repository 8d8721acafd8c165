package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Issue 15 item 3: failed logins delay further ones per account from one client (exponential), per client over
 * distinct accounts, and per account over all clients (short); nothing ever locks an account for good. The counters are
 * in the database (a fresh in-memory H2 per test; {@code config/PostgresLoginThrottleTest} runs the cluster checks on
 * PostgreSQL), so the nodes of a cluster share them. Time is the engine clock, moved by the test.
 */
public class LoginThrottleTest {

  static final String ATTACKER = "203.0.113.7";
  static final String NURSE = "198.51.100.20";

  private LoginThrottle throttle;
  private DataSource database;
  private Instant now;

  static DataSource freshH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }

  /** A node of the cluster: its own throttle on the shared database. */
  static LoginThrottle node(DataSource database) {
    return new LoginThrottle(ApplicationDefaults.of(LoginThrottleSettings.class), database);
  }

  @BeforeEach
  void setUp() {
    database = freshH2();
    throttle = node(database);
    now = Instant.parse("2027-03-01T08:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private void later(Duration duration) {
    now = now.plus(duration);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @Test
  void fiveFailuresAreFreeThenTheAccountIsDelayedFromThatClientOnlyWithABackoffThatDoubles() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.retryAfter("mdt", ATTACKER)).isZero();
      assertThat(throttle.failed("mdt", ATTACKER)).isEmpty();
    }
    assertThat(throttle.failed("mdt", ATTACKER)).singleElement()
        .satisfies(t -> assertThat(t.scope()).isEqualTo(LoginThrottle.Scope.ACCOUNT_FROM_CLIENT))
        .satisfies(t -> assertThat(t.failures()).isEqualTo(6));
    assertThat(throttle.retryAfter("mdt", ATTACKER)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.retryAfter("MDT", ATTACKER)).as("user IDs compared without case").isPositive();
    assertThat(throttle.retryAfter("mdt", NURSE)).as("the user's own client is not delayed").isZero();

    later(Duration.ofSeconds(1));
    throttle.failed("mdt", ATTACKER);
    assertThat(throttle.retryAfter("mdt", ATTACKER)).isEqualTo(Duration.ofSeconds(2));
    later(Duration.ofSeconds(2));
    throttle.failed("mdt", ATTACKER);
    assertThat(throttle.retryAfter("mdt", ATTACKER)).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 30; i++) {
      later(throttle.retryAfter("mdt", ATTACKER));
      throttle.failed("mdt", ATTACKER);
    }
    assertThat(throttle.retryAfter("mdt", ATTACKER)).as("at most max-delay").isEqualTo(Duration.ofMinutes(15));
    assertThat(throttle.refusedLogins()).isPositive();
  }

  @Test
  void countersWrittenBeforeTheClockWasSetBackDelayNobodyAndCountAfresh() {
    for (int i = 0; i < 8; i++) {
      throttle.failed("mdt", ATTACKER);
    }
    assertThat(throttle.retryAfter("mdt", ATTACKER)).isPositive();
    assertThat(throttle.throttled()).isNotEmpty();
    // a node's clock corrected backwards (or a simulation's engine clock): the counters' last failures are in its future
    now = now.minus(Duration.ofDays(400));
    ClockUtil.setCurrentTime(Date.from(now));
    assertThat(throttle.retryAfter("mdt", ATTACKER)).as("no delay for years from a clock set back").isZero();
    assertThat(throttle.throttled()).isEmpty();
    assertThat(throttle.failed("mdt", ATTACKER)).as("the failure counts as the first again").isEmpty();
    assertThat(throttle.retryAfter("mdt", ATTACKER)).isZero();
  }

  @Test
  void aSuccessfulLoginForgetsThatClientsFailuresForTheAccountAndAnHourWithoutFailureForgetsAll() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("endocrinologist", NURSE);
    }
    throttle.succeeded("endocrinologist", NURSE);
    assertThat(throttle.failed("endocrinologist", NURSE)).as("counting starts again").isEmpty();

    for (int i = 0; i < 5; i++) {
      throttle.failed("endocrinologist", NURSE);
    }
    later(Duration.ofMinutes(61));
    assertThat(throttle.failed("endocrinologist", NURSE)).as("forgotten after forget-after").isEmpty();
  }

  @Test
  void manyClientsAgainstOneAccountGiveAShortDelayForEveryClientNeverALock() {
    for (int i = 0; i < 50; i++) {
      throttle.failed("trial-coordinator", "192.0.2." + i);
    }
    assertThat(throttle.retryAfter("trial-coordinator", NURSE)).isZero();
    assertThat(throttle.failed("trial-coordinator", "192.0.2.200")).extracting(LoginThrottled::scope)
        .contains(LoginThrottle.Scope.ACCOUNT);
    for (int i = 0; i < 40; i++) {
      later(throttle.retryAfter("trial-coordinator", "192.0.2.201"));
      throttle.failed("trial-coordinator", "192.0.2." + (100 + i));
    }
    Duration wait = throttle.retryAfter("trial-coordinator", NURSE);
    assertThat(wait).as("the account's delay for every client stays short").isPositive()
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
    later(wait);
    assertThat(throttle.retryAfter("trial-coordinator", NURSE)).as("and ends by itself").isZero();
    assertThat(throttle.throttled()).isEmpty();
  }

  @Test
  void aClientTryingManyAccountsIsDelayedForEveryAccountButOneUserMistypingIsNot() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("psychologist", NURSE);
    }
    assertThat(throttle.retryAfter("someone-else", NURSE)).isZero();

    for (int i = 0; i < 20; i++) {
      assertThat(throttle.failed("user-" + i, ATTACKER)).isEmpty();
    }
    assertThat(throttle.failed("user-20", ATTACKER)).extracting(LoginThrottled::scope)
        .containsExactly(LoginThrottle.Scope.CLIENT);
    assertThat(throttle.retryAfter("auditor", ATTACKER)).isPositive();
    assertThat(throttle.retryAfter("auditor", NURSE)).isZero();
    assertThat(throttle.throttled()).extracting(LoginThrottle.Throttled::client).containsExactly(ATTACKER);
    assertThat(throttle.failedLogins()).isEqualTo(25);
    assertThat(throttle.throttlesStarted()).isEqualTo(1);
  }

  @Test
  void twoNodesShareTheCountsSoAnAttackerGetsTheFreeAttemptsOnceNotOncePerNode() {
    assertNodesShareTheCounts(database);
  }

  @Test
  void concurrentFailuresOnSeveralNodesAreAllCounted() throws Exception {
    assertConcurrentFailuresAreAllCounted(database);
  }

  /** Three failures on one node and two on the other are the five free ones; the sixth, anywhere, delays everywhere. */
  public static void assertNodesShareTheCounts(DataSource database) {
    Instant start = ClockUtil.getCurrentTime().toInstant();
    LoginThrottle first = node(database);
    LoginThrottle second = node(database);
    for (int i = 0; i < 3; i++) {
      assertThat(first.failed("hla-lab", ATTACKER)).isEmpty();
    }
    for (int i = 0; i < 2; i++) {
      assertThat(second.failed("hla-lab", ATTACKER)).isEmpty();
    }
    assertThat(first.failed("hla-lab", ATTACKER)).singleElement()
        .satisfies(t -> assertThat(t.failures()).isEqualTo(6));
    assertThat(second.retryAfter("hla-lab", ATTACKER)).as("the other node delays the same login")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(second.retryAfter("hla-lab", NURSE)).isZero();
    assertThat(second.throttled()).as("the administrator sees it on any node").singleElement()
        .satisfies(t -> assertThat(t.account()).isEqualTo("hla-lab"))
        .satisfies(t -> assertThat(t.client()).isEqualTo(ATTACKER));

    ClockUtil.setCurrentTime(Date.from(start.plusSeconds(1)));
    second.succeeded("hla-lab", ATTACKER);
    assertThat(first.failed("hla-lab", ATTACKER)).as("a success on one node resets the count for all").isEmpty();
    assertThat(first.retryAfter("hla-lab", ATTACKER)).isZero();
    ClockUtil.setCurrentTime(Date.from(start));
  }

  /** 8 threads on 4 nodes, 5 failures each, for one account from one client: all 40 are counted. */
  public static void assertConcurrentFailuresAreAllCounted(DataSource database) throws Exception {
    String botnet = "192.0.2.99"; // a client of its own: the database may be shared with the other checks
    List<LoginThrottle> nodes = List.of(node(database), node(database), node(database), node(database));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        LoginThrottle node = nodes.get(t % nodes.size());
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < 5; i++) {
            node.failed("islet-lab", botnet);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(failures(database, "ACCOUNT_FROM_CLIENT", "islet-lab", botnet)).isEqualTo(40);
    assertThat(failures(database, "ACCOUNT", "islet-lab", "")).isEqualTo(40);
    assertThat(failures(database, "CLIENT", "", botnet)).as("one distinct account").isEqualTo(1);
    assertThat(nodes.get(3).retryAfter("islet-lab", botnet)).as("at most max-delay")
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
  }

  private static int failures(DataSource database, String scope, String account, String client) throws SQLException {
    try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
        "SELECT FAILURES FROM UCBI_LOGIN_THROTTLE WHERE THROTTLE_SCOPE = ? AND ACCOUNT_ID = ? AND CLIENT_ADDRESS = ?")) {
      select.setString(1, scope);
      select.setString(2, account);
      select.setString(3, client);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("counter %s %s %s", scope, account, client).isTrue();
        return row.getInt(1);
      }
    }
  }

  @Test
  void badSettingsStopTheStartNamingTheKey() {
    assertThatThrownBy(() -> new LoginThrottleSettings(true, 0, 20, 50, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofMinutes(1), Duration.ofHours(1), 1000)).hasMessageContaining("ucbi.login-throttling.free-attempts");
    assertThatThrownBy(() -> new LoginThrottleSettings(true, 5, 20, 50, Duration.ofMinutes(2), Duration.ofMinutes(15),
        Duration.ofMinutes(1), Duration.ofHours(1), 1000)).hasMessageContaining("account-max-delay");
  }
}

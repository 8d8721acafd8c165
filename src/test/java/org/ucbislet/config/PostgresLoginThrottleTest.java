package org.ucbislet.config;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.ucbislet.security.LoginThrottleTest;
import org.ucbislet.support.PostgresTestDatabase;

/**
 * Issue 15 item 3 on PostgreSQL: login throttling counts in table {@code UCBI_LOGIN_THROTTLE}, shared by the nodes of a
 * cluster: two nodes give an attacker the free attempts once, and concurrent failures on four nodes are all counted
 * (row locks, no lost update). The same checks as {@code security/LoginThrottleTest} on H2, on a fresh database.
 */
class PostgresLoginThrottleTest {

  private static String database;
  private static PGSimpleDataSource dataSource;

  @BeforeAll
  static void freshDatabase() {
    database = PostgresTestDatabase.create("ucbi_throttle_");
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(PostgresTestDatabase.SERVER + database);
    dataSource.setUser(PostgresTestDatabase.USER);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    PostgresTestDatabase.drop(database);
  }

  @BeforeEach
  void clock() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-03-01T08:00:00Z")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twoNodesShareTheCountsSoAnAttackerGetsTheFreeAttemptsOnceNotOncePerNode() {
    LoginThrottleTest.assertNodesShareTheCounts(dataSource);
  }

  @Test
  void concurrentFailuresOnSeveralNodesAreAllCounted() throws Exception {
    LoginThrottleTest.assertConcurrentFailuresAreAllCounted(dataSource);
  }
}

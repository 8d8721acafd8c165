package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Issue 15 item 3: failed logins delay further ones per account from one client (exponential), per client over
 * distinct accounts, and per account over all clients (short); nothing ever locks an account for good. Time is the
 * engine clock, moved by the test.
 */
class LoginThrottleTest {

  private static final String ATTACKER = "203.0.113.7";
  private static final String NURSE = "198.51.100.20";

  private LoginThrottle throttle;
  private Instant now;

  @BeforeEach
  void setUp() {
    throttle = new LoginThrottle(ApplicationDefaults.of(LoginThrottleSettings.class));
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
  void badSettingsStopTheStartNamingTheKey() {
    assertThatThrownBy(() -> new LoginThrottleSettings(true, 0, 20, 50, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofMinutes(1), Duration.ofHours(1), 1000)).hasMessageContaining("ucbi.login-throttling.free-attempts");
    assertThatThrownBy(() -> new LoginThrottleSettings(true, 5, 20, 50, Duration.ofMinutes(2), Duration.ofMinutes(15),
        Duration.ofMinutes(1), Duration.ofHours(1), 1000)).hasMessageContaining("account-max-delay");
  }
}

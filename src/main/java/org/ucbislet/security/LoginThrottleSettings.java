package org.ucbislet.security;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Login throttling ({@code ucbi.login-throttling.*}, docs/security.md): how many failed logins are free before a login
 * is delayed, per account from one client, per client over all accounts and per account over all clients, and how
 * long the delays grow. Bad values stop the start naming the key.
 */
@Component
public class LoginThrottleSettings {

  private final boolean enabled;
  private final int freeAttempts;
  private final int clientFreeAttempts;
  private final int accountFreeAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration accountMaxDelay;
  private final Duration forgetAfter;
  private final int maxTracked;

  public LoginThrottleSettings(
      @Value("${ucbi.login-throttling.enabled}") boolean enabled,
      @Value("${ucbi.login-throttling.free-attempts}") int freeAttempts,
      @Value("${ucbi.login-throttling.client-free-attempts}") int clientFreeAttempts,
      @Value("${ucbi.login-throttling.account-free-attempts}") int accountFreeAttempts,
      @Value("${ucbi.login-throttling.base-delay}") Duration baseDelay,
      @Value("${ucbi.login-throttling.max-delay}") Duration maxDelay,
      @Value("${ucbi.login-throttling.account-max-delay}") Duration accountMaxDelay,
      @Value("${ucbi.login-throttling.forget-after}") Duration forgetAfter,
      @Value("${ucbi.login-throttling.max-tracked}") int maxTracked) {
    this.enabled = enabled;
    this.freeAttempts = positive("free-attempts", freeAttempts);
    this.clientFreeAttempts = positive("client-free-attempts", clientFreeAttempts);
    this.accountFreeAttempts = positive("account-free-attempts", accountFreeAttempts);
    this.baseDelay = positive("base-delay", baseDelay);
    this.maxDelay = positive("max-delay", maxDelay);
    this.accountMaxDelay = positive("account-max-delay", accountMaxDelay);
    this.forgetAfter = positive("forget-after", forgetAfter);
    this.maxTracked = positive("max-tracked", maxTracked);
    if (maxDelay.compareTo(baseDelay) < 0 || accountMaxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("ucbi.login-throttling.max-delay and account-max-delay must be at least "
          + "base-delay " + baseDelay);
    }
  }

  private static int positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("ucbi.login-throttling." + key + " must be at least 1, was " + value);
    }
    return value;
  }

  private static Duration positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("ucbi.login-throttling." + key + " must be a positive duration, was " + value);
    }
    return value;
  }

  /** Off: the engine's own brute-force protection applies instead (default on). */
  public boolean enabled() {
    return enabled;
  }

  /** Failed logins of one account from one client before its logins from there are delayed (default 5). */
  public int freeAttempts() {
    return freeAttempts;
  }

  /** Distinct accounts one client failed to log in to before its logins are delayed (default 20). */
  public int clientFreeAttempts() {
    return clientFreeAttempts;
  }

  /** Failed logins of one account, over all clients, before a short delay for every client (default 50). */
  public int accountFreeAttempts() {
    return accountFreeAttempts;
  }

  /** The first delay; each further failure doubles it (default PT1S). */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** The longest delay of one client (default PT15M). */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The longest delay of an account for every client: short, never a lock (default PT1M). */
  public Duration accountMaxDelay() {
    return accountMaxDelay;
  }

  /** Failures are forgotten after this long without a new one (default PT1H). */
  public Duration forgetAfter() {
    return forgetAfter;
  }

  /** Counters kept at most (memory bound); the stalest go first (default 100000). */
  public int maxTracked() {
    return maxTracked;
  }
}

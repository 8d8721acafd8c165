package org.ucbislet.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * after {@code forget-after} without a failure. Kept in memory per node (time: the engine clock).
 */
@Component
public class LoginThrottle {

  /** Which counter delays a login. */
  public enum Scope {
    ACCOUNT_FROM_CLIENT, CLIENT, ACCOUNT
  }

  /** A counter's key: the account (lower case) and/or the client address. */
  record Key(Scope scope, String account, String client) {
  }

  private static final class Counter {
    int failures;
    long lastFailure;
    long blockedUntil;
    /** For a client's counter: the accounts it failed for (it counts distinct accounts). */
    Set<String> accounts;
  }

  /** Distinct accounts remembered per client at most. */
  private static final int MAX_ACCOUNTS_PER_CLIENT = 10_000;

  /** A counter that currently delays logins, for the administrator. */
  public record Throttled(Scope scope, String account, String client, int failures, Instant until) {
  }

  private final LoginThrottleSettings settings;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicLong failedLogins = new AtomicLong();
  private final AtomicLong refusedLogins = new AtomicLong();
  private final AtomicLong throttlesStarted = new AtomicLong();

  public LoginThrottle(LoginThrottleSettings settings) {
    this.settings = settings;
  }

  public boolean enabled() {
    return settings.enabled();
  }

  /** How long this login must wait; zero when it may be tried now. A refused login is counted, not as a failure. */
  public Duration retryAfter(String account, String client) {
    long now = now();
    long until = 0;
    for (Key key : keys(account, client)) {
      Counter counter = counters.get(key);
      if (counter != null) {
        synchronized (counter) {
          until = Math.max(until, counter.blockedUntil);
        }
      }
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
    List<LoginThrottled> started = new ArrayList<>();
    for (Key key : keys(account, client)) {
      Counter counter = counters.computeIfAbsent(key, k -> new Counter());
      synchronized (counter) {
        if (now - counter.lastFailure > settings.forgetAfter().toMillis()) {
          counter.failures = 0;
          counter.accounts = null;
        }
        counter.lastFailure = now;
        if (key.scope() == Scope.CLIENT) {
          counter.accounts = counter.accounts == null ? new HashSet<>() : counter.accounts;
          String tried = account == null ? "" : normalise(account);
          if (counter.accounts.size() < MAX_ACCOUNTS_PER_CLIENT && !counter.accounts.add(tried)) {
            continue; // the same account again: its own counters grow, the client's counts distinct accounts
          }
        }
        counter.failures++;
        int over = counter.failures - free(key.scope());
        if (over > 0) {
          long delay = delay(over, key.scope() == Scope.ACCOUNT ? settings.accountMaxDelay() : settings.maxDelay());
          counter.blockedUntil = now + delay;
          throttlesStarted.incrementAndGet();
          started.add(new LoginThrottled(key.scope(), key.account(), key.client(), counter.failures,
              Instant.ofEpochMilli(counter.blockedUntil)));
        }
      }
    }
    return started;
  }

  /** A successful login: this account's failures from this client are forgotten (not the other counters). */
  public void succeeded(String account, String client) {
    if (account != null && !account.isBlank()) {
      counters.remove(new Key(Scope.ACCOUNT_FROM_CLIENT, normalise(account), client));
    }
  }

  /** The counters that delay logins now, longest first. */
  public List<Throttled> throttled() {
    long now = now();
    List<Throttled> list = new ArrayList<>();
    counters.forEach((key, counter) -> {
      synchronized (counter) {
        if (counter.blockedUntil > now) {
          list.add(new Throttled(key.scope(), key.account(), key.client(), counter.failures,
              Instant.ofEpochMilli(counter.blockedUntil)));
        }
      }
    });
    list.sort(Comparator.comparing(Throttled::until).reversed());
    return list;
  }

  /** Failed logins counted since the start of this node. */
  public long failedLogins() {
    return failedLogins.get();
  }

  /** Logins refused because they were delayed, since the start of this node. */
  public long refusedLogins() {
    return refusedLogins.get();
  }

  /** Throttles started since the start of this node. */
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
    if (user != null) {
      keys.add(new Key(Scope.ACCOUNT_FROM_CLIENT, user, client));
      keys.add(new Key(Scope.ACCOUNT, user, null));
    }
    keys.add(new Key(Scope.CLIENT, null, client));
    return keys;
  }

  /** User IDs compared case-insensitively (a database may match them so), at most 255 characters. */
  private static String normalise(String account) {
    String user = account.strip().toLowerCase(Locale.ROOT);
    return user.length() > 255 ? user.substring(0, 255) : user;
  }

  /** Forgets counters without a failure for forget-after and not delaying; above max-tracked, the stalest first. */
  private void forgetStale(long now) {
    long forget = settings.forgetAfter().toMillis();
    if (counters.size() < settings.maxTracked()) {
      return;
    }
    counters.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return now - e.getValue().lastFailure > forget && e.getValue().blockedUntil <= now;
      }
    });
    if (counters.size() >= settings.maxTracked()) {
      counters.entrySet().stream()
          .sorted(Comparator.comparingLong(e -> e.getValue().lastFailure))
          .limit(counters.size() - settings.maxTracked() / 2L)
          .map(Map.Entry::getKey).toList().forEach(counters::remove);
    }
  }

  private static long now() {
    return ClockUtil.getCurrentTime().getTime();
  }
}

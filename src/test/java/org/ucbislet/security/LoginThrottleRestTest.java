package org.ucbislet.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * Issue 15 item 3, the exact attack: about 200 wrong passwords for a user ID from an unauthenticated client used to lock
 * that user until an administrator unlocked it. Now the attacker's client is delayed (429 with Retry-After, the
 * password no longer checked), the user is never locked, the delay ends by itself, and the administrator sees it: a WARN
 * line without the password, an audit record and the admin endpoint. The same for the webapps' login form.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class LoginThrottleRestTest {

  private static final AtomicInteger USERS = new AtomicInteger();
  private static final String PASSWORD = "demo";
  private static final String WRONG = "Guess-4711-xyz";

  @LocalServerPort
  private int port;
  @Autowired
  private IdentityService identity;
  @Autowired
  private JdbcTemplate jdbc;

  private EngineRest rest;
  private final List<String> users = new ArrayList<>();

  /** The engine clock, which the throttle reads, stands still during a test: delays do not depend on its speed. */
  private long now;

  @BeforeEach
  void setUp() {
    rest = new EngineRest(port);
    now = System.currentTimeMillis();
    ClockUtil.setCurrentTime(new java.util.Date(now));
  }

  private void later(long millis) {
    now += millis;
    ClockUtil.setCurrentTime(new java.util.Date(now));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    users.forEach(identity::deleteUser);
  }

  private String user() {
    String id = "throttle" + USERS.incrementAndGet() + "x" + System.nanoTime() % 100000;
    User user = identity.newUser(id);
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(id, Groups.ENDOCRINOLOGIST.id());
    users.add(id);
    return id;
  }

  @Test
  void twoHundredWrongPasswordsFromAnAnonymousClientNeverLockTheUserAndTheAdministratorIsAlerted(CapturedOutput log) {
    String user = user();
    List<Integer> statuses = new ArrayList<>();
    Response last = null;
    for (int i = 0; i < 200; i++) {
      last = rest.call("GET", "/engine-rest/task/count", user, WRONG, null);
      statuses.add(last.status());
    }

    assertThat(statuses.subList(0, 6)).as("five free failures, the sixth starts the delay").containsOnly(401);
    assertThat(statuses.subList(6, 200)).as("then delayed, the password no longer checked").containsOnly(429);
    assertThat(last.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(last.json().path("message").asText()).startsWith("Too many failed logins: try again in");
    Response rightPasswordWhileDelayed = rest.call("GET", "/engine-rest/task/count", user, PASSWORD, null);
    assertThat(rightPasswordWhileDelayed.status()).as("delayed from this client, whatever the password").isEqualTo(429);
    org.camunda.bpm.engine.impl.persistence.entity.UserEntity entity =
        (org.camunda.bpm.engine.impl.persistence.entity.UserEntity) identity.createUserQuery().userId(user).singleResult();
    assertThat(entity.getLockExpirationTime()).as("the engine's delay for the account is short, never a lock for good")
        .isBeforeOrEqualTo(new java.util.Date(now + 60_000L));

    assertThat(log.getAll()).contains("Login throttled (ACCOUNT_FROM_CLIENT): 6 failed logins for account '" + user + "'")
        .doesNotContain(WRONG);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE ENTITY = 'login' AND EVENT_TYPE = "
        + "'login-throttled' AND ACTOR = ?", Long.class, user)).isOne();
    Response status = rest.call("GET", "/api/security/login-throttling", "demo", null);
    assertThat(status.status()).as(status.body()).isEqualTo(200);
    assertThat(status.json().path("throttled").toString()).contains("\"account\":\"" + user + "\"")
        .contains("ACCOUNT_FROM_CLIENT");
    assertThat(status.json().path("refusedLogins").asLong()).isGreaterThanOrEqualTo(195);
    assertThat(rest.call("GET", "/api/security/login-throttling", "endocrinologist", null).status())
        .as("administrators only").isEqualTo(403);

    // both delays end by themselves: this client's (Retry-After) and the engine's short one for the account (60 s)
    later(61_000L);
    Response afterTheDelay = rest.call("GET", "/engine-rest/task/count", user, PASSWORD, null);
    assertThat(afterTheDelay.status()).as("the delay ends by itself: " + afterTheDelay.body()).isEqualTo(200);
    assertThat(rest.call("GET", "/engine-rest/task/count", user, PASSWORD, null).status()).isEqualTo(200);
  }

  @Test
  void theWebappLoginFormIsThrottledTheSameWay() throws Exception {
    String user = user();
    for (int i = 0; i < 5; i++) {
      assertThat(login(user, WRONG)).isEqualTo(401);
    }
    assertThat(login(user, WRONG)).isEqualTo(401);
    assertThat(login(user, PASSWORD)).as("delayed").isEqualTo(429);

    later(61_000L);
    assertThat(login(user, PASSWORD)).as("after the delays the right password logs in").isEqualTo(200);
  }

  @Test
  void theEnginesPasswordCheckForAnyUserIsNotOffered() {
    Response verify = rest.call("POST", "/engine-rest/identity/verify", "demo", Map.of("username", "mdt",
        "password", "guess"));
    assertThat(verify.status()).as(verify.body()).isEqualTo(403);
  }

  /** As the Tasklist login page does it: a session with its CSRF token first, then the form post. */
  private int login(String user, String password) throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).GET()
        .build(), BodyHandlers.discarding());
    String token = cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
        .map(java.net.HttpCookie::getValue).findFirst().orElse("");
    String form = "username=" + URLEncoder.encode(user, UTF_8) + "&password=" + URLEncoder.encode(password, UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .header("X-XSRF-TOKEN", token).POST(BodyPublishers.ofString(form)).build();
    return browser.send(request, BodyHandlers.ofString()).statusCode();
  }
}

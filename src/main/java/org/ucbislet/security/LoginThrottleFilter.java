package org.ucbislet.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Login throttling in front of every password check ({@link LoginThrottle}, issue 15 item 3): HTTP Basic on
 * {@code /engine-rest/*} and {@code /api/*}, and the webapps' login form
 * ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}). A delayed login is answered 429 with
 * {@code Retry-After} before the password is checked; a 401 counts as a failed login, anything else as a successful one.
 * {@code POST /engine-rest/identity/verify} (a password check for any user) is refused (403). A throttle that starts is
 * logged at WARN (account, client, count; never the password) and published as
 * {@link LoginThrottled}, which the audit log records. The client is the request's remote address (behind a reverse
 * proxy set {@code server.forward-headers-strategy}, docs/security.md).
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFilter.class);
  static final Pattern WEBAPP_LOGIN = Pattern.compile(".*/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  static final int MAX_LOGIN_BODY = 8 * 1024;

  private final LoginThrottle throttle;
  private final ApplicationEventPublisher events;

  public LoginThrottleFilter(LoginThrottle throttle, ApplicationEventPublisher events) {
    this.throttle = throttle;
    this.events = events;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !throttle.enabled() || basicUser(request) == null && !webappLogin(request) && !passwordVerification(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (passwordVerification(request)) {
      answer(response, 403, "AuthorizationException", "identity/verify: not offered; passwords are checked at login "
          + "only, where failed attempts are throttled");
      return;
    }
    HttpServletRequest forward = request;
    String account;
    if (webappLogin(request)) {
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
      if (body.length > MAX_LOGIN_BODY) {
        answer(response, 400, "InvalidRequestException", "body: a login must not be larger than "
            + (MAX_LOGIN_BODY >> 10) + " KiB");
        return;
      }
      account = username(new String(body, StandardCharsets.UTF_8));
      forward = new ReplayedBody(request, body);
    } else {
      account = basicUser(request);
    }
    String client = request.getRemoteAddr();
    Duration wait = throttle.retryAfter(account, client);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      response.setHeader("Retry-After", String.valueOf(seconds));
      answer(response, 429, "LoginThrottled", "Too many failed logins: try again in " + seconds + " seconds");
      return;
    }
    chain.doFilter(forward, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      for (LoginThrottled started : throttle.failed(account, client)) {
        LOG.warn("Login throttled ({}): {} failed logins for account '{}' from client {}; logins refused until {}",
            started.scope(), started.failures(), printable(started.account()), printable(started.client()),
            started.until());
        events.publishEvent(started);
      }
    } else {
      throttle.succeeded(account, client);
    }
  }

  /**
   * {@code POST /engine-rest/identity/verify} checks any user's password for an authenticated caller; with the
   * engine's lock-out neutralised it would be an unthrottled oracle, and nothing of this application uses it.
   */
  private static boolean passwordVerification(HttpServletRequest request) {
    String path = AdminSetupLockdownFilter.normalise(request.getRequestURI());
    return path.equals("/engine-rest/identity/verify") || path.equals("/engine-rest/identity/verify/");
  }

  private static boolean webappLogin(HttpServletRequest request) {
    return "POST".equalsIgnoreCase(request.getMethod()) && WEBAPP_LOGIN.matcher(request.getRequestURI()).matches();
  }

  /** The user ID of an HTTP Basic header; null without one. The password is not kept. */
  static String basicUser(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? decoded : decoded.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return ""; // not Base64: the authentication filter answers 401, counted for the client
    }
  }

  /** The {@code username} field of a form-encoded login; nothing else of the body is decoded. */
  static String username(String body) {
    for (String pair : body.split("&")) {
      if (pair.startsWith("username=")) {
        try {
          return URLDecoder.decode(pair.substring("username=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    return "";
  }

  /** For the log: no line breaks or control characters from a client, at most 64 characters. */
  static String printable(String text) {
    if (text == null) {
      return "-";
    }
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
  }

  private static void answer(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** The login body again, for the webapp's login resource after this filter read the user name. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}

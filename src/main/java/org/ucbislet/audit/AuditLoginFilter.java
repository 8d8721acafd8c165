package org.ucbislet.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records every webapp login (Cockpit, Tasklist, Admin: {@code POST .../api/admin/auth/user/{engine}/login/{app}})
 * in the audit log: the user name given, the application and whether it succeeded. The password is never read
 * out of the request body (only the {@code username} field is parsed) and never recorded.
 */
public class AuditLoginFilter extends OncePerRequestFilter {

  static final Pattern LOGIN = Pattern.compile(".*/api/admin/auth/user/([^/]+)/login/([^/]+)/?$");
  private static final Logger LOG = LoggerFactory.getLogger(AuditLoginFilter.class);
  private static final int MAX_BODY = 8 * 1024;

  private final AuditStore store;

  public AuditLoginFilter(AuditStore store) {
    this.store = store;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod()) || !LOGIN.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, MAX_BODY);
    try {
      chain.doFilter(cached, response);
    } finally {
      try {
        record(cached, response.getStatus());
      } catch (RuntimeException e) {
        LOG.error("Login could not be recorded in the audit log", e);
      }
    }
  }

  private void record(ContentCachingRequestWrapper request, int status) {
    Matcher path = LOGIN.matcher(request.getRequestURI());
    String engine = path.matches() ? path.group(1) : null;
    String app = path.matches() ? path.group(2) : null;
    String user = username(new String(request.getContentAsByteArray(), StandardCharsets.UTF_8));
    boolean success = status >= 200 && status < 300;
    var changes = JsonNodeFactory.instance.objectNode().put("outcome", success ? "success" : "failure")
        .put("application", app).put("engine", engine).put("httpStatus", status);
    store.appendNow(new AuditEvent(user == null || user.isBlank() ? "anonymous" : user, null, null, null, app,
        AuditEntities.LOGIN, null, success ? "login-success" : "login-failure", changes));
  }

  /** The {@code username} field of a form-encoded body; nothing else of the body is decoded. */
  static String username(String body) {
    for (String pair : body.split("&")) {
      if (pair.startsWith("username=")) {
        try {
          return AuditStore.cut(URLDecoder.decode(pair.substring("username=".length()), StandardCharsets.UTF_8), AuditStore.MAX_SHORT);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}

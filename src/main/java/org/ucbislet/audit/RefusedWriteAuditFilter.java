package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.ucbislet.security.AdminSetupLockdownFilter;

/**
 * Every refused write is recorded in the audit log (issue 15 item 7): a request that would change something through
 * the engine's REST API ({@code /engine-rest}), Tasklist's and Cockpit's engine API ({@code /camunda/api/engine}),
 * Admin ({@code /camunda/api/admin}, logins aside) or the application's own API ({@code /api}) and is answered with a
 * 4xx status gives one record: who (the authenticated user, else the user named in the request, else "anonymous"), what
 * (method and path) and why (the status and the check's own message, at most 1,000 characters). Entity
 * {@code request}, event {@code write-refused}. A Cockpit variable edit refused for lack of rights is such a 403. Not
 * recorded here: 401 (no or wrong credentials: a failed login, recorded by the login audit and login throttling) and
 * 429 (a login delayed by throttling, recorded when the throttle starts). The log gets nothing of it: the message may
 * carry the refused value.
 */
public class RefusedWriteAuditFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RefusedWriteAuditFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 4xx answers that are not a refused write but a failed or delayed login, recorded elsewhere. */
  static final Set<Integer> LOGIN_ANSWERS = Set.of(401, 429);
  static final int MAX_WHY = 1000;
  static final String EVENT = "write-refused";

  private final AuditStore store;
  private final IdentityService identity;
  private final String webappPath;

  public RefusedWriteAuditFilter(AuditStore store, IdentityService identity, String webappPath) {
    this.store = store;
    this.identity = identity;
    this.webappPath = webappPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    if ("GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method) || "OPTIONS".equalsIgnoreCase(method)) {
      return true;
    }
    String path = AdminSetupLockdownFilter.normalise(request.getRequestURI());
    boolean login = path.startsWith(webappPath + "/api/admin/auth/");
    // long polling answers asynchronously, after this filter: its answer must not be held in a buffer
    boolean longPolling = path.endsWith("/external-task/fetchandlock");
    return login || longPolling || !(path.startsWith("/engine-rest/") || path.startsWith(webappPath + "/api/engine/")
        || path.startsWith(webappPath + "/api/admin/") || path.startsWith("/api/"));
  }

  /** A write refused by a check, a missing right, a missing resource or a malformed request: every 4xx but a login's. */
  static boolean refused(int status) {
    return status >= 400 && status < 500 && !LOGIN_ANSWERS.contains(status);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, cached);
    } finally {
      int status = cached.getStatus();
      if (refused(status)) {
        try {
          record(request, status, cached.getContentAsByteArray());
        } catch (RuntimeException e) {
          LOG.error("A refused {} {} could not be recorded in the audit log", request.getMethod(),
              AdminSetupLockdownFilter.normalise(request.getRequestURI()), e);
        }
      }
      cached.copyBodyToResponse();
    }
  }

  private void record(HttpServletRequest request, int status, byte[] body) {
    String what = request.getMethod() + " " + request.getRequestURI();
    ObjectNode changes = JSON.createObjectNode();
    changes.put("request", AuditStore.cut(what, AuditStore.MAX_SHORT)).put("httpStatus", status)
        .put("why", AuditStore.cut(why(body), MAX_WHY));
    store.appendNow(new AuditEvent(AuditStore.cut(user(request), AuditStore.MAX_SHORT), null, null, null, null,
        AuditEntities.REQUEST, null, EVENT, changes));
  }

  /** The check's own message (member {@code message} or {@code detail} of the JSON answer), else the answer's text. */
  static String why(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode answer = JSON.readTree(text);
      if (answer != null && answer.hasNonNull("message")) {
        return answer.get("message").asText();
      }
      if (answer != null && answer.hasNonNull("detail")) {
        return answer.get("detail").asText();
      }
    } catch (IOException e) {
      // not JSON: keep the text
    }
    return text.isBlank() ? "(no message)" : text;
  }

  private String user(HttpServletRequest request) {
    Authentication current = identity.getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return current.getUserId();
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentications webapp = AuthenticationUtil.getAuthsFromSession(session);
      if (webapp != null) {
        for (UserAuthentication user : webapp.getAuthentications()) {
          return user.getName();
        }
      }
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return "anonymous";
      }
    }
    return "anonymous";
  }
}

package org.ucbislet.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.ucbislet.security.AdminSetupLockdownFilter;

/**
 * Manual corrections need a reason (issue 8): a request that changes a child's data or course outside a task
 * (setting, changing or deleting process variables, moving or cancelling a process instance, migrating or
 * restarting it) through the REST API ({@code /engine-rest}) or Cockpit ({@code /camunda/api/engine}) must carry
 * the reason in header {@value #HEADER} (UTF-8 percent-encoded as JavaScript's encodeURIComponent does; a "+" stays a plus sign; {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
 * characters). Without one it is refused with HTTP 400 naming {@code correctionReason}, before anything changes.
 * With one, the reason is recorded in every audit record the correction produces (see {@link ManualCorrection}).
 *
 * <p>Completing tasks, submitting forms and correlating messages are the protocol's normal work, not corrections,
 * and are not affected. Cockpit asks the user for the reason (script {@code correction-reason.js}).
 */
public class CorrectionReasonFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Correction-Reason";
  static final String FIELD = "correctionReason";
  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 2000;

  /** REST root of the engine API: /engine-rest or Cockpit's /camunda/api/engine/engine/{name}; the rest is matched. */
  private static final Pattern API_ROOT = Pattern.compile("^(?:/engine-rest|/[^/]+/api/engine/engine/[^/]+)(/.*)$");
  private static final String ID = "[^/]+";
  private static final List<Correction> CORRECTIONS = List.of(
      new Correction("PUT|POST|DELETE",
          "/(process-instance|execution|task|case-instance|case-execution)/" + ID + "/(variables|localvariables)(/" + ID + "(/data)?)?"),
      new Correction("POST", "/process-instance/variables-async"),
      new Correction("POST", "/process-instance/" + ID + "/modification(-async)?"),
      new Correction("DELETE", "/process-instance/" + ID),
      new Correction("POST", "/process-instance/delete"),
      new Correction("POST", "/migration/execute(async)?"),
      new Correction("POST", "/modification/execute(async)?"),
      new Correction("POST", "/process-definition/" + ID + "/restart(-async)?"));

  private record Correction(String methods, String path) {
    boolean matches(String method, String apiPath) {
      return method.matches(methods) && apiPath.matches(path + "/?");
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String correction = correction(request.getMethod(), request.getRequestURI());
    if (correction == null) {
      chain.doFilter(request, response);
      return;
    }
    String reason = reason(request.getHeader(HEADER));
    if (reason == null) {
      refuse(response, correction);
      return;
    }
    ManualCorrection.begin(new ManualCorrection(reason, correction));
    try {
      chain.doFilter(request, response);
    } finally {
      ManualCorrection.end();
    }
  }

  /** "METHOD /path" of a manual correction (the path below the API root), or null for any other request. */
  static String correction(String method, String uri) {
    Matcher root = API_ROOT.matcher(AdminSetupLockdownFilter.normalise(uri));
    if (method == null || !root.matches()) {
      return null;
    }
    String verb = method.toUpperCase(Locale.ROOT);
    String path = root.group(1);
    for (Correction c : CORRECTIONS) {
      if (c.matches(verb, path)) {
        return verb + " " + path;
      }
    }
    return null;
  }

  /** The decoded, trimmed reason when it is long enough and not too long, else null. */
  static String reason(String header) {
    if (header == null) {
      return null;
    }
    String reason;
    try {
      reason = URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8).strip();
    } catch (IllegalArgumentException e) {
      return null;
    }
    return reason.length() >= MIN_LENGTH && reason.length() <= MAX_LENGTH ? reason : null;
  }

  private static void refuse(HttpServletResponse response, String correction) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String detail = FIELD + ": a manual correction (" + correction + ") needs the reason for the change in header "
        + HEADER + " (percent-encoded UTF-8, " + MIN_LENGTH + " to " + MAX_LENGTH + " characters); nothing was changed";
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\""
        + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"field\":\"" + FIELD + "\"}");
  }
}

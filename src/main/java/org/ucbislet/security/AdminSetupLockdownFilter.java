package org.ucbislet.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mitigation of CVE-2026-77226. Camunda Admin's setup endpoint
 * ({@code POST /camunda/api/admin/setup/{engine}/user/create}) lets an anonymous caller create an
 * administrator whenever {@code camunda-admin} has no direct member (for example after the last
 * member left it, or with administrators authorised by other means). This application always creates
 * its administrator at start-up, so the endpoint has no legitimate use: every request to it is refused
 * with 403, whatever the method, encoding or path tricks.
 */
public class AdminSetupLockdownFilter extends OncePerRequestFilter {

  static final String BLOCKED = "/api/admin/setup";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (normalise(request.getRequestURI()).contains(BLOCKED)) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
          + "\"detail\":\"Initial administrator setup is disabled: the administrator is created at start-up.\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Lower case, percent-decoded (repeatedly), without path parameters, with single slashes and "."/".." resolved. */
  public static String normalise(String uri) {
    String path = uri == null ? "" : uri;
    for (int i = 0; i < 3 && path.contains("%"); i++) {
      try {
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        break;
      }
    }
    path = path.replaceAll(";[^/]*", "").replace('\\', '/').replaceAll("/+", "/");
    return resolveDots(path).toLowerCase(Locale.ROOT);
  }

  /** The path with its "." and ".." segments resolved, as the servlet container does before mapping it. */
  static String resolveDots(String path) {
    java.util.Deque<String> segments = new java.util.ArrayDeque<>();
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        segments.pollLast();
      } else if (!segment.equals(".") && !segment.isEmpty()) {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments) + (path.endsWith("/") && !segments.isEmpty() ? "/" : "");
  }
}

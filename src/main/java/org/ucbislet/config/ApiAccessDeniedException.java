package org.ucbislet.config;

import java.util.List;

/**
 * A request to the application API that the caller may not make: 403 when the authenticated user is in none
 * of the required groups, 401 when no user is authenticated at all (normally already answered by the
 * authentication filter). Mapped to problem+json by {@code org.ucbislet.config.ApiProblemHandler}.
 */
public class ApiAccessDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean authenticated;

  private ApiAccessDeniedException(String message, boolean authenticated) {
    super(message);
    this.authenticated = authenticated;
  }

  static ApiAccessDeniedException notAuthenticated() {
    return new ApiAccessDeniedException("Authentication is required", false);
  }

  static ApiAccessDeniedException notInGroup(List<String> groupIds) {
    String groups = groupIds.size() == 1 ? "group '" + groupIds.get(0) + "'"
        : "one of the groups " + String.join(", ", groupIds.stream().map(g -> "'" + g + "'").toList());
    return new ApiAccessDeniedException("This request requires membership of " + groups, true);
  }

  /** Whether a user was authenticated (then the answer is 403, otherwise 401). */
  public boolean authenticated() {
    return authenticated;
  }
}

package org.ucbislet.config;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.Groups;

/**
 * Group checks for the application API ({@code /api/*}, design.md sections 4 and 6). The request was
 * authenticated by {@link RestAuthenticationConfig}'s filter (HTTP Basic against the engine's identity
 * service, 401 without valid credentials), which also put the user and group IDs into the identity
 * service for the duration of the request; this class reads them from there. A refusal is an
 * {@link ApiAccessDeniedException}, answered as 403 problem+json by {@code org.ucbislet.config.ApiProblemHandler}.
 */
@Component
public class ApiAccess {

  private final IdentityService identityService;

  public ApiAccess(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The current user, if a member of at least one of the groups.
   *
   * @throws ApiAccessDeniedException when nobody is authenticated, or the user is in none of the groups
   */
  public Authentication requireGroup(String... groupIds) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw ApiAccessDeniedException.notAuthenticated();
    }
    List<String> memberOf = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (Arrays.stream(groupIds).anyMatch(memberOf::contains)) {
      return authentication;
    }
    throw ApiAccessDeniedException.notInGroup(List.of(groupIds));
  }

  /** {@link #requireGroup(String...)} with the contract groups. */
  public Authentication requireGroup(Groups... groups) {
    return requireGroup(Arrays.stream(groups).map(Groups::id).toArray(String[]::new));
  }
}

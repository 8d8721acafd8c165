package org.ucbislet.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * Authentication of the application API ({@code /api/*}): the user signed in to the webapps (Cockpit's session, so
 * that Cockpit's "Children" pages and the auditor's download buttons call the API as the signed-in user), otherwise
 * HTTP Basic against the engine's identity service as before. Groups are then read by
 * {@code ProcessEngineAuthenticationFilter} from the identity service, for both ways alike.
 *
 * <p>Besides GETs, Cockpit's Amendments page POSTs a dry run (changes nothing) and an apply (needs the signer's password
 * in the body, docs/amendments.md) with the session; the webapps' session cookie is {@code SameSite=Lax}, so another
 * site's page cannot send it with a sub-request.
 */
public class WebappSessionOrBasicAuthenticationProvider implements AuthenticationProvider {

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    String user = sessionUser(request, engine);
    if (user != null && request.getHeader("Authorization") == null) {
      return AuthenticationResult.successful(user);
    }
    return basic.extractAuthenticatedUser(request, engine);
  }

  /** The user the webapps authenticated for this engine in the request's session, or null. */
  static String sessionUser(HttpServletRequest request, ProcessEngine engine) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
    return authentication == null ? null : authentication.getIdentityId();
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }
}

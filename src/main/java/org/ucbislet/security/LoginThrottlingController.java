package org.ucbislet.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.clinical.Groups;
import org.ucbislet.config.ApiAccess;

/**
 * {@code GET /api/security/login-throttling} (camunda-admin): what the login throttling of this node counts since its
 * start and which accounts and clients are delayed now, so an administrator sees an attack (docs/security.md).
 */
@RestController
public class LoginThrottlingController {

  private final LoginThrottle throttle;
  private final ApiAccess access;

  public LoginThrottlingController(LoginThrottle throttle, ApiAccess access) {
    this.throttle = throttle;
    this.access = access;
  }

  @GetMapping("/api/security/login-throttling")
  public Map<String, Object> status() {
    access.requireGroup(Groups.CAMUNDA_ADMIN);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("enabled", throttle.enabled());
    status.put("failedLogins", throttle.failedLogins());
    status.put("refusedLogins", throttle.refusedLogins());
    status.put("throttlesStarted", throttle.throttlesStarted());
    List<Map<String, Object>> throttled = throttle.throttled().stream().map(t -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scope", t.scope().name());
      row.put("account", t.account());
      row.put("client", t.client());
      row.put("failures", t.failures());
      row.put("until", t.until().toString());
      return row;
    }).toList();
    status.put("throttled", throttled);
    return status;
  }
}

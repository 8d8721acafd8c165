package org.ucbislet.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Authentication everywhere: {@code /engine-rest/*} and {@code /api/*} take HTTP Basic credentials
 * checked against the engine's identity service (401 without or with wrong ones); the engine's
 * authorizations then decide (403). The webapps keep their own session login, which {@code /api/*} accepts too.
 */
@Configuration
public class RestAuthenticationConfig {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("ucbi-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /**
   * The application API also accepts the webapps' signed-in user (Cockpit's Children pages, the auditor's download
   * buttons), see {@link WebappSessionOrBasicAuthenticationProvider}; HTTP Basic otherwise.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> apiAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("ucbi-api-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        WebappSessionOrBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** After authentication: it needs the authenticated user. */
  @Bean
  FilterRegistrationBean<ProtocolEventMessageFilter> protocolEventMessageFilter(IdentityService identity, ObjectMapper json) {
    FilterRegistrationBean<ProtocolEventMessageFilter> registration =
        new FilterRegistrationBean<>(new ProtocolEventMessageFilter(identity, json));
    registration.setName("ucbi-protocol-event-messages");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AdminSetupLockdownFilter> adminSetupLockdownFilter() {
    FilterRegistrationBean<AdminSetupLockdownFilter> registration = new FilterRegistrationBean<>(new AdminSetupLockdownFilter());
    registration.setName("ucbi-admin-setup-lockdown");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}

package org.ucbislet.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Login throttling ({@link LoginThrottle}) in front of the authentication filters, and the engine's permanent lock-out
 * off while it is on: the engine locks a user for good after {@code loginMaxAttempts} failures from anyone (issue 15
 * item 3: about 200 wrong passwords from an anonymous client locked a user until an administrator came). With
 * throttling on, {@code loginMaxAttempts} is {@link Integer#MAX_VALUE}: the engine keeps only its short per-account
 * delay after a wrong password (3 s doubling, at most {@code loginDelayMaxTime}, 60 s), which also covers a wrong
 * electronic-signature password, and ends by itself. With throttling off ({@code ucbi.login-throttling.enabled=false})
 * the engine's defaults apply.
 */
@Configuration
public class LoginThrottleConfig {

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle, ApplicationEventPublisher events,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<LoginThrottleFilter> registration =
        new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, events));
    registration.setName("ucbi-login-throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", webappPath + "/api/admin/auth/user/*");
    // after the admin-setup lockdown, before the login audit and the authentication filters
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  ProcessEnginePlugin engineLockOutNeutralised(LoginThrottleSettings settings) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (settings.enabled()) {
          configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        }
      }
    };
  }
}

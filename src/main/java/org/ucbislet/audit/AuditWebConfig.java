package org.ucbislet.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link AuditLoginFilter} on the webapps' login endpoint and {@link CorrectionReasonFilter} on the engine APIs. */
@Configuration
public class AuditWebConfig {

  @Bean
  FilterRegistrationBean<AuditLoginFilter> auditLoginFilter(AuditStore store,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<AuditLoginFilter> registration = new FilterRegistrationBean<>(new AuditLoginFilter(store));
    registration.setName("ucbi-audit-login");
    registration.addUrlPatterns(webappPath + "/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Records every refused write (issue 15 item 7). After the REST authentication (the user is known), before the
   * checks that refuse in filters (correction reason, protocol messages), so their refusals are recorded too.
   */
  @Bean
  FilterRegistrationBean<RefusedWriteAuditFilter> refusedWriteAuditFilter(AuditStore store,
      org.camunda.bpm.engine.IdentityService identity,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<RefusedWriteAuditFilter> registration =
        new FilterRegistrationBean<>(new RefusedWriteAuditFilter(store, identity, webappPath));
    registration.setName("ucbi-audit-refused-writes");
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*", webappPath + "/api/admin/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
    return registration;
  }

  /** After authentication (an anonymous request still gets 401), before the REST resources. */
  @Bean
  FilterRegistrationBean<CorrectionReasonFilter> correctionReasonFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<CorrectionReasonFilter> registration = new FilterRegistrationBean<>(new CorrectionReasonFilter());
    registration.setName("ucbi-correction-reason");
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
    return registration;
  }

  /** The signature of a manual correction, carried to the engine (issue 20; the engine checks it). */
  @Bean
  FilterRegistrationBean<CorrectionSignatureFilter> correctionSignatureFilter(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<CorrectionSignatureFilter> registration = new FilterRegistrationBean<>(new CorrectionSignatureFilter());
    registration.setName("ucbi-correction-signature");
    registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 99);
    return registration;
  }
}

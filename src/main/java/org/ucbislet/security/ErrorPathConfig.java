package org.ucbislet.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is the container's error page, reached by an internal error dispatch. Requested directly it used to
 * answer 500 ("status 999", issue 15 item 6): a client asking for it gets 404. Error dispatches are not filtered.
 */
@Configuration
public class ErrorPathConfig {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> directErrorPathFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws java.io.IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"NotFound\",\"message\":\"No such resource\"}");
      }
    });
    registration.setName("ucbi-direct-error-path");
    registration.addUrlPatterns("/error", "/error/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}

package org.ucbislet.config;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ucbislet.forms.FormValidationException;

/** Adjustments of Camunda's own REST API ({@code /engine-rest}). */
@Configuration
public class RestApiConfig {

  /**
   * Some engine REST resources (for example {@code POST /process-definition/key/{key}/start}) report
   * every engine exception as HTTP 500. A rejected form is the client's error: answer 400.
   */
  @Bean
  ResourceConfigCustomizer formValidationStatus() {
    return config -> config.register(new FormValidationStatusFilter());
  }

  static final class FormValidationStatusFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getEntity() instanceof ExceptionDto dto
          && dto.getCode() != null && dto.getCode() == FormValidationException.CODE) {
        response.setStatus(400);
        dto.setType(FormValidationException.class.getSimpleName());
        String message = dto.getMessage();
        int form = message == null ? -1 : message.indexOf(FormValidationException.MESSAGE_START);
        if (form > 0) { // drop the engine's listener wrapper, keep "Form 'x' rejected: field: problem; ..."
          String detail = message.substring(form);
          dto.setMessage(detail.endsWith("'") ? detail.substring(0, detail.length() - 1) : detail);
        }
      }
    }
  }
}

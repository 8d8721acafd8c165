package org.ucbislet.config;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.ucbislet.clinical.ClientError;
import org.ucbislet.clinical.FormValidationException;

/** Adjustments of Camunda's own REST API ({@code /engine-rest}). */
@Configuration
public class RestApiConfig {

  /**
   * Some engine REST resources (for example {@code POST /process-definition/key/{key}/start}) report
   * every engine exception as HTTP 500. A rejected form or a four-eyes violation is the client's
   * error: answer with the status its {@link ClientError} code carries (400, 403).
   */
  @Bean
  ResourceConfigCustomizer clientErrorStatus() {
    return config -> config.register(new ClientErrorStatusFilter()).register(new OrQueriesInQueryStringFilter())
        .register(new ClientErrorExceptionMapper()).register(new ClientErrorExceptionMapper.ForEngineExceptions());
  }

  /**
   * {@code GET /task?orQueries=...} cannot be bound by Camunda's REST layer and used to end in a 500
   * ("argument type mismatch"). "or" queries are only supported in a POST body: say so with 400.
   */
  static final class OrQueriesInQueryStringFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if ("GET".equals(request.getMethod()) && request.getUriInfo().getQueryParameters().containsKey("orQueries")) {
        ExceptionDto dto = new ExceptionDto();
        dto.setType("InvalidRequestException");
        dto.setMessage("orQueries: not supported as a query parameter; send the query as JSON in a POST body "
            + "(for example POST /engine-rest/task)");
        request.abortWith(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build());
      }
    }
  }

  static final class ClientErrorStatusFilter implements ContainerResponseFilter {

    private static final java.util.regex.Pattern REST_WRAPPER = java.util.regex.Pattern.compile(
        "^Cannot (?:instantiate process definition|submit task form|complete task|correlate message) \\S+?: ");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getEntity() instanceof ExceptionDto dto && ClientError.isClientErrorCode(dto.getCode())) {
        response.setStatus(dto.getCode() - ClientError.CODE_BASE);
        if (dto.getMessage() != null) { // the check's own message, without the REST resource's "Cannot ... <id>: "
          dto.setMessage(REST_WRAPPER.matcher(dto.getMessage()).replaceFirst(""));
        }
      }
      if (response.getEntity() instanceof ExceptionDto dto && Integer.valueOf(FormValidationException.CODE).equals(dto.getCode())) {
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

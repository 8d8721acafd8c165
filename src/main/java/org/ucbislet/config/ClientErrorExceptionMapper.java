package org.ucbislet.config;

import org.ucbislet.clinical.ClientError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Some engine REST resources (start form submission, process start) wrap every engine exception in a
 * {@link RestException} with status 500, which Camunda's handler logs as {@code ENGINE-REST-HTTP500} with a stack
 * trace. When the cause is a {@link ClientError} (a refused form, a duplicate enrolment, a refused path around the
 * protocol) this mapper answers its status with the check's own message instead, and logs one DEBUG line: a user's
 * mistake is not a server fault. Every other exception goes to Camunda's handler unchanged.
 */
@Priority(1)
public class ClientErrorExceptionMapper implements ExceptionMapper<RestException> {

  private static final Logger LOG = LoggerFactory.getLogger(ClientErrorExceptionMapper.class);

  @Override
  public Response toResponse(RestException exception) {
    return respond(exception);
  }

  /**
   * The same for an engine exception that a REST resource does not wrap (a message correlation, a variable change
   * refused by a check before the engine's command): Camunda's handler would log it as {@code ENGINE-REST-HTTP500}
   * with its stack trace and the refused values, though the status filter answers 400.
   */
  @Priority(1)
  public static final class ForEngineExceptions implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return respond(exception);
    }
  }

  static Response respond(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof ClientError clientError) {
        ExceptionDto dto = new ExceptionDto();
        dto.setType(t.getClass().getSimpleName());
        dto.setMessage(t.getMessage());
        dto.setCode(ClientError.codeFor(clientError.httpStatus()));
        LOG.debug("Refused ({}): {}", clientError.httpStatus(), t.getClass().getSimpleName());
        return Response.status(clientError.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }
}

package org.ucbislet.config;

import org.ucbislet.clinical.ClientError;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
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

  /** The engine's message for a password the policy refuses (SaveUserCmd), a plain ProcessEngineException. */
  static final String PASSWORD_POLICY = "Password does not match policy";
  /** The engine's code for a model resource it could not parse ("Could not parse 'x.bpmn'. DOCTYPE is disallowed..."). */
  static final String XML_PARSE = "ENGINE-09003 ";

  private static Response refusal(int status, String type, String message) {
    ExceptionDto dto = new ExceptionDto();
    dto.setType(type);
    dto.setMessage(message);
    LOG.debug("Refused ({}): {}", status, type);
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(dto).build();
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
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof NullValueException && t.getMessage() != null && t.getMessage().startsWith("Cannot find ")) {
        // "Cannot find task with id x: task is null": the thing does not exist (issue 15 item 6: was a 500)
        return refusal(404, "NotFound", t.getMessage().replaceFirst(": \\w+ is null$", ""));
      }
      if (t instanceof NullValueException) {
        return refusal(400, "InvalidRequestException", t.getMessage());
      }
      if (t instanceof org.camunda.bpm.engine.ParseException
          || t instanceof ProcessEngineException && t.getMessage() != null && t.getMessage().startsWith(XML_PARSE)) {
        // a deployment resource that is not acceptable XML, e.g. with a DOCTYPE (XXE is refused by the parser)
        return refusal(400, "InvalidRequestException", "deployment: " + t.getMessage());
      }
      if (t instanceof ProcessEngineException && PASSWORD_POLICY.equals(t.getMessage())) {
        return refusal(400, "InvalidRequestException", "password: does not meet the password policy (see GET "
            + "/engine-rest/identity/password-policy)");
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }
}

package org.ucbislet.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.ucbislet.clinical.InvalidInputException;

/**
 * Errors of the application API ({@code /api/*}, design.md section 6) as RFC 9457 problem+json, never a stack
 * trace: {@code status}, {@code title}, {@code detail} naming the field and the problem, and the extension
 * member {@code field} (the request field as spelled in the JSON, {@code counts.150-200} for a class count,
 * {@code body} for the body as a whole). Bad input (validation, malformed JSON, a wrong type, an unknown field)
 * is 400; a user outside the required groups is 403 (401 when nobody is authenticated).
 *
 * <p>Ordered first so that it, not Spring Boot's generic problem-details handler, answers unreadable bodies of
 * this application's controllers; everything it does not handle still gets Boot's problem+json.
 */
@RestControllerAdvice(basePackages = "org.ucbislet")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblemHandler {

  /** Problem member naming the offending request field. */
  public static final String FIELD = "field";
  static final String BODY = "body";

  private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);
  private static final int MAX_ECHOED_VALUE = 40;

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
    return badRequest(e.field(), e.problem());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadableJson(json);
    }
    return badRequest(BODY, "a readable JSON body is required");
  }

  @ExceptionHandler(JsonProcessingException.class)
  ResponseEntity<ProblemDetail> unreadableJson(JsonProcessingException e) {
    if (e instanceof JsonParseException parse) {
      return badRequest(BODY, "is not well-formed JSON" + where(parse.getLocation()));
    }
    if (e instanceof JsonMappingException mapping) {
      String field = path(mapping);
      if (mapping instanceof UnrecognizedPropertyException unknown) {
        return badRequest(field, "unknown field; expected one of " + names(unknown.getKnownPropertyIds()));
      }
      String problem = expected(mapping.getPath().isEmpty() ? Map.class : targetType(mapping));
      if (mapping instanceof InvalidFormatException format && format.getValue() != null) {
        problem += " (was " + echo(format.getValue()) + ")";
      }
      return badRequest(field, problem);
    }
    return badRequest(BODY, "is not readable JSON");
  }

  @ExceptionHandler(ApiAccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(ApiAccessDeniedException e) {
    HttpStatus status = e.authenticated() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(status.getReasonPhrase());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (!e.authenticated()) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"default\"");
    }
    return answer.body(problem);
  }

  /** HTTP 400 problem+json naming the field: the one shape of every bad-input answer of the application API. */
  public static ResponseEntity<ProblemDetail> badRequest(String field, String problem) {
    return badRequest(invalid(field, problem));
  }

  /** The problem of a bad input, for answers that add members before {@link #badRequest(ProblemDetail)}. */
  public static ProblemDetail invalid(String field, String problem) {
    LOG.debug("Bad API request: {}: {}", field, problem);
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + problem);
    detail.setTitle("Invalid request");
    detail.setProperty(FIELD, field);
    return detail;
  }

  public static ResponseEntity<ProblemDetail> badRequest(ProblemDetail detail) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
  }

  /** The JSON path of the failure, dotted: {@code recipientWeightKg}, {@code counts.50-100}, {@code body}. */
  private static String path(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return BODY;
    }
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static Class<?> targetType(JsonMappingException e) {
    return e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch ? mismatch.getTargetType() : null;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be a JSON array";
    }
    return "must be a JSON object";
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String names(Collection<Object> names) {
    return names == null ? "" : names.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String echo(Object value) {
    String text = String.valueOf(value);
    if (text.length() > MAX_ECHOED_VALUE) {
      text = text.substring(0, MAX_ECHOED_VALUE) + "...";
    }
    return value instanceof String ? "\"" + text + "\"" : text;
  }
}

package org.ucbislet.cordblood;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.clinical.Groups;
import org.ucbislet.clinical.InvalidInputException;
import org.ucbislet.config.ApiAccess;
import org.ucbislet.config.ApiProblemHandler;

/**
 * The cord blood bank API (design.md section 6): {@code POST /api/cord-blood/search} for {@code hla-lab} and
 * {@code transplant-physician}, {@code PUT /api/cord-blood/inventory} (CSV of section 7) for {@code camunda-admin}.
 * Others get 403, anonymous callers 401, before the body is read. Bad input is 400 problem+json naming the field
 * ({@code typing.B[0]}, {@code weightKg}, {@code header}, ...); while the inventory is loading at start-up, 503
 * problem+json "inventory loading" with {@code Retry-After}.
 */
@RestController
@RequestMapping("/api/cord-blood")
public class CordBloodController {

  static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
  private static final String RETRY_AFTER_SECONDS = "5";

  private final ApiAccess access;
  private final CordBloodSearch search;
  private final CordBloodInventoryService inventory;
  private final CordBloodSettings settings;
  private final ObjectReader requestReader;

  public CordBloodController(ApiAccess access, CordBloodSearch search, CordBloodInventoryService inventory,
                             CordBloodSettings settings, ObjectMapper objectMapper) {
    this.access = access;
    this.search = search;
    this.inventory = inventory;
    this.settings = settings;
    // an unknown field is refused, not ignored: a misspelt "weightKG" must not silently search without a weight
    this.requestReader = objectMapper.readerFor(SearchRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * The search request (design.md section 6): {@code typing} with the keys A, B, C and DRB1, each one or two WHO
   * allele names (the second null, empty or left out when homozygous); {@code weightKg}; optional {@code limit}
   * (default {@code ucbi.cord-blood.search.default-limit}, at most {@code ucbi.cord-blood.search.max-limit}).
   */
  public record SearchRequest(Map<String, List<String>> typing, BigDecimal weightKg, BigDecimal limit) {}

  @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
  public SearchAnswer search(@RequestBody(required = false) byte[] body) throws IOException {
    access.requireGroup(Groups.HLA_LAB, Groups.TRANSPLANT_PHYSICIAN);
    SearchRequest request = body == null || body.length == 0 ? null : requestReader.readValue(body);
    if (request == null) {
      throw new InvalidInputException("body", "a JSON object with typing and weightKg is required");
    }
    HlaTyping typing = typing(request.typing());
    double weightKg = weightKg(request.weightKg());
    int limit = limit(request.limit());
    return SearchAnswer.of(search.search(typing, weightKg, limit));
  }

  private static HlaTyping typing(Map<String, List<String>> typing) {
    if (typing == null) {
      throw new InvalidInputException("typing", "is required: {\"A\": [..], \"B\": [..], \"C\": [..], \"DRB1\": [..]}");
    }
    for (String key : typing.keySet()) {
      if (HlaLocus.ofLabel(key).isEmpty()) {
        throw new InvalidInputException("typing." + key, "unknown locus; expected A, B, C, DRB1");
      }
    }
    String[] alleles = new String[8];
    for (HlaLocus locus : HlaLocus.values()) {
      List<String> given = typing.get(locus.label());
      String field = "typing." + locus.label();
      if (given == null) {
        throw new InvalidInputException(field, "is required: one or two alleles, the second null or empty when homozygous");
      }
      if (given.isEmpty() || given.size() > 2) {
        throw new InvalidInputException(field, "must list one or two alleles (the second null or empty when homozygous), "
            + "found " + given.size());
      }
      alleles[2 * locus.ordinal()] = given.get(0);
      alleles[2 * locus.ordinal() + 1] = given.size() > 1 ? given.get(1) : null;
    }
    try {
      return HlaTyping.parse(alleles, (locus, position) -> "typing." + locus.label() + "[" + position + "]");
    } catch (HlaTyping.InvalidTypingException e) {
      throw new InvalidInputException(e.field(), e.problem());
    }
  }

  private static double weightKg(BigDecimal weightKg) {
    if (weightKg == null) {
      throw new InvalidInputException("weightKg", "is required (the recipient's weight in kg)");
    }
    if (weightKg.signum() <= 0) {
      throw new InvalidInputException("weightKg", "must be greater than 0 (kg), was " + weightKg.toPlainString());
    }
    double value = weightKg.doubleValue();
    if (!Double.isFinite(value) || value <= 0) {
      throw new InvalidInputException("weightKg", "must be a number of kilograms greater than 0");
    }
    return value;
  }

  private int limit(BigDecimal limit) {
    if (limit == null) {
      return settings.defaultLimit();
    }
    if (limit.stripTrailingZeros().scale() > 0 || limit.compareTo(BigDecimal.ONE) < 0
        || limit.compareTo(BigDecimal.valueOf(settings.maxLimit())) > 0) {
      throw new InvalidInputException("limit", "must be a whole number from 1 to " + settings.maxLimit() + ", was "
          + limit.toPlainString());
    }
    return limit.intValueExact();
  }

  /** Replaces the inventory by the valid rows of the CSV body; answers the counts and the rejected rows. */
  @PutMapping(path = "/inventory")
  public InventoryImport replaceInventory(HttpServletRequest request) throws IOException {
    Authentication user = access.requireGroup(Groups.CAMUNDA_ADMIN);
    requireCsv(request.getContentType());
    return inventory.replace(request.getInputStream(), user.getUserId());
  }

  private static void requireCsv(String contentType) {
    MediaType type;
    try {
      type = contentType == null ? null : MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    if (type == null || !TEXT_CSV.equalsTypeAndSubtype(type)
        || type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
      throw new UnsupportedInventoryType(contentType);
    }
  }

  /** A body that is not {@code text/csv} (UTF-8). */
  static class UnsupportedInventoryType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedInventoryType(String contentType) {
      super("Content-Type must be text/csv (UTF-8), was " + (contentType == null ? "none" : contentType));
    }
  }

  @ExceptionHandler(UnsupportedInventoryType.class)
  ResponseEntity<ProblemDetail> unsupportedType(UnsupportedInventoryType e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    problem.setTitle("Unsupported Media Type");
    problem.setProperty(ApiProblemHandler.FIELD, HttpHeaders.CONTENT_TYPE);
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.ACCEPT, TEXT_CSV.toString()).body(problem);
  }

  @ExceptionHandler(InventoryFileException.class)
  ResponseEntity<ProblemDetail> unreadableFile(InventoryFileException e) {
    return ApiProblemHandler.badRequest(e.field(), e.problem() + "; the inventory is unchanged");
  }

  @ExceptionHandler(InventoryRejectedException.class)
  ResponseEntity<ProblemDetail> everyRowRejected(InventoryRejectedException e) {
    InventoryImport outcome = e.outcome();
    ProblemDetail problem = ApiProblemHandler.invalid("body", e.getMessage());
    problem.setProperty("received", outcome.received());
    problem.setProperty("loaded", 0);
    problem.setProperty("rejected", outcome.rejected());
    problem.setProperty("rejectedRows", outcome.rejectedRows());
    problem.setProperty("rejectedRowsOmitted", outcome.rejectedRowsOmitted());
    return ApiProblemHandler.badRequest(problem);
  }

  @ExceptionHandler(InventoryNotReadyException.class)
  ResponseEntity<ProblemDetail> loading(InventoryNotReadyException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "inventory loading: " + e.getMessage() + "; try again shortly");
    problem.setTitle("Inventory loading");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
  }
}

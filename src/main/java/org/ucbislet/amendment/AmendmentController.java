package org.ucbislet.amendment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.audit.SignatureRefusedException;
import org.ucbislet.clinical.Groups;
import org.ucbislet.clinical.InvalidInputException;
import org.ucbislet.config.ApiAccess;
import org.ucbislet.config.ApiProblemHandler;

/**
 * Protocol amendments for the trial manager (docs/amendments.md): {@code GET /api/amendments} lists the deployed
 * amendments, {@code POST /api/amendments/{id}/dry-run} says for every running child (or the chosen ones) whether it
 * would move, where it would land and, if not, why (Camunda's validation report), changing nothing; {@code POST
 * /api/amendments/{id}/apply} migrates all or the chosen children with a reason, signed with the user's password.
 * Trial managers only (403 for everyone else, 401 without a user); the webapps' signed-in user or HTTP Basic.
 */
@RestController
@RequestMapping("/api/amendments")
public class AmendmentController {

  private static final Pattern BUSINESS_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final int MAX_CHILDREN = 100_000;

  private final ApiAccess access;
  private final AmendmentCatalog catalog;
  private final AmendmentService service;

  public AmendmentController(ApiAccess access, AmendmentCatalog catalog, AmendmentService service) {
    this.access = access;
    this.catalog = catalog;
    this.service = service;
  }

  /** Which children to work on: {@code subjectIds}, or {@code all: true}. */
  public record DryRunRequest(List<String> subjectIds) {}

  public record ApplyRequest(List<String> subjectIds, Boolean all, String reason, String signatureUserId,
                             String signaturePassword) {
    @Override
    public String toString() {
      return "ApplyRequest[" + subjectIds + ", all=" + all + ", signatureUserId=" + signatureUserId + "]"; // no password
    }
  }

  @GetMapping
  public Map<String, Object> amendments() {
    access.requireGroup(Groups.TRIAL_MANAGER);
    List<Map<String, Object>> list = new ArrayList<>();
    for (AmendmentCatalog.Entry e : service.withoutAuthorization(catalog::all)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("resourceName", e.resourceName());
      m.put("deploymentId", e.deploymentId());
      m.put("valid", e.amendment() != null);
      m.put("problems", e.problems());
      m.put("amendment", e.amendment());
      list.add(m);
    }
    return Map.of("amendments", list);
  }

  @GetMapping("/{id}")
  public Amendment amendment(@PathVariable String id) {
    access.requireGroup(Groups.TRIAL_MANAGER);
    return service.withoutAuthorization(() -> catalog.get(id));
  }

  @PostMapping("/{id}/dry-run")
  public MigrationReport dryRun(@PathVariable String id, @RequestBody(required = false) DryRunRequest request) {
    access.requireGroup(Groups.TRIAL_MANAGER);
    List<String> subjects = request == null ? null : subjects(request.subjectIds(), false);
    Amendment amendment = service.withoutAuthorization(() -> catalog.get(id));
    return service.dryRun(amendment, subjects);
  }

  @PostMapping("/{id}/apply")
  public MigrationReport apply(@PathVariable String id, @RequestBody(required = false) ApplyRequest request) {
    access.requireGroup(Groups.TRIAL_MANAGER);
    if (request == null) {
      throw new InvalidInputException("body", "is required: {\"subjectIds\": [...] or \"all\": true, \"reason\", "
          + "\"signatureUserId\", \"signaturePassword\"}");
    }
    boolean all = Boolean.TRUE.equals(request.all());
    if (all && request.subjectIds() != null) {
      throw new InvalidInputException("all", "give either subjectIds or all: true, not both");
    }
    List<String> subjects = all ? null : subjects(request.subjectIds(), true);
    Amendment amendment = service.withoutAuthorization(() -> catalog.get(id));
    return service.apply(amendment, subjects, request.reason(), request.signatureUserId(), request.signaturePassword());
  }

  private static List<String> subjects(List<String> ids, boolean required) {
    if (ids == null) {
      if (required) {
        throw new InvalidInputException("subjectIds", "is required: the children to migrate (or \"all\": true)");
      }
      return null;
    }
    if (ids.isEmpty()) {
      throw new InvalidInputException("subjectIds", "must name at least one child (or leave it out for all)");
    }
    if (ids.size() > MAX_CHILDREN) {
      throw new InvalidInputException("subjectIds", "at most " + MAX_CHILDREN + " children per request");
    }
    List<String> clean = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String s = ids.get(i);
      if (s == null || !BUSINESS_KEY.matcher(s.strip()).matches()) {
        throw new InvalidInputException("subjectIds[" + i + "]", "is not a subject ID (or donor ID)");
      }
      if (!clean.contains(s.strip())) {
        clean.add(s.strip());
      }
    }
    return clean;
  }

  @ExceptionHandler(AmendmentNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(AmendmentNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Unknown amendment");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(AmendmentFileException.class)
  ResponseEntity<ProblemDetail> invalidFile(AmendmentFileException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.problem());
    problem.setTitle("The deployed amendment file is not valid");
    problem.setProperty(ApiProblemHandler.FIELD, e.field());
    problem.setProperty("problems", e.problems());
    return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(SignatureRefusedException.class)
  ResponseEntity<ProblemDetail> signatureRefused(SignatureRefusedException e) {
    HttpStatus status = HttpStatus.valueOf(e.httpStatus());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage() + "; nothing was changed");
    problem.setTitle("Signature refused");
    problem.setProperty(ApiProblemHandler.FIELD, e.field());
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}

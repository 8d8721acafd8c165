package org.ucbislet.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.clinical.InvalidInputException;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.config.ApiAccess;
import org.ucbislet.clinical.Groups;

/**
 * The data behind Cockpit's "Children" pages (issue 19): {@code GET /api/children} lists every child, {@code GET
 * /api/children/{subjectId}} is one child's whole record. Trial managers, auditors and administrators only (403 for
 * the clinical groups, 401 without a user); the webapps' signed-in user or HTTP Basic. Each view of a child's record
 * is recorded in the audit log (entity {@code child-record}, event {@code view}: who, when, which subject).
 */
@RestController
@RequestMapping("/api/children")
public class ChildrenController {

  static final String CHILD_RECORD = "child-record";
  static final String VIEW = "view";
  private static final Pattern SUBJECT_ID = Pattern.compile(ProtocolVariables.SUBJECT_ID_PATTERN);
  private static final Pattern SEARCH = Pattern.compile("[A-Za-z0-9-]{1,9}");
  private static final Groups[] READERS = {Groups.TRIAL_MANAGER, Groups.AUDITOR, Groups.CAMUNDA_ADMIN};

  private final ApiAccess access;
  private final ChildRecords records;
  private final AuditStore store;

  public ChildrenController(ApiAccess access, ChildRecords records, AuditStore store) {
    this.access = access;
    this.records = records;
    this.store = store;
  }

  @GetMapping
  public Map<String, Object> children(@RequestParam(required = false) String subjectId) {
    Authentication user = access.requireGroup(READERS);
    String search = subjectId == null || subjectId.isBlank() ? null : subjectId.trim();
    if (search != null && !SEARCH.matcher(search).matches()) {
      throw new InvalidInputException("subjectId", "must be part of a subject ID (letters, digits and '-', at most 9)");
    }
    List<ChildRecords.ChildSummary> children = records.children(search);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("count", children.size());
    answer.put("viewer", viewer(user));
    answer.put("children", children);
    return answer;
  }

  @GetMapping("/{subjectId}")
  public Map<String, Object> child(@PathVariable String subjectId) {
    Authentication user = access.requireGroup(READERS);
    if (!SUBJECT_ID.matcher(subjectId).matches()) {
      throw new InvalidInputException("subjectId", "must be a subject ID like UCBI-0001");
    }
    ChildRecords.ChildRecord record = records.record(subjectId);
    if (record == null) {
      throw new ChildNotFoundException(subjectId);
    }
    store.appendNow(new AuditEvent(user.getUserId(), subjectId, null, null, null, CHILD_RECORD, null, VIEW,
        JsonNodeFactory.instance.objectNode().put("processInstances", record.processes().size())
            .put("timelineEntries", record.timeline().size())));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("subjectId", subjectId);
    answer.put("viewer", viewer(user));
    answer.put("record", record);
    return answer;
  }

  private static Map<String, Object> viewer(Authentication user) {
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    Map<String, Object> viewer = new LinkedHashMap<>();
    viewer.put("userId", user.getUserId());
    viewer.put("auditor", groups.contains(Groups.AUDITOR.id()));
    return viewer;
  }

  /** No process instance has the subject ID. */
  static final class ChildNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChildNotFoundException(String subjectId) {
      super("No child with subject ID " + subjectId);
    }
  }

  @ExceptionHandler(ChildNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(ChildNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not Found");
    problem.setProperty("field", "subjectId");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}

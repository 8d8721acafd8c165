package org.ucbislet.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.clinical.Groups;
import org.ucbislet.config.ApiAccess;

/**
 * The auditors' API (design.md sections 6 and 8), group {@code auditor} only (403 for others, 401 without
 * credentials): {@code GET /api/audit/export} streams the archive, {@code GET /api/audit/verify} checks the live
 * audit chain and every electronic signature in it ({@link SignatureVerifier}, as the offline verifier does). Bad parameters are answered 400 problem+json naming the parameter, before anything is written.
 *
 * <p>The export is written to the response in the request thread, not as an asynchronous
 * {@code StreamingResponseBody}, so that a long export is not cut by the asynchronous request timeout.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

  private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final ApiAccess access;
  private final AuditStore store;
  private final AuditExporter exporter;

  public AuditController(ApiAccess access, AuditStore store, AuditExporter exporter) {
    this.access = access;
    this.store = store;
    this.exporter = exporter;
  }

  @GetMapping("/verify")
  public Map<String, Object> verify() {
    access.requireGroup(Groups.AUDITOR);
    SignatureVerifier signatures = new SignatureVerifier();
    AuditChainVerifier.Result result = store.verify(signatures::accept);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("records", result.records());
    answer.put("head", result.head());
    answer.put("valid", result.valid() && signatures.problems().isEmpty());
    answer.put("chainValid", result.valid());
    answer.put("firstBrokenRecord", result.firstBrokenRecord());
    answer.put("problem", result.problem());
    answer.put("signatures", signatures.signatures());
    answer.put("signatureProblems", signatures.problems());
    return answer;
  }

  @GetMapping("/export")
  public void export(@RequestParam(required = false) String subjectId, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to, @RequestParam(required = false) String format,
                     HttpServletResponse response) throws IOException {
    Authentication user = access.requireGroup(Groups.AUDITOR);
    ExportFilters filters = ExportFilters.parse(subjectId, from, to, format);
    ExportFilters.Format kind = filters.format();
    String stamp = FILE_TIME.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String name = switch (kind) {
      case ZIP -> "ucbi-audit-export-" + stamp + ".zip";
      case JSON -> "ucbi-audit-export-" + stamp + ".json";
      case ODM -> "ucbi-audit.odm.xml";
      case FHIR -> "ucbi-audit.fhir.json";
    };
    response.setStatus(HttpStatus.OK.value());
    response.setContentType(switch (kind) {
      case ZIP -> "application/zip";
      case JSON -> MediaType.APPLICATION_JSON_VALUE;
      case ODM -> MediaType.APPLICATION_XML_VALUE;
      case FHIR -> "application/fhir+json";
    });
    if (kind != ExportFilters.Format.ZIP) {
      response.setCharacterEncoding("UTF-8");
    }
    response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    response.setHeader("Cache-Control", "no-store");
    ObjectNode changes = JsonNodeFactory.instance.objectNode().put("format", kind.name().toLowerCase(java.util.Locale.ROOT));
    changes.set("filters", filters.toJson());
    try {
      OutputStream out = response.getOutputStream();
      AuditExporter.Summary summary = switch (kind) {
        case ZIP -> exporter.writeZip(filters, user.getUserId(), out);
        case JSON -> exporter.writeJson(filters, user.getUserId(), out);
        case ODM -> exporter.writeOdm(filters, user.getUserId(), out);
        case FHIR -> exporter.writeFhir(filters, user.getUserId(), out);
      };
      out.flush();
      changes.put(kind == ExportFilters.Format.ZIP ? "manifestSha256" : "documentSha256", summary.manifestSha256());
      changes.put("auditHeadId", summary.head().id()).put("auditHeadHash", summary.head().hash());
      ObjectNode rows = changes.putObject("rows");
      summary.rows().forEach(rows::put);
      record(user.getUserId(), filters, "export", changes);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Audit export by {} failed: {}", user.getUserId(), e.toString());
      changes.put("failure", e.getClass().getSimpleName());
      record(user.getUserId(), filters, "export-failed", changes);
      throw e;
    }
  }

  private void record(String user, ExportFilters filters, String eventType, ObjectNode changes) {
    store.appendNow(new AuditEvent(user, filters.subjectId(), null, null, null, AuditEntities.EXPORT, null, eventType, changes));
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check of an export file: untouched passes; an edited, deleted or reordered row is found. */
class VerifyAuditExportTest {

  @TempDir
  Path dir;

  private final List<AuditRecord> chain = AuditTestRecords.chain(6);

  @Test
  void untouchedExportIsIntact() throws IOException {
    VerifyAuditExport.Report report = VerifyAuditExport.verify(export(rows(), null));

    assertThat(report.valid()).as(String.join("\n", report.lines())).isTrue();
    assertThat(report.lines()).anyMatch(l -> l.contains("6 records, intact"));
  }

  @Test
  void editedRowBreaksTheManifestHash() throws IOException {
    List<List<String>> rows = rows();
    rows.get(2).set(2, "trial-manager"); // the actor of record 3

    VerifyAuditExport.Report report = VerifyAuditExport.verify(export(rows, manifestOf(rows())));

    assertThat(report.valid()).isFalse();
    assertThat(report.lines()).anyMatch(l -> l.contains("audit-log.csv: SHA-256"));
    assertThat(report.firstBrokenRecord()).isEqualTo(3);
  }

  @Test
  void editedRowIsFoundEvenWithARecomputedManifest() throws IOException {
    List<List<String>> rows = rows();
    rows.get(2).set(10, rows.get(2).get(10).replace("33", "35"));

    VerifyAuditExport.Report report = VerifyAuditExport.verify(export(rows, null));

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBrokenRecord()).isEqualTo(3);
    assertThat(report.problem()).contains("record 3 was changed");
  }

  @Test
  void deletedRowIsFound() throws IOException {
    List<List<String>> rows = rows();
    rows.remove(3);

    VerifyAuditExport.Report report = VerifyAuditExport.verify(export(rows, null));

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBrokenRecord()).isEqualTo(5);
  }

  @Test
  void reorderedRowsAreFound() throws IOException {
    List<List<String>> rows = rows();
    Collections.swap(rows, 2, 3);

    VerifyAuditExport.Report report = VerifyAuditExport.verify(export(rows, null));

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBrokenRecord()).isEqualTo(4);
  }

  @Test
  void fileMissingFromTheArchiveIsFound() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(AuditExporter.AUDIT_LOG_FILE, csv(rows()));
    ObjectNode manifest = manifest(files);
    ((ArrayNode) manifest.get("files")).addObject().put("name", "tasks.csv").put("rows", 0).put("sha256", "00");

    VerifyAuditExport.Report report = VerifyAuditExport.verify(zip(files, manifest));

    assertThat(report.valid()).isFalse();
    assertThat(report.lines()).anyMatch(l -> l.contains("tasks.csv: listed in the manifest but missing"));
  }

  private List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    chain.forEach(r -> rows.add(new ArrayList<>(AuditExporter.auditRow(r))));
    return rows;
  }

  private Path export(List<List<String>> rows, ObjectNode manifest) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(AuditExporter.AUDIT_LOG_FILE, csv(rows));
    return zip(files, manifest != null ? manifest : manifest(files));
  }

  private ObjectNode manifestOf(List<List<String>> rows) throws IOException {
    return manifest(Map.of(AuditExporter.AUDIT_LOG_FILE, csv(rows)));
  }

  private ObjectNode manifest(Map<String, String> files) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = json.createObjectNode().put("format", AuditExporter.FORMAT_VERSION)
        .put("exportedAt", "2025-03-01T00:00:00Z").put("exportedBy", "auditor");
    manifest.putObject("filters");
    manifest.putObject("auditChain").put("complete", true).put("headId", chain.get(5).id()).put("headHash", chain.get(5).hash());
    ArrayNode list = manifest.putArray("files");
    files.forEach((name, content) -> list.addObject().put("name", name)
        .put("rows", content.isEmpty() ? 0 : new Csv.Parser(new java.io.StringReader(content)).next().size() > 0
            ? countRows(content) : 0)
        .put("sha256", AuditRecord.sha256Hex(content)));
    return manifest;
  }

  private static long countRows(String content) {
    Csv.Parser parser = new Csv.Parser(new java.io.StringReader(content));
    long rows = -1;
    while (parser.next() != null) {
      rows++;
    }
    return rows;
  }

  private static String csv(List<List<String>> rows) throws IOException {
    StringWriter out = new StringWriter();
    Csv.write(out, AuditExporter.AUDIT_COLUMNS);
    for (List<String> row : rows) {
      Csv.write(out, row);
    }
    return out.toString();
  }

  private Path zip(Map<String, String> files, ObjectNode manifest) throws IOException {
    Path file = Files.createTempFile(dir, "export", ".zip");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(AuditExporter.MANIFEST));
      zip.write(new ObjectMapper().writeValueAsBytes(manifest));
      zip.closeEntry();
    }
    return file;
  }
}

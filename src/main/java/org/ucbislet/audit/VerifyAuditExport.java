package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Offline check of an audit export ZIP: every file listed in {@code manifest.json} is present with the listed
 * row count and SHA-256, no unlisted file is present, and the hash chain of {@code audit-log.csv} holds (complete
 * from record 1 to the manifest's head for an unfiltered export; record by record and between consecutive IDs for
 * a filtered one). Prints a report; exit code 0 when the export is intact, 1 when it is not (with the first broken
 * record), 2 when the file cannot be read.
 *
 * <pre>java -cp target/ucb-islet-protocol-0.1.0-SNAPSHOT.jar -Dloader.main=org.ucbislet.audit.VerifyAuditExport \
 *     org.springframework.boot.loader.launch.PropertiesLauncher export.zip</pre>
 */
public final class VerifyAuditExport {

  /** The outcome: valid or not, the report lines, and for a broken chain the first broken record. */
  public record Report(boolean valid, List<String> lines, Long firstBrokenRecord, String problem) {}

  private VerifyAuditExport() {
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("Usage: VerifyAuditExport <export.zip>");
      System.exit(2);
    }
    Report report;
    try {
      report = verify(Path.of(args[0]));
    } catch (IOException | RuntimeException e) {
      System.err.println("Cannot read " + args[0] + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    PrintStream out = report.valid() ? System.out : System.err;
    report.lines().forEach(out::println);
    System.exit(report.valid() ? 0 : 1);
  }

  public static Report verify(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    List<String> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Long firstBroken = null;
    String chainProblem = null;
    SignatureVerifier signatures = new SignatureVerifier();
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      ZipEntry manifestEntry = zip.getEntry(AuditExporter.MANIFEST);
      if (manifestEntry == null) {
        throw new IOException("no " + AuditExporter.MANIFEST + " in the archive");
      }
      JsonNode manifest;
      try (InputStream in = zip.getInputStream(manifestEntry)) {
        manifest = new ObjectMapper().readTree(in);
      }
      lines.add("Export " + file.getFileName() + ": exported " + manifest.path("exportedAt").asText() + " by "
          + manifest.path("exportedBy").asText() + ", filters " + manifest.path("filters"));
      Set<String> listed = new HashSet<>();
      listed.add(AuditExporter.MANIFEST);
      JsonNode chain = manifest.path("auditChain");
      boolean complete = chain.path("complete").asBoolean(false);
      for (JsonNode f : manifest.path("files")) {
        String name = f.path("name").asText();
        listed.add(name);
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
          problems.add(name + ": listed in the manifest but missing");
          continue;
        }
        MessageDigest digest = AuditRecord.sha256();
        long rows;
        AuditChainVerifier.Result result = null;
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
          Csv.Parser csv = new Csv.Parser(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
          List<String> header = csv.next();
          if (AuditExporter.AUDIT_LOG_FILE.equals(name)) {
            if (!AuditExporter.AUDIT_COLUMNS.equals(header)) {
              problems.add(name + ": unexpected header " + header);
            }
            AuditChainVerifier verifier = new AuditChainVerifier(complete);
            rows = 0;
            for (List<String> row = csv.next(); row != null; row = csv.next()) {
              rows++;
              AuditRecord record = record(row, rows);
              verifier.accept(record);
              signatures.accept(record);
            }
            result = verifier.finish(complete ? chain.path("headHash").asText(null) : null,
                complete ? chain.path("headId").asLong() : null);
          } else {
            rows = 0;
            while (csv.next() != null) {
              rows++;
            }
          }
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String sha = HexFormat.of().formatHex(digest.digest());
        boolean shaOk = sha.equals(f.path("sha256").asText());
        boolean rowsOk = rows == f.path("rows").asLong(-1);
        lines.add(String.format("%-24s %8d rows  sha256 %s  %s", name, rows, sha,
            shaOk && rowsOk ? "OK" : "MISMATCH"));
        if (!rowsOk) {
          problems.add(name + ": " + rows + " rows, the manifest says " + f.path("rows").asLong(-1));
        }
        if (!shaOk) {
          problems.add(name + ": SHA-256 " + sha + ", the manifest says " + f.path("sha256").asText());
        }
        if (result != null) {
          lines.add("Audit chain (" + (complete ? "complete" : "filtered export: checked record by record and between "
              + "consecutive IDs") + "): " + result.records() + " records, "
              + (result.valid() ? "intact" : "BROKEN at record " + result.firstBrokenRecord() + ": " + result.problem()));
          if (!result.valid()) {
            firstBroken = result.firstBrokenRecord();
            chainProblem = result.problem();
            problems.add("audit chain broken at record " + firstBroken + ": " + chainProblem);
          }
        }
      }
      if (!listed.contains(AuditExporter.AUDIT_LOG_FILE)) {
        problems.add(AuditExporter.AUDIT_LOG_FILE + ": not listed in the manifest");
      }
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (!listed.contains(name)) {
          problems.add(name + ": in the archive but not in the manifest");
        }
      }
      signatures.manifestations().forEach(lines::add);
      lines.add("Electronic signatures: " + signatures.signatures() + " checked, "
          + (signatures.problems().isEmpty() ? "each bound to its values" : signatures.problems().size() + " problem(s)"));
      signatures.problems().forEach(p -> problems.add("signature: " + p));
      lines.add("Audit chain head in the manifest: record " + chain.path("headId").asText() + ", "
          + chain.path("headHash").asText());
    }
    problems.forEach(p -> lines.add("PROBLEM: " + p));
    lines.add(problems.isEmpty() ? "RESULT: export intact" : "RESULT: export NOT intact (" + problems.size() + " problem(s))");
    return new Report(problems.isEmpty(), lines, firstBroken, chainProblem != null ? chainProblem
        : problems.isEmpty() ? null : problems.get(0));
  }

  /** A row of audit-log.csv as a record (an unreadable ID or time makes a record that cannot verify). */
  private static AuditRecord record(List<String> row, long line) {
    if (row.size() != AuditExporter.AUDIT_COLUMNS.size()) {
      return new AuditRecord(-line, null, null, null, null, null, null, null, null, null,
          "row " + line + " has " + row.size() + " fields", null, null);
    }
    long id;
    try {
      id = Long.parseLong(row.get(0));
    } catch (NumberFormatException e) {
      id = -line;
    }
    Instant at;
    try {
      at = Instant.parse(row.get(1));
    } catch (DateTimeParseException e) {
      at = null;
    }
    return new AuditRecord(id, at, row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7), row.get(8),
        row.get(9), row.get(10), row.get(11), row.get(12));
  }
}

package org.ucbislet.report;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.ucbislet.audit.CohortReportExported;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.Groups;
import org.ucbislet.config.ApiAccess;

/**
 * {@code GET /api/reports/cohort}: the cohort report of the trial as it stands (real or simulated) as a ZIP of
 * {@code index.html}, the CSV files and the PNG charts, for the trial manager, the auditor and the administrator. It is
 * made from the history the user may read, and the download is recorded in the audit log (entity {@code export}).
 */
@RestController
@RequestMapping("/api/reports")
public class CohortReportController {

  private final ApiAccess access;
  private final ProcessEngine engine;
  private final ApplicationEventPublisher events;

  public CohortReportController(ApiAccess access, ProcessEngine engine, ApplicationEventPublisher events) {
    this.access = access;
    this.engine = engine;
    this.events = events;
  }

  @GetMapping("/cohort")
  public void cohort(HttpServletResponse response) throws IOException {
    Authentication user = access.requireGroup(Groups.TRIAL_MANAGER, Groups.AUDITOR, Groups.CAMUNDA_ADMIN);
    Path directory = Files.createTempDirectory("ucbi-cohort-report");
    try {
      CohortReport.Summary summary = new CohortReport(engine, ClinicalTimeZone.get()).write(directory);
      response.setContentType("application/zip");
      response.setHeader("Content-Disposition", "attachment; filename=\"ucbi-cohort-report-"
          + LocalDate.now(ClinicalTimeZone.get()) + ".zip\"");
      MessageDigest sha256 = sha256();
      long[] bytes = {0};
      OutputStream counting = new OutputStream() {
        private final OutputStream out = response.getOutputStream();

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          bytes[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          bytes[0] += len;
        }
      };
      try (ZipOutputStream zip = new ZipOutputStream(new DigestOutputStream(counting, sha256))) {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
          files = list.sorted().toList();
        }
        for (Path file : files) {
          zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
      events.publishEvent(new CohortReportExported(user.getUserId(), summary.children(), bytes[0],
          HexFormat.of().formatHex(sha256.digest())));
    } finally {
      try (Stream<Path> list = Files.list(directory)) {
        for (Path file : list.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(directory);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A large-ish history (6,000 records of 200 children) is written as ODM and FHIR in many small writes while the
 * rows are read: no write comes near the size of the document, so nothing holds the whole export in memory.
 */
class AuditStreamingExportTest {

  private static final int SUBJECTS = 200;
  private static final int PER_SUBJECT = 30;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void history() {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:ucbi-streaming-export;DB_CLOSE_DELAY=-1");
    jdbc = new JdbcTemplate(data);
    jdbc.setFetchSize(AuditExporter.FETCH_SIZE);
    AuditStore.SCHEMA.forEach(jdbc::execute);
    List<Object[]> rows = new ArrayList<>();
    long id = 0;
    for (int s = 0; s < SUBJECTS; s++) {
      for (int i = 0; i < PER_SUBJECT; i++) {
        boolean decision = i % 10 == 9;
        String changes = decision
            ? "{\"decisionKey\":\"eligibility\",\"inputs\":{\"age\":" + i + "},\"outputs\":[{\"name\":\"eligible\",\"value\":true}]}"
            : "{\"name\":\"field" + (i % 7) + "\",\"type\":\"string\",\"oldValue\":null,\"newValue\":\"" + "v".repeat(200) + i + "\"}";
        rows.add(new Object[] {++id, Timestamp.from(Instant.parse("2025-03-01T08:00:00Z").plusSeconds(id)), "user" + (i % 3),
            String.format("UCBI-%04d", s), "screening", "pi-" + s, decision ? "Task_Decide" : "Task_Form" + (i % 2),
            decision ? AuditEntities.DECISION : AuditEntities.VARIABLE, "e-" + id, decision ? "evaluate" : "create",
            changes, "0", "0"});
      }
    }
    jdbc.batchUpdate("INSERT INTO " + AuditStore.LOG + " (" + AuditStore.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  @Test
  void odmIsWrittenInSmallPiecesWhileReading() throws Exception {
    Recording out = new Recording();
    long groups = new AuditOdmWriter(jdbc).write(ExportFilters.parse(null, null, null, "odm"),
        new AuditStore.Head(SUBJECTS * PER_SUBJECT, "0"), Instant.now(), "auditor", out);

    assertThat(groups).isEqualTo((long) SUBJECTS * PER_SUBJECT);
    assertThat(out.total).isGreaterThan(3_000_000);
    assertThat(out.largest).isLessThan(64 * 1024 + 1);
    assertThat(out.writes).isGreaterThan(30);
    assertThat(OdmStructure.all(OdmStructure.check(out.bytes()), "SubjectData")).hasSize(SUBJECTS);
  }

  @Test
  void fhirIsWrittenInSmallPiecesWhileReading() throws Exception {
    Recording out = new Recording();
    JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    long[] counts = new AuditFhirWriter(jdbc).write(ExportFilters.parse(null, null, null, "fhir"),
        new AuditStore.Head(SUBJECTS * PER_SUBJECT, "0"), Instant.now(), json);
    json.flush();

    assertThat(counts[0]).isEqualTo((long) SUBJECTS * PER_SUBJECT);
    assertThat(counts[1]).isEqualTo((long) SUBJECTS * PER_SUBJECT);
    assertThat(out.total).isGreaterThan(3_000_000);
    assertThat(out.largest).isLessThan(64 * 1024 + 1);
    assertThat(FhirStructure.parse(new String(out.bytes(), java.nio.charset.StandardCharsets.UTF_8)).getEntry())
        .hasSize(2 * SUBJECTS * PER_SUBJECT);
  }

  /** Counts the writes; keeps a copy only to check the document afterwards. */
  private static final class Recording extends OutputStream {
    final java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
    long total;
    long largest;
    long writes;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      total += len;
      writes++;
      largest = Math.max(largest, len);
      copy.write(b, off, len);
    }

    byte[] bytes() {
      return copy.toByteArray();
    }
  }
}

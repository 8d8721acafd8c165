import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline of the audit export benchmark: a plain JDBC dump of the history tables the export reads, each
 * table written as an RFC 4180 CSV (header row, CRLF, quoted when needed), all in one read-only repeatable-read
 * transaction with a fetch size, as the export does. No joins, no formatting of values (JDBC getString).
 * Prints one line per table and a total line "raw rows=<n> bytes=<n> ms=<n>" (time from connect to the last
 * file closed, without JVM start).
 *
 * Usage: RawJdbcDump jdbcUrl user outDir
 */
public class RawJdbcDump {

  static final List<String> TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_DETAIL",
      "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT", "ACT_HI_INCIDENT", "ACT_HI_OP_LOG", "UCBI_AUDIT_LOG");

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    long total = 0;
    long bytes = 0;
    try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      for (String table : TABLES) {
        long rows = 0;
        Path file = out.resolve(table.toLowerCase() + ".csv");
        try (Statement s = c.createStatement();
             BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
          s.setFetchSize(1000);
          try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
              if (i > 1) {
                w.write(',');
              }
              w.write(csv(md.getColumnLabel(i)));
            }
            w.write("\r\n");
            while (rs.next()) {
              for (int i = 1; i <= n; i++) {
                if (i > 1) {
                  w.write(',');
                }
                String value = rs.getString(i);
                if (value != null) {
                  w.write(csv(value));
                }
              }
              w.write("\r\n");
              rows++;
            }
          }
        }
        total += rows;
        bytes += Files.size(file);
        System.out.printf("table %s %d%n", table, rows);
      }
      c.commit();
    }
    System.out.printf("raw rows=%d bytes=%d ms=%.1f%n", total, bytes, (System.nanoTime() - t0) / 1e6);
  }

  static String csv(String v) {
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char ch = v.charAt(i);
      quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
    }
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }
}

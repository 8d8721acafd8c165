package org.ucbislet.audit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted (with inner quotes doubled)
 * when it contains a comma, a quote, CR or LF. An absent value is an empty field.
 */
public final class Csv {

  private Csv() {
  }

  public static void write(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String value = fields.get(i);
      if (value == null) {
        continue;
      }
      if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(value);
      }
    }
    out.write("\r\n");
  }

  /** Reads records one by one (quoted fields may span lines). */
  static final class Parser {
    private final Reader in;
    private int peeked = -2;

    Parser(Reader in) {
      this.in = in;
    }

    /** The next record, or null at the end of the input. */
    List<String> next() {
      try {
        int c = read();
        if (c == -1) {
          return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
          if (quoted) {
            if (c == -1) {
              throw new IllegalArgumentException("CSV: unterminated quoted field");
            }
            if (c == '"') {
              int d = read();
              if (d == '"') {
                field.append('"');
              } else {
                quoted = false;
                c = d;
                continue;
              }
            } else {
              field.append((char) c);
            }
          } else if (c == '"' && field.length() == 0 && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
            wasQuoted = false;
          } else if (c == '\r' || c == '\n' || c == -1) {
            if (c == '\r') {
              int d = read();
              if (d != '\n') {
                peeked = d;
              }
            }
            fields.add(field.toString());
            return fields;
          } else {
            field.append((char) c);
          }
          c = read();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int c = peeked;
        peeked = -2;
        return c;
      }
      return in.read();
    }
  }
}

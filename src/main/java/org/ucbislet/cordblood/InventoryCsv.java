package org.ucbislet.cordblood;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a cord blood inventory in the CSV format of design.md section 7 and checks every row. Plain Java, no
 * engine, no database: the result is the valid units (compact, {@link InventoryRows}) and the rejected rows.
 *
 * <p>The file: UTF-8 text (a byte order mark is allowed), RFC 4180 (comma separated, fields may be quoted with
 * {@code "}, {@code ""} inside quotes is a quote), LF or CRLF line ends. The first row is exactly the header
 * {@value #HEADER}. Blank lines are skipped. Each cell is trimmed of surrounding spaces.
 *
 * <p>A row is rejected, with every problem it has, when: it has not 13 columns; {@code bank} or {@code unitId} is
 * missing or not 1-32 (bank) / 1-64 (unit ID) letters, digits, '.', '_' or '-' starting with a letter or digit; a
 * first allele ({@code A1}, {@code B1}, {@code C1}, {@code DRB1_1}) is missing; an allele is not a WHO name
 * ({@link HlaAllele}) or belongs to another locus than its column; {@code tncTotal} or {@code cd34Total} is not a
 * decimal number (e.g. {@code 1.8E9}) greater than 0, or CD34+ cells exceed the nucleated cells (CD34+ cells are
 * nucleated cells); {@code collectionDate} is not an ISO date ({@code 2019-04-30}) or lies after today. Of several
 * otherwise valid rows with the same bank and unit ID, the first is loaded and each later one is rejected as a
 * duplicate of it. A second allele left empty means homozygous.
 *
 * <p>A file that cannot be read at all (empty, a wrong header, not UTF-8 text, binary content) is an
 * {@link InventoryFileException}: nothing of it is used.
 */
public final class InventoryCsv {

  public static final String HEADER = "bank,unitId,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate";
  static final String[] COLUMNS = HEADER.split(",");
  private static final Pattern BANK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
  private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final int MAX_ECHOED = 40;

  /** What a read found. {@code rejectedRows} holds the first rejections by row, at most the cap asked for. */
  public record Result(InventoryRows units, int received, int rejected, List<RejectedRow> rejectedRows) {
    public int loaded() {
      return units.size();
    }

    /** Rejections not listed in {@link #rejectedRows()} because of the cap. */
    public int rejectedRowsOmitted() {
      return rejected - rejectedRows.size();
    }
  }

  private InventoryCsv() {
  }

  /**
   * Reads and checks the whole file.
   *
   * @param today collection dates after this day are rejected
   * @param maxListed how many rejected rows to list (the count covers all)
   * @throws InventoryFileException when the file cannot be read at all
   */
  public static Result read(InputStream in, LocalDate today, int maxListed) {
    return read(in, today, maxListed, Integer.MAX_VALUE);
  }

  /**
   * As {@link #read(InputStream, LocalDate, int)}, refusing a file with more than {@code maxRows} data rows.
   *
   * @throws InventoryFileException when the file cannot be read at all or is too large
   */
  public static Result read(InputStream in, LocalDate today, int maxListed, int maxRows) {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    Records records = new Records(reader);
    try {
      List<String> header = records.next();
      if (header == null || header.size() == 1 && header.get(0).isEmpty() && records.atEnd()) {
        throw new InventoryFileException("body", "is empty: a CSV file starting with the header " + HEADER + " is required");
      }
      if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
        header.set(0, header.get(0).substring(1));
      }
      String found = String.join(",", header);
      if (!HEADER.equals(found)) {
        throw new InventoryFileException("header", "the first row must be " + HEADER + ", found '" + (found.length() <= 200 ? found : found.substring(0, 200) + "...") + "'");
      }
      InventoryRows units = new InventoryRows();
      List<RejectedRow> rejected = new ArrayList<>();
      int rejectedCount = 0;
      int received = 0;
      List<String> cells;
      while ((cells = records.next()) != null) {
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue; // blank line
        }
        received++;
        if (received > maxRows) {
          throw new InventoryFileException("body", "has more than " + maxRows + " data rows, the most an import may have "
              + "(ucbi.cord-blood.inventory.max-rows); nothing was changed");
        }
        RejectedRow problem = add(units, records.row(), cells, today);
        if (problem != null) {
          rejectedCount++;
          if (rejected.size() < maxListed) {
            rejected.add(problem);
          }
        }
      }
      rejectedCount += removeDuplicates(units, rejected, maxListed);
      return new Result(units, received, rejectedCount, List.copyOf(rejected));
    } catch (CharacterCodingException e) {
      throw new InventoryFileException("body", "is not UTF-8 text (bad byte sequence in row " + records.row() + ")");
    } catch (IOException e) {
      throw new InventoryFileException("body", "could not be read: " + e.getMessage());
    }
  }

  /** Checks one row and adds it when valid; otherwise answers why not. */
  private static RejectedRow add(InventoryRows units, int row, List<String> cells, LocalDate today) {
    String bank = cells.get(0).trim();
    String unitId = cells.size() > 1 ? cells.get(1).trim() : "";
    if (cells.size() != COLUMNS.length) {
      return new RejectedRow(row, echo(bank), echo(unitId), "expected " + COLUMNS.length + " columns, found " + cells.size());
    }
    List<String> problems = new ArrayList<>();
    if (bank.isEmpty()) {
      problems.add("bank is required");
    } else if (!BANK.matcher(bank).matches()) {
      problems.add("bank " + quoted(bank) + " must be 1-32 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (unitId.isEmpty()) {
      problems.add("unitId is required");
    } else if (!UNIT_ID.matcher(unitId).matches()) {
      problems.add("unitId " + quoted(unitId) + " must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    HlaAllele[] alleles = new HlaAllele[InventoryRows.ALLELES];
    for (int k = 0; k < InventoryRows.ALLELES; k++) {
      HlaLocus locus = HlaLocus.values()[k / 2];
      String column = COLUMNS[2 + k];
      String name = cells.get(2 + k).trim();
      if (name.isEmpty()) {
        if (k % 2 == 0) {
          problems.add(column + " is required (the first allele of locus " + locus.label() + ")");
        }
        continue;
      }
      HlaAllele known = units.known(locus, name);
      if (known != null) {
        alleles[k] = known;
        continue;
      }
      try {
        alleles[k] = HlaAllele.parse(name, locus);
      } catch (HlaNomenclatureException e) {
        problems.add(column + ": " + e.getMessage());
      }
    }
    double tnc = cellCount(problems, "tncTotal", cells.get(10).trim());
    double cd34 = cellCount(problems, "cd34Total", cells.get(11).trim());
    if (tnc > 0 && cd34 > tnc) {
      problems.add("cd34Total " + cells.get(11).trim() + " exceeds tncTotal " + cells.get(10).trim()
          + " (CD34+ cells are nucleated cells)");
    }
    LocalDate collected = date(problems, cells.get(12).trim(), today);
    if (!problems.isEmpty()) {
      return new RejectedRow(row, echo(bank), echo(unitId), String.join("; ", problems));
    }
    units.add(row, bank, unitId, alleles, tnc, cd34, collected);
    return null;
  }

  private static double cellCount(List<String> problems, String column, String text) {
    if (text.isEmpty()) {
      problems.add(column + " is required (cells, e.g. 1.8E9)");
      return Double.NaN;
    }
    if (!DECIMAL.matcher(text).matches()) {
      problems.add(column + " " + quoted(text) + " is not a number of cells (e.g. 1.8E9)");
      return Double.NaN;
    }
    double value = Double.parseDouble(text);
    if (!(value > 0) || Double.isInfinite(value)) {
      problems.add(column + " must be a number of cells greater than 0, was " + echo(text));
      return Double.NaN;
    }
    return value;
  }

  private static LocalDate date(List<String> problems, String text, LocalDate today) {
    if (text.isEmpty()) {
      problems.add("collectionDate is required (YYYY-MM-DD)");
      return null;
    }
    try {
      LocalDate date = ISO_DATE.matcher(text).matches()
          ? LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
              Integer.parseInt(text.substring(8, 10)))
          : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
      if (date.isAfter(today)) {
        problems.add("collectionDate " + text + " is in the future");
      }
      return date;
    } catch (DateTimeException e) {
      problems.add("collectionDate " + quoted(text) + " is not an ISO date (YYYY-MM-DD)");
      return null;
    }
  }

  /** Drops every later row of a bank + unit ID; lists them among the rejections in row order; answers how many. */
  private static int removeDuplicates(InventoryRows units, List<RejectedRow> rejected, int maxListed) {
    int[] duplicateOf = units.duplicateOf();
    BitSet drop = new BitSet(units.size());
    List<RejectedRow> duplicates = new ArrayList<>();
    for (int i = 0; i < duplicateOf.length; i++) {
      if (duplicateOf[i] >= 0) {
        drop.set(i);
        int first = units.sourceRow(duplicateOf[i]);
        duplicates.add(new RejectedRow(units.sourceRow(i), units.bank(i), units.unitId(i), "duplicate of row " + first
            + ": bank " + units.bank(i) + " unit " + units.unitId(i) + " is loaded from row " + first));
      }
    }
    if (!duplicates.isEmpty()) {
      rejected.addAll(duplicates);
      rejected.sort(Comparator.comparingInt(RejectedRow::row));
      while (rejected.size() > maxListed) {
        rejected.remove(rejected.size() - 1);
      }
      units.remove(drop);
    }
    return duplicates.size();
  }

  private static String quoted(String text) {
    return "'" + echo(text) + "'";
  }

  private static String echo(String text) {
    return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED) + "...";
  }

  /** RFC 4180 records from a reader, counting rows (records) from 1. */
  private static final class Records {
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int length;
    private int row;

    Records(Reader in) {
      this.in = in;
    }

    int row() {
      return row;
    }

    boolean atEnd() throws IOException {
      return peek() < 0;
    }

    private int peek() throws IOException {
      while (position == length) {
        length = in.read(buffer, 0, buffer.length);
        position = 0;
        if (length < 0) {
          length = 0;
          return -1;
        }
      }
      return buffer[position];
    }

    private int read() throws IOException {
      int c = peek();
      if (c >= 0) {
        position++;
        if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
          throw new InventoryFileException("body", "is not CSV text (control character in row " + row + ")");
        }
      }
      return c;
    }

    /** The next record's cells, or null at the end. */
    List<String> next() throws IOException {
      if (peek() < 0) {
        return null;
      }
      row++;
      List<String> cells = new ArrayList<>(13);
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (true) {
        int c = read();
        if (quoted) {
          if (c < 0) {
            throw new InventoryFileException("body", "has a quoted field that is never closed (from row " + row + ")");
          }
          if (c == '"') {
            if (peek() == '"') {
              read();
              cell.append('"');
            } else {
              quoted = false;
            }
          } else {
            cell.append((char) c);
          }
          continue;
        }
        if (c < 0 || c == '\n') {
          cells.add(finish(cell, wasQuoted));
          return cells;
        }
        if (c == '\r') {
          if (peek() == '\n') {
            read();
          }
          cells.add(finish(cell, wasQuoted));
          return cells;
        }
        if (c == ',') {
          cells.add(finish(cell, wasQuoted));
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '"' && cell.toString().isBlank()) {
          cell.setLength(0);
          quoted = true;
          wasQuoted = true;
        } else {
          cell.append((char) c);
        }
      }
    }

    private static String finish(StringBuilder cell, boolean wasQuoted) {
      return wasQuoted ? cell.toString() : cell.toString().trim();
    }
  }
}

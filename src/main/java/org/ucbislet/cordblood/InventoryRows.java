package org.ucbislet.cordblood;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cord blood units as read from the inventory CSV or the database, in a compact column form (about 70 bytes a
 * unit: dictionary-coded banks and allele names, unit IDs in one byte array), from which the database rows and the
 * search index are built. Alleles keep their full names (three or four fields, suffix) for the database; the index
 * matches on their first two fields. Append-only while reading; not thread-safe.
 */
public final class InventoryRows {

  static final int ALLELES = 8;

  private int size;
  private int[] sourceRow = new int[1024];
  private int[] bank = new int[1024];
  private byte[] ids = new byte[16 * 1024];
  private int[] idEnd = new int[1024];
  private int[][] allele = new int[ALLELES][1024];
  private double[] tnc = new double[1024];
  private double[] cd34 = new double[1024];
  private long[] collectionDay = new long[1024];

  private final List<String> banks = new ArrayList<>();
  private final Map<String, Integer> bankCodes = new HashMap<>();
  private final List<List<HlaAllele>> alleleNames = new ArrayList<>();
  private final List<Map<String, Integer>> alleleCodes = new ArrayList<>();

  public InventoryRows() {
    for (int i = 0; i < HlaLocus.values().length; i++) {
      alleleNames.add(new ArrayList<>());
      alleleCodes.add(new HashMap<>());
    }
  }

  /**
   * Appends one unit.
   *
   * @param sourceRow the row of the CSV file (header = 1) or of the table read, for messages
   * @param alleles A1, A2, B1, B2, C1, C2, DRB1_1, DRB1_2; a second allele may be null (homozygous)
   */
  public void add(int sourceRow, String bankId, String unitId, HlaAllele[] alleles, double tncTotal, double cd34Total,
                  LocalDate collectionDate) {
    if (alleles.length != ALLELES) {
      throw new IllegalArgumentException("eight alleles are required");
    }
    grow();
    int i = size;
    this.sourceRow[i] = sourceRow;
    this.bank[i] = bankCodes.computeIfAbsent(bankId, b -> {
      banks.add(b);
      return banks.size() - 1;
    });
    byte[] id = unitId.getBytes(StandardCharsets.UTF_8);
    int start = i == 0 ? 0 : idEnd[i - 1];
    if (start + id.length > ids.length) {
      ids = Arrays.copyOf(ids, Math.max(ids.length * 2, start + id.length));
    }
    System.arraycopy(id, 0, ids, start, id.length);
    idEnd[i] = start + id.length;
    for (int k = 0; k < ALLELES; k++) {
      HlaAllele a = alleles[k];
      HlaLocus locus = HlaLocus.values()[k / 2];
      if (a == null) {
        if (k % 2 == 0) {
          throw new IllegalArgumentException("the first allele of locus " + locus.label() + " is required");
        }
        allele[k][i] = -1;
      } else {
        if (a.locus() != locus) {
          throw new IllegalArgumentException(a + " is not an allele of locus " + locus.label());
        }
        List<HlaAllele> names = alleleNames.get(locus.ordinal());
        allele[k][i] = alleleCodes.get(locus.ordinal()).computeIfAbsent(a.name(), n -> {
          names.add(a);
          return names.size() - 1;
        });
      }
    }
    this.tnc[i] = tncTotal;
    this.cd34[i] = cd34Total;
    this.collectionDay[i] = collectionDate.toEpochDay();
    size++;
  }

  private void grow() {
    if (size < sourceRow.length) {
      return;
    }
    int n = sourceRow.length * 2;
    sourceRow = Arrays.copyOf(sourceRow, n);
    bank = Arrays.copyOf(bank, n);
    idEnd = Arrays.copyOf(idEnd, n);
    for (int k = 0; k < ALLELES; k++) {
      allele[k] = Arrays.copyOf(allele[k], n);
    }
    tnc = Arrays.copyOf(tnc, n);
    cd34 = Arrays.copyOf(cd34, n);
    collectionDay = Arrays.copyOf(collectionDay, n);
  }

  /**
   * For each row, the position of the first earlier row with the same bank and unit ID, or -1: the first row of a
   * bank + unit ID is the one kept (rows are appended in file order).
   */
  public int[] duplicateOf() {
    int[] duplicateOf = new int[size];
    Arrays.fill(duplicateOf, -1);
    // open addressing on a hash of bank + unit ID; rows are visited in order, so the first row of a key is kept
    int capacity = Integer.highestOneBit(Math.max(4, size) * 2) * 2;
    int[] slots = new int[capacity]; // row + 1, 0 = empty
    for (int i = 0; i < size; i++) {
      int start = i == 0 ? 0 : idEnd[i - 1];
      int h = bank[i];
      for (int k = start; k < idEnd[i]; k++) {
        h = 31 * h + ids[k];
      }
      int slot = (h ^ (h >>> 16)) & (capacity - 1);
      while (true) {
        int other = slots[slot] - 1;
        if (other < 0) {
          slots[slot] = i + 1;
          break;
        }
        if (bank[other] == bank[i] && compareUnitIds(other, i) == 0) {
          duplicateOf[i] = other;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
    }
    return duplicateOf;
  }

  /** Removes the rows marked in {@code drop}, keeping the order of the others. */
  public void remove(java.util.BitSet drop) {
    if (drop.isEmpty()) {
      return;
    }
    int j = 0;
    int idTo = 0;
    for (int i = 0; i < size; i++) {
      if (drop.get(i)) {
        continue;
      }
      int idStart = i == 0 ? 0 : idEnd[i - 1];
      int idLength = idEnd[i] - idStart;
      System.arraycopy(ids, idStart, ids, idTo, idLength);
      idTo += idLength;
      sourceRow[j] = sourceRow[i];
      bank[j] = bank[i];
      for (int k = 0; k < ALLELES; k++) {
        allele[k][j] = allele[k][i];
      }
      tnc[j] = tnc[i];
      cd34[j] = cd34[i];
      collectionDay[j] = collectionDay[i];
      idEnd[j] = idTo; // written after reading idEnd[i - 1] above: j <= i
      j++;
    }
    size = j;
  }

  /** A parsed allele, interned: the same name gives the same object (so a million units share a few hundred). */
  public HlaAllele known(HlaLocus locus, String name) {
    Integer code = alleleCodes.get(locus.ordinal()).get(name);
    return code == null ? null : alleleNames.get(locus.ordinal()).get(code);
  }

  public int size() {
    return size;
  }

  public int sourceRow(int i) {
    return sourceRow[i];
  }

  public String bank(int i) {
    return banks.get(bank[i]);
  }

  int bankCode(int i) {
    return bank[i];
  }

  List<String> banks() {
    return banks;
  }

  public String unitId(int i) {
    int start = i == 0 ? 0 : idEnd[i - 1];
    return new String(ids, start, idEnd[i] - start, StandardCharsets.UTF_8);
  }

  /** Compares the unit IDs of two rows as {@link String#compareTo} would (the IDs are ASCII). */
  int compareUnitIds(int i, int j) {
    int si = i == 0 ? 0 : idEnd[i - 1];
    int sj = j == 0 ? 0 : idEnd[j - 1];
    return Arrays.compareUnsigned(ids, si, idEnd[i], ids, sj, idEnd[j]);
  }

  /** The allele in column {@code k} (0 = A1 ... 7 = DRB1_2), null for a blank second allele. */
  public HlaAllele allele(int i, int k) {
    int code = allele[k][i];
    return code < 0 ? null : alleleNames.get(k / 2).get(code);
  }

  public double tncTotal(int i) {
    return tnc[i];
  }

  public double cd34Total(int i) {
    return cd34[i];
  }

  public LocalDate collectionDate(int i) {
    return LocalDate.ofEpochDay(collectionDay[i]);
  }

  /** Every distinct allele name of the locus, by code (see {@link #alleleCode}). */
  List<HlaAllele> alleleDictionary(HlaLocus locus) {
    return alleleNames.get(locus.ordinal());
  }

  /** The dictionary code of the allele in column {@code k}, -1 for a blank second allele. */
  int alleleCode(int i, int k) {
    return allele[k][i];
  }
}

package org.ucbislet.cordblood;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HLA typing at the four matched loci (A, B, C, DRB1), two alleles each; a blank second allele means the
 * person is homozygous at that locus (domain.md Part A), and is then counted as the first allele twice. Used for
 * the recipient (search request, typing form) and for cord blood units (inventory). Plain Java, no engine.
 */
public final class HlaTyping {

  /** The two alleles of one locus; {@code second} is null when homozygous. */
  public record LocusTyping(HlaAllele first, HlaAllele second) {
    public LocusTyping {
      Objects.requireNonNull(first, "first allele");
      if (second != null && second.locus() != first.locus()) {
        throw new IllegalArgumentException("alleles of two loci: " + first + ", " + second);
      }
    }

    public boolean homozygous() {
      return second == null;
    }

    /** The second allele as matched: the first one again when homozygous. */
    public HlaAllele secondOrFirst() {
      return second == null ? first : second;
    }
  }

  /** Where a bad allele came from, to name it in the message (a request field, a CSV column, a variable). */
  @FunctionalInterface
  public interface FieldNames {
    String of(HlaLocus locus, int position);
  }

  /** A problem with one allele of a typing, naming where it came from. */
  public static class InvalidTypingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    public InvalidTypingException(String field, String problem) {
      super(field + ": " + problem);
      this.field = field;
      this.problem = problem;
    }

    public String field() {
      return field;
    }

    public String problem() {
      return problem;
    }
  }

  private final Map<HlaLocus, LocusTyping> loci;

  private HlaTyping(Map<HlaLocus, LocusTyping> loci) {
    this.loci = Collections.unmodifiableMap(new EnumMap<>(loci));
  }

  /** A typing from its four loci, each present. */
  public static HlaTyping of(Map<HlaLocus, LocusTyping> loci) {
    for (HlaLocus locus : HlaLocus.values()) {
      LocusTyping t = loci.get(locus);
      if (t == null || t.first().locus() != locus) {
        throw new IllegalArgumentException("locus " + locus.label() + " missing or of the wrong locus: " + t);
      }
    }
    return new HlaTyping(loci);
  }

  /**
   * Parses eight allele names, in the order A1, A2, B1, B2, C1, C2, DRB1_1, DRB1_2; a null or blank second allele
   * means homozygous.
   *
   * @throws InvalidTypingException naming the allele's field (from {@code names}) and the problem: a missing first
   *     allele, a name that is not WHO nomenclature, or an allele of another locus
   */
  public static HlaTyping parse(String[] alleles, FieldNames names) {
    if (alleles.length != 8) {
      throw new IllegalArgumentException("eight allele names are required, got " + alleles.length);
    }
    Map<HlaLocus, LocusTyping> loci = new EnumMap<>(HlaLocus.class);
    for (HlaLocus locus : HlaLocus.values()) {
      String first = alleles[2 * locus.ordinal()];
      String second = alleles[2 * locus.ordinal() + 1];
      if (first == null || first.isBlank()) {
        throw new InvalidTypingException(names.of(locus, 0), "the first allele of locus " + locus.label() + " is required");
      }
      loci.put(locus, new LocusTyping(allele(first, locus, names.of(locus, 0)),
          second == null || second.isBlank() ? null : allele(second, locus, names.of(locus, 1))));
    }
    return new HlaTyping(loci);
  }

  private static HlaAllele allele(String text, HlaLocus locus, String field) {
    try {
      return HlaAllele.parse(text, locus);
    } catch (HlaNomenclatureException e) {
      throw new InvalidTypingException(field, e.getMessage());
    }
  }

  public LocusTyping locus(HlaLocus locus) {
    return loci.get(locus);
  }

  public Map<HlaLocus, LocusTyping> loci() {
    return loci;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HlaTyping t && t.loci.equals(loci);
  }

  @Override
  public int hashCode() {
    return loci.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    loci.forEach((locus, t) -> s.append(s.length() == 0 ? "" : " ").append(t.first()).append('/')
        .append(t.second() == null ? "-" : t.second().name()));
    return s.toString();
  }
}

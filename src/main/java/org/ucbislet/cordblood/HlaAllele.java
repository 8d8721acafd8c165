package org.ucbislet.cordblood;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An HLA allele in WHO nomenclature (domain.md B 1.1): locus {@code A}, {@code B}, {@code C} or {@code DRB1}, a
 * {@code '*'}, two to four colon-separated numeric fields of two to four digits each, and an optional expression
 * suffix ({@code N} null, {@code L} low, {@code S} secreted, {@code C} cytoplasm, {@code A} aberrant, {@code Q}
 * questionable): {@code A*02:01}, {@code DRB1*15:01:01}, {@code A*02:53N}, {@code B*15:01:01:03}. Nothing else is
 * accepted: no {@code HLA-} prefix, no lower case, no surrounding spaces, no pre-2010 names without colons
 * ({@code A*0201}), no serological or allele-group-only names ({@code A2}, {@code A*02}), no G/P groups or
 * multiple-allele codes. Plain Java, no engine.
 *
 * <p>Matching (see {@link HlaMatching}) uses the first field (antigen level) and the first two fields (allele
 * level, "two-field" resolution). The expression suffix is kept in {@link #name()} but is not part of
 * {@link #twoField()}: the protein number (the first two fields) identifies the allele uniquely, so a suffix never
 * distinguishes two alleles with the same two fields. The effect of a null allele on expression is not modelled.
 *
 * @param name the name as written, e.g. {@code DRB1*15:01:01}
 * @param locus the locus before the '*'
 * @param fields the numeric fields, two to four, e.g. {@code [15, 01, 01]} (as written, leading zeros kept)
 * @param suffix the expression suffix, or the empty string
 */
public record HlaAllele(String name, HlaLocus locus, List<String> fields, String suffix) {

  private static final Pattern DIGITS = Pattern.compile("\\d{2,4}");
  private static final String SUFFIXES = "NLSCAQ";
  private static final int MAX_ECHOED = 40;
  private static final String EXPECTED = "expected locus A, B, C or DRB1, '*', two to four colon-separated numeric "
      + "fields of 2-4 digits and an optional expression suffix N, L, S, C, A or Q, e.g. A*02:01 or DRB1*15:01:01";

  public HlaAllele {
    fields = List.copyOf(fields);
  }

  /**
   * Parses a WHO allele name.
   *
   * @throws HlaNomenclatureException naming the value and what is wrong with it
   */
  public static HlaAllele parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new HlaNomenclatureException("an HLA allele name is required (" + EXPECTED + ")");
    }
    int star = text.indexOf('*');
    if (star < 0) {
      throw bad(text, "no '*' between locus and fields");
    }
    String locusText = text.substring(0, star);
    HlaLocus locus = HlaLocus.ofLabel(locusText).orElseThrow(() -> bad(text,
        "locus '" + echo(locusText) + "' is not one of A, B, C, DRB1"));
    String rest = text.substring(star + 1);
    String suffix = "";
    if (rest.length() > 1 && Character.isLetter(rest.charAt(rest.length() - 1))
        && Character.isDigit(rest.charAt(rest.length() - 2))) {
      suffix = rest.substring(rest.length() - 1);
      if (!SUFFIXES.contains(suffix)) {
        throw bad(text, "'" + suffix + "' is not an expression suffix (N, L, S, C, A, Q)");
      }
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split(":", -1);
    if (parts.length < 2) {
      throw bad(text, "two to four colon-separated fields are required, found " + (rest.isEmpty() ? "none" : "one"));
    }
    if (parts.length > 4) {
      throw bad(text, "at most four fields are allowed, found " + parts.length);
    }
    for (int i = 0; i < parts.length; i++) {
      if (!DIGITS.matcher(parts[i]).matches()) {
        throw bad(text, "field " + (i + 1) + " '" + echo(parts[i]) + "' is not a number of 2 to 4 digits");
      }
    }
    return new HlaAllele(text, locus, List.of(parts), suffix);
  }

  /**
   * Parses a name that must belong to the expected locus.
   *
   * @throws HlaNomenclatureException when malformed, or an allele of another locus
   */
  public static HlaAllele parse(String text, HlaLocus expected) {
    HlaAllele allele = parse(text);
    if (allele.locus != expected) {
      throw new HlaNomenclatureException("'" + echo(text) + "' is an allele of locus " + allele.locus.label()
          + ", not " + expected.label());
    }
    return allele;
  }

  /** First field: the allele group, matched at antigen level ({@code 02} of {@code A*02:01}). */
  public String firstField() {
    return fields.get(0);
  }

  /** First two fields: the protein, matched at allele level ({@code 02:01} of {@code A*02:01:01}). */
  public String twoField() {
    return fields.get(0) + ":" + fields.get(1);
  }

  /** Same allele at two fields (allele-level match). */
  public boolean matchesAtAlleleLevel(HlaAllele other) {
    return locus == other.locus && fields.get(0).equals(other.fields.get(0)) && fields.get(1).equals(other.fields.get(1));
  }

  /** Same first field (antigen-level match). */
  public boolean matchesAtAntigenLevel(HlaAllele other) {
    return locus == other.locus && fields.get(0).equals(other.fields.get(0));
  }

  @Override
  public String toString() {
    return name;
  }

  private static HlaNomenclatureException bad(String text, String problem) {
    return new HlaNomenclatureException("'" + echo(text) + "' is not a WHO HLA allele name: " + problem + " (" + EXPECTED + ")");
  }

  static String echo(String text) {
    return text.length() <= MAX_ECHOED ? text : text.substring(0, MAX_ECHOED) + "...";
  }
}

package org.ucbislet.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form-js show/hide condition ({@code conditional.hide}) evaluated on the server, so that a field the form shows is
 * required there as in Tasklist, and a hidden one is not. The FEEL subset the forms use: a disjunction ({@code or}) of
 * conjunctions ({@code and}) of comparisons {@code variable = literal} / {@code variable != literal}, a bare
 * variable, or a literal; literals {@code true}, {@code false}, {@code null}, numbers and double-quoted strings. As in
 * FEEL, {@code null != true} is true. A condition outside this subset is {@link #supported() unsupported}: its field
 * is then never required on the server (FormSchemaTest proves every shipped form uses the subset only).
 *
 * <p>Plain Java, no Camunda imports.
 */
public final class FormCondition {

  private static final Pattern COMPARISON =
      Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*(!=|=)\\s*(true|false|null|\"[^\"]*\"|-?\\d+(?:\\.\\d+)?)$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

  private record Term(String variable, boolean equals, Object literal) {
    boolean test(Map<String, Object> values) {
      Object value = variable == null ? Boolean.TRUE : values.get(variable);
      boolean same = same(value, literal);
      return equals == same;
    }
  }

  private final String source;
  /** Disjunction of conjunctions; null when the expression is outside the supported subset. */
  private final List<List<Term>> any;

  private FormCondition(String source, List<List<Term>> any) {
    this.source = source;
    this.any = any;
  }

  public static FormCondition parse(String expression) {
    String text = expression == null ? "" : expression.trim();
    if (!text.startsWith("=")) {
      return new FormCondition(expression, null);
    }
    List<List<Term>> any = new ArrayList<>();
    for (String conjunction : text.substring(1).trim().split("\\s+or\\s+")) {
      List<Term> all = new ArrayList<>();
      for (String comparison : conjunction.trim().split("\\s+and\\s+")) {
        Term term = term(comparison.trim());
        if (term == null) {
          return new FormCondition(expression, null);
        }
        all.add(term);
      }
      any.add(all);
    }
    return new FormCondition(expression, any);
  }

  private static Term term(String text) {
    Matcher comparison = COMPARISON.matcher(text);
    if (comparison.matches()) {
      return new Term(comparison.group(1), "=".equals(comparison.group(2)), literal(comparison.group(3)));
    }
    if (IDENTIFIER.matcher(text).matches() && !List.of("true", "false", "null").contains(text)) {
      return new Term(text, true, Boolean.TRUE);
    }
    if ("true".equals(text) || "false".equals(text)) {
      return new Term(null, true, Boolean.valueOf(text));
    }
    return null;
  }

  private static Object literal(String text) {
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> text.startsWith("\"") ? text.substring(1, text.length() - 1) : new BigDecimal(text);
    };
  }

  private static boolean same(Object value, Object literal) {
    if (value instanceof Number n && literal instanceof BigDecimal d) {
      return new BigDecimal(n.toString()).compareTo(d) == 0;
    }
    return Objects.equals(value, literal);
  }

  public boolean supported() {
    return any != null;
  }

  public String source() {
    return source;
  }

  /** True when the condition holds for the values (for an unsupported condition: true, i.e. "may be hidden"). */
  public boolean holds(Map<String, Object> values) {
    if (any == null) {
      return true;
    }
    return any.stream().anyMatch(all -> all.stream().allMatch(term -> term.test(values)));
  }
}

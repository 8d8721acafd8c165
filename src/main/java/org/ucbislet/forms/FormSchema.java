package org.ucbislet.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ucbislet.clinical.FieldViolation;

/**
 * The validation rules of one Camunda Form (form-js schema), applied on the server to the values a
 * start form or task completion supplies. Mirrors form-js semantics (required, min, max, minLength,
 * maxLength, pattern, number type and decimal digits, allowed options). One addition: a checkbox
 * with the custom property {@code answerRequired = "true"} must carry a boolean. Tasklist always
 * submits one (unticked = false), but a REST client that leaves out a clinical decision such as
 * {@code hivPositive} has not answered the question. (form-js's own {@code required} on a checkbox
 * means "must be ticked".)
 *
 * <p>Plain Java, no Camunda imports: unit-tested on its own.
 */
public final class FormSchema {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final List<Field> fields;

  private FormSchema(String id, List<Field> fields) {
    this.id = id;
    this.fields = List.copyOf(fields);
  }

  /** The rules of one keyed form field. */
  record Field(String key, String label, String type, String subtype, boolean required,
               BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength,
               Pattern pattern, String format, Integer decimalDigits,
               List<String> options, String optionsVariable, List<FormCondition> hideConditions, boolean inputAllowed,
               boolean answerRequired, String specifiesOtherOf) {

    /** Hidden by its own or an enclosing group's show/hide condition, for these values (as form-js decides). */
    boolean hidden(Map<String, Object> values) {
      return hideConditions.stream().anyMatch(c -> c.holds(values));
    }
  }

  /** The coded answer that asks for its "specify" field (form property {@code specifiesOtherOf} names the select). */
  public static final String OTHER = "other";

  public static FormSchema parse(InputStream json) throws IOException {
    return parse(JSON.readTree(json));
  }

  public static FormSchema parse(String json) throws IOException {
    return parse(JSON.readTree(json));
  }

  static FormSchema parse(JsonNode root) {
    if (root == null || !root.hasNonNull("id")) {
      throw new IllegalArgumentException("A Camunda Form needs a top-level \"id\"");
    }
    List<Field> fields = new ArrayList<>();
    collect(root.path("components"), fields, List.of());
    return new FormSchema(root.get("id").asText(), fields);
  }

  private static void collect(JsonNode components, List<Field> into, List<FormCondition> enclosing) {
    for (JsonNode c : components) {
      List<FormCondition> conditional = enclosing;
      if (c.path("conditional").hasNonNull("hide")) {
        conditional = new ArrayList<>(enclosing);
        conditional.add(FormCondition.parse(c.path("conditional").path("hide").asText()));
      }
      if (c.has("components")) { // group, dynamic list
        collect(c.path("components"), into, conditional);
      }
      if (!c.hasNonNull("key")) {
        continue; // text, spacer, separator, image, button: no value
      }
      JsonNode v = c.path("validate");
      String patternSource = text(v, "pattern");
      Pattern pattern = null;
      if (patternSource != null && !patternSource.isEmpty()) {
        try {
          pattern = Pattern.compile(patternSource);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("Field " + c.get("key").asText() + ": invalid pattern " + patternSource, e);
        }
      }
      List<String> options = null;
      if (c.path("values").isArray()) {
        options = new ArrayList<>();
        for (JsonNode o : c.path("values")) {
          options.add(o.path("value").asText());
        }
      }
      into.add(new Field(
          c.get("key").asText(),
          label(c),
          c.path("type").asText(),
          text(c, "subtype"),
          v.path("required").asBoolean(false),
          decimal(v, "min"), decimal(v, "max"),
          integer(v, "minLength"), integer(v, "maxLength"),
          pattern, pattern == null ? null : text(c, "description"),
          integer(c, "decimalDigits"),
          options,
          text(c, "valuesKey"),
          conditional,
          !c.path("readonly").asBoolean(false) && !c.path("disabled").asBoolean(false),
          "true".equals(c.path("properties").path("answerRequired").asText()),
          text(c.path("properties"), "specifiesOtherOf")));
    }
  }

  public String id() {
    return id;
  }

  /** Keys of the fields a user fills in (not read-only, not disabled), in form order. */
  public List<String> inputFieldKeys() {
    return fields.stream().filter(Field::inputAllowed).map(Field::key).toList();
  }

  /** Display label by field key, for fields that have one. */
  public Map<String, String> labels() {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    fields.stream().filter(f -> f.label() != null).forEach(f -> labels.putIfAbsent(f.key(), f.label()));
    return labels;
  }

  /** Keys of all value-carrying fields, in form order. */
  public List<String> fieldKeys() {
    return fields.stream().map(Field::key).toList();
  }

  /** Keys of the read-only or disabled fields: values the engine computed and the form only shows. */
  public List<String> readOnlyFieldKeys() {
    return fields.stream().filter(f -> !f.inputAllowed()).map(Field::key).toList();
  }

  /** The show/hide conditions of the form that the server cannot evaluate (none in the shipped forms). */
  public List<String> unsupportedConditions() {
    return fields.stream().flatMap(f -> f.hideConditions().stream()).filter(c -> !c.supported())
        .map(FormCondition::source).distinct().toList();
  }

  /**
   * Checks the values (variable name to value, as the engine holds them after the submission is
   * applied) against every field. An empty list means the submission is valid.
   */
  public List<FieldViolation> validate(Map<String, Object> values) {
    List<FieldViolation> violations = new ArrayList<>();
    for (Field f : fields) {
      check(f, values.get(f.key()), values).ifPresent(p -> violations.add(new FieldViolation(f.key(), f.label(), p)));
    }
    return violations;
  }

  /**
   * Checks only the fields with these keys (a correction of single variables, issue 15 item 5) by the same rules,
   * against the values (the instance's variables with the correction applied). Keys that are no input field of this
   * form are ignored.
   */
  public List<FieldViolation> validateFields(Map<String, Object> values, java.util.Set<String> keys) {
    List<FieldViolation> violations = new ArrayList<>();
    for (Field f : fields) {
      if (keys.contains(f.key()) && f.inputAllowed()) {
        check(f, values.get(f.key()), values).ifPresent(p -> violations.add(new FieldViolation(f.key(), f.label(), p)));
      }
    }
    return violations;
  }

  private static Optional<String> check(Field f, Object value, Map<String, Object> values) {
    if (!f.inputAllowed()) {
      // a read-only or disabled field shows what the engine computed (e.g. a cell dose with all its decimals, shown
      // with two): nothing the user entered, so no rule of the form applies to it
      return Optional.empty();
    }
    // a field the form hides for these values is not required; one it shows is, as in Tasklist
    boolean shown = !f.hidden(values);
    boolean mustBePresent = f.required() && shown && f.inputAllowed();
    if (f.specifiesOtherOf() != null && OTHER.equals(values.get(f.specifiesOtherOf()))
        && (value == null || value instanceof String t && t.isBlank())) {
      return Optional.of("is required when " + f.specifiesOtherOf() + " is 'other': specify it");
    }
    if (value == null || (value instanceof String s && s.isEmpty())) {
      if (f.answerRequired() && shown && f.inputAllowed()) {
        return Optional.of("is required (true or false)");
      }
      return mustBePresent ? Optional.of("is required") : Optional.empty();
    }
    return switch (f.type()) {
      case "number" -> checkNumber(f, value);
      case "checkbox" -> value instanceof Boolean b
          ? (f.required() && !b ? Optional.of("must be checked") : Optional.empty())
          : Optional.of("must be true or false, not " + describe(value));
      case "select", "radio" -> checkOption(f, value, values);
      case "checklist", "taglist" -> checkOptions(f, value, values, mustBePresent);
      case "datetime" -> checkDateTime(f, value);
      default -> checkText(f, value);
    };
  }

  private static Optional<String> checkNumber(Field f, Object value) {
    BigDecimal n;
    if (value instanceof Number num) {
      if (num instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return Optional.of("must be a finite number");
      }
      n = new BigDecimal(num.toString());
    } else {
      return Optional.of("must be a number, not " + describe(value));
    }
    if (f.decimalDigits() != null && Math.max(0, n.stripTrailingZeros().scale()) > f.decimalDigits()) {
      return Optional.of(f.decimalDigits() == 0 ? "must be a whole number"
          : "must have at most " + f.decimalDigits() + " decimal digits");
    }
    if (f.min() != null && n.compareTo(f.min()) < 0) {
      return Optional.of("must be at least " + f.min().toPlainString() + ", was " + n.toPlainString());
    }
    if (f.max() != null && n.compareTo(f.max()) > 0) {
      return Optional.of("must be at most " + f.max().toPlainString() + ", was " + n.toPlainString());
    }
    return Optional.empty();
  }

  private static Optional<String> checkText(Field f, Object value) {
    if (!(value instanceof String s)) {
      return Optional.of("must be text, not " + describe(value));
    }
    int length = s.trim().length();
    if (f.minLength() != null && length < f.minLength()) {
      return Optional.of("must have at least " + f.minLength() + " characters");
    }
    if (f.maxLength() != null && length > f.maxLength()) {
      return Optional.of("must have at most " + f.maxLength() + " characters");
    }
    // form-js tests the pattern with RegExp.test (a match anywhere); so do we. The message says the format in
    // words (the field's description), never the regular expression
    if (f.pattern() != null && !f.pattern().matcher(s).find()) {
      return Optional.of("is not in the expected format" + (f.format() == null || f.format().isBlank() ? ""
          : " (" + f.format().trim() + ")") + ", was '" + s + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> checkOption(Field f, Object value, Map<String, Object> values) {
    Collection<String> allowed = allowedOptions(f, values);
    if (allowed == null) {
      return Optional.empty();
    }
    String v = String.valueOf(value);
    return allowed.contains(v) ? Optional.empty()
        : Optional.of("must be one of " + allowed + ", was '" + v + "'");
  }

  private static Optional<String> checkOptions(Field f, Object value, Map<String, Object> values, boolean mustBePresent) {
    if (!(value instanceof Collection<?> list)) {
      return Optional.of("must be a list, not " + describe(value));
    }
    if (list.isEmpty() && mustBePresent) {
      return Optional.of("is required");
    }
    Collection<String> allowed = allowedOptions(f, values);
    if (allowed != null) {
      for (Object item : list) {
        if (!allowed.contains(String.valueOf(item))) {
          return Optional.of("must contain only " + allowed + ", had '" + item + "'");
        }
      }
    }
    return Optional.empty();
  }

  /** Static options of the field, or those of the variable named by valuesKey; null when unknown. */
  private static Collection<String> allowedOptions(Field f, Map<String, Object> values) {
    if (f.options() != null) {
      return f.options();
    }
    if (f.optionsVariable() != null && values.get(f.optionsVariable()) instanceof Collection<?> dynamic) {
      List<String> allowed = new ArrayList<>();
      for (Object o : dynamic) {
        allowed.add(o instanceof Map<?, ?> m && m.containsKey("value") ? String.valueOf(m.get("value")) : String.valueOf(o));
      }
      return allowed;
    }
    return null;
  }

  private static Optional<String> checkDateTime(Field f, Object value) {
    if (value instanceof Date) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      return Optional.of("must be a date, not " + describe(value));
    }
    try {
      if ("time".equals(f.subtype())) {
        LocalTime.parse(s.length() > 8 ? s.substring(0, 8) : s);
      } else if ("datetime".equals(f.subtype())) {
        LocalDate.parse(s.substring(0, Math.min(10, s.length())));
      } else {
        LocalDate.parse(s);
      }
      return Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of("must be a date as YYYY-MM-DD, was '" + s + "'");
    }
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " '" + value + "'";
  }

  private static String label(JsonNode c) {
    for (String name : new String[] {"label", "dateLabel", "timeLabel"}) {
      if (c.hasNonNull(name)) {
        return c.get(name).asText();
      }
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    JsonNode n = node.get(name);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    JsonNode n = node.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    try {
      return new BigDecimal(n.asText()); // FEEL expressions ("=...") are not evaluated here
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer integer(JsonNode node, String name) {
    JsonNode n = node.get(name);
    return n == null || !n.canConvertToInt() ? null : n.asInt();
  }
}

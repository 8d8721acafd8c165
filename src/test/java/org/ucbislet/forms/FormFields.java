package org.ucbislet.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The keyed fields of a Camunda Form file as a test reads them: type, rules, options and show/hide conditions. */
record FormFields(String id, List<Field> fields) {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Field(String key, String type, String subtype, boolean disabled, boolean readonly, boolean required,
               BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, Pattern pattern,
               String description, List<String> staticOptions, String valuesKey, List<String> hideConditions) {

    /** What a clinician can enter (form-js submits read-only fields too, but nobody types into them). */
    boolean editable() {
      return !disabled && !readonly;
    }

    boolean isList() {
      return "checklist".equals(type) || "taglist".equals(type);
    }

    /** The field's options: static, or those of the variable its valuesKey names. */
    List<String> options(Map<String, Object> variables) {
      if (staticOptions != null) {
        return staticOptions;
      }
      List<String> options = new ArrayList<>();
      if (valuesKey != null && variables.get(valuesKey) instanceof Collection<?> dynamic) {
        for (Object o : dynamic) {
          options.add(o instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(o));
        }
      }
      if (options.isEmpty()) {
        throw new AssertionError("field " + key + " has no options (valuesKey " + valuesKey + ")");
      }
      return options;
    }

    /** The history type names the engine stores a submitted value of this field as. */
    List<String> storedType(Object sent) {
      return switch (type) {
        case "number" -> sent instanceof Double ? List.of("double") : List.of("integer", "long");
        case "checkbox" -> List.of("boolean");
        case "checklist", "taglist" -> List.of("object", "json");
        default -> List.of("string");
      };
    }
  }

  static FormFields read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<Field> fields = new ArrayList<>();
    collect(root.path("components"), List.of(), fields);
    return new FormFields(root.path("id").asText(), fields);
  }

  Map<String, String> valuesKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    fields.stream().filter(f -> f.valuesKey() != null).forEach(f -> keys.put(f.key(), f.valuesKey()));
    return keys;
  }

  private static void collect(JsonNode components, List<String> inheritedHide, List<Field> into) {
    for (JsonNode c : components) {
      List<String> hide = new ArrayList<>(inheritedHide);
      if (c.path("conditional").hasNonNull("hide")) {
        hide.add(c.path("conditional").path("hide").asText());
      }
      if (c.has("components")) {
        collect(c.path("components"), hide, into);
      }
      if (!c.hasNonNull("key")) {
        continue;
      }
      JsonNode v = c.path("validate");
      List<String> options = null;
      if (c.path("values").isArray()) {
        options = new ArrayList<>();
        for (JsonNode o : c.path("values")) {
          options.add(o.path("value").asText());
        }
      }
      String pattern = v.path("pattern").asText("");
      into.add(new Field(c.get("key").asText(), c.path("type").asText(), c.hasNonNull("subtype") ? c.get("subtype").asText() : null,
          c.path("disabled").asBoolean(false), c.path("readonly").asBoolean(false), v.path("required").asBoolean(false),
          decimal(v.get("min")), decimal(v.get("max")),
          v.path("minLength").canConvertToInt() && v.has("minLength") ? v.get("minLength").asInt() : null,
          v.path("maxLength").canConvertToInt() && v.has("maxLength") ? v.get("maxLength").asInt() : null,
          pattern.isEmpty() ? null : Pattern.compile(pattern),
          c.hasNonNull("description") ? c.get("description").asText() : null,
          options, c.hasNonNull("valuesKey") ? c.get("valuesKey").asText() : null, hide));
    }
  }

  private static BigDecimal decimal(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return new BigDecimal(n.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

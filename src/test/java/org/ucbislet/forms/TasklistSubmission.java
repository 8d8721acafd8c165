package org.ucbislet.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form submission encoded exactly as Tasklist 7.24 encodes it, read from the shipped webapp
 * (camunda-webapp-webjar 7.24.0, {@code app/tasklist/camunda-tasklist-bootstrap.js}, the {@code camunda-forms}
 * directive):
 * <ol>
 *   <li>Tasklist loads {@code GET task/{id}/form-variables?deserializeValues=false} (none for a start form) and
 *   pre-fills the form with those values; a {@code Json} (or JSON-serialized object) value is parsed first.</li>
 *   <li>form-js submits every keyed field that is not {@code disabled} and not hidden by its condition: read-only
 *   fields are sent back with the value they showed. Empty fields carry form-js's empty value ({@code ""} for
 *   text, {@code null} for numbers, selects and dates, {@code false} for a checkbox, {@code []} for lists).</li>
 *   <li>A value that is a JavaScript object or array (a checklist or tag list) is sent as
 *   {@code {"type": T, "valueInfo": I, "value": JSON.stringify(v)}}, T and I taken from the existing variable of
 *   that name, <b>whatever its type, {@code Null} included</b>; else from the variable the field's
 *   {@code valuesKey} names; else {@code Json}. Every other value (text, number, boolean, null, and dates, which
 *   form-js holds as ISO strings) is sent untyped as {@code {"value": v}}: the REST API then stores a JSON string
 *   as String, a whole number as Integer, a decimal as Double, a boolean as Boolean.</li>
 * </ol>
 */
final class TasklistSubmission {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TasklistSubmission() {
  }

  /**
   * The {@code variables} object of {@code POST task/{id}/submit-form} (or a start form's submit-form).
   *
   * @param formVariables the answer of {@code form-variables?deserializeValues=false}, or an empty object
   * @param valuesKeys    field key to its {@code valuesKey}, for the fields that have one
   * @param data          what form-js submits: field key to the JavaScript value (String, Number, Boolean, List,
   *                      or null)
   */
  static Map<String, Object> encode(JsonNode formVariables, Map<String, String> valuesKeys, Map<String, Object> data) {
    Map<String, Object> variables = new LinkedHashMap<>();
    data.forEach((key, value) -> {
      Map<String, Object> encoded = new LinkedHashMap<>();
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        JsonNode existing = formVariables.get(key);
        String type;
        JsonNode valueInfo = null;
        if (existing != null) {
          type = existing.path("type").asText();
          valueInfo = existing.get("valueInfo");
        } else if (valuesKeys.containsKey(key)) {
          JsonNode options = formVariables.get(valuesKeys.get(key));
          type = options != null ? options.path("type").asText() : "Json";
          valueInfo = options != null ? options.get("valueInfo") : null;
        } else {
          type = "Json";
        }
        encoded.put("type", type);
        encoded.put("valueInfo", valueInfo == null || valueInfo.isNull() ? null : valueInfo);
        encoded.put("value", stringify(value));
      } else {
        encoded.put("value", value);
      }
      variables.put(key, encoded);
    });
    return variables;
  }

  /** The values Tasklist pre-fills the form with: each variable's value, JSON parsed for Json and JSON objects. */
  static Map<String, Object> prefill(JsonNode formVariables) {
    Map<String, Object> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = formVariables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> variable = it.next();
      JsonNode v = variable.getValue();
      String type = v.path("type").asText();
      boolean json = "Json".equals(type) || v.path("valueInfo").path("serializationDataFormat").asText().contains("application/json");
      JsonNode value = v.get("value");
      try {
        if (json && value != null && value.isTextual()) {
          values.put(variable.getKey(), JSON.readValue(value.asText(), Object.class));
        } else {
          values.put(variable.getKey(), value == null || value.isNull() ? null : JSON.treeToValue(value, Object.class));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return values;
  }

  private static String stringify(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The empty value form-js gives an untouched field of that type. */
  static Object emptyValue(String type) {
    return switch (type) {
      case "textfield", "textarea" -> "";
      case "checkbox" -> false;
      case "checklist", "taglist" -> new ArrayList<>();
      default -> null;
    };
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static List<Object> list(JsonNode array) {
    return JSON.convertValue(array, List.class);
  }
}

package org.ucbislet.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * JSON process variables of followUp and adverseEvent: lists of records kept as Spin JSON (shown as JSON in
 * Cockpit, one audit record per update) and the visit plan as a JSON-serialized list (a multi-instance
 * collection whose elements are maps).
 */
public final class FollowUpJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FollowUpJson() {
  }

  /** The records of a JSON list variable (Spin JSON, JSON text or a deserialized list); empty when absent. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> records(Object value) {
    if (value == null) {
      return new ArrayList<>();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>((List<Map<String, Object>>) list);
    }
    try {
      return JSON.readValue(value.toString(), new TypeReference<List<Map<String, Object>>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON list of records: " + value, e);
    }
  }

  /** A list of records as a Spin JSON variable. */
  public static TypedValue spin(List<? extends Map<String, ?>> records) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(records)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A list as a JSON-serialized object value: usable as a multi-instance collection. Stored as an {@code ArrayList}
   * whatever list is given, so the engine's deserialization allow-list reads it back (docs/security.md).
   */
  public static TypedValue collection(List<?> items) {
    return Variables.objectValue(new ArrayList<>(items)).serializationDataFormat(SerializationDataFormats.JSON).create();
  }
}

package org.ucbislet.clinical;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/** JSON process variables of this process: Spin JSON read as text, written as Spin JSON or JSON lists. */
public final class JsonVariables {

  private JsonVariables() {
  }

  /** The JSON text of a Spin JSON variable (or of a JSON string); null when absent. */
  public static String text(Object value) {
    return value == null ? null : value.toString();
  }

  public static TypedValue spin(String json) {
    return SpinValues.jsonValue(json).create();
  }

  /**
   * A list as a JSON-serialized object value: usable as a multi-instance collection. Stored as an {@code ArrayList}
   * whatever list is given (a {@code Stream.toList()} would be stored as {@code java.util.ImmutableCollections$ListN},
   * which the engine's deserialization allow-list refuses to read back; docs/security.md).
   */
  public static TypedValue list(List<?> items) {
    return Variables.objectValue(new ArrayList<>(items)).serializationDataFormat(SerializationDataFormats.JSON).create();
  }
}

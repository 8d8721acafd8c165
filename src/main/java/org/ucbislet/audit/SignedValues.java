package org.ucbislet.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of the values a signature covers, and its hash. The values are a JSON object with one member per
 * field of the signed form (absent fields as null), in the audit log's value notation (booleans and numbers as JSON,
 * texts as they are, dates as ISO-8601 UTC). Canonical text: the members sorted by name, no white space, as Jackson
 * writes them; {@code valuesSha256} = hex SHA-256 of that text in UTF-8. The offline verifier recomputes it.
 */
public final class SignedValues {

  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private SignedValues() {
  }

  /** The canonical text of a values object (members sorted, recursively). */
  public static String canonical(JsonNode values) {
    try {
      return CANONICAL.writeValueAsString(sorted(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Signed values not serialisable", e);
    }
  }

  public static String sha256(JsonNode values) {
    return AuditRecord.sha256Hex(canonical(values));
  }

  private static Object sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, Object> map = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), sorted(e.getValue()));
      }
      return map;
    }
    return node;
  }
}

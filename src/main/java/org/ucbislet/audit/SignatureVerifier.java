package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks the electronic signatures of an audit log read in ID order (an export's {@code audit-log.csv} or the live
 * table), besides the hash chain:
 * <ol>
 *   <li>each signature's {@code valuesSha256} is the SHA-256 of its signed values ({@link SignedValues}): values
 *       altered after signing no longer match;</li>
 *   <li>each signed value equals the value the audit log last recorded for that variable of that process instance
 *       (when the export holds that record): the signature covers what was stored;</li>
 *   <li>a later manual correction of a signed value carries a correction signature ({@code correctionSignedBy}).</li>
 * </ol>
 * Memory grows with the number of distinct variables, not with the number of records.
 */
public final class SignatureVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> lastValues = new HashMap<>();
  private final Map<String, Long> signedBy = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> manifestations = new ArrayList<>();
  private long signatures;

  public void accept(AuditRecord r) {
    if (AuditEntities.VARIABLE.equals(r.entity())) {
      JsonNode c = parse(r.changes());
      String key = key(r.processInstanceId(), c.path("name").asText());
      Long signature = signedBy.get(key);
      if (signature != null && c.hasNonNull("correctionReason") && !c.hasNonNull("correctionSignedBy")) {
        problems.add("record " + r.id() + ": " + c.path("name").asText() + " was signed (record " + signature
            + ") and corrected without a new signature");
      }
      lastValues.put(key, c.has(AuditHistoryEventHandler.NEW_VALUE) ? c.get(AuditHistoryEventHandler.NEW_VALUE)
          : JSON.nullNode());
    } else if (AuditEntities.SIGNATURE.equals(r.entity()) && ElectronicSignatures.SIGN.equals(r.eventType())) {
      signatures++;
      JsonNode c = parse(r.changes());
      JsonNode values = c.path("values");
      manifestations.add("signature record " + r.id() + ": " + c.path("signerName").asText() + " ("
          + c.path("signerId").asText() + "), " + c.path("signedAt").asText() + ", " + c.path("meaning").asText()
          + ": " + c.path("statement").asText());
      if (!values.isObject() || !SignedValues.sha256(values).equals(c.path("valuesSha256").asText())) {
        problems.add("signature record " + r.id() + ": the signed values do not match their SHA-256 "
            + c.path("valuesSha256").asText() + " (altered after signing)");
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> value = it.next();
        String key = key(r.processInstanceId(), value.getKey());
        JsonNode recorded = lastValues.get(key);
        if (recorded != null && !same(recorded, value.getValue())) {
          problems.add("signature record " + r.id() + ": signed " + value.getKey() + " = " + value.getValue()
              + " but the audit log recorded " + recorded);
        }
        if (!value.getValue().isNull()) {
          signedBy.put(key, r.id());
        }
      }
    }
  }

  public long signatures() {
    return signatures;
  }

  public List<String> problems() {
    return problems;
  }

  /** One line per signature: who (name and ID), when (UTC), meaning and statement. */
  public List<String> manifestations() {
    return manifestations;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static String key(String processInstanceId, String name) {
    return processInstanceId + "\u0000" + name;
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}

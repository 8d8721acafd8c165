package org.ucbislet.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The filters of {@code GET /api/audit/export}. {@code from} and {@code to} are ISO-8601 instants
 * ({@code 2025-03-01T08:00:00Z}, or with an offset) or dates ({@code 2025-03-01}, days in UTC); {@code from} is
 * inclusive, {@code to} exclusive for an instant and inclusive of the whole day for a date.
 */
public record ExportFilters(String subjectId, Instant from, Instant to, Format format) {

  public enum Format { ZIP, JSON, ODM, FHIR }

  public static ExportFilters parse(String subjectId, String from, String to, String format) {
    String subject = subjectId == null || subjectId.isBlank() ? null : subjectId.trim();
    if (subject != null && subject.length() > AuditStore.MAX_SHORT) {
      throw new AuditRequestException("subjectId", "must be at most " + AuditStore.MAX_SHORT + " characters");
    }
    Instant start = time("from", from, false);
    Instant end = time("to", to, true);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new AuditRequestException("to", "must be after from");
    }
    return new ExportFilters(subject, start, end, format(format));
  }

  private static Format format(String format) {
    String f = format == null || format.isBlank() ? "zip" : format.trim().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "zip" -> Format.ZIP;
      case "json" -> Format.JSON;
      case "odm" -> Format.ODM;
      case "fhir" -> Format.FHIR;
      default -> throw new AuditRequestException("format", "must be zip, json, odm or fhir (was \"" + AuditStore.cut(format, 20) + "\")");
    };
  }

  private static Instant time(String parameter, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new AuditRequestException(parameter, "must be an ISO-8601 instant (2025-03-01T08:00:00Z) or date "
          + "(2025-03-01), was \"" + AuditStore.cut(text, 40) + "\"");
    }
  }

  public boolean unfiltered() {
    return subjectId == null && from == null && to == null;
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("subjectId", subjectId);
    node.put("from", from == null ? null : from.toString());
    node.put("to", to == null ? null : to.toString());
    return node;
  }
}

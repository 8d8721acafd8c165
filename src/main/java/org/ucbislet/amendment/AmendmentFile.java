package org.ucbislet.amendment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ucbislet.amendment.Amendment.ActivityMapping;
import org.ucbislet.amendment.Amendment.CannotMove;
import org.ucbislet.amendment.Amendment.ProcessPlan;
import org.ucbislet.amendment.Amendment.Reconsent;
import org.ucbislet.amendment.Amendment.RetiredActivity;
import org.ucbislet.amendment.Amendment.Rule;

/**
 * Reads and checks an amendment file ({@code amendments/<yyyy-mm-dd>-<name>/amendment.json}); the format is described
 * in docs/amendments.md. Every problem is collected and named by its JSON path, then refused together
 * ({@link AmendmentFileException}): an unknown field, a missing reason, a rule that does not exist, a date that does
 * not match the directory.
 */
public final class AmendmentFile {

  /** The file name inside an amendment's directory. */
  public static final String FILE_NAME = "amendment.json";
  /** The directory of the amendments in the repository and in the deployment (resource names {@code amendments/...}). */
  public static final String DIRECTORY = "amendments";

  static final Pattern ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("id", "title", "date", "description", "reconsent", "processes");
  private static final Set<String> PLAN = Set.of("updateEventTriggers", "mappings", "retired", "variables",
      "whenCannotMove");
  private static final Set<String> MAPPING = Set.of("from", "to", "updateEventTrigger", "why");
  private static final Set<String> RETIRED = Set.of("activity", "why");
  private static final Set<String> CANNOT_MOVE = Set.of("rule", "reason");
  private static final Set<String> RECONSENT = Set.of("dueWithin", "statement");

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private AmendmentFile(String file) {
    this.file = file;
  }

  /**
   * Parses and checks an amendment file.
   *
   * @param resourceName its name ({@code amendments/2026-12-07-clinical-safety/amendment.json}); the directory must be
   *                     the amendment's {@code id}
   * @throws AmendmentFileException naming every field that is wrong
   */
  public static Amendment parse(String resourceName, byte[] content) {
    AmendmentFile reader = new AmendmentFile(resourceName);
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new AmendmentFileException(resourceName, List.of("body: is not well-formed JSON (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Amendment amendment = reader.amendment(root, directoryOf(resourceName));
    if (!reader.problems.isEmpty()) {
      throw new AmendmentFileException(resourceName, reader.problems);
    }
    return amendment;
  }

  /** The directory an amendment file sits in ({@code 2026-12-07-clinical-safety}), or null. */
  static String directoryOf(String resourceName) {
    String[] parts = resourceName.replace('\\', '/').split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : null;
  }

  private Amendment amendment(JsonNode root, String directory) {
    if (root == null || !root.isObject()) {
      problem("body", "must be a JSON object");
      return null;
    }
    unknown(root, TOP, "");
    String id = text(root, "id", "id", true);
    if (id != null && !ID.matcher(id).matches()) {
      problem("id", "must be the date and a name in lower case, yyyy-mm-dd-name (was '" + id + "')");
    }
    if (id != null && directory != null && !id.equals(directory)) {
      problem("id", "must equal the amendment's directory '" + directory + "' (was '" + id + "')");
    }
    String title = text(root, "title", "title", true);
    String dateText = text(root, "date", "date", true);
    LocalDate date = null;
    if (dateText != null) {
      try {
        date = LocalDate.parse(dateText);
        if (id != null && !id.startsWith(dateText)) {
          problem("date", "must be the date the id starts with (" + id.substring(0, Math.min(10, id.length())) + ")");
        }
      } catch (DateTimeParseException e) {
        problem("date", "must be an ISO date, yyyy-mm-dd (was '" + dateText + "')");
      }
    }
    String description = text(root, "description", "description", true);
    Reconsent reconsent = reconsent(root.get("reconsent"));
    Map<String, ProcessPlan> processes = new LinkedHashMap<>();
    JsonNode plans = root.get("processes");
    if (plans == null || !plans.isObject() || plans.isEmpty()) {
      problem("processes", "must name at least one changed process, each with its migration plan");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = plans.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String path = "processes." + entry.getKey();
        if (!NAME.matcher(entry.getKey()).matches()) {
          problem(path, "is not a process key");
        }
        ProcessPlan plan = plan(entry.getKey(), entry.getValue(), path);
        if (plan != null) {
          processes.put(entry.getKey(), plan);
        }
      }
    }
    return new Amendment(id, title, date, description, reconsent, Map.copyOf(processes), null);
  }

  private Reconsent reconsent(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problem("reconsent", "must be an object with dueWithin and statement (or absent: no re-consent)");
      return null;
    }
    unknown(node, RECONSENT, "reconsent.");
    String due = text(node, "dueWithin", "reconsent.dueWithin", true);
    Period period = null;
    if (due != null) {
      try {
        period = Period.parse(due);
        if (period.isNegative() || period.isZero()) {
          problem("reconsent.dueWithin", "must be a positive period (was '" + due + "')");
        }
      } catch (DateTimeParseException e) {
        problem("reconsent.dueWithin", "must be an ISO-8601 period such as P30D (was '" + due + "')");
      }
    }
    String statement = text(node, "statement", "reconsent.statement", true);
    return new Reconsent(period, statement);
  }

  private ProcessPlan plan(String key, JsonNode node, String path) {
    if (!node.isObject()) {
      problem(path, "must be an object (the process's migration plan)");
      return null;
    }
    unknown(node, PLAN, path + ".");
    boolean updateEventTriggers = bool(node, "updateEventTriggers", path + ".updateEventTriggers");
    List<ActivityMapping> mappings = new ArrayList<>();
    Set<String> mapped = new HashSet<>();
    JsonNode list = node.get("mappings");
    if (list != null && !list.isArray()) {
      problem(path + ".mappings", "must be a list of {from, to, why}");
    } else if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String p = path + ".mappings[" + i + "]";
        JsonNode m = list.get(i);
        if (!m.isObject()) {
          problem(p, "must be an object {from, to, why}");
          continue;
        }
        unknown(m, MAPPING, p + ".");
        String from = activity(m, "from", p + ".from");
        String to = activity(m, "to", p + ".to");
        String why = text(m, "why", p + ".why", true);
        if (from != null && !mapped.add(from)) {
          problem(p + ".from", "'" + from + "' is mapped twice");
        }
        if (from != null && from.equals(to)) {
          problem(p, "maps '" + from + "' to itself: equal IDs are mapped without an instruction");
        }
        mappings.add(new ActivityMapping(from, to, bool(m, "updateEventTrigger", p + ".updateEventTrigger"), why));
      }
    }
    List<RetiredActivity> retired = new ArrayList<>();
    JsonNode gone = node.get("retired");
    if (gone != null && !gone.isArray()) {
      problem(path + ".retired", "must be a list of {activity, why}");
    } else if (gone != null) {
      for (int i = 0; i < gone.size(); i++) {
        String p = path + ".retired[" + i + "]";
        JsonNode r = gone.get(i);
        if (!r.isObject()) {
          problem(p, "must be an object {activity, why}");
          continue;
        }
        unknown(r, RETIRED, p + ".");
        String activity = activity(r, "activity", p + ".activity");
        if (activity != null && mapped.contains(activity)) {
          problem(p + ".activity", "'" + activity + "' is mapped and retired at once");
        }
        retired.add(new RetiredActivity(activity, text(r, "why", p + ".why", true)));
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    JsonNode vars = node.get("variables");
    if (vars != null && !vars.isObject()) {
      problem(path + ".variables", "must be an object of variable names and values");
    } else if (vars != null) {
      vars.fields().forEachRemaining(e -> {
        String p = path + ".variables." + e.getKey();
        if (!NAME.matcher(e.getKey()).matches()) {
          problem(p, "is not a variable name");
        }
        JsonNode v = e.getValue();
        if (v.isTextual()) {
          variables.put(e.getKey(), v.asText());
        } else if (v.isBoolean()) {
          variables.put(e.getKey(), v.asBoolean());
        } else if (v.isIntegralNumber() && v.canConvertToInt()) {
          variables.put(e.getKey(), v.asInt());
        } else if (v.isIntegralNumber()) {
          variables.put(e.getKey(), v.asLong());
        } else if (v.isNumber()) {
          variables.put(e.getKey(), v.asDouble());
        } else {
          problem(p, "must be a text, number or boolean");
        }
      });
    }
    CannotMove cannotMove = null;
    JsonNode rule = node.get("whenCannotMove");
    String rp = path + ".whenCannotMove";
    if (rule == null || !rule.isObject()) {
      problem(rp, "is required: {\"rule\": \"" + Rule.KEEP_CHILD.code() + "\" or \"" + Rule.LEAVE_PROCESS.code()
          + "\", \"reason\": \"...\"}");
    } else {
      unknown(rule, CANNOT_MOVE, rp + ".");
      String code = text(rule, "rule", rp + ".rule", true);
      Rule r = code == null ? null : Rule.of(code);
      if (code != null && r == null) {
        problem(rp + ".rule", "must be " + Rule.KEEP_CHILD.code() + " or " + Rule.LEAVE_PROCESS.code() + " (was '"
            + code + "')");
      }
      cannotMove = new CannotMove(r, text(rule, "reason", rp + ".reason", true));
    }
    return new ProcessPlan(key, updateEventTriggers, List.copyOf(mappings), List.copyOf(retired),
        java.util.Collections.unmodifiableMap(variables), cannotMove);
  }

  private String activity(JsonNode node, String name, String path) {
    String id = text(node, name, path, true);
    if (id != null && !NAME.matcher(id).matches()) {
      problem(path, "is not a BPMN element ID (was '" + id + "')");
    }
    return id;
  }

  private String text(JsonNode node, String name, String path, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        problem(path, "is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem(path, "must be a non-empty text");
      return null;
    }
    return value.asText().strip();
  }

  private boolean bool(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      problem(path, "must be true or false");
      return false;
    }
    return value.asBoolean();
  }

  private void unknown(JsonNode node, Set<String> known, String prefix) {
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        problem(prefix + name, "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
      }
    });
  }

  private void problem(String field, String problem) {
    problems.add(field + ": " + problem);
  }

  @Override
  public String toString() {
    return file;
  }
}

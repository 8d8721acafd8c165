package org.ucbislet.amendment;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * A protocol amendment as the repository keeps it ({@code amendments/<date>-<name>/amendment.json}, read by
 * {@link AmendmentFile}): a named, dated change of the models deployed with it, and per changed process the plan that
 * moves the children already running on an earlier version onto the amendment's version (Camunda 7's migration API:
 * {@code mapEqualActivities()} plus the explicit {@link ActivityMapping}s where IDs changed).
 *
 * @param id            the directory name, {@code yyyy-mm-dd-name}; also the ID in the REST paths
 * @param deploymentId  the engine deployment the file came with (its process definitions are the target versions);
 *                      null for a file read outside the engine
 */
public record Amendment(String id, String title, LocalDate date, String description, Reconsent reconsent,
                        Map<String, ProcessPlan> processes, String deploymentId) {

  /**
   * The migration plan of one changed process.
   *
   * @param updateEventTriggers timers and message waits kept at their place are re-created from the new model
   *                            (new due dates, new message names) instead of kept as they are (Camunda
   *                            {@code updateEventTriggers()}); false keeps every running timer's due date
   * @param mappings            explicit instructions for activities whose ID changed
   * @param retired             activities of the old model without a counterpart: a child waiting there cannot move
   * @param variables           process variables set on every migrated instance of this process
   * @param whenCannotMove      what happens to a child with an instance of this process that cannot move
   */
  public record ProcessPlan(String processKey, boolean updateEventTriggers, List<ActivityMapping> mappings,
                            List<RetiredActivity> retired, Map<String, Object> variables, CannotMove whenCannotMove) {

    /** The explicit mapping of a source activity, or null. */
    public ActivityMapping mappingOf(String sourceActivityId) {
      return mappings.stream().filter(m -> m.from().equals(sourceActivityId)).findFirst().orElse(null);
    }

    public boolean isRetired(String sourceActivityId) {
      return retired.stream().anyMatch(r -> r.activity().equals(sourceActivityId));
    }
  }

  /** An activity of the old model that continues as another activity of the new one. */
  public record ActivityMapping(String from, String to, boolean updateEventTrigger, String why) {}

  /** An activity of the old model that the new one no longer has, and why. */
  public record RetiredActivity(String activity, String why) {}

  /** The rule for an instance that Camunda cannot migrate (its activity has no counterpart, a scope changed ...). */
  public record CannotMove(Rule rule, String reason) {}

  public enum Rule {
    /** The whole child stays on its old versions (nothing of it moves) and is reported with the reason. */
    KEEP_CHILD("keep-child-on-old-version"),
    /** Only this process instance stays on its old version; the child's other instances move. */
    LEAVE_PROCESS("leave-this-process-on-old-version");

    private final String code;

    Rule(String code) {
      this.code = code;
    }

    /** The rule as the amendment file and the REST answers spell it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
      return code;
    }

    static Rule of(String code) {
      for (Rule r : values()) {
        if (r.code.equals(code)) {
          return r;
        }
      }
      return null;
    }
  }

  /**
   * A re-consent task for every migrated child: the trial coordinator obtains consent to the amended protocol.
   *
   * @param dueWithin  the task's due date after the migration
   * @param statement  what changed for the family, shown in the task
   */
  public record Reconsent(Period dueWithin, String statement) {}

  /** The amendment's plan for the process, or null when the amendment does not change it. */
  public ProcessPlan plan(String processKey) {
    return processes.get(processKey);
  }

  Amendment withDeployment(String deployment) {
    return new Amendment(id, title, date, description, reconsent, processes, deployment);
  }
}

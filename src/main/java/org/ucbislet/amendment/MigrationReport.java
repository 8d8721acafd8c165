package org.ucbislet.amendment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an amendment did or would do (dry run) to each child: the REST answer of {@code POST
 * /api/amendments/{id}/dry-run} and {@code .../apply}, and what the trial manager's page shows.
 *
 * @param user    who asked
 * @param reason  the apply's reason (null for a dry run)
 * @param outcomes children per outcome
 */
public record MigrationReport(String amendmentId, boolean dryRun, Instant at, String user, String reason,
                              Map<String, Long> outcomes, long millis, List<Child> children) {

  /** Child outcomes. */
  public static final String MIGRATES = "migrates";
  public static final String MIGRATED = "migrated";
  public static final String MIGRATES_PARTLY = "migrates-partly";
  public static final String MIGRATED_PARTLY = "migrated-partly";
  public static final String CANNOT_MOVE = "cannot-move";
  public static final String FAILED = "failed";
  public static final String UP_TO_DATE = "up-to-date";
  public static final String NOT_ATTEMPTED = "not-attempted";

  /** Instance outcomes besides {@link #MIGRATES}, {@link #MIGRATED} and {@link #CANNOT_MOVE}. */
  public static final String STAYS = "stays-on-old-version";

  /**
   * One child (or donor: an islet isolation in progress is its own unit, keyed by the donor ID): all its process
   * instances that run on a version older than the amendment's.
   *
   * @param explanation why it cannot move or failed, with the amendment's rule and reason; null when it moves
   * @param reconsentTaskId the re-consent task created for it (apply with re-consent only)
   */
  public record Child(String subjectId, String outcome, String explanation, List<Instance> instances,
                      String reconsentTaskId) {}

  /**
   * One process instance of a child.
   *
   * @param activeBefore the activities (and asynchronous continuations) the instance is at, on the old model
   * @param landsAt      where each of them continues on the new model (null: nowhere, it cannot move)
   * @param timersBefore / timersAfter     the timers waiting, {@code activityId at dueDate}
   * @param messageWaitsBefore / messageWaitsAfter  the message and signal waits, {@code message Name at activityId}
   * @param problems     Camunda's validation report when it cannot move
   */
  public record Instance(String processInstanceId, String processDefinitionKey, String fromDefinitionId,
                         int fromVersion, String toDefinitionId, int toVersion, String outcome,
                         List<String> activeBefore, List<Move> landsAt, List<String> timersBefore,
                         List<String> timersAfter, List<String> messageWaitsBefore, List<String> messageWaitsAfter,
                         List<String> problems) {}

  /** An activity of the old model and the one it continues as in the new model. */
  public record Move(String from, String to) {}
}

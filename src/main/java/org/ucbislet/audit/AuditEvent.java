package org.ucbislet.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An audit record before it is appended: what happened, captured when it happened. Its ID, hash and (when
 * the engine only knew the process instance) subject ID and a variable's old value are filled in when the
 * transaction commits, by {@link AuditStore#append}.
 */
final class AuditEvent {

  final Instant recordedAt;
  final String actor;
  String subjectId;
  final String processDefinitionKey;
  final String processInstanceId;
  String element;
  final String entity;
  String entityId;
  /**
   * The engine's event, when its ID is assigned only by Camunda's own history handler (which runs after this
   * one): decisions and user operations. Read when the record is appended.
   */
  org.camunda.bpm.engine.impl.history.event.HistoryEvent idSource;
  final String eventType;
  final ObjectNode changes;
  /** For a variable update: the task through which it was made (its key becomes the element), else null. */
  String taskId;

  AuditEvent(String actor, String subjectId, String processDefinitionKey, String processInstanceId, String element,
             String entity, String entityId, String eventType, ObjectNode changes) {
    this.recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    this.actor = actor;
    this.subjectId = subjectId;
    this.processDefinitionKey = processDefinitionKey;
    this.processInstanceId = processInstanceId;
    this.element = element;
    this.entity = entity;
    this.entityId = entityId;
    this.eventType = eventType;
    this.changes = changes;
  }
}

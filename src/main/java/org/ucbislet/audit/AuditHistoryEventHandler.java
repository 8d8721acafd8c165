package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registered beside Camunda's own database history handler: turns every history event into an audit event
 * (who, subject, process, element, what changed) and keeps it with the current Spring transaction, to be
 * appended to the audit log just before that transaction commits. A command that rolls back leaves no audit
 * record; a commit without its audit records cannot happen (a failing append rolls the command back).
 * Values go to the audit table only, never to the application log.
 */
final class AuditHistoryEventHandler implements HistoryEventHandler {

  static final String CREATE = "create";
  static final String OLD_VALUE = "oldValue";
  static final String NEW_VALUE = "newValue";
  static final int MAX_VALUE_LENGTH = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(AuditHistoryEventHandler.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditStore store;

  AuditHistoryEventHandler(AuditStore store) {
    this.store = store;
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    AuditEvent audit = toAudit(event);
    if (audit == null) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      buffer().events.add(audit);
    } else {
      LOG.warn("History event outside a Spring transaction; audit record written in a transaction of its own");
      store.appendNow(audit);
    }
  }

  /**
   * Appends an application event (an electronic signature) with the records of the current transaction, after those
   * already buffered: committed or rolled back with it.
   */
  static void appendAtCommit(AuditStore store, AuditEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("Audit records of a command are appended inside its transaction");
    }
    buffer(store).events.add(event);
  }

  /** The buffer of the current transaction (a suspended outer transaction keeps its own). */
  private Buffer buffer() {
    return buffer(store);
  }

  private static Buffer buffer(AuditStore store) {
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof Buffer buffer && buffer.store == store) {
        return buffer;
      }
    }
    Buffer buffer = new Buffer(store);
    TransactionSynchronizationManager.registerSynchronization(buffer);
    return buffer;
  }

  private static final class Buffer implements TransactionSynchronization {
    private final AuditStore store;
    private final List<AuditEvent> events = new ArrayList<>();

    Buffer(AuditStore store) {
      this.store = store;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      store.append(events);
      events.clear();
    }

    @Override
    public void afterCompletion(int status) {
      events.clear();
    }

    @Override
    public int getOrder() {
      return LOWEST_PRECEDENCE; // after other work done before commit
    }
  }

  // --- mapping -------------------------------------------------------------------------------------

  static AuditEvent toAudit(HistoryEvent event) {
    AuditEvent audit = map(event);
    ManualCorrection correction = ManualCorrection.current();
    if (audit != null && correction != null && audit.changes != null) {
      audit.changes.put("correctionReason", correction.reason()).put("correctionRequest", correction.request());
      CorrectionSignature.Holder signature = CorrectionSignature.current();
      if (signature != null && signature.signature.userId() != null) { // checked in the same command, else rolled back
        audit.changes.put("correctionSignedBy", signature.signature.userId().strip());
      }
    }
    if (audit != null && audit.entityId == null) {
      audit.idSource = event instanceof HistoricDecisionEvaluationEvent d ? d.getRootHistoricDecisionInstance() : event;
    }
    return audit;
  }

  private static AuditEvent map(HistoryEvent event) {
    String actor = actor();
    String type = event.getEventType();
    if (event instanceof HistoricProcessInstanceEventEntity e) {
      ObjectNode c = changes().put("state", e.getState()).put("businessKey", e.getBusinessKey())
          .put("startUserId", e.getStartUserId()).put("startTime", iso(e.getStartTime())).put("endTime", iso(e.getEndTime()))
          .put("startActivityId", e.getStartActivityId()).put("endActivityId", e.getEndActivityId())
          .put("deleteReason", e.getDeleteReason()).put("superProcessInstanceId", e.getSuperProcessInstanceId());
      return new AuditEvent(actor, blankToNull(e.getBusinessKey()), e.getProcessDefinitionKey(), e.getProcessInstanceId(),
          type.equals("end") ? e.getEndActivityId() : e.getStartActivityId(), AuditEntities.PROCESS_INSTANCE,
          e.getProcessInstanceId(), type, c);
    }
    if (event instanceof HistoricActivityInstanceEventEntity e) {
      ObjectNode c = changes().put("activityName", e.getActivityName()).put("activityType", e.getActivityType())
          .put("startTime", iso(e.getStartTime())).put("endTime", iso(e.getEndTime())).put("assignee", e.getTaskAssignee())
          .put("taskId", e.getTaskId()).put("calledProcessInstanceId", e.getCalledProcessInstanceId())
          .put("canceled", e.isCanceled());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), e.getActivityId(),
          AuditEntities.ACTIVITY_INSTANCE, e.getActivityInstanceId(), type, c);
    }
    if (event instanceof HistoricTaskInstanceEventEntity e) {
      ObjectNode c = changes().put("name", e.getName()).put("assignee", e.getAssignee()).put("owner", e.getOwner())
          .put("startTime", iso(e.getStartTime())).put("endTime", iso(e.getEndTime())).put("dueDate", iso(e.getDueDate()))
          .put("deleteReason", e.getDeleteReason()).put("taskState", e.getTaskState());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), e.getTaskDefinitionKey(),
          AuditEntities.TASK, e.getTaskId(), type, c);
    }
    if (event instanceof HistoricVariableUpdateEventEntity e) {
      ObjectNode c = changes().put("name", e.getVariableName()).put("type", typeName(e.getSerializerName()));
      if (CREATE.equals(type)) {
        c.putNull(OLD_VALUE);
      }
      c.set(NEW_VALUE, "delete".equals(type) ? NODES.nullNode() : value(e));
      c.put("revision", e.getRevision()).put("taskId", e.getTaskId()).put("activityInstanceId", e.getActivityInstanceId());
      String scope = e.getActivityInstanceId();
      AuditEvent audit = new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(),
          scope != null && scope.contains(":") ? scope.substring(0, scope.indexOf(':')) : currentActivity(),
          AuditEntities.VARIABLE, e.getVariableInstanceId(), type, c);
      audit.taskId = e.getTaskId();
      if (e.getTaskId() != null) {
        audit.element = null; // resolved to the task's key when appended
      }
      return audit;
    }
    if (event instanceof HistoricDecisionEvaluationEvent e) {
      return decision(actor, e.getRootHistoricDecisionInstance(), e.getRequiredHistoricDecisionInstances());
    }
    if (event instanceof HistoricIncidentEventEntity e) {
      ObjectNode c = changes().put("incidentType", e.getIncidentType()).put("message", cap(e.getIncidentMessage()))
          .put("configuration", e.getConfiguration()).put("createTime", iso(e.getCreateTime())).put("endTime", iso(e.getEndTime()))
          .put("causeIncidentId", e.getCauseIncidentId()).put("failedActivityId", e.getFailedActivityId())
          .put("annotation", e.getAnnotation());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), e.getActivityId(),
          AuditEntities.INCIDENT, e.getId(), type, c);
    }
    if (event instanceof UserOperationLogEntryEventEntity e) {
      ObjectNode c = changes().put("operationType", e.getOperationType()).put("entityType", e.getEntityType())
          .put("property", e.getProperty()).put("orgValue", cap(e.getOrgValue())).put("newValue", cap(e.getNewValue()))
          .put("category", e.getCategory()).put("operationId", e.getOperationId()).put("taskId", e.getTaskId())
          .put("jobId", e.getJobId()).put("deploymentId", e.getDeploymentId()).put("batchId", e.getBatchId())
          .put("annotation", e.getAnnotation()).put("timestamp", iso(e.getTimestamp()));
      return new AuditEvent(e.getUserId() != null ? e.getUserId() : actor, null, e.getProcessDefinitionKey(),
          e.getProcessInstanceId(), null, AuditEntities.USER_OPERATION, e.getId(),
          (e.getOperationType() == null ? "operation" : e.getOperationType()).toLowerCase(Locale.ROOT), c);
    }
    if (event instanceof HistoricIdentityLinkLogEventEntity e) {
      ObjectNode c = changes().put("type", e.getType()).put("userId", e.getUserId()).put("groupId", e.getGroupId())
          .put("taskId", e.getTaskId())
          .put("operationType", e.getOperationType()).put("assignerId", e.getAssignerId());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), null,
          AuditEntities.IDENTITY_LINK, e.getId(), e.getOperationType() != null ? e.getOperationType() : type, c);
    }
    if (event instanceof HistoricJobLogEvent e) {
      ObjectNode c = changes().put("jobId", e.getJobId()).put("jobDefinitionType", e.getJobDefinitionType())
          .put("jobDefinitionConfiguration", e.getJobDefinitionConfiguration()).put("retries", e.getJobRetries())
          .put("exceptionMessage", cap(e.getJobExceptionMessage())).put("dueDate", iso(e.getJobDueDate()))
          .put("state", e.getState());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), e.getActivityId(),
          AuditEntities.JOB, e.getId(), type != null ? type : "job", c);
    }
    if (event instanceof HistoricExternalTaskLogEntity e) {
      ObjectNode c = changes().put("externalTaskId", e.getExternalTaskId()).put("topicName", e.getTopicName())
          .put("workerId", e.getWorkerId()).put("retries", e.getRetries()).put("errorMessage", cap(e.getErrorMessage()))
          .put("state", e.getState());
      return new AuditEvent(actor, null, e.getProcessDefinitionKey(), e.getProcessInstanceId(), e.getActivityId(),
          AuditEntities.EXTERNAL_TASK, e.getId(), type != null ? type : "external-task", c);
    }
    // any other kind of history event (batches, case management, ...): recorded with its identity
    ObjectNode c = changes().put("class", event.getClass().getSimpleName());
    String entity = event.getClass().getSimpleName().replace("EventEntity", "").replace("Entity", "")
        .replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    return new AuditEvent(actor, null, event.getProcessDefinitionKey(), event.getProcessInstanceId(), null,
        AuditStore.cut(entity, 32), event.getId(), type != null ? type : "event", c);
  }

  private static AuditEvent decision(String actor, HistoricDecisionInstanceEntity root,
                                     java.util.Collection<HistoricDecisionInstanceEntity> required) {
    ObjectNode c = decisionChanges(root);
    if (required != null && !required.isEmpty()) {
      ArrayNode requiredDecisions = c.putArray("requiredDecisions");
      required.forEach(d -> requiredDecisions.add(decisionChanges(d)));
    }
    String element = root.getActivityId() != null ? root.getActivityId() : root.getDecisionDefinitionKey();
    return new AuditEvent(actor != null && !AuditEntities.SYSTEM.equals(actor) ? actor
        : root.getUserId() != null ? root.getUserId() : actor, null, root.getProcessDefinitionKey(),
        root.getProcessInstanceId(), element, AuditEntities.DECISION, root.getId(), "evaluate", c);
  }

  private static ObjectNode decisionChanges(HistoricDecisionInstanceEntity d) {
    ObjectNode c = changes().put("decisionKey", d.getDecisionDefinitionKey()).put("decisionName", d.getDecisionDefinitionName())
        .put("decisionDefinitionId", d.getDecisionDefinitionId()).put("evaluationTime", iso(d.getEvaluationTime()));
    ObjectNode inputs = c.putObject("inputs");
    if (d.getInputs() != null) {
      for (HistoricDecisionInputInstance in : d.getInputs()) {
        inputs.set(in.getClauseName() != null ? in.getClauseName() : in.getClauseId(), plain(in.getValue()));
      }
    }
    ArrayNode outputs = c.putArray("outputs");
    if (d.getOutputs() != null) {
      for (HistoricDecisionOutputInstance out : d.getOutputs()) {
        outputs.addObject().put("ruleId", out.getRuleId()).put("ruleOrder", out.getRuleOrder())
            .put("name", out.getVariableName() != null ? out.getVariableName() : out.getClauseName())
            .set("value", plain(out.getValue()));
      }
    }
    if (d.getCollectResultValue() != null) {
      c.put("collectResultValue", d.getCollectResultValue());
    }
    return c;
  }

  /** The authenticated user of the command, else the job executor, else "system". */
  static String actor() {
    CommandContext command = Context.getCommandContext();
    String user = command == null ? null : command.getAuthenticatedUserId();
    if (user != null) {
      return user;
    }
    return Context.getJobExecutorContext() != null ? AuditEntities.JOB_EXECUTOR : AuditEntities.SYSTEM;
  }

  private static String currentActivity() {
    var context = Context.getBpmnExecutionContext();
    return context == null || context.getExecution() == null ? null : context.getExecution().getActivityId();
  }

  private static ObjectNode changes() {
    return NODES.objectNode();
  }

  /** The stored value of a variable update, as JSON: booleans, numbers, texts, dates (ISO-8601 UTC) as such. */
  static JsonNode value(HistoricVariableUpdateEventEntity e) {
    String serializer = e.getSerializerName() == null ? "null" : e.getSerializerName();
    switch (serializer) {
      case "null":
        return NODES.nullNode();
      case "boolean":
        return e.getLongValue() == null ? NODES.nullNode() : NODES.booleanNode(e.getLongValue() != 0);
      case "integer", "long", "short":
        return e.getLongValue() == null ? NODES.nullNode() : NODES.numberNode(e.getLongValue());
      case "double":
        return e.getDoubleValue() == null ? NODES.nullNode() : NODES.numberNode(e.getDoubleValue());
      case "date":
        return e.getLongValue() == null ? NODES.nullNode() : NODES.textNode(Instant.ofEpochMilli(e.getLongValue()).toString());
      case "string":
        return e.getTextValue() == null ? NODES.nullNode() : NODES.textNode(cap(e.getTextValue()));
      default:
        if (serializer.startsWith("spin://") || serializer.equals("json") || serializer.equals("xml")) {
          byte[] bytes = e.getByteValue();
          String text = bytes != null ? new String(bytes, StandardCharsets.UTF_8) : e.getTextValue();
          return text == null ? NODES.nullNode() : NODES.textNode(cap(text));
        }
        byte[] bytes = e.getByteValue();
        return NODES.textNode("[" + serializer + (bytes == null ? "" : ", " + bytes.length + " bytes, sha256 "
            + java.util.HexFormat.of().formatHex(AuditRecord.sha256().digest(bytes))) + "]");
    }
  }

  private static String typeName(String serializer) {
    if (serializer == null) {
      return "null";
    }
    return serializer.startsWith("spin://application/json") ? "json"
        : serializer.startsWith("spin://application/xml") ? "xml" : serializer;
  }

  /** A decision input or output value as JSON. */
  static JsonNode plain(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (value instanceof Date d) {
      return NODES.textNode(d.toInstant().toString());
    }
    if (value instanceof String s) {
      return NODES.textNode(cap(s));
    }
    try {
      return NODES.textNode(cap(JSON.writeValueAsString(value)));
    } catch (Exception e) {
      return NODES.textNode(cap(String.valueOf(value)));
    }
  }

  private static String cap(String text) {
    return text == null || text.length() <= MAX_VALUE_LENGTH ? text
        : text.substring(0, MAX_VALUE_LENGTH) + "...[truncated, " + text.length() + " characters, sha256 "
            + AuditRecord.sha256Hex(text) + "]";
  }

  private static String iso(Date date) {
    return date == null ? null : date.toInstant().toString();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}

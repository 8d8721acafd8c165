package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.protocol.RecordProtocolEndListener;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.safety.AdverseEventVariables;

/**
 * The children in the trial and each child's whole record, read from the engine's history (running and finished
 * process instances alike) and the audit log: the data behind Cockpit's "Children" pages
 * ({@code app/cockpit/scripts/children.js}), served by {@link ChildrenController}.
 *
 * <p>The caller has already been checked (trial manager, auditor, administrator may read every child); the queries
 * run without the engine's per-user authorization, so that the auditor, who reads history but not the running
 * state, sees the same children and open tasks as the trial manager.
 */
@Component
public class ChildRecords {

  /** Where a child is: the values of {@code status} (README contract of the Children page). */
  public static final String SCREENING = "screening";
  public static final String STAGE_1 = "stage 1";
  public static final String STAGE_2 = "stage 2";
  public static final String FOLLOW_UP = "follow-up";
  public static final String ENDED = "ended";
  public static final String IN_PROGRESS = "in progress";

  /** The protocol's call activities that tell the stage, in the order they are looked for. */
  private static final Map<String, String> STAGE_OF_CALL = new LinkedHashMap<>();

  static {
    STAGE_OF_CALL.put(ProtocolVariables.CALL_ISLET_TRANSPLANT, STAGE_2);
    STAGE_OF_CALL.put(ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT, STAGE_1);
    STAGE_OF_CALL.put(ProtocolVariables.CALL_SCREENING, SCREENING);
    STAGE_OF_CALL.put(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS, FOLLOW_UP);
    STAGE_OF_CALL.put(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD, FOLLOW_UP);
  }

  private static final Set<String> MESSAGE_EVENTS = Set.of("messageStartEvent", "intermediateMessageCatch",
      "receiveTask", "boundaryMessage", "messageEndEvent");
  private static final int MAX_VALUE = 200;
  private static final int BATCH = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final String identityLinkTable;

  public ChildRecords(ProcessEngine engine, JdbcTemplate jdbc) {
    this.history = engine.getHistoryService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.repository = engine.getRepositoryService();
    this.identity = engine.getIdentityService();
    this.jdbc = jdbc;
    this.zone = ClinicalTimeZone.get();
    this.identityLinkTable = engine.getManagementService().getTableName(IdentityLinkEntity.class);
  }

  // ------------------------------------------------------------------------------------------- list

  /** An open task of a child. */
  public record OpenTask(String id, String name, String taskDefinitionKey, String processDefinitionKey,
                         List<String> candidateGroups, String assignee, Date created) {}

  /** One line of the Children page. */
  public record ChildSummary(String subjectId, String protocolInstanceId, String status, String statusText,
                             String endedHow, String endActivityId, Date started, Date ended,
                             LocalDate cordBloodInfusionDate, Long daySinceCordBloodInfusion, int deviations,
                             int adverseEvents, int seriousAdverseEvents, List<OpenTask> openTasks) {}

  /** Every child with a protocol instance (the latest one if re-screened), by subject ID. */
  public List<ChildSummary> children(String subjectIdContains) {
    return withoutAuthorization(() -> {
      List<HistoricProcessInstance> protocols = history.createHistoricProcessInstanceQuery()
          .processDefinitionKey(ProtocolVariables.PROCESS_KEY).orderByProcessInstanceStartTime().asc().list();
      Map<String, HistoricProcessInstance> latest = new LinkedHashMap<>();
      for (HistoricProcessInstance p : protocols) {
        if (p.getBusinessKey() != null && (subjectIdContains == null
            || p.getBusinessKey().toUpperCase(Locale.ROOT).contains(subjectIdContains.toUpperCase(Locale.ROOT)))) {
          latest.put(p.getBusinessKey(), p);
        }
      }
      List<String> protocolIds = latest.values().stream().map(HistoricProcessInstance::getId).toList();
      Map<String, Map<String, Object>> vars = variables(protocolIds, RecordProtocolEndListener.PROTOCOL_END,
          ProtocolVariables.CORD_BLOOD_INFUSION_DATE, FollowUpVariables.PROTOCOL_DEVIATION_COUNT);
      Map<String, String> stageByProtocol = runningStages(protocolIds);
      Map<String, List<OpenTask>> open = openTasksBySubject(latest.keySet());
      Map<String, int[]> adverse = adverseEventCounts();
      LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
      List<ChildSummary> lines = new ArrayList<>();
      latest.forEach((subject, protocol) -> {
        Map<String, Object> v = vars.getOrDefault(protocol.getId(), Map.of());
        int[] ae = adverse.getOrDefault(subject, new int[2]);
        lines.add(summary(protocol, v, stageByProtocol.get(protocol.getId()), open.getOrDefault(subject, List.of()),
            ae[0], ae[1], today));
      });
      lines.sort(Comparator.comparing(ChildSummary::subjectId));
      return lines;
    });
  }

  private ChildSummary summary(HistoricProcessInstance protocol, Map<String, Object> v, String runningStage,
                               List<OpenTask> open, int adverseEvents, int serious, LocalDate today) {
    String status;
    String statusText;
    String endedHow = null;
    if (protocol.getEndTime() != null) {
      status = ENDED;
      Object end = v.get(RecordProtocolEndListener.PROTOCOL_END);
      endedHow = end != null ? end.toString() : protocol.getDeleteReason() != null
          ? "Cancelled: " + protocol.getDeleteReason() : String.valueOf(protocol.getEndActivityId());
      statusText = "Ended: " + endedHow;
    } else {
      status = runningStage != null ? runningStage : IN_PROGRESS;
      statusText = switch (status) {
        case SCREENING -> "In screening";
        case STAGE_1 -> "In stage 1 (cord blood)";
        case STAGE_2 -> "In stage 2 (islets)";
        case FOLLOW_UP -> "In long-term follow-up";
        default -> "In progress";
      };
    }
    LocalDate infusion = date(v.get(ProtocolVariables.CORD_BLOOD_INFUSION_DATE));
    Long day = null;
    if (infusion != null) {
      LocalDate asOf = protocol.getEndTime() != null ? LocalDate.ofInstant(protocol.getEndTime().toInstant(), zone) : today;
      day = ChronoUnit.DAYS.between(infusion, asOf);
    }
    Object deviations = v.get(FollowUpVariables.PROTOCOL_DEVIATION_COUNT);
    return new ChildSummary(protocol.getBusinessKey(), protocol.getId(), status, statusText, endedHow,
        protocol.getEndActivityId(), protocol.getStartTime(), protocol.getEndTime(), infusion, day,
        deviations instanceof Number n ? n.intValue() : 0, adverseEvents, serious, open);
  }

  /** The stage of each running protocol: its running call activity (the parallel cord blood follow-up ignored). */
  private Map<String, String> runningStages(List<String> protocolIds) {
    Set<String> wanted = new HashSet<>(protocolIds);
    Map<String, Set<String>> calls = new HashMap<>();
    for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().unfinished()
        .activityType("callActivity").list()) {
      if (wanted.contains(a.getProcessInstanceId())) {
        calls.computeIfAbsent(a.getProcessInstanceId(), k -> new HashSet<>()).add(a.getActivityId());
      }
    }
    Map<String, String> stages = new HashMap<>();
    calls.forEach((protocol, running) -> STAGE_OF_CALL.entrySet().stream().filter(e -> running.contains(e.getKey()))
        .findFirst().ifPresent(e -> stages.put(protocol, e.getValue())));
    return stages;
  }

  /** Open tasks of every running process instance whose business key is one of the subjects. */
  private Map<String, List<OpenTask>> openTasksBySubject(Set<String> subjects) {
    Map<String, String> subjectOfInstance = new HashMap<>();
    Map<String, String> keyOfDefinition = new HashMap<>();
    ProcessInstanceQuery running = runtime.createProcessInstanceQuery();
    TaskQuery open = tasks.createTaskQuery();
    if (subjects.size() == 1) { // one child: only its own instances and tasks
      running.processInstanceBusinessKey(subjects.iterator().next());
      open.processInstanceBusinessKey(subjects.iterator().next());
    }
    for (ProcessInstance pi : running.list()) {
      if (pi.getBusinessKey() != null && subjects.contains(pi.getBusinessKey())) {
        subjectOfInstance.put(pi.getId(), pi.getBusinessKey());
      }
    }
    // the candidate groups of every open task in one read of the engine's identity links (the task query has no way
    // to return them; a query per group or per task costs a round trip each)
    Map<String, List<String>> groupsOfTask = new HashMap<>();
    jdbc.query("select TASK_ID_, GROUP_ID_ from " + identityLinkTable + " where TYPE_ = 'candidate'"
        + " and TASK_ID_ is not null and GROUP_ID_ is not null order by GROUP_ID_", rs -> {
          groupsOfTask.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
    Map<String, List<OpenTask>> bySubject = new HashMap<>();
    for (Task t : open.orderByTaskCreateTime().asc().list()) {
      String subject = subjectOfInstance.get(t.getProcessInstanceId());
      if (subject == null) {
        continue;
      }
      String key = keyOfDefinition.computeIfAbsent(t.getProcessDefinitionId(), this::definitionKey);
      bySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(new OpenTask(t.getId(), t.getName(),
          t.getTaskDefinitionKey(), key, groupsOfTask.getOrDefault(t.getId(), List.of()), t.getAssignee(),
          t.getCreateTime()));
    }
    return bySubject;
  }

  private String definitionKey(String processDefinitionId) {
    ProcessDefinition d = repository.getProcessDefinition(processDefinitionId);
    return d == null ? null : d.getKey();
  }

  /** Adverse events and serious ones per subject: {all, serious}. */
  private Map<String, int[]> adverseEventCounts() {
    Map<String, String> subjectOfEvent = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    for (HistoricProcessInstance ae : history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(AdverseEventVariables.PROCESS_KEY).list()) {
      if (ae.getBusinessKey() != null) {
        subjectOfEvent.put(ae.getId(), ae.getBusinessKey());
        counts.computeIfAbsent(ae.getBusinessKey(), k -> new int[2])[0]++;
      }
    }
    for (HistoricVariableInstance serious : history.createHistoricVariableInstanceQuery()
        .variableName(AdverseEventVariables.SERIOUS).list()) {
      String subject = subjectOfEvent.get(serious.getProcessInstanceId());
      if (subject != null && Boolean.TRUE.equals(serious.getValue())) {
        counts.get(subject)[1]++;
      }
    }
    return counts;
  }

  // ------------------------------------------------------------------------------------------- one child

  /** How often an element was entered, how many of those are still running, and whether any was cancelled. */
  public record VisitedElement(String activityId, String name, String type, int count, int running, int canceled) {}

  /** One process instance of the child, with the elements it passed. */
  public record ChildProcess(String id, String processDefinitionKey, String processDefinitionName,
                             String processDefinitionId, Integer version, String businessKey, String state,
                             Date started, Date ended, String superProcessInstanceId, String endActivityId,
                             String deleteReason, List<VisitedElement> visited) {}

  /** A name and a value as shown on the page (long values cut). */
  public record Value(String name, String type, String value) {}

  /** An activity of the timeline. */
  public record TimelineEntry(String processInstanceId, String processDefinitionKey, String activityInstanceId,
                              String activityId, String name, String type, Date started, Date ended, String assignee,
                              boolean canceled, List<Value> recorded) {}

  /** A decision the engine took, with its inputs and outputs. */
  public record Decision(String id, String decisionDefinitionKey, String decisionDefinitionName,
                         String processInstanceId, String processDefinitionKey, String activityId, Date evaluated,
                         List<Value> inputs, List<Value> outputs) {}

  /** A variable change with the value before and after, who made it and, for a manual correction, why. */
  public record VariableChange(Date time, String processInstanceId, String processDefinitionKey, String name,
                               String type, int revision, String oldValue, String newValue, String user,
                               String correctionReason, String activityInstanceId) {}

  /** A message the child's processes received. */
  public record MessageReceived(Date time, String processInstanceId, String processDefinitionKey, String activityId,
                                String name, String type) {}

  /** An adverse event with its reporting clocks. */
  public record AdverseEvent(String processInstanceId, String state, Date started, Date ended, String endActivityId,
                             Map<String, Object> values) {}

  /** The whole record of one child. */
  public record ChildRecord(ChildSummary summary, List<ChildProcess> processes, List<TimelineEntry> timeline,
                            List<Decision> decisions, List<VariableChange> variableChanges,
                            List<MessageReceived> messages, List<Map<String, Object>> deviations,
                            List<AdverseEvent> adverseEvents, Date asOf) {}

  private static final List<String> ADVERSE_EVENT_FIELDS = List.of(AdverseEventVariables.AE_TERM,
      AdverseEventVariables.AE_TERM_OTHER, AdverseEventVariables.AE_ONSET_DATE, AdverseEventVariables.CTCAE_GRADE,
      AdverseEventVariables.SERIOUS, AdverseEventVariables.UNEXPECTED, AdverseEventVariables.RELATED_TO_INTERVENTION,
      AdverseEventVariables.REPORTED_AT, AdverseEventVariables.REPORTED_BY, AdverseEventVariables.INITIAL_REPORT_DEADLINE,
      AdverseEventVariables.INITIAL_REPORT_DUE_AT, AdverseEventVariables.SAE_INITIAL_REPORT_DATE,
      AdverseEventVariables.INITIAL_REPORT_LATE, AdverseEventVariables.EXPEDITED_REPORT_DAYS,
      AdverseEventVariables.EXPEDITED_REPORT_DUE_AT, AdverseEventVariables.EXPEDITED_REPORT_DATE,
      AdverseEventVariables.EXPEDITED_REPORT_LATE, AdverseEventVariables.AE_OUTCOME, AdverseEventVariables.AE_OUTCOME_DATE);

  /** The child's record, or null when no process instance has this subject ID. */
  public ChildRecord record(String subjectId) {
    return withoutAuthorization(() -> {
      List<HistoricProcessInstance> instances = new ArrayList<>(history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(subjectId).list());
      if (instances.isEmpty()) {
        return null;
      }
      // the islet isolation that served the child: its business key is the donor ID
      Set<String> isolations = new HashSet<>();
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
          .variableValueEquals(IsletIsolationVariables.ALLOCATED_SUBJECT_ID, subjectId).list()) {
        isolations.add(v.getProcessInstanceId());
      }
      if (!isolations.isEmpty()) {
        instances.addAll(history.createHistoricProcessInstanceQuery().processInstanceIds(isolations).list());
      }
      instances.sort(Comparator.comparing(HistoricProcessInstance::getStartTime)
          .thenComparing(HistoricProcessInstance::getId));
      Map<String, String> keyOf = new HashMap<>();
      instances.forEach(p -> keyOf.put(p.getId(), p.getProcessDefinitionKey()));

      List<ChildProcess> processes = new ArrayList<>();
      List<TimelineEntry> timeline = new ArrayList<>();
      List<MessageReceived> messages = new ArrayList<>();
      List<Decision> decisions = new ArrayList<>();
      List<VariableChange> changes = variableChanges(subjectId, keyOf);
      Map<String, List<Value>> recordedIn = new HashMap<>();
      for (VariableChange c : changes) {
        if (c.activityInstanceId() != null) {
          recordedIn.computeIfAbsent(c.activityInstanceId(), k -> new ArrayList<>())
              .add(new Value(c.name(), c.type(), c.newValue()));
        }
      }
      for (HistoricProcessInstance p : instances) {
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
            .processInstanceId(p.getId()).orderPartiallyByOccurrence().asc().list();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, HistoricActivityInstance> firstOf = new HashMap<>();
        for (HistoricActivityInstance a : activities) {
          int[] c = counts.computeIfAbsent(a.getActivityId(), k -> new int[3]);
          c[0]++;
          if (a.getEndTime() == null) {
            c[1]++;
          }
          if (a.isCanceled()) {
            c[2]++;
          }
          firstOf.putIfAbsent(a.getActivityId(), a);
          boolean task = "userTask".equals(a.getActivityType());
          timeline.add(new TimelineEntry(p.getId(), p.getProcessDefinitionKey(), a.getId(), a.getActivityId(),
              a.getActivityName(), a.getActivityType(), a.getStartTime(), a.getEndTime(), a.getAssignee(),
              a.isCanceled(), task ? recordedIn.getOrDefault(a.getId(), List.of()) : List.of()));
          if (MESSAGE_EVENTS.contains(a.getActivityType()) && a.getEndTime() != null && !a.isCanceled()) {
            messages.add(new MessageReceived(a.getEndTime(), p.getId(), p.getProcessDefinitionKey(), a.getActivityId(),
                a.getActivityName(), a.getActivityType()));
          }
        }
        List<VisitedElement> visited = new ArrayList<>();
        counts.forEach((id, c) -> {
          HistoricActivityInstance a = firstOf.get(id);
          visited.add(new VisitedElement(id, a.getActivityName(), a.getActivityType(), c[0], c[1], c[2]));
        });
        ProcessDefinition definition = repository.getProcessDefinition(p.getProcessDefinitionId());
        processes.add(new ChildProcess(p.getId(), p.getProcessDefinitionKey(),
            definition == null ? p.getProcessDefinitionName() : definition.getName(), p.getProcessDefinitionId(),
            p.getProcessDefinitionVersion(), p.getBusinessKey(), p.getState(), p.getStartTime(), p.getEndTime(),
            p.getSuperProcessInstanceId(), p.getEndActivityId(), p.getDeleteReason(), visited));
        for (HistoricDecisionInstance d : history.createHistoricDecisionInstanceQuery().processInstanceId(p.getId())
            .includeInputs().includeOutputs().disableCustomObjectDeserialization().list()) {
          decisions.add(decision(d, p.getProcessDefinitionKey()));
        }
      }
      timeline.sort(Comparator.comparing(TimelineEntry::started).thenComparing(TimelineEntry::activityInstanceId));
      messages.sort(Comparator.comparing(MessageReceived::time));
      decisions.sort(Comparator.comparing(Decision::evaluated));

      HistoricProcessInstance protocol = instances.stream()
          .filter(p -> ProtocolVariables.PROCESS_KEY.equals(p.getProcessDefinitionKey()))
          .reduce((a, b) -> b).orElse(null);
      ChildSummary summary = null;
      List<Map<String, Object>> deviations = List.of();
      List<AdverseEvent> adverseEvents = adverseEvents(instances);
      if (protocol != null) {
        Map<String, Object> v = variables(List.of(protocol.getId()), RecordProtocolEndListener.PROTOCOL_END,
            ProtocolVariables.CORD_BLOOD_INFUSION_DATE, FollowUpVariables.PROTOCOL_DEVIATION_COUNT,
            FollowUpVariables.PROTOCOL_DEVIATIONS).getOrDefault(protocol.getId(), Map.of());
        deviations = FollowUpJson.records(v.get(FollowUpVariables.PROTOCOL_DEVIATIONS));
        List<OpenTask> open = openTasksBySubject(Set.of(subjectId)).getOrDefault(subjectId, List.of());
        Set<String> runningHere = new HashSet<>();
        processes.stream().filter(p -> p.id().equals(protocol.getId())).flatMap(p -> p.visited().stream())
            .filter(e -> e.running() > 0).forEach(e -> runningHere.add(e.activityId()));
        String stage = protocol.getEndTime() == null ? STAGE_OF_CALL.entrySet().stream()
            .filter(e -> runningHere.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null) : null;
        int serious = (int) adverseEvents.stream().filter(a -> Boolean.TRUE.equals(a.values().get(AdverseEventVariables.SERIOUS)))
            .count();
        summary = summary(protocol, v, stage, open, adverseEvents.size(), serious,
            LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone));
      }
      return new ChildRecord(summary, processes, timeline, decisions, changes, messages, deviations,
          adverseEvents, ClockUtil.getCurrentTime());
    });
  }

  private Decision decision(HistoricDecisionInstance d, String processKey) {
    List<Value> inputs = new ArrayList<>();
    for (HistoricDecisionInputInstance in : d.getInputs()) {
      inputs.add(new Value(in.getClauseName() != null ? in.getClauseName() : in.getClauseId(), in.getTypeName(),
          text(plain(in.getTypedValue()))));
    }
    List<Value> outputs = new ArrayList<>();
    for (HistoricDecisionOutputInstance out : d.getOutputs()) {
      outputs.add(new Value(out.getVariableName() != null ? out.getVariableName() : out.getClauseName(),
          out.getTypeName(), text(plain(out.getTypedValue()))));
    }
    return new Decision(d.getId(), d.getDecisionDefinitionKey(), d.getDecisionDefinitionName(), d.getProcessInstanceId(),
        processKey, d.getActivityId(), d.getEvaluationTime(), inputs, outputs);
  }

  /**
   * Every variable update of the child's process instances in the engine's history, with the value it replaced;
   * who made it and the reason of a manual correction come from the audit log (the engine's history has neither).
   */
  private List<VariableChange> variableChanges(String subjectId, Map<String, String> keyOf) {
    Map<String, String[]> audit = new HashMap<>();
    jdbc.query("select ENTITY_ID, ACTOR, CHANGES from " + AuditStore.LOG
        + " where SUBJECT_ID = ? and ENTITY = ? order by ID", rs -> {
          String changes = rs.getString(3);
          String revision = null;
          String reason = null;
          if (changes != null) {
            try {
              JsonNode c = JSON.readTree(changes);
              revision = c.path("revision").asText(null);
              reason = c.hasNonNull("correctionReason") ? c.get("correctionReason").asText() : null;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              revision = null;
            }
          }
          audit.put(rs.getString(1) + "#" + revision, new String[] {rs.getString(2), reason});
        }, subjectId, AuditEntities.VARIABLE);
    List<String> ids = new ArrayList<>(keyOf.keySet());
    List<HistoricDetail> details = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += BATCH) {
      details.addAll(history.createHistoricDetailQuery().variableUpdates()
          .processInstanceIdIn(ids.subList(i, Math.min(ids.size(), i + BATCH)).toArray(String[]::new))
          .disableCustomObjectDeserialization().list());
    }
    details.sort(Comparator.comparing(HistoricDetail::getTime)
        .thenComparing(d -> ((HistoricVariableUpdate) d).getRevision()));
    Map<String, String> lastValue = new HashMap<>();
    List<VariableChange> changes = new ArrayList<>();
    for (HistoricDetail detail : details) {
      HistoricVariableUpdate u = (HistoricVariableUpdate) detail;
      String value = text(plain(u.getTypedValue()));
      String old = lastValue.put(u.getVariableInstanceId(), value);
      String[] who = audit.get(u.getVariableInstanceId() + "#" + u.getRevision());
      changes.add(new VariableChange(u.getTime(), u.getProcessInstanceId(), keyOf.get(u.getProcessInstanceId()),
          u.getVariableName(), u.getTypeName(), u.getRevision(), old, value, who == null ? null : who[0],
          who == null ? null : who[1], u.getActivityInstanceId()));
    }
    return changes;
  }

  /** The value, or for an object not deserialized (custom object deserialization is off) its serialized form. */
  private static Object plain(TypedValue value) {
    if (value == null) {
      return null;
    }
    if (value instanceof SerializableValue s && !s.isDeserialized()) {
      return s.getValueSerialized();
    }
    return value.getValue();
  }

  private List<AdverseEvent> adverseEvents(List<HistoricProcessInstance> instances) {
    List<HistoricProcessInstance> events = instances.stream()
        .filter(p -> AdverseEventVariables.PROCESS_KEY.equals(p.getProcessDefinitionKey())).toList();
    if (events.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> vars = variables(events.stream().map(HistoricProcessInstance::getId).toList(),
        ADVERSE_EVENT_FIELDS.toArray(String[]::new));
    List<AdverseEvent> list = new ArrayList<>();
    for (HistoricProcessInstance e : events) {
      Map<String, Object> v = vars.getOrDefault(e.getId(), Map.of());
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (String field : ADVERSE_EVENT_FIELDS) {
        if (v.get(field) != null) {
          Object value = v.get(field);
          ordered.put(field, value instanceof Date date ? date.toInstant().toString() : value);
        }
      }
      list.add(new AdverseEvent(e.getId(), e.getState(), e.getStartTime(), e.getEndTime(), e.getEndActivityId(), ordered));
    }
    return list;
  }

  // ------------------------------------------------------------------------------------------- helpers

  /** Process-level variables of the instances, only the names asked for. */
  private Map<String, Map<String, Object>> variables(Collection<String> processInstanceIds, String... names) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(processInstanceIds));
    for (int i = 0; i < ids.size(); i += BATCH) {
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(ids.subList(i, Math.min(ids.size(), i + BATCH)).toArray(String[]::new))
          .variableNameIn(names).disableCustomObjectDeserialization().list()) {
        if (v.getActivityInstanceId() != null && !v.getActivityInstanceId().equals(v.getProcessInstanceId())) {
          continue; // a local variable of an activity
        }
        Object value = plain(v.getTypedValue());
        if (value != null) {
          byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), value);
        }
      }
    }
    return byInstance;
  }

  private LocalDate date(Object value) {
    if (value instanceof Date d) {
      return LocalDate.ofInstant(d.toInstant(), zone);
    }
    if (value instanceof String s && s.length() >= 10) {
      try {
        return LocalDate.parse(s.substring(0, 10));
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  /** A value as the page shows it: dates as ISO instants, long values cut. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value instanceof Date d ? d.toInstant().toString() : String.valueOf(value);
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "… (" + s.length() + " characters)" : s;
  }

  /** Runs the queries without the current user's authorization checks (the controller checked the user). */
  private <T> T withoutAuthorization(Supplier<T> work) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}

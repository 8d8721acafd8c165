package org.ucbislet.amendment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigrationInstructionsBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.ucbislet.amendment.Amendment.ActivityMapping;
import org.ucbislet.amendment.Amendment.ProcessPlan;
import org.ucbislet.amendment.Amendment.Rule;
import org.ucbislet.amendment.MigrationReport.Child;
import org.ucbislet.amendment.MigrationReport.Instance;
import org.ucbislet.amendment.MigrationReport.Move;
import org.ucbislet.audit.AmendmentRecords;
import org.ucbislet.audit.SignatureFields;
import org.ucbislet.audit.SignatureRefusedException;
import org.ucbislet.clinical.Groups;
import org.ucbislet.clinical.InvalidInputException;
import org.ucbislet.security.TaskCardPlugin;

/**
 * Dry-runs and applies an amendment, child by child (docs/amendments.md).
 *
 * <p>A <em>child</em> is every running process instance of one business key (the subject ID; the called processes
 * carry it) whose process the amendment changes and whose version is older than the amendment's. Each child is
 * migrated with Camunda's public migration API, one process instance after the other (the root first; a call
 * activity keeps its called instance, which is migrated in its own definition), <strong>all in one transaction</strong>:
 * if any instance fails, the transaction rolls back and the child stays whole on its old versions, reported.
 *
 * <p>The dry run is the same migration, in a transaction that is always rolled back: what Camunda would do, with its
 * own validation reports, and nothing changed. Apply first dry-runs each child (so the amendment's rule for an
 * instance that cannot move is applied knowingly), then migrates it in a transaction of its own as a signed manual
 * correction ({@link AmendmentRecords}): the signature, one audit record per migrated instance (old and new
 * definition and version, activity mapping, timers and message waits before and after, user, reason) and the
 * re-consent task commit with the migration, or not at all.
 */
@Component
public class AmendmentService {

  /** Task-local variable of a re-consent task: the amendment it is for. */
  public static final String RECONSENT_AMENDMENT_ID = "amendmentId";
  /** Task-local variable of a re-consent task: the child. */
  public static final String RECONSENT_SUBJECT_ID = "subjectId";
  static final int MAX_REASON = 1000;
  /** Re-consent is for children (subject IDs), not for a donor's islet isolation. */
  private static final java.util.regex.Pattern SUBJECT_ID = java.util.regex.Pattern.compile(
      org.ucbislet.protocol.ProtocolVariables.SUBJECT_ID_PATTERN);

  private static final Logger LOG = LoggerFactory.getLogger(AmendmentService.class);

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ManagementService management;
  private final TaskService tasks;
  private final IdentityService identity;
  private final EngineCommands commands;
  private final AmendmentRecords records;
  private final TransactionTemplate transaction;
  private final Map<String, String> jobActivities = new ConcurrentHashMap<>();

  public AmendmentService(ProcessEngine engine, AmendmentRecords records, PlatformTransactionManager transactionManager) {
    this.runtime = engine.getRuntimeService();
    this.repository = engine.getRepositoryService();
    this.management = engine.getManagementService();
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.commands = new EngineCommands(engine);
    this.records = records;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * What the amendment would do to the children (all running children when {@code subjectIds} is null). Changes
   * nothing: each child is migrated in a transaction that is rolled back.
   */
  public MigrationReport dryRun(Amendment amendment, List<String> subjectIds) {
    long started = System.nanoTime();
    Run run = new Run(amendment);
    List<Child> children = new ArrayList<>();
    run.units(subjectIds).forEach((subject, instances) -> children.add(instances.isEmpty()
        ? new Child(subject, MigrationReport.UP_TO_DATE, null, List.of(), null) : simulate(run, subject, instances)));
    return report(amendment, true, null, children, started);
  }

  /**
   * Applies the amendment to the children (all running children when {@code subjectIds} is null), each child in a
   * transaction of its own, as a manual correction with the reason, signed by the logged-in user with the password.
   *
   * @throws InvalidInputException without a reason or a signature (nothing changed)
   * @throws SignatureRefusedException when the signature is refused at the first child (nothing changed)
   */
  public MigrationReport apply(Amendment amendment, List<String> subjectIds, String reason, String signerId,
                               String password) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "is required: why the amendment is applied to these children (it is "
          + "recorded with every move)");
    }
    if (reason.length() > MAX_REASON) {
      throw new InvalidInputException("reason", "must be at most " + MAX_REASON + " characters");
    }
    if (signerId == null || signerId.isBlank()) {
      throw new InvalidInputException("signatureUserId", "is required: applying an amendment is signed (your user ID "
          + "and password, docs/electronic-signatures.md)");
    }
    if (password == null || password.isEmpty()) {
      throw new InvalidInputException("signaturePassword", "is required: applying an amendment is signed");
    }
    String user = currentUser();
    verifySigner(user, signerId, password);
    long started = System.nanoTime();
    Run run = new Run(amendment);
    List<Child> children = new ArrayList<>();
    boolean signed = false;
    Map<String, List<ProcessInstance>> units = run.units(subjectIds);
    for (Map.Entry<String, List<ProcessInstance>> unit : units.entrySet()) {
      String subject = unit.getKey();
      if (unit.getValue().isEmpty()) {
        children.add(new Child(subject, MigrationReport.UP_TO_DATE, null, List.of(), null));
        continue;
      }
      Child planned = simulate(run, subject, unit.getValue());
      if (MigrationReport.CANNOT_MOVE.equals(planned.outcome())) {
        records.notMigrated(user, subject, amendment.id(), details(amendment, planned, reason));
        children.add(planned);
        continue;
      }
      try {
        children.add(transaction.execute(status -> records.signedCorrection(reason.strip(),
            "amendment " + amendment.id() + " applied to " + subject, signerId, password,
            () -> commands.withoutAuthorization(() -> migrate(run, subject, unit.getValue(), planned, user,
                reason.strip())))));
        signed = true;
      } catch (SignatureRefusedException e) {
        if (!signed) {
          throw e;
        }
        children.add(failed(amendment, subject, planned, user, reason, "signature refused: " + e.getMessage()));
        break;
      } catch (RuntimeException e) {
        LOG.warn("Amendment {} not applied to {}: {}", amendment.id(), subject, e.toString());
        children.add(failed(amendment, subject, planned, user, reason, rootMessage(e)));
      }
    }
    for (String subject : units.keySet()) {
      if (children.stream().noneMatch(c -> c.subjectId().equals(subject))) {
        children.add(new Child(subject, MigrationReport.NOT_ATTEMPTED, "not attempted: the signature was refused "
            + "for an earlier child", List.of(), null));
      }
    }
    MigrationReport report = report(amendment, false, reason.strip(), children, started);
    LOG.info("Amendment {} applied by {}: {}", amendment.id(), user, report.outcomes());
    return report;
  }

  /**
   * The signer is the logged-in user and the password matches, before anything is done or recorded (the engine's own
   * check, counted with failed logins); each child's transaction checks and records the signature again.
   */
  private void verifySigner(String user, String signerId, String password) {
    if (user == null || !user.equals(signerId.strip())) {
      throw new SignatureRefusedException(403, SignatureFields.USER_ID, "only the logged-in user (" + user
          + ") can sign here, not '" + signerId + "'");
    }
    if (!identity.checkPassword(user, password)) {
      throw new SignatureRefusedException(403, SignatureFields.PASSWORD, "the password does not match (or the user is "
          + "locked after too many wrong passwords, as for logins)");
    }
  }

  private Child failed(Amendment amendment, String subject, Child planned, String user, String reason, String why) {
    Child child = new Child(subject, MigrationReport.FAILED, "not migrated, unchanged on its old versions: " + why,
        planned.instances(), null);
    records.notMigrated(user, subject, amendment.id(), details(amendment, child, reason));
    return child;
  }

  private MigrationReport report(Amendment amendment, boolean dryRun, String reason, List<Child> children,
                                 long started) {
    Map<String, Long> outcomes = new TreeMap<>();
    children.forEach(c -> outcomes.merge(c.outcome(), 1L, Long::sum));
    return new MigrationReport(amendment.id(), dryRun, ClockUtil.getCurrentTime().toInstant(), currentUser(), reason,
        outcomes, (System.nanoTime() - started) / 1_000_000, children);
  }

  /** Runs catalog and engine reads for the API, whose caller's group is checked already. */
  public <T> T withoutAuthorization(java.util.function.Supplier<T> work) {
    return commands.withoutAuthorization(work);
  }

  private String currentUser() {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  // ------------------------------------------------------------------ one child

  /** The dry run of one child, in a transaction that is rolled back whatever happens. */
  private Child simulate(Run run, String subject, List<ProcessInstance> instances) {
    return transaction.execute(status -> {
      status.setRollbackOnly();
      return commands.withoutAuthorization(() -> {
        List<Instance> reports = new ArrayList<>();
        for (ProcessInstance instance : instances) {
          reports.add(tryMigrate(run, instance));
        }
        return classify(run, subject, reports, true);
      });
    });
  }

  private Instance tryMigrate(Run run, ProcessInstance instance) {
    PlanFor plan = run.plan(instance.getProcessDefinitionId());
    Snapshot before = snapshot(instance.getId());
    if (plan.problems() != null) {
      return instance(instance, plan, MigrationReport.CANNOT_MOVE, before, null, plan.problems());
    }
    try {
      runtime.newMigration(plan.plan()).processInstanceIds(instance.getId()).execute();
    } catch (MigratingProcessInstanceValidationException e) {
      return instance(instance, plan, MigrationReport.CANNOT_MOVE, before, null, failures(e.getValidationReport()));
    } catch (RuntimeException e) {
      // valid for Camunda's checks, but the migration itself fails (a timer expression of the new model, say)
      return instance(instance, plan, MigrationReport.CANNOT_MOVE, before, null,
          List.of("the migration fails: " + rootMessage(e)));
    }
    return instance(instance, plan, MigrationReport.MIGRATES, before, snapshot(instance.getId()), List.of());
  }

  private Child classify(Run run, String subject, List<Instance> reports, boolean dryRun) {
    List<String> why = new ArrayList<>();
    boolean keepChild = false;
    List<Instance> classified = new ArrayList<>();
    for (Instance i : reports) {
      if (!MigrationReport.CANNOT_MOVE.equals(i.outcome())) {
        classified.add(i);
        continue;
      }
      ProcessPlan plan = run.amendment.plan(i.processDefinitionKey());
      why.add(i.processDefinitionKey() + " at " + String.join(", ", i.activeBefore()) + ": "
          + String.join("; ", i.problems()) + " (rule " + plan.whenCannotMove().rule().code() + ": "
          + plan.whenCannotMove().reason() + ")");
      if (plan.whenCannotMove().rule() == Rule.KEEP_CHILD) {
        keepChild = true;
        classified.add(i);
      } else {
        classified.add(withOutcome(i, MigrationReport.STAYS));
      }
    }
    if (keepChild) {
      List<Instance> kept = classified.stream().map(i -> MigrationReport.CANNOT_MOVE.equals(i.outcome()) ? i
          : withOutcome(i, MigrationReport.NOT_ATTEMPTED)).toList();
      return new Child(subject, MigrationReport.CANNOT_MOVE, "stays on its old versions: " + String.join(" | ", why),
          kept, null);
    }
    boolean partly = classified.stream().anyMatch(i -> MigrationReport.STAYS.equals(i.outcome()));
    String outcome = partly ? (dryRun ? MigrationReport.MIGRATES_PARTLY : MigrationReport.MIGRATED_PARTLY)
        : (dryRun ? MigrationReport.MIGRATES : MigrationReport.MIGRATED);
    return new Child(subject, outcome, why.isEmpty() ? null : String.join(" | ", why), classified, null);
  }

  /** Inside the child's transaction: migrates what the dry run found movable; any failure rolls everything back. */
  private Child migrate(Run run, String subject, List<ProcessInstance> instances, Child planned, String user,
                        String reason) {
    List<Instance> done = new ArrayList<>();
    for (ProcessInstance instance : instances) {
      Instance plannedInstance = planned.instances().stream()
          .filter(i -> i.processInstanceId().equals(instance.getId())).findFirst().orElseThrow();
      if (!MigrationReport.MIGRATES.equals(plannedInstance.outcome())) {
        done.add(plannedInstance);
        continue;
      }
      PlanFor plan = run.plan(instance.getProcessDefinitionId());
      Snapshot before = snapshot(instance.getId());
      runtime.newMigration(plan.plan()).processInstanceIds(instance.getId()).execute();
      Instance migrated = instance(instance, plan, MigrationReport.MIGRATED, before, snapshot(instance.getId()),
          List.of());
      Map<String, Object> details = instanceDetails(run.amendment, migrated);
      details.put("reason", reason);
      details.put("user", user);
      records.migrated(user, subject, migrated.processDefinitionKey(), migrated.processInstanceId(), run.amendment.id(),
          details);
      done.add(migrated);
    }
    Child child = classify(run, subject, done, false);
    String taskId = null;
    if (run.amendment.reconsent() != null && SUBJECT_ID.matcher(subject).matches()
        && done.stream().anyMatch(i -> MigrationReport.MIGRATED.equals(i.outcome()))) {
      taskId = reconsentTask(run.amendment, subject);
    }
    return new Child(child.subjectId(), child.outcome(), child.explanation(), child.instances(), taskId);
  }

  /**
   * The re-consent task of a migrated child: a task for the trial coordinators in Tasklist, due within the amendment's
   * period, naming the child (its Tasklist card shows the subject ID) and saying what changed. If the family declines,
   * the coordinator records a consent withdrawal (the protocol's own way out).
   */
  private String reconsentTask(Amendment amendment, String subject) {
    Task task = tasks.newTask();
    task.setName("Obtain re-consent to amendment " + amendment.id() + " (" + subject + ")");
    task.setDescription(amendment.title() + " (" + amendment.date() + "): " + amendment.reconsent().statement()
        + " Obtain and file the consent of the child's parents or guardians (and the child's assent) to the amended "
        + "protocol, then complete this task. If they decline, record a consent withdrawal for " + subject + ".");
    task.setDueDate(Date.from(ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC)
        .plus(amendment.reconsent().dueWithin()).toInstant()));
    task.setPriority(60);
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), Groups.TRIAL_COORDINATOR.id());
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(TaskCardPlugin.CARD_SUBJECT_ID, subject);
    variables.put(RECONSENT_SUBJECT_ID, subject);
    variables.put(RECONSENT_AMENDMENT_ID, amendment.id());
    tasks.setVariablesLocal(task.getId(), variables);
    return task.getId();
  }

  // ------------------------------------------------------------------ reports

  private record Snapshot(List<String> active, List<String> timers, List<String> messageWaits) {}

  /**
   * Where the instance is: its active activities (from the execution tree: the activity instance tree cannot be read
   * again inside the command that migrated the child's other instances), asynchronous continuations waiting for the
   * job executor, its timers and its message or signal waits.
   */
  private Snapshot snapshot(String processInstanceId) {
    List<String> active = new ArrayList<>(runtime.getActiveActivityIds(processInstanceId));
    java.util.Collections.sort(active);
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId).messages().list()) {
      active.add(jobActivity(job) + " (asynchronous continuation)");
    }
    List<String> timers = new ArrayList<>();
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().orderByJobDuedate().asc()
        .list()) {
      timers.add(jobActivity(job) + " at " + (job.getDuedate() == null ? "?" : job.getDuedate().toInstant()));
    }
    List<String> waits = new ArrayList<>();
    for (EventSubscription s : runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId).list()) {
      waits.add(s.getEventType() + " " + s.getEventName() + " at " + s.getActivityId());
    }
    java.util.Collections.sort(waits);
    return new Snapshot(active, timers, waits);
  }

  private String jobActivity(Job job) {
    if (job.getJobDefinitionId() == null) {
      return "?";
    }
    return jobActivities.computeIfAbsent(job.getJobDefinitionId(), id -> {
      JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(id).singleResult();
      return definition == null ? "?" : definition.getActivityId();
    });
  }

  private static Instance instance(ProcessInstance pi, PlanFor plan, String outcome, Snapshot before, Snapshot after,
                                   List<String> problems) {
    List<Move> moves = new ArrayList<>();
    for (String active : before.active()) {
      String activity = active.replace(" (asynchronous continuation)", "");
      moves.add(new Move(active, after == null ? null : plan.targetOf(activity)));
    }
    return new Instance(pi.getId(), plan.source().getKey(), plan.source().getId(), plan.source().getVersion(),
        plan.target().getId(), plan.target().getVersion(), outcome, before.active(), moves, before.timers(),
        after == null ? List.of() : after.timers(), before.messageWaits(),
        after == null ? List.of() : after.messageWaits(), problems);
  }

  private static Instance withOutcome(Instance i, String outcome) {
    return new Instance(i.processInstanceId(), i.processDefinitionKey(), i.fromDefinitionId(), i.fromVersion(),
        i.toDefinitionId(), i.toVersion(), outcome, i.activeBefore(), i.landsAt(), i.timersBefore(), i.timersAfter(),
        i.messageWaitsBefore(), i.messageWaitsAfter(), i.problems());
  }

  private static List<String> failures(MigratingProcessInstanceValidationReport report) {
    List<String> failures = new ArrayList<>(report.getFailures());
    report.getActivityInstanceReports().forEach(r -> r.getFailures().forEach(f -> failures.add(
        "activity " + r.getSourceScopeId() + ": " + f)));
    report.getTransitionInstanceReports().forEach(r -> r.getFailures().forEach(f -> failures.add(
        "asynchronous continuation at " + r.getSourceScopeId() + ": " + f)));
    return failures;
  }

  private static Map<String, Object> instanceDetails(Amendment amendment, Instance i) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("amendmentId", amendment.id());
    d.put("amendmentTitle", amendment.title());
    d.put("processInstanceId", i.processInstanceId());
    d.put("fromDefinitionId", i.fromDefinitionId());
    d.put("fromVersion", i.fromVersion());
    d.put("toDefinitionId", i.toDefinitionId());
    d.put("toVersion", i.toVersion());
    d.put("activityMapping", i.landsAt().stream().map(m -> m.from() + " -> " + m.to()).toList());
    d.put("timersBefore", i.timersBefore());
    d.put("timersAfter", i.timersAfter());
    d.put("messageWaitsBefore", i.messageWaitsBefore());
    d.put("messageWaitsAfter", i.messageWaitsAfter());
    return d;
  }

  private static Map<String, Object> details(Amendment amendment, Child child, String reason) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("amendmentId", amendment.id());
    d.put("outcome", child.outcome());
    d.put("explanation", child.explanation());
    d.put("reason", reason);
    d.put("instances", child.instances().stream().map(i -> i.processDefinitionKey() + " " + i.processInstanceId()
        + " v" + i.fromVersion() + " at " + String.join(", ", i.activeBefore()) + ": " + i.outcome()).toList());
    return d;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  // ------------------------------------------------------------------ one run: targets, plans, children

  /** The migration plan from one source definition, or why there is none. */
  private record PlanFor(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan, List<String> problems) {
    String targetOf(String sourceActivityId) {
      if (plan == null) {
        return null;
      }
      for (MigrationInstruction instruction : plan.getInstructions()) {
        if (instruction.getSourceActivityId().equals(sourceActivityId)) {
          return instruction.getTargetActivityId();
        }
      }
      return null;
    }
  }

  /** What one dry run or apply works with: the amendment's target definitions and the plans built so far. */
  private final class Run {
    final Amendment amendment;
    final Map<String, ProcessDefinition> targets = new HashMap<>();
    final Map<String, PlanFor> plans = new HashMap<>();

    Run(Amendment amendment) {
      this.amendment = amendment;
      commands.withoutAuthorization(() -> {
        for (String key : amendment.processes().keySet()) {
          ProcessDefinition target = repository.createProcessDefinitionQuery().deploymentId(amendment.deploymentId())
              .processDefinitionKey(key).singleResult();
          if (target == null) {
            throw new InvalidInputException("processes." + key, "the amendment's deployment has no process '" + key
                + "': the amendment names a process its models do not contain");
          }
          targets.put(key, target);
        }
        return null;
      });
    }

    /** The children: business key to the instances to migrate (roots first); an empty list for a chosen child
     * with nothing on an older version. */
    Map<String, List<ProcessInstance>> units(List<String> subjectIds) {
      return commands.withoutAuthorization(() -> {
        Map<String, List<ProcessInstance>> units = new TreeMap<>();
        Collection<ProcessInstance> candidates = new ArrayList<>();
        if (subjectIds == null) {
          for (String key : targets.keySet()) {
            candidates.addAll(runtime.createProcessInstanceQuery().processDefinitionKey(key).list());
          }
        } else {
          for (String subject : subjectIds) {
            units.put(subject, new ArrayList<>());
            candidates.addAll(withCalled(runtime.createProcessInstanceQuery().processInstanceBusinessKey(subject).list()));
          }
        }
        Map<String, String> rootKeys = new HashMap<>();
        for (ProcessInstance pi : candidates) {
          String key = pi.getProcessDefinitionId().substring(0, pi.getProcessDefinitionId().indexOf(':'));
          ProcessDefinition target = targets.get(key);
          if (target == null || target.getId().equals(pi.getProcessDefinitionId())) {
            continue;
          }
          String unit = pi.getBusinessKey() != null ? pi.getBusinessKey() : rootKeys.computeIfAbsent(
              pi.getRootProcessInstanceId(), root -> {
                ProcessInstance r = runtime.createProcessInstanceQuery().processInstanceId(root).singleResult();
                return r != null && r.getBusinessKey() != null ? r.getBusinessKey() : "instance " + root;
              });
          List<ProcessInstance> list = units.computeIfAbsent(unit, u -> new ArrayList<>());
          if (list.stream().noneMatch(p -> p.getId().equals(pi.getId()))) {
            list.add(pi);
          }
        }
        units.values().forEach(list -> list.sort(java.util.Comparator
            .comparing((ProcessInstance p) -> p.getId().equals(p.getRootProcessInstanceId()) ? 0 : 1)
            .thenComparing(ProcessInstance::getId)));
        return units;
      });
    }

    /** The instances and every instance they call, however deep (a called process may not carry the key). */
    private List<ProcessInstance> withCalled(List<ProcessInstance> instances) {
      List<ProcessInstance> all = new ArrayList<>(instances);
      for (int i = 0; i < all.size(); i++) {
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(all.get(i).getId()).list()) {
          if (all.stream().noneMatch(p -> p.getId().equals(called.getId()))) {
            all.add(called);
          }
        }
      }
      return all;
    }

    PlanFor plan(String sourceDefinitionId) {
      return plans.computeIfAbsent(sourceDefinitionId, id -> commands.withoutAuthorization(() -> build(id)));
    }

    private PlanFor build(String sourceDefinitionId) {
      ProcessDefinition source = repository.getProcessDefinition(sourceDefinitionId);
      ProcessDefinition target = targets.get(source.getKey());
      ProcessPlan spec = amendment.plan(source.getKey());
      BpmnModelInstance sourceModel = repository.getBpmnModelInstance(sourceDefinitionId);
      try {
        MigrationInstructionsBuilder equal = runtime.createMigrationPlan(sourceDefinitionId, target.getId())
            .mapEqualActivities();
        MigrationPlanBuilder builder = spec.updateEventTriggers() ? equal.updateEventTriggers() : equal;
        for (ActivityMapping m : spec.mappings()) {
          if (sourceModel.getModelElementById(m.from()) == null) {
            continue; // an older version without this element: nothing of it to map
          }
          MigrationInstructionBuilder instruction = builder.mapActivities(m.from(), m.to());
          builder = m.updateEventTrigger() ? instruction.updateEventTrigger() : instruction;
        }
        if (!spec.variables().isEmpty()) {
          builder = builder.setVariables(spec.variables());
        }
        return new PlanFor(source, target, builder.build(), null);
      } catch (MigrationPlanValidationException e) {
        List<String> problems = new ArrayList<>();
        e.getValidationReport().getInstructionReports().forEach(r -> r.getFailures().forEach(f -> problems.add(
            "instruction " + r.getMigrationInstruction().getSourceActivityId() + " -> "
                + r.getMigrationInstruction().getTargetActivityId() + ": " + f)));
        e.getValidationReport().getVariableReports().forEach((name, r) -> r.getFailures().forEach(f -> problems.add(
            "variable " + name + ": " + f)));
        if (problems.isEmpty()) {
          problems.add(e.getMessage());
        }
        return new PlanFor(source, target, null, List.copyOf(problems));
      }
    }
  }
}

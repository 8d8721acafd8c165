package org.ucbislet.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucbislet.audit.SignatureFields;
import org.ucbislet.audit.SignedElements;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.isletisolation.IsletIsolationVariables;
import org.ucbislet.islettransplant.IsletTransplantVariables;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.safety.AdverseEventVariables;
import org.ucbislet.security.IdentityBootstrap;
import org.ucbislet.security.ProtocolEventMessageFilter;

/**
 * Drives a synthetic cohort through the deployed {@code ucbIsletProtocol} on the engine's clock: referral, every user
 * task completed by a user of its candidate group through the form service (claim, then submit the form, checked on the
 * server as a person's submission is), every timer fired at its due date, laboratory results, pancreas offers, adverse
 * events, withdrawals and deaths reported through the same Tasklist start forms people use. Nothing waits in real time:
 * the clock jumps to the next thing that happens (a due job, an answer, an event), never past an earlier due job.
 *
 * <p>Not thread-safe, and it moves the process engine's clock ({@link ClockUtil}) for the whole JVM: run it with the job
 * executor stopped (see {@link DemoCohort}) and nothing else using the engine's time.
 */
public final class CohortSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(CohortSimulator.class);
  /** Adverse events, withdrawals and deaths are drawn over this horizon after referral (beyond the five years). */
  /** Due jobs looked at per query (jobs of other processes in the database are passed over). */
  private static final int PAGE = 200;
  private static final Duration LIFE_EVENT_HORIZON = Duration.ofDays(365 * 8);
  private static final List<String> AE_TERMS = List.of("pretreatment-infection", "pretreatment-nausea",
      "pretreatment-bone-marrow-suppression", "opportunistic-infection-immunodeficiency", "allergic-reaction",
      "immunosuppressant-toxicity", "abnormal-coagulation", "gvhd");

  /**
   * Steps done within the hour, whatever the usual response time: an islet isolation runs through the night (cold
   * ischaemia), and the islet infusion is one procedure from basiliximab to the tract embolisation.
   */
  private static final Set<String> SAME_DAY_TASKS = Set.of(
      IsletIsolationVariables.TASK_PROCURE, IsletIsolationVariables.TASK_TRIM, IsletIsolationVariables.TASK_DIGEST,
      IsletIsolationVariables.TASK_COLLECT, IsletIsolationVariables.TASK_PURIFY, IsletIsolationVariables.TASK_COUNT,
      IsletIsolationVariables.TASK_RELEASE_TESTS, IsletIsolationVariables.TASK_DECIDE_RELEASE,
      IsletIsolationVariables.TASK_DISCARD, IsletTransplantVariables.TASK_DECIDE_ISLET_INFUSION,
      IsletTransplantVariables.TASK_ADMINISTER_BASILIXIMAB, IsletTransplantVariables.TASK_PUNCTURE_PORTAL_VEIN,
      IsletTransplantVariables.TASK_DECIDE_PORTAL_ACCESS, IsletTransplantVariables.TASK_INJECT_OPEN_PORTAL_VEIN,
      IsletTransplantVariables.TASK_INFUSE_ISLETS, IsletTransplantVariables.TASK_REVIEW_STOPPED_INFUSION,
      IsletTransplantVariables.TASK_EMBOLISE_TRACT, IsletTransplantVariables.TASK_START_IMMUNOSUPPRESSION,
      CordBloodTransplantVariables.TASK_INFUSE_CORD_BLOOD, CordBloodTransplantVariables.TASK_THAW_UNIT,
      CordBloodTransplantVariables.TASK_REVIEW_POST_THAW_FAILURE);

  /**
   * What a run did. Engine transactions: the commands that wrote (starts, claims, submissions, jobs). Business keys:
   * the cohort's subject IDs and donor IDs.
   */
  public record Result(int children, Instant from, Instant until, long tasksCompleted, Map<String, Long> tasksByGroup,
      long timersFired, long asyncJobsExecuted, long jobFailures, long startFormsSubmitted, long undeliverable,
      long engineTransactions, List<String> refusedSubmissions, long wallMillis, long protocolsEnded,
      Set<String> businessKeys, long driverReadMillis) {

    public double childrenPerSecond() {
      return wallMillis == 0 ? 0 : children * 1000.0 / wallMillis;
    }

    public double transactionsPerSecond() {
      return wallMillis == 0 ? 0 : engineTransactions * 1000.0 / wallMillis;
    }
  }

  /** Progress of a run: simulated time reached, children referred and ended. */
  public record Progress(Instant simulatedNow, int referred, long ended, int children, long tasksCompleted) {}

  private record Event(Instant at, long sequence, String what, Runnable action) {}

  /** When the simulated staff looks at a task; same-instant looks in the order they were planned (stable across runs). */
  private record LookAt(Instant at, long sequence, String taskId) {}

  private final CohortParameters parameters;
  private final ZoneId zone;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final FormService forms;
  private final Map<String, Set<String>> startFormFields = new HashMap<>();
  /** The fields of each task's form, per process definition and task (read once per version). */
  private final Map<String, FormFields> taskFormFields = new HashMap<>();
  private final ManagementService jobs;
  private final IdentityService identity;
  private final RepositoryService repository;
  private final CareTeam careTeam;
  /** The draws that belong to no child: pancreas offers, donors, response times. */
  private final SplittableRandom shared;

  private final PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::at)
      .thenComparingLong(Event::sequence));
  private final PriorityQueue<LookAt> lookAts = new PriorityQueue<>(Comparator.comparing(LookAt::at)
      .thenComparingLong(LookAt::sequence));
  private final Set<String> seenTasks = new HashSet<>();
  /** Business keys of the cohort: subject IDs and the donors of the simulated pancreas offers. */
  private final Set<String> cohortKeys = new HashSet<>();
  private final Map<String, Boolean> ours = new HashMap<>();
  private final Map<String, String> businessKeys = new HashMap<>();
  private final Map<String, String> jobActivities = new HashMap<>();
  private final Map<String, ChildState> children = new HashMap<>();
  private final Map<String, String> definitionIds = new HashMap<>();
  private final Map<String, Long> tasksByGroup = new TreeMap<>();
  private final List<String> refused = new ArrayList<>();
  private long sequence;
  private boolean offersScheduled;
  private Instant lastTaskScan;
  /** Tasks created from then on are left open (a run to a date with openTasksLastDays). */
  private Instant leaveOpenFrom;
  /** The demo profile's password of every demo user (security.IdentityBootstrap): the simulated staff signs with it. */
  static final String DEMO_PASSWORD = "demo";

  private long tasksCompleted;
  private long timersFired;
  private long asyncJobs;
  private long jobFailures;
  private long startForms;
  private long undeliverable;
  private long transactions;
  private int referred;
  private long startedProtocols;
  /** Wall time of the driver's own read-only queries (jobs, tasks, instances, variables): the benchmark's share of it. */
  private long readNanos;

  private <T> T read(java.util.function.Supplier<T> query) {
    long t = System.nanoTime();
    try {
      return query.get();
    } finally {
      readNanos += System.nanoTime() - t;
    }
  }

  public CohortSimulator(ProcessEngine engine, CohortParameters parameters, ZoneId zone) {
    this.parameters = parameters.validate();
    this.zone = zone;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.forms = engine.getFormService();
    this.jobs = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.repository = engine.getRepositoryService();
    this.careTeam = new CareTeam(parameters, new EngineDesk());
    this.shared = new SplittableRandom(parameters.getSeed() ^ 0x0ffe75L);
  }

  /**
   * Runs the cohort from {@code from} (before the first referral) until {@code until}; with {@code until == null}
   * until every process of the cohort has ended. Leaves the engine clock at the end of the run (the caller resets it).
   */
  public Result run(List<SyntheticChild> cohort, Instant start, Instant end, Consumer<Progress> progress) {
    long started = System.nanoTime();
    // a run may continue an earlier one after new models were deployed (a protocol amendment): starts use the latest
    definitionIds.clear();
    Instant from = start.truncatedTo(ChronoUnit.MILLIS);
    Instant until = end == null ? null : end.truncatedTo(ChronoUnit.MILLIS);
    ClockUtil.setCurrentTime(Date.from(from));
    lastTaskScan = from.minusSeconds(1);
    leaveOpenFrom = until == null ? null
        : until.minus(Duration.ofMinutes(Math.round(parameters.getOpenTasksLastDays() * 24 * 60)));
    for (SyntheticChild child : cohort) {
      ChildState state = new ChildState(child);
      children.put(child.subjectId(), state);
      cohortKeys.add(child.subjectId());
      at(child.referredAt(), "referral " + child.subjectId(), () -> refer(state));
    }
    if (!offersScheduled) { // a run continuing an earlier one keeps its chain of offers
      at(from.plus(nextOfferGap()), "pancreas offer", this::offerPancreas);
      offersScheduled = true;
    }
    long steps = 0;
    long stalls = 0;
    boolean protocolsEnded = false;
    Instant lastMoment = from;
    while (true) {
      if (++steps % 200 == 0) {
        progress.accept(progress(cohort.size()));
      }
      if (runDueJob()) {
        continue;
      }
      scanNewTasks();
      if (answerDueTask()) {
        continue;
      }
      // a run to the end: once every child's protocol has ended, only its remaining adverse event reports run out
      if (until == null && !protocolsEnded && referred == cohort.size() && steps % 100 == 0) {
        protocolsEnded = protocolsEnded();
      }
      Instant next = nextMoment(!protocolsEnded);
      if (next == null || (until != null && next.isAfter(until))) {
        break;
      }
      if (!next.isAfter(lastMoment) && ++stalls > 10_000) {
        throw new IllegalStateException("the simulation makes no progress at " + now() + ": next moment " + next
            + ", next event " + events.peek() + ", next look at a task " + lookAts.peek());
      }
      if (next.isAfter(lastMoment)) {
        stalls = 0;
        lastMoment = next;
      }
      setClock(next);
      Event event = events.peek();
      if (event != null && !event.at().isAfter(now())) {
        events.poll();
        event.action().run();
      }
    }
    if (until != null && until.isAfter(now())) {
      setClock(until);
    }
    Progress last = progress(cohort.size());
    progress.accept(last);
    return new Result(cohort.size(), from, now(), tasksCompleted, Map.copyOf(tasksByGroup), timersFired, asyncJobs,
        jobFailures, startForms, undeliverable, transactions, List.copyOf(refused),
        (System.nanoTime() - started) / 1_000_000, last.ended(), Set.copyOf(cohortKeys), readNanos / 1_000_000);
  }

  private boolean protocolsEnded() {
    return runningProtocols() == 0;
  }

  /** How many of the cohort's protocol instances still run. */
  private long runningProtocols() {
    Set<String> protocols = new HashSet<>();
    children.values().forEach(c -> {
      if (c.protocolInstanceId != null) {
        protocols.add(c.protocolInstanceId);
      }
    });
    return protocols.isEmpty() ? 0 : read(() -> runtime.createProcessInstanceQuery().processInstanceIds(protocols).count());
  }

  private Progress progress(int size) {
    long running = runningProtocols();
    return new Progress(now(), referred, Math.max(0, startedProtocols - running), size, tasksCompleted);
  }

  // ------------------------------------------------------------------ the calendar

  private Instant nextMoment(boolean withEvents) {
    Instant next = null;
    Job timer = read(() -> jobs.createJobQuery().withRetriesLeft().active().duedateHigherThan(Date.from(now()))
        .orderByJobDuedate().asc().listPage(0, PAGE)).stream().filter(j -> ours(j.getProcessInstanceId())).findFirst()
        .orElse(null);
    if (timer != null) {
      next = timer.getDuedate().toInstant();
    }
    if (withEvents && !events.isEmpty() && (next == null || events.peek().at().isBefore(next))) {
      next = events.peek().at();
    }
    if (!lookAts.isEmpty() && (next == null || lookAts.peek().at().isBefore(next))) {
      next = lookAts.peek().at();
    }
    return next;
  }

  /** The engine clock counts milliseconds: so do the simulation's times (a finer time would never come). */
  private void at(Instant when, String what, Runnable action) {
    Instant at = when.truncatedTo(ChronoUnit.MILLIS);
    events.add(new Event(at.isBefore(now()) ? now() : at, sequence++, what, action));
  }

  private void lookAt(Instant when, String taskId) {
    lookAts.add(new LookAt(when.truncatedTo(ChronoUnit.MILLIS), sequence++, taskId));
  }

  private void setClock(Instant when) {
    if (when.isAfter(now())) {
      ClockUtil.setCurrentTime(Date.from(when));
    }
  }

  private Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(now(), zone);
  }

  /**
   * Whether a process instance belongs to the cohort (its business key is a child's subject ID or a donor the
   * simulation offered): the simulation never touches anything else in the database.
   */
  private boolean ours(String processInstanceId) {
    if (processInstanceId == null) {
      return false;
    }
    return ours.computeIfAbsent(processInstanceId, id -> {
      String key = businessKey(id);
      return key != null && cohortKeys.contains(key);
    });
  }

  // ------------------------------------------------------------------ jobs

  /**
   * The next due job of the cohort. Jobs due at the same instant (a child's parallel branches, several children's timers
   * of the same day) come back from the database in no defined order (their IDs are random UUIDs), so they are ordered
   * here by a key that is the same in every run: due date, the child's business key, process, activity, job
   * configuration, creation time. The same seed then gives the same path.
   */
  private boolean runDueJob() {
    Job job = read(() -> jobs.createJobQuery().executable().active().orderByJobDuedate().asc().listPage(0, PAGE))
        .stream().filter(j -> ours(j.getProcessInstanceId())).min(sameOrderEveryRun).orElse(null);
    if (job == null) {
      return false;
    }
    // a timer job is a TimerEntity (the job query returns the entities themselves): no second query
    boolean timer = job instanceof org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
    transactions++;
    try {
      jobs.executeJob(job.getId());
      if (timer) {
        timersFired++;
      } else {
        asyncJobs++;
      }
    } catch (ProcessEngineException e) {
      jobFailures++;
      LOG.warn("Simulated job {} failed at {}: {}", job.getId(), now(), e.getMessage());
    }
    return true;
  }

  private final Comparator<Job> sameOrderEveryRun = Comparator
      .comparing(Job::getDuedate, Comparator.nullsFirst(Comparator.<Date>naturalOrder()))
      .thenComparing(j -> businessKey(j.getProcessInstanceId()))
      .thenComparing(Job::getProcessDefinitionKey, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(this::jobActivity)
      .thenComparing(j -> j instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity e
          && e.getJobHandlerConfigurationRaw() != null ? e.getJobHandlerConfigurationRaw() : "")
      .thenComparing(Job::getCreateTime, Comparator.nullsFirst(Comparator.<Date>naturalOrder()))
      .thenComparing(Job::getId);

  /** The business key of a process instance (a child's subject ID or a donor ID), "" if none. */
  private String businessKey(String processInstanceId) {
    if (processInstanceId == null) {
      return "";
    }
    return businessKeys.computeIfAbsent(processInstanceId, id -> {
      ProcessInstance instance = read(() -> runtime.createProcessInstanceQuery().processInstanceId(id).singleResult());
      return instance == null || instance.getBusinessKey() == null ? "" : instance.getBusinessKey();
    });
  }

  /** The activity of a job's definition (stable across runs, unlike the IDs). */
  private String jobActivity(Job job) {
    if (job.getJobDefinitionId() == null) {
      return "";
    }
    return jobActivities.computeIfAbsent(job.getJobDefinitionId(), id -> {
      org.camunda.bpm.engine.management.JobDefinition definition = jobs.createJobDefinitionQuery().jobDefinitionId(id)
          .singleResult();
      return definition == null || definition.getActivityId() == null ? "" : definition.getActivityId();
    });
  }

  // ------------------------------------------------------------------ tasks

  /** New tasks get the time their group looks at them: now plus a response time (before half the task's due time). */
  private void scanNewTasks() {
    Instant scan = now();
    // in an order that is the same in every run (the query's is not: task IDs are random UUIDs): each new task draws
    // its response time from the shared stream, so the order decides who gets which draw
    List<Task> created = new ArrayList<>(read(() -> tasks.createTaskQuery()
        .taskCreatedAfter(Date.from(lastTaskScan.minusMillis(1))).list()));
    created.sort(Comparator.comparing(Task::getCreateTime, Comparator.nullsFirst(Comparator.<Date>naturalOrder()))
        .thenComparing(t -> businessKey(t.getProcessInstanceId()))
        .thenComparing(Task::getTaskDefinitionKey, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparing(Task::getDueDate, Comparator.nullsFirst(Comparator.<Date>naturalOrder()))
        .thenComparing(Task::getId));
    for (Task task : created) {
      if (seenTasks.add(task.getId()) && ours(task.getProcessInstanceId())
          && (leaveOpenFrom == null || now().isBefore(leaveOpenFrom))) {
        Duration response = responseTime(task);
        lookAt(now().plus(response), task.getId());
      }
    }
    lastTaskScan = scan;
  }

  private Duration responseTime(Task task) {
    double median = SAME_DAY_TASKS.contains(task.getTaskDefinitionKey()) ? 0.5 : parameters.getTaskResponseMedianHours();
    double hours = median * Math.exp(parameters.getTaskResponseSigma() * shared.nextGaussian());
    hours = Math.min(hours, 48);
    if (task.getDueDate() != null) {
      double untilDue = Duration.between(now(), task.getDueDate().toInstant()).toMinutes() / 60.0;
      hours = Math.min(hours, Math.max(0.5, untilDue / 2));
    }
    hours += 24 * parameters.getTaskLeadDays().getOrDefault(task.getTaskDefinitionKey(), 0.0);
    return Duration.ofMinutes(Math.max(5, Math.round(hours * 60)));
  }

  private boolean answerDueTask() {
    LookAt look = lookAts.peek();
    if (look == null || look.at().isAfter(now())) {
      return false;
    }
    lookAts.poll();
    Task task = read(() -> tasks.createTaskQuery().taskId(look.taskId()).singleResult());
    if (task == null) {
      return true; // completed by the process (a boundary timer, a withdrawal): nothing to answer
    }
    String businessKey = businessKey(task.getProcessInstanceId());
    ChildState child = businessKey == null ? null : children.get(businessKey);
    CareTeam.Answer answer;
    try {
      answer = careTeam.answer(task.getTaskDefinitionKey(), task.getId(), task.getProcessInstanceId(), child);
    } catch (RuntimeException e) {
      refused.add(task.getTaskDefinitionKey() + " (" + (businessKey == null ? "?" : businessKey) + "): "
          + e.getMessage());
      LOG.warn("Simulated care team could not answer {}: {}", task.getTaskDefinitionKey(), e.toString());
      return true;
    }
    if (answer.values() == null) {
      if (answer.lookAgainAt() != null) {
        lookAt(answer.lookAgainAt(), task.getId());
      }
      return true;
    }
    String group = read(() -> tasks.getIdentityLinksForTask(task.getId())).stream().map(IdentityLink::getGroupId)
        .filter(g -> g != null).findFirst().orElse("camunda-admin");
    String user = userOf(group, task.getTaskDefinitionKey());
    Map<String, Object> values = signedIfNeeded(SignedElements.of(repository, task.getProcessDefinitionId(),
        task.getTaskDefinitionKey()), user, onTheForm(task, answer.values()));
    identity.setAuthentication(user, List.of(group));
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
        transactions++;
      }
      forms.submitTaskForm(task.getId(), values);
      transactions++;
      tasksCompleted++;
      tasksByGroup.merge(group, 1L, Long::sum);
    } catch (ProcessEngineException e) {
      refused.add(task.getTaskDefinitionKey() + " (" + (businessKey == null ? "?" : businessKey) + "): "
          + e.getMessage());
      LOG.warn("Simulated submission of {} refused: {}", task.getTaskDefinitionKey(), e.getMessage());
    } finally {
      identity.clearAuthentication();
    }
    return true;
  }

  /**
   * The answer as the task's own form takes it, as Tasklist submits it: only the fields of the form of the task's model
   * version (a child on an earlier version of the protocol, before an amendment, sees that version's form), and a
   * read-only field only with the engine's current value. So the care team can answer every version of a task with one
   * answer holding the fields of each; a task without a Camunda Form gets the answer as it is.
   */
  private Map<String, Object> onTheForm(Task task, Map<String, Object> answer) {
    FormFields form = taskFormFields.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
        k -> formFields(task));
    if (form == null) {
      return answer;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : answer.entrySet()) {
      if (!form.fields().contains(e.getKey())) {
        continue;
      }
      if (form.readOnly().contains(e.getKey())) {
        Object current = tasks.getVariable(task.getId(), e.getKey());
        if (current != null) {
          values.put(e.getKey(), current);
        }
        continue;
      }
      values.put(e.getKey(), e.getValue());
    }
    return values;
  }

  private record FormFields(Set<String> fields, Set<String> readOnly) {}

  /** The fields of the task's Camunda Form in its own deployment; null for a task without one. */
  private FormFields formFields(Task task) {
    org.camunda.bpm.engine.form.CamundaFormRef ref = forms.getTaskFormData(task.getId()).getCamundaFormRef();
    if (ref == null) {
      return null;
    }
    String deploymentId = repository.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
    org.ucbislet.forms.FormSchema schema = org.ucbislet.forms.DeployedForms.read(repository, deploymentId, ref.getKey());
    return schema == null ? null : new FormFields(Set.copyOf(schema.fieldKeys()), Set.copyOf(schema.readOnlyFieldKeys()));
  }

  /**
   * Where the model asks for an electronic signature, the simulated user signs as a person would in Tasklist: its user
   * ID, the demo profile's password and the element's meaning, as transient fields (never stored).
   */
  private Map<String, Object> signedIfNeeded(java.util.Optional<SignedElements.Signed> signed, String user,
                                             Map<String, Object> values) {
    if (signed.isEmpty()) {
      return values;
    }
    org.camunda.bpm.engine.variable.VariableMap all = SignatureFields.of(user, DEMO_PASSWORD, signed.get().meaning());
    all.putAll(values);
    return all;
  }

  /** The demo users: user ID = group ID; the islet release is four-eyes, so a second islet laboratory member decides it. */
  static String userOf(String group, String taskKey) {
    return IsletIsolationVariables.TASK_DECIDE_RELEASE.equals(taskKey) ? IdentityBootstrap.SECOND_ISLET_LAB_USER : group;
  }

  // ------------------------------------------------------------------ what happens to the children

  private void refer(ChildState state) {
    SyntheticChild child = state.child;
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ProtocolVariables.SUBJECT_ID, child.subjectId());
    v.put(ProtocolVariables.DATE_OF_BIRTH, child.dateOfBirth().toString());
    v.put(ProtocolVariables.SEX, child.sex());
    v.put(ProtocolVariables.WEIGHT_KG, child.weightKg());
    // weighed on the day of referral (the child's first current weight: clinical.DosingWeight), where the enrolment
    // form asks for the date (it does since the dosing weight amendment; a protocol version before it does not)
    if (startFormFields(ProtocolVariables.PROCESS_KEY).contains(org.ucbislet.clinical.DosingWeight.WEIGHT_DATE)) {
      v.put(org.ucbislet.clinical.DosingWeight.WEIGHT_DATE, child.referredAt()
          .atZone(org.ucbislet.clinical.ClinicalTimeZone.get()).toLocalDate().toString());
    }
    v.put(ProtocolVariables.HEIGHT_CM, child.heightCm());
    v.put(ProtocolVariables.GENE_NAME, child.geneName());
    v.put(ProtocolVariables.VARIANT_HGVS, child.variantHgvs());
    v.put(ProtocolVariables.REFERRAL_DATE, today().toString());
    ProcessInstance protocol = submitStartForm(ProtocolVariables.PROCESS_KEY, "trial-coordinator", v);
    referred++;
    if (protocol == null) {
      return;
    }
    state.protocolInstanceId = protocol.getId();
    startedProtocols++;
    drawLifeEvents(state);
  }

  /** Adverse events (Poisson), a withdrawal and a death (exponential times) over the horizon after referral. */
  private void drawLifeEvents(ChildState state) {
    Instant end = now().plus(LIFE_EVENT_HORIZON);
    if (parameters.getAdverseEventsPerYear() > 0) {
      Instant t = now();
      while ((t = t.plus(exponentialDays(state.random, parameters.getAdverseEventsPerYear()))).isBefore(end)) {
        at(t, "adverse event " + state.child.subjectId(), () -> reportAdverseEvent(state));
      }
    }
    if (parameters.getWithdrawalsPerYear() > 0) {
      Instant t = now().plus(exponentialDays(state.random, parameters.getWithdrawalsPerYear()));
      if (t.isBefore(end)) {
        at(t, "withdrawal " + state.child.subjectId(), () -> withdraw(state));
      }
    }
    if (parameters.getDeathsPerYear() > 0) {
      Instant t = now().plus(exponentialDays(state.random, parameters.getDeathsPerYear()));
      if (t.isBefore(end)) {
        at(t, "death " + state.child.subjectId(), () -> reportDeath(state));
      }
    }
  }

  private static Duration exponentialDays(SplittableRandom random, double perYear) {
    double years = -Math.log(1 - random.nextDouble()) / perYear;
    return Duration.ofMinutes(Math.max(60, Math.round(years * 365.25 * 24 * 60)));
  }

  private boolean protocolRunning(ChildState state) {
    if (state.ended || state.protocolInstanceId == null) {
      return false;
    }
    boolean running = read(() -> runtime.createProcessInstanceQuery().processInstanceId(state.protocolInstanceId)
        .count()) == 1;
    if (!running) {
      state.ended = true;
    }
    return running;
  }

  private void reportAdverseEvent(ChildState state) {
    if (!protocolRunning(state)) {
      return;
    }
    boolean serious = state.draw(parameters.getSeriousAdverseEventFraction());
    int grade = serious ? 3 + (state.draw(0.3) ? 1 : 0) : 1 + state.random.nextInt(2);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(AdverseEventVariables.SUBJECT_ID, state.child.subjectId());
    v.put(AdverseEventVariables.AE_TERM, AE_TERMS.get(state.random.nextInt(AE_TERMS.size())));
    v.put(AdverseEventVariables.AE_ONSET_DATE, today().toString());
    // in the clinical zone, as the onset day: the date part of the text is the clinical day
    v.put(AdverseEventVariables.AE_AWARENESS_DATE, now().atZone(zone).toOffsetDateTime().toString());
    v.put(AdverseEventVariables.CTCAE_GRADE, (long) grade);
    v.put(AdverseEventVariables.HOSPITALIZATION, serious);
    v.put(AdverseEventVariables.LIFE_THREATENING, grade >= 4);
    v.put(AdverseEventVariables.PERSISTENT_DISABILITY, false);
    v.put(AdverseEventVariables.CONGENITAL_ANOMALY, false);
    v.put(AdverseEventVariables.IMPORTANT_MEDICAL_EVENT, false);
    boolean susar = serious && state.draw(parameters.getUnexpectedRelatedFraction());
    v.put(AdverseEventVariables.UNEXPECTED, susar);
    v.put(AdverseEventVariables.RELATED_TO_INTERVENTION, susar || state.draw(0.5));
    v.put(AdverseEventVariables.AE_DESCRIPTION, "Reported at the visit; see the source documents");
    if (state.draw(parameters.getAdverseEventsByMessage())) {
      sendAdverseEventMessage(state, v);
    } else {
      submitStartForm(AdverseEventVariables.PROCESS_KEY, "transplant-physician", v);
    }
  }

  /**
   * The report as a REST client sends it: message AdverseEventReported correlated by the child's subject ID. Over
   * REST, security/ProtocolEventMessageFilter checks the sender and lends the group that may deliver it; the
   * simulation, calling the engine directly, acts as the sender with that lent group.
   */
  private void sendAdverseEventMessage(ChildState state, Map<String, Object> report) {
    identity.setAuthentication("endocrinologist", List.of("endocrinologist", ProtocolEventMessageFilter.EVENT_SENDER_GROUP));
    transactions++;
    try {
      Map<String, Object> variables = new LinkedHashMap<>(report);
      variables.remove(AdverseEventVariables.SUBJECT_ID);
      runtime.createMessageCorrelation(AdverseEventVariables.MESSAGE_ADVERSE_EVENT_REPORTED)
          .processInstanceBusinessKey(state.child.subjectId()).setVariables(variables).correlate();
      startForms++;
    } catch (FormValidationException e) {
      refused.add("AdverseEventReported message: " + e.getMessage());
    } catch (ProcessEngineException e) {
      undeliverable++;
      LOG.info("Simulated message AdverseEventReported not delivered at {}: {}", now(), e.getMessage());
    } finally {
      identity.clearAuthentication();
    }
  }

  private void withdraw(ChildState state) {
    if (!protocolRunning(state)) {
      return;
    }
    submitStartForm(ProtocolVariables.CONSENT_WITHDRAWAL_PROCESS_KEY, "trial-coordinator", Map.of(
        ProtocolVariables.SUBJECT_ID, state.child.subjectId(), ProtocolVariables.WITHDRAWAL_DATE, today().toString(),
        ProtocolVariables.WITHDRAWAL_REASON, "The family withdrew consent"));
    protocolRunning(state);
  }

  private void reportDeath(ChildState state) {
    if (!protocolRunning(state)) {
      return;
    }
    submitStartForm(ProtocolVariables.DEATH_REPORT_PROCESS_KEY, "transplant-physician", Map.of(
        ProtocolVariables.SUBJECT_ID, state.child.subjectId(), ProtocolVariables.DATE_OF_DEATH, today().toString(),
        ProtocolVariables.CAUSE_OF_DEATH, "Sepsis with multi-organ failure",
        ProtocolVariables.CAUSE_OF_DEATH_TERM, "opportunistic-infection-immunodeficiency",
        "deathUnexpected", "no", "deathRelatedToIntervention", "notAssessed"));
    protocolRunning(state);
  }

  /**
   * An acceptable (or, drawn, a refused) brain-dead donor's pancreas is offered to the islet laboratory, which records
   * the offer in Tasklist; offers come only while a child waits for islets (the centre is on call then).
   */
  private void offerPancreas() {
    long waiting = runtime.createExecutionQuery().processDefinitionKey(IsletTransplantVariables.PROCESS_KEY)
        .activityId(IsletTransplantVariables.TASK_AWAIT_ISLET_PRODUCT).count();
    if (waiting > 0) {
      boolean refusedDonor = shared.nextDouble() < parameters.getDonorRefused();
      Map<String, Object> v = new LinkedHashMap<>();
      String donor = String.format("OPO-%d-%05d", today().getYear(), shared.nextInt(100_000));
      cohortKeys.add(donor);
      v.put(IsletIsolationVariables.DONOR_ID, donor);
      v.put("donorAgeYears", refusedDonor ? 71.0 : 20.0 + shared.nextInt(40));
      v.put("donorBmi", 21.0 + shared.nextInt(80) / 10.0);
      v.put("donorHba1cPercent", 5.4);
      v.put(IsletIsolationVariables.COLD_ISCHEMIA_HOURS, 6.0 + shared.nextInt(4));
      v.put("donationAfterCardiacDeath", false);
      v.put("donorDiabetes", false);
      v.put("infectionMarkersNormal", true);
      v.put("donorMalignancy", false);
      submitStartForm(IsletIsolationVariables.PROCESS_KEY, "islet-lab", v);
    }
    at(now().plus(nextOfferGap()), "pancreas offer", this::offerPancreas);
  }

  private Duration nextOfferGap() {
    return exponentialDays(shared, 365.25 / parameters.getMeanDaysBetweenPancreasOffers());
  }

  private void deliverChimerismResult(String subjectId, double donorPercent, LocalDate resultDate) {
    ChildState state = children.get(subjectId);
    if (state != null && !protocolRunning(state)) {
      return;
    }
    submitStartForm(CordBloodTransplantVariables.CHIMERISM_RESULT_PROCESS_KEY, "hla-lab", Map.of(
        ProtocolVariables.SUBJECT_ID, subjectId, CordBloodTransplantVariables.DONOR_CHIMERISM_PERCENT, donorPercent,
        CordBloodTransplantVariables.CHIMERISM_RESULT_DATE, resultDate.toString()));
  }

  /** Submits a Tasklist start form as a user of the group; a refusal (nobody to deliver to) is counted, not thrown. */
  private String latestDefinitionId(String processKey) {
    return definitionIds.computeIfAbsent(processKey, k -> repository.createProcessDefinitionQuery()
        .processDefinitionKey(k).latestVersion().singleResult().getId());
  }

  /** The fields of the latest version's start form, as Tasklist shows it (read once per version). */
  private Set<String> startFormFields(String processKey) {
    String definitionId = latestDefinitionId(processKey);
    return startFormFields.computeIfAbsent(definitionId, id -> {
      org.camunda.bpm.engine.form.CamundaFormRef ref = forms.getStartFormData(id).getCamundaFormRef();
      String deploymentId = repository.getProcessDefinition(id).getDeploymentId();
      if (ref == null) {
        return Set.of();
      }
      org.ucbislet.forms.FormSchema schema = org.ucbislet.forms.DeployedForms.read(repository, deploymentId, ref.getKey());
      return schema == null ? Set.of() : Set.copyOf(schema.fieldKeys());
    });
  }

  private ProcessInstance submitStartForm(String processKey, String group, Map<String, Object> values) {
    String definitionId = latestDefinitionId(processKey);
    Map<String, Object> submitted = signedIfNeeded(SignedElements.ofStart(repository, definitionId), group, values);
    identity.setAuthentication(group, List.of(group));
    transactions++;
    try {
      ProcessInstance instance = forms.submitStartForm(definitionId, submitted);
      startForms++;
      return instance;
    } catch (FormValidationException e) {
      refused.add(processKey + " start form: " + e.getMessage());
      LOG.warn("Simulated start form {} refused: {}", processKey, e.getMessage());
      return null;
    } catch (ProcessEngineException e) {
      undeliverable++;
      LOG.info("Simulated start form {} not accepted at {}: {}", processKey, now(), e.getMessage());
      return null;
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The engine and the calendar as the care team sees them. */
  private final class EngineDesk implements CareTeam.Desk {
    @Override
    public Instant now() {
      return CohortSimulator.this.now();
    }

    @Override
    public LocalDate today() {
      return CohortSimulator.this.today();
    }

    @Override
    public Instant atNine(LocalDate day) {
      return day.atTime(9, 0).atZone(zone).toInstant();
    }

    @Override
    public Object variable(String taskId, String name) {
      return read(() -> tasks.getVariable(taskId, name));
    }

    @Override
    public void at(Instant when, String what, Runnable action) {
      CohortSimulator.this.at(when, what, action);
    }

    @Override
    public void deliverChimerismResult(String subjectId, double donorPercent, LocalDate resultDate) {
      CohortSimulator.this.deliverChimerismResult(subjectId, donorPercent, resultDate);
    }
  }
}

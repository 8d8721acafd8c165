package org.ucbislet.clinical;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's dosing weight (issue 17 item 1; domain.md Part A "dosing weight": every per-kg decision uses a weight
 * measured within {@code ucbi.dosing-weight.max-age-days} days before it, default 7, U; otherwise weigh first).
 *
 * <p><b>Weighing.</b> On any form, the pair of fields {@value #WEIGHT_KG} (kg) and {@value #WEIGHT_DATE}
 * ({@code yyyy-MM-dd}) is a weighing (the follow-up visit's {@code visitWeightKg} with its {@code visitDate} is one too).
 * Every weighing becomes the child's current weight on the child's protocol (the root {@code ucbIsletProtocol}
 * instance): {@value #CURRENT_WEIGHT_KG}, {@value #CURRENT_WEIGHT_DATE} and where it was measured,
 * {@value #CURRENT_WEIGHT_SOURCE}. The history of these variables (history level full) is the list of every weighing;
 * a weighing dated before the current one is kept in its own form's history and does not replace the newer weight.
 *
 * <p><b>Freshness.</b> {@link #isRecent}: weighed on the decision day or up to {@code maxAgeDays} calendar days before
 * it (7 days before is still recent, 8 days is not); a weighing dated after the decision day is not a weight measured
 * before it. Plain Java; the engine helpers ({@link #current}, {@link #record}) read and write the protocol's variables.
 */
public final class DosingWeight {

  private static final Logger LOG = LoggerFactory.getLogger(DosingWeight.class);

  /** A weighing on a form: weight in kg and the date it was measured (contract between forms). */
  public static final String WEIGHT_KG = "weightKg";
  /** The protocol's referral date (enrolment form): the date of the enrolment weighing before the current weight. */
  static final String REFERRAL_DATE = "referralDate";
  public static final String WEIGHT_DATE = "weightDate";
  /** The child's current weight, on the root protocol instance (copies in called processes kept equal). */
  public static final String CURRENT_WEIGHT_KG = "currentWeightKg";
  public static final String CURRENT_WEIGHT_DATE = "currentWeightDate";
  public static final String CURRENT_WEIGHT_SOURCE = "currentWeightSource";
  /** The weight a per-kg decision used, with its date, shown read-only on the decision's form. */
  public static final String DOSING_WEIGHT_KG = "dosingWeightKg";
  public static final String DOSING_WEIGHT_DATE = "dosingWeightDate";
  /** Whether the current weight was recent enough for the decision at hand (gateway "Weight measured within ..."). */
  public static final String DOSING_WEIGHT_RECENT = "dosingWeightRecent";
  /** Why the child must be weighed first (shown on the weigh-first form). */
  public static final String WEIGH_FIRST_REASON = "weighFirstReason";
  /** The child's protocol (design.md section 3), where the current weight lives. */
  public static final String PROTOCOL_PROCESS_KEY = "ucbIsletProtocol";

  /** A weighing: kilograms and the calendar date it was measured. */
  public record Weighing(double kg, LocalDate date) {
    public Weighing {
      Objects.requireNonNull(date, "date");
      if (!(kg > 0) || !Double.isFinite(kg)) {
        throw new IllegalArgumentException("A weight must be a positive number of kg, was " + kg);
      }
    }
  }

  private DosingWeight() {
  }

  /** Calendar days from the weighing to the decision day (0 = weighed that day). */
  public static long ageDays(LocalDate weighed, LocalDate decisionDay) {
    return ChronoUnit.DAYS.between(weighed, decisionDay);
  }

  /** The freshness rule: measured on the decision day or at most {@code maxAgeDays} days before it. */
  public static boolean isRecent(Weighing weighing, LocalDate decisionDay, int maxAgeDays) {
    if (weighing == null) {
      return false;
    }
    long age = ageDays(weighing.date(), decisionDay);
    return age >= 0 && age <= maxAgeDays;
  }

  /** Why a weighing is not recent enough, in words for the weigh-first task; empty when it is. */
  public static String staleReason(Weighing weighing, LocalDate decisionDay, int maxAgeDays) {
    if (weighing == null) {
      return "No weight with its date is recorded for the child";
    }
    if (isRecent(weighing, decisionDay, maxAgeDays)) {
      return "";
    }
    long age = ageDays(weighing.date(), decisionDay);
    return age < 0 ? "The last weight is dated " + weighing.date() + ", after " + decisionDay
        : "The last weight (" + weighing.kg() + " kg on " + weighing.date() + ") is " + age
            + " days old; a per-kg decision needs a weight measured within " + maxAgeDays + " days";
  }

  /** The weighing held by these two values (a number and a date), or null when either is missing. */
  public static Weighing of(Object kg, Object date, ZoneId zone) {
    LocalDate day = ClinicalDates.toLocalDate(date, zone);
    return kg instanceof Number n && n.doubleValue() > 0 && day != null ? new Weighing(n.doubleValue(), day) : null;
  }

  // ------------------------------------------------------------------ engine

  /** The child's current weight as the root process instance of this execution holds it (null when none). */
  public static Weighing current(ExecutionEntity execution) {
    ExecutionEntity root = root(execution);
    if (root.getVariable(CURRENT_WEIGHT_KG) == null && root.getVariable(CURRENT_WEIGHT_DATE) == null) {
      // a child enrolled before the current weight was kept (models before the 2026-12-07 amendment): the enrolment
      // form's weight was measured for the referral
      return of(root.getVariable(WEIGHT_KG), root.getVariable(REFERRAL_DATE), ClinicalTimeZone.get());
    }
    return of(root.getVariable(CURRENT_WEIGHT_KG), root.getVariable(CURRENT_WEIGHT_DATE), ClinicalTimeZone.get());
  }

  /** The current weight of the child whose process instance (any process of the child's protocol) this is. */
  public static Weighing current(RuntimeService runtime, String rootProcessInstanceId) {
    return Context.getCommandContext().runWithoutAuthorization(() -> of(
        runtime.getVariable(rootProcessInstanceId, CURRENT_WEIGHT_KG),
        runtime.getVariable(rootProcessInstanceId, CURRENT_WEIGHT_DATE), ClinicalTimeZone.get()));
  }

  /**
   * Records a weighing made in this execution as the child's current weight: on the child's protocol (the root process
   * instance; for a process of the child outside the protocol's hierarchy, the running protocol with the same business
   * key) and on every called process of that protocol that holds a copy. A weighing dated before the current weight
   * leaves it unchanged.
   *
   * @return whether the current weight changed
   */
  public static boolean record(ExecutionEntity execution, Weighing weighing, String source) {
    ExecutionEntity protocol = protocolOf(execution);
    Weighing current = of(protocol.getVariable(CURRENT_WEIGHT_KG), protocol.getVariable(CURRENT_WEIGHT_DATE),
        ClinicalTimeZone.get());
    if (current != null && weighing.date().isBefore(current.date())) {
      LOG.info("Subject {}: weighing of {} kept in its form; the current weight is from {}",
          protocol.getBusinessKey(), weighing.date(), current.date());
      return false;
    }
    if (weighing.equals(current)) {
      return false;
    }
    protocol.setVariable(CURRENT_WEIGHT_KG, weighing.kg());
    protocol.setVariable(CURRENT_WEIGHT_DATE, weighing.date().toString());
    protocol.setVariable(CURRENT_WEIGHT_SOURCE, source);
    RuntimeService runtime = Context.getProcessEngineConfiguration().getRuntimeService();
    List<ProcessInstance> called = Context.getCommandContext().runWithoutAuthorization(() ->
        runtime.createProcessInstanceQuery().rootProcessInstanceId(protocol.getId()).list());
    for (ProcessInstance instance : called) {
      if (!instance.getId().equals(protocol.getId())) {
        ExecutionEntity copy = Context.getCommandContext().getExecutionManager().findExecutionById(instance.getId());
        if (copy != null && copy.getVariableLocal(CURRENT_WEIGHT_KG) != null) {
          copy.setVariableLocal(CURRENT_WEIGHT_KG, weighing.kg());
          copy.setVariableLocal(CURRENT_WEIGHT_DATE, weighing.date().toString());
          copy.setVariableLocal(CURRENT_WEIGHT_SOURCE, source);
        }
      }
    }
    return true;
  }

  static ExecutionEntity root(ExecutionEntity execution) {
    ExecutionEntity instance = execution.getProcessInstance();
    while (instance.getSuperExecution() != null) {
      instance = instance.getSuperExecution().getProcessInstance();
    }
    return instance;
  }

  private static ExecutionEntity protocolOf(ExecutionEntity execution) {
    ExecutionEntity root = root(execution);
    String businessKey = root.getBusinessKey();
    if (PROTOCOL_PROCESS_KEY.equals(root.getProcessDefinition().getKey()) || businessKey == null) {
      return root;
    }
    RuntimeService runtime = Context.getProcessEngineConfiguration().getRuntimeService();
    ProcessInstance protocol = Context.getCommandContext().runWithoutAuthorization(() ->
        runtime.createProcessInstanceQuery().processDefinitionKey(PROTOCOL_PROCESS_KEY)
            .processInstanceBusinessKey(businessKey).active().list().stream().findFirst().orElse(null));
    ExecutionEntity entity = protocol == null ? null
        : Context.getCommandContext().getExecutionManager().findExecutionById(protocol.getId());
    return entity == null ? root : entity;
  }
}

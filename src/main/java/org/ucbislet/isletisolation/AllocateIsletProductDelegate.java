package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.DosingWeightSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.isletisolation.IsletAllocation.Allocation;
import org.ucbislet.isletisolation.IsletAllocation.Product;
import org.ucbislet.isletisolation.IsletAllocation.Release;
import org.ucbislet.isletisolation.IsletAllocation.WaitingRecipient;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Finds the children waiting for islets (each with the current weight on the child's protocol: a child whose weight
 * is older than ucbi.dosing-weight.max-age-days is passed over, never dosed on it, and gets a "Weigh the child" task) (isletTransplant at its receive task) and allocates the
 * product with {@link IsletAllocation} and the {@code isletProductRelease} decision. Runs on the
 * protocol's behalf: the islet laboratory need not read the children's instances.
 */
@Component
public class AllocateIsletProductDelegate implements JavaDelegate {

  /** The weigh-first process (bpmn/dosing-weighing.bpmn) for a child passed over for an old weight. */
  public static final String WEIGHING_PROCESS_KEY = "dosingWeighing";
  static final String WEIGHING_SUBJECT_ID = "subjectId";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(AllocateIsletProductDelegate.class);

  private final DosingWeightSettings dosingWeight;

  public AllocateIsletProductDelegate(DosingWeightSettings dosingWeight) {
    this.dosingWeight = dosingWeight;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();
    Product product = new Product(number(execution, ISLET_EQUIVALENTS), number(execution, PURITY_PERCENT),
        number(execution, VIABILITY_PERCENT), number(execution, SETTLED_TISSUE_VOLUME_ML), number(execution, ENDOTOXIN_EU),
        Boolean.TRUE.equals(execution.getVariable(GRAM_STAIN_NEGATIVE)));

    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
    List<WaitingRecipient> waiting = Context.getCommandContext().runWithoutAuthorization(() ->
        waitingRecipients(runtime, dosingWeight, today));
    Allocation allocation = Context.getCommandContext().runWithoutAuthorization(() ->
        IsletAllocation.allocate(waiting, product, inputs -> release(decisions, inputs)));
    for (WaitingRecipient r : waiting) {
      if (!r.weightRecent()) {
        Context.getCommandContext().runWithoutAuthorization(() -> requestWeighing(runtime, r, execution.getBusinessKey()));
      }
    }

    execution.setVariable(PRODUCT_RELEASED, allocation.allocated());
    execution.setVariable(ALLOCATED_SUBJECT_ID, allocation.recipientSubjectId());
    execution.setVariable(IEQ_PER_KG, allocation.allocated() ? allocation.ieqPerKg() : null);
    execution.setVariable(RELEASE_FAILURE_REASON, allocation.failureReason());
    execution.setVariable(DISCARD_REASON, allocation.allocated() ? null : allocation.failureReason());
    execution.setVariable(ALLOCATION_EVALUATIONS, SpinValues.jsonValue(toJson(allocation)).create());
    LOG.info("Islet product {}: {} waiting child(ren) evaluated, recipient {}", execution.getBusinessKey(),
        allocation.evaluations().size(), allocation.allocated() ? allocation.recipientSubjectId() : "none");
  }

  /**
   * The waiting children with their current weight (on the child's protocol, clinical.DosingWeight) and whether it
   * was measured within ucbi.dosing-weight.max-age-days before today. A child without any dated weight counts as not
   * recent.
   */
  static List<WaitingRecipient> waitingRecipients(RuntimeService runtime, DosingWeightSettings settings, LocalDate today) {
    List<WaitingRecipient> waiting = new ArrayList<>();
    for (Execution e : runtime.createExecutionQuery().processDefinitionKey(TRANSPLANT_PROCESS_KEY)
        .activityId(TRANSPLANT_AWAIT_PRODUCT).list()) {
      Map<String, Object> v = runtime.getVariables(e.getId());
      ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(e.getProcessInstanceId())
          .singleResult();
      String subjectId = instance.getBusinessKey();
      Object since = v.get(RECIPIENT_WAITING_SINCE);
      Object infusion = v.get(RECIPIENT_INFUSION_NUMBER);
      DosingWeight.Weighing current = DosingWeight.current(runtime, instance.getRootProcessInstanceId());
      if (subjectId != null && current != null) {
        waiting.add(new WaitingRecipient(subjectId, current.kg(),
            DosingWeight.staleReason(current, today, settings.getMaxAgeDays()),
            infusion instanceof Number n ? n.intValue() : 1, since instanceof Date d ? d.toInstant() : null));
      } else if (subjectId != null && v.get(RECIPIENT_WEIGHT_KG) instanceof Number weight && weight.doubleValue() > 0) {
        waiting.add(new WaitingRecipient(subjectId, weight.doubleValue(),
            DosingWeight.staleReason(null, today, settings.getMaxAgeDays()),
            infusion instanceof Number n ? n.intValue() : 1, since instanceof Date d ? d.toInstant() : null));
      }
    }
    return waiting;
  }

  /** Opens "Weigh the child" (process dosingWeighing) for a child passed over, unless one is open already. */
  private static Void requestWeighing(RuntimeService runtime, WaitingRecipient r, String donorId) {
    if (runtime.createProcessInstanceQuery().processDefinitionKey(WEIGHING_PROCESS_KEY)
        .processInstanceBusinessKey(r.subjectId()).count() > 0) {
      return null;
    }
    Map<String, Object> v = new HashMap<>();
    v.put(WEIGHING_SUBJECT_ID, r.subjectId());
    v.put(DosingWeight.DOSING_WEIGHT_KG, r.weightKg());
    v.put(DosingWeight.WEIGH_FIRST_REASON, "Islet product allocation (donor " + donorId + ") passed over the child: "
        + r.staleWeightReason() + ".");
    runtime.startProcessInstanceByKey(WEIGHING_PROCESS_KEY, r.subjectId(), v);
    LOG.info("Islet product {}: {} passed over (weight too old), weighing requested", donorId, r.subjectId());
    return null;
  }

  private static Release release(DecisionService decisions, Map<String, Object> inputs) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(RELEASE_DECISION_KEY)
        .variables(inputs).evaluate().getSingleResult();
    Object released = result.getEntry(PRODUCT_RELEASED);
    Object reason = result.getEntry(RELEASE_FAILURE_REASON);
    return new Release(Boolean.TRUE.equals(released), reason == null ? "" : reason.toString());
  }

  private static String toJson(Allocation allocation) {
    try {
      return JSON.writeValueAsString(allocation.evaluations());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the allocation evaluations", e);
    }
  }

  private static double number(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}

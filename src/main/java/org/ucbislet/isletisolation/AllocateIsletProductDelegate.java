package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.Execution;
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

/**
 * Finds the children waiting for islets (isletTransplant at its receive task) and allocates the
 * product with {@link IsletAllocation} and the {@code isletProductRelease} decision. Runs on the
 * protocol's behalf: the islet laboratory need not read the children's instances.
 */
@Component
public class AllocateIsletProductDelegate implements JavaDelegate {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(AllocateIsletProductDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();
    Product product = new Product(number(execution, ISLET_EQUIVALENTS), number(execution, PURITY_PERCENT),
        number(execution, VIABILITY_PERCENT), number(execution, SETTLED_TISSUE_VOLUME_ML), number(execution, ENDOTOXIN_EU),
        Boolean.TRUE.equals(execution.getVariable(GRAM_STAIN_NEGATIVE)));

    Allocation allocation = Context.getCommandContext().runWithoutAuthorization(() ->
        IsletAllocation.allocate(waitingRecipients(runtime), product, inputs -> release(decisions, inputs)));

    execution.setVariable(PRODUCT_RELEASED, allocation.allocated());
    execution.setVariable(ALLOCATED_SUBJECT_ID, allocation.recipientSubjectId());
    execution.setVariable(IEQ_PER_KG, allocation.allocated() ? allocation.ieqPerKg() : null);
    execution.setVariable(RELEASE_FAILURE_REASON, allocation.failureReason());
    execution.setVariable(DISCARD_REASON, allocation.allocated() ? null : allocation.failureReason());
    execution.setVariable(ALLOCATION_EVALUATIONS, SpinValues.jsonValue(toJson(allocation)).create());
    LOG.info("Islet product {}: {} waiting child(ren) evaluated, recipient {}", execution.getBusinessKey(),
        allocation.evaluations().size(), allocation.allocated() ? allocation.recipientSubjectId() : "none");
  }

  static List<WaitingRecipient> waitingRecipients(RuntimeService runtime) {
    List<WaitingRecipient> waiting = new ArrayList<>();
    for (Execution e : runtime.createExecutionQuery().processDefinitionKey(TRANSPLANT_PROCESS_KEY)
        .activityId(TRANSPLANT_AWAIT_PRODUCT).list()) {
      Map<String, Object> v = runtime.getVariables(e.getId());
      String subjectId = runtime.createProcessInstanceQuery().processInstanceId(e.getProcessInstanceId())
          .singleResult().getBusinessKey();
      Object since = v.get(RECIPIENT_WAITING_SINCE);
      Object infusion = v.get(RECIPIENT_INFUSION_NUMBER);
      if (subjectId != null && v.get(RECIPIENT_WEIGHT_KG) instanceof Number weight && weight.doubleValue() > 0) {
        waiting.add(new WaitingRecipient(subjectId, weight.doubleValue(),
            infusion instanceof Number n ? n.intValue() : 1, since instanceof Date d ? d.toInstant() : null));
      }
    }
    return waiting;
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

package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends message {@code IsletProductReleased} to the allocated child (business key = subject ID). A
 * child who stopped waiting meanwhile is an expected outcome, not a technical failure: BPMN error
 * {@code RecipientNoLongerWaiting}, and the product is allocated again.
 */
@Component
public class DeliverIsletProductDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(DeliverIsletProductDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    String subjectId = (String) execution.getVariable(ALLOCATED_SUBJECT_ID);
    Map<String, Object> product = new HashMap<>();
    product.put(PRODUCT_ID, execution.getBusinessKey());
    product.put(PRODUCT_IEQ, execution.getVariable(ISLET_EQUIVALENTS));
    product.put(PRODUCT_IEQ_PER_KG, execution.getVariable(IEQ_PER_KG));
    product.put(PRODUCT_RELEASED_AT, ClockUtil.getCurrentTime());
    product.put(PRODUCT_TISSUE_VOLUME_ML, execution.getVariable(SETTLED_TISSUE_VOLUME_ML));
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    // asked first, not caught afterwards: a failed correlation inside this transaction would mark it rollback-only,
    // and the product's release would then be lost with an HTTP 500 instead of being allocated again
    boolean waiting = subjectId != null && Context.getCommandContext().runWithoutAuthorization(() -> runtime
        .createExecutionQuery().messageEventSubscriptionName(MESSAGE_ISLET_PRODUCT_RELEASED)
        .processInstanceBusinessKey(subjectId).count() > 0);
    if (!waiting) {
      LOG.info("Islet product {}: {} no longer waits for islets, allocating again", execution.getBusinessKey(), subjectId);
      throw new BpmnError(ERROR_RECIPIENT_NO_LONGER_WAITING, subjectId + " is no longer waiting for islets");
    }
    Context.getCommandContext().runWithoutAuthorization(() -> runtime
        .createMessageCorrelation(MESSAGE_ISLET_PRODUCT_RELEASED).processInstanceBusinessKey(subjectId)
        .setVariables(product).correlateWithResult());
    LOG.info("Islet product {} released to {}", execution.getBusinessKey(), subjectId);
  }
}

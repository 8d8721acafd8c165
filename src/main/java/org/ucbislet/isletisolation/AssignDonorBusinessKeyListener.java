package org.ucbislet.isletisolation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Makes the organ procurement organisation's donor ID the business key of the isolation (the donor is
 * never identified otherwise), refuses a different business key and a second active isolation of the
 * same donor's pancreas.
 */
@Component
public class AssignDonorBusinessKeyListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(IsletIsolationVariables.DONOR_ID) instanceof String donorId) || donorId.isBlank()) {
      return; // the offer form's own rules report it
    }
    List<FieldViolation> violations = new ArrayList<>();
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.isEmpty() && !businessKey.equals(donorId)) {
      violations.add(new FieldViolation("businessKey", "Business key",
          "must equal the donor ID " + donorId + " (or be left empty), was '" + businessKey + "'"));
    }
    long active = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getRuntimeService().createProcessInstanceQuery().processDefinitionKey(IsletIsolationVariables.PROCESS_KEY)
        .processInstanceBusinessKey(donorId).count());
    if (active > 0) {
      violations.add(new FieldViolation(IsletIsolationVariables.DONOR_ID, "Donor ID",
          "an isolation of donor " + donorId + " is already in progress"));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(IsletIsolationVariables.OFFER_FORM, violations);
    }
    execution.setProcessBusinessKey(donorId);
  }
}

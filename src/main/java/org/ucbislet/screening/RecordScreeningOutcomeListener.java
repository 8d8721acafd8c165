package org.ucbislet.screening;

import static org.ucbislet.screening.ScreeningVariables.ELIGIBLE;
import static org.ucbislet.screening.ScreeningVariables.SCREEN_FAILURE_REASON;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records why screening ended, at every end event of {@code screening}: {@code eligible} is the
 * overall result (true only when the child passed every step) and {@code screenFailureReason} names
 * the step that failed (the eligibility decision's own reason at "not eligible", empty when passed).
 */
@Component
public class RecordScreeningOutcomeListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(RecordScreeningOutcomeListener.class);

  private static final Map<String, String> REASONS = Map.of(
      ScreeningVariables.END_NO_CONSENT, ScreeningVariables.REASON_NO_CONSENT,
      ScreeningVariables.END_PSYCHOLOGICALLY_UNFIT, ScreeningVariables.REASON_PSYCHOLOGICAL,
      ScreeningVariables.END_MDT_DECLINED, ScreeningVariables.REASON_MDT_DECLINED);

  @Override
  public void notify(DelegateExecution execution) {
    String end = execution.getCurrentActivityId();
    if (ScreeningVariables.END_PASSED.equals(end)) {
      execution.setVariable(ELIGIBLE, true);
      execution.setVariable(SCREEN_FAILURE_REASON, "");
    } else if (REASONS.containsKey(end)) {
      execution.setVariable(ELIGIBLE, false);
      execution.setVariable(SCREEN_FAILURE_REASON, REASONS.get(end));
    } else {
      execution.setVariable(ELIGIBLE, false); // not eligible: the decision's reason stands
    }
    LOG.info("Subject {}: screening ended at {}", execution.getBusinessKey(), end);
  }
}

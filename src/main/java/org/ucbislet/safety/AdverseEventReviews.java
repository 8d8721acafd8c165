package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventReviewVariables.*;
import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Raises an adverse event review where a clinical event happens, from an execution listener expression on an existing
 * model element, e.g. {@code ${adverseEventReviews.raise(execution, 'acute-gvhd')}} (issue 18 item 6): starts one
 * {@code adverseEventReview} instance for the child (business key = subject ID) with the report prefilled. No new
 * shapes are needed in the model where the event happens. The start is the model's own step, not the user's: it runs
 * without the completing user's authorizations (an interventional radiologist may not start processes).
 */
@Component("adverseEventReviews")
public class AdverseEventReviews {

  private static final Logger LOG = LoggerFactory.getLogger(AdverseEventReviews.class);

  /** Starts the review of the clinical event {@code eventCode} ({@link ClinicalEvent}); returns its instance ID. */
  public String raise(DelegateExecution execution, String eventCode) {
    ClinicalEvent event = ClinicalEvent.of(eventCode);
    String subjectId = execution.getProcessBusinessKey();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(CLINICAL_EVENT, event.code());
    v.put(CLINICAL_EVENT_SOURCE_INSTANCE_ID, execution.getProcessInstanceId());
    v.put(SUBJECT_ID, subjectId);
    v.put(AE_TERM, event.aeTerm());
    if (event.aeTermOther() != null) {
      v.put(AE_TERM_OTHER, event.aeTermOther());
    }
    v.put(AE_ONSET_DATE, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ClinicalTimeZone.get()).toString());
    v.put(AE_DESCRIPTION, event.describe(execution.getVariables()));
    ProcessInstance review = Context.getCommandContext().runWithoutAuthorization(() -> execution.getProcessEngineServices()
        .getRuntimeService().createProcessInstanceByKey(AdverseEventReviewVariables.PROCESS_KEY).businessKey(subjectId)
        .setVariables(v).execute());
    LOG.info("Subject {}: clinical event '{}' raised adverse event review {}", subjectId, event.code(), review.getId());
    return review.getId();
  }
}

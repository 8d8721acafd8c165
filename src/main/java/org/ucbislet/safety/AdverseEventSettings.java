package org.ucbislet.safety;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Settings of {@code adverseEvent} (application.yaml, {@code ucbi.adverse-event.*}). Bean {@code adverseEventSettings}:
 * the BPMN reads {@code ${adverseEventSettings.outcomeReviewInterval}}. The reporting clocks are not settings: they
 * come from the decision adverseEventSeriousness (domain.md B 6.3).
 */
@Component
public class AdverseEventSettings {

  private final String outcomeReviewInterval;

  public AdverseEventSettings(@Value("${ucbi.adverse-event.outcome-review-interval}") String outcomeReviewInterval) {
    try {
      if (outcomeReviewInterval.contains("T")) {
        Duration.parse(outcomeReviewInterval);
      } else {
        Period.parse(outcomeReviewInterval);
      }
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("ucbi.adverse-event.outcome-review-interval must be an ISO-8601 duration such as "
          + "P7D, was '" + outcomeReviewInterval + "'", e);
    }
    this.outcomeReviewInterval = outcomeReviewInterval;
  }

  /** The defaults of application.yaml, for code and tests without Spring. */
  public static AdverseEventSettings defaults() {
    return ApplicationDefaults.of(AdverseEventSettings.class);
  }

  /** Time from an outcome assessment "recovering" or "not recovered" to the next one (default P7D, design choice). */
  public String getOutcomeReviewInterval() {
    return outcomeReviewInterval;
  }
}

package org.ucbislet.cordbloodtransplant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Engraftment numbers a trial may set (application.yaml, {@code ucbi.engraftment.*}); the defaults are
 * domain.md Part A (B 2.1 ASTCT definitions, B 2.2 timers). Bean {@code engraftmentSettings}.
 */
@Component
public class EngraftmentSettings {

  private final EngraftmentCriteria criteria;
  private final int neutrophilAlertDay;
  private final int primaryGraftFailureDay;

  public EngraftmentSettings(@Value("${ucbi.engraftment.anc-threshold-e9-per-l}") double ancThresholdE9PerL,
                             @Value("${ucbi.engraftment.platelet-threshold-e9-per-l}") double plateletThresholdE9PerL,
                             @Value("${ucbi.engraftment.consecutive-days}") int consecutiveDays,
                             @Value("${ucbi.engraftment.platelet-transfusion-free-days}") int plateletTransfusionFreeDays,
                             @Value("${ucbi.engraftment.neutrophil-alert-day}") int neutrophilAlertDay,
                             @Value("${ucbi.engraftment.primary-graft-failure-day}") int primaryGraftFailureDay) {
    this.criteria = new EngraftmentCriteria(ancThresholdE9PerL, plateletThresholdE9PerL, consecutiveDays,
        plateletTransfusionFreeDays);
    if (neutrophilAlertDay < 1 || primaryGraftFailureDay <= neutrophilAlertDay) {
      throw new IllegalArgumentException("ucbi.engraftment: the alert day (" + neutrophilAlertDay
          + ") must be >= 1 and before the primary graft failure day (" + primaryGraftFailureDay + ")");
    }
    this.neutrophilAlertDay = neutrophilAlertDay;
    this.primaryGraftFailureDay = primaryGraftFailureDay;
  }

  /** The defaults of application.yaml (Part A: ANC 0.5, platelets 20, 3 days, 7 transfusion-free days, +28, +42). */
  public static EngraftmentSettings defaults() {
    return ApplicationDefaults.of(EngraftmentSettings.class);
  }

  public EngraftmentCriteria criteria() {
    return criteria;
  }

  /** Day after the infusion of the non-interrupting alert without neutrophil recovery (default +28). */
  public int neutrophilAlertDay() {
    return neutrophilAlertDay;
  }

  /** Day after the infusion without neutrophil recovery that is primary graft failure (default +42, UCB). */
  public int primaryGraftFailureDay() {
    return primaryGraftFailureDay;
  }
}

package org.ucbislet.clinical;

import java.time.LocalDate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How recent the weight of a per-kg decision must be ({@code ucbi.dosing-weight.max-age-days}; domain.md Part A
 * "dosing weight": 7 days, U, centre practice, in docs/clinical-sign-off.md). Bean {@code dosingWeightSettings}.
 */
@Component
public class DosingWeightSettings {

  private final int maxAgeDays;

  public DosingWeightSettings(@Value("${ucbi.dosing-weight.max-age-days}") int maxAgeDays) {
    if (maxAgeDays < 0 || maxAgeDays > 90) {
      throw new IllegalArgumentException("ucbi.dosing-weight.max-age-days must be 0 to 90 days, was " + maxAgeDays);
    }
    this.maxAgeDays = maxAgeDays;
  }

  /** The defaults of application.yaml, for code and tests without Spring. */
  public static DosingWeightSettings defaults() {
    return ApplicationDefaults.of(DosingWeightSettings.class);
  }

  public int getMaxAgeDays() {
    return maxAgeDays;
  }

  /** {@link DosingWeight#isRecent} with the configured limit. */
  public boolean isRecent(DosingWeight.Weighing weighing, LocalDate decisionDay) {
    return DosingWeight.isRecent(weighing, decisionDay, maxAgeDays);
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Completion of the first basiliximab dose (protocol stage 2 (4): basiliximab 6 hours before operation):
 * <ul>
 *   <li>the dose given is compared with the band dose of decision {@code basiliximabDose} (on today's weight); a
 *   different dose needs a reason ({@code basiliximabDoseMismatchReason}), else HTTP 400 naming that field;</li>
 *   <li>the wait before the portal vein puncture runs from the time given ({@code basiliximabGivenAt}), not from the
 *   task's completion: {@code basiliximabLeadTimeEndsAt} = time given + {@code ucbi.islet.basiliximab-lead-time}
 *   (PT6H), the due date of timer {@code Timer_BasiliximabLeadTime}. The time given itself obeys the shared date
 *   rules (not in the future, not before the MDT's go).</li>
 * </ul>
 */
@Component
public class CheckBasiliximabDoseListener implements TaskListener {

  private final IsletSettings settings;

  public CheckBasiliximabDoseListener(IsletSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    Instant given = instant(task.getVariable(BASILIXIMAB_GIVEN_AT));
    if (given == null) {
      throw violation(BASILIXIMAB_GIVEN_AT, "Date and time given", "is required as a date and time, e.g. 2027-05-03T10:30+08:00");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (given.isAfter(now)) {
      throw violation(BASILIXIMAB_GIVEN_AT, "Date and time given", "must not be in the future (now " + now + "), was " + given);
    }
    if (task.getVariable(BASILIXIMAB_GIVEN_MG) instanceof Number givenMg
        && task.getVariable(BASILIXIMAB_DOSE_MG) instanceof Number bandMg
        && Double.compare(givenMg.doubleValue(), bandMg.doubleValue()) != 0
        && (!(task.getVariable(BASILIXIMAB_DOSE_MISMATCH_REASON) instanceof String reason) || reason.isBlank())) {
      throw violation(BASILIXIMAB_DOSE_MISMATCH_REASON, "Reason the dose differs from the band dose",
          "is required: " + fmt(givenMg.doubleValue()) + " mg given, the weight band gives " + fmt(bandMg.doubleValue()) + " mg");
    }
    task.getExecution().setVariable(BASILIXIMAB_LEAD_TIME_ENDS_AT, Date.from(given.plus(settings.basiliximabLeadTime())));
  }

  private static Instant instant(Object value) {
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static String fmt(double mg) {
    return mg == Math.rint(mg) ? String.valueOf((long) mg) : String.valueOf(mg);
  }

  private static FormValidationException violation(String field, String label, String problem) {
    return new FormValidationException(FORM_ADMINISTER_BASILIXIMAB, List.of(new FieldViolation(field, label, problem)));
  }
}

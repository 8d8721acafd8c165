package org.ucbislet.protocol;

import static org.ucbislet.protocol.ProtocolVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * ucbIsletProtocol's interrupting event sub-process ConsentWithdrawn: records when consent was withdrawn
 * ({@code withdrawalDate}, default today; not in the future, not before the referral), why ({@code withdrawalReason},
 * optional text up to 2,000 characters), when the engine learnt it and from whom. Bad values are refused with HTTP 400
 * naming the field and the child's protocol goes on untouched.
 */
@Component
public class RecordWithdrawalDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordWithdrawalDelegate.class);
  static final String MESSAGE_FORM = "ConsentWithdrawn message";
  static final int REASON_MAX_LENGTH = 2000;

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    Date now = ClockUtil.getCurrentTime();
    LocalDate today = now.toInstant().atZone(zone).toLocalDate();
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate withdrawn = today;
    try {
      LocalDate given = ClinicalDates.toLocalDate(execution.getVariable(WITHDRAWAL_DATE), zone);
      LocalDate referred = ClinicalDates.toLocalDate(execution.getVariable(REFERRAL_DATE), zone);
      if (given != null && given.isAfter(today)) {
        violations.add(new FieldViolation(WITHDRAWAL_DATE, "Withdrawal date", "must not be in the future (today " + today + "), was " + given));
      } else if (given != null && referred != null && given.isBefore(referred)) {
        violations.add(new FieldViolation(WITHDRAWAL_DATE, "Withdrawal date", "must not be before the referral " + referred + ", was " + given));
      } else if (given != null) {
        withdrawn = given;
      }
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(WITHDRAWAL_DATE, "Withdrawal date", "must be an ISO-8601 date (yyyy-MM-dd): " + e.getMessage()));
    }
    Object reason = execution.getVariable(WITHDRAWAL_REASON);
    if (reason != null && !(reason instanceof String)) {
      violations.add(new FieldViolation(WITHDRAWAL_REASON, "Reason", "must be text, was " + reason.getClass().getSimpleName()));
    } else if (reason instanceof String r && r.length() > REASON_MAX_LENGTH) {
      violations.add(new FieldViolation(WITHDRAWAL_REASON, "Reason", "must be at most " + REASON_MAX_LENGTH + " characters, was " + r.length()));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(MESSAGE_FORM, violations);
    }
    execution.setVariable(WITHDRAWAL_DATE, Date.from(withdrawn.atStartOfDay(zone).toInstant()));
    execution.setVariable(WITHDRAWAL_RECORDED_AT, now);
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    execution.setVariable(WITHDRAWAL_RECORDED_BY, user == null ? null : user.getUserId());
    LOG.info("Subject {}: consent withdrawn on {}; every open task of the child is cancelled", execution.getProcessBusinessKey(), withdrawn);
  }
}

package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.followup.ChildRecord;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * End of the message start event, after the start form's own rules passed: the rules across fields that a form
 * cannot express, then the report's business key (= subject ID), time and reporter. Refused (HTTP 400 naming the
 * field, nothing stored): a business key other than the subject ID, an "other" event without its term, an "other"
 * event declared expected (it is not in the protocol's list), an onset date in the future, a first awareness that is
 * missing, in the future or before the onset date (day 0 of the reporting clocks, ICH E2A, domain.md B 6.3), a CTCAE
 * grade 4 event without any seriousness criterion that the reporter has not confirmed as not serious (B 6.1, 6.2).
 */
@Component
public class RegisterAdverseEventReportListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterAdverseEventReportListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    String subjectId = (String) execution.getVariable(SUBJECT_ID);
    String term = (String) execution.getVariable(AE_TERM);
    List<FieldViolation> violations = new ArrayList<>();
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey != null && !businessKey.isEmpty() && !businessKey.equals(subjectId)) {
      violations.add(new FieldViolation("businessKey", "Business key",
          "must equal the subject ID " + subjectId + " (or be left empty), was '" + businessKey + "'"));
    }
    boolean other = TERM_OTHER.equals(term) || TERM_PRETREATMENT_OTHER.equals(term);
    if (other && (!(execution.getVariable(AE_TERM_OTHER) instanceof String t) || t.isBlank())) {
      violations.add(new FieldViolation(AE_TERM_OTHER, "Other adverse event (term)", "is required when the event is '" + term + "'"));
    }
    if (TERM_OTHER.equals(term) && Boolean.FALSE.equals(execution.getVariable(UNEXPECTED))) {
      violations.add(new FieldViolation(UNEXPECTED, "Unexpected",
          "must be true for an event that is not in the protocol's list of adverse reactions"));
    }
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate onset = ClinicalDates.toLocalDate(execution.getVariable(AE_ONSET_DATE), zone);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    if (onset != null && onset.isAfter(today)) {
      violations.add(new FieldViolation(AE_ONSET_DATE, "Onset date", "must not be in the future (today " + today + "), was " + onset));
    }
    // an onset in the future is the error to name; awareness is then compared with nothing
    Instant aware = awareness(execution, onset != null && onset.isAfter(today) ? null : onset, zone, violations);
    if (unconfirmedGrade4WithoutSeriousness(execution)) {
      violations.add(new FieldViolation(GRADE4_NOT_SERIOUS_CONFIRMED, "Grade 4 without a seriousness criterion",
          "must be confirmed: CTCAE grade 4 means life-threatening consequences (domain.md B 6.1); tick the seriousness "
              + "criterion that applies, or confirm that none does (B 6.2)"));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(FORM_REPORT, violations);
    }
    execution.setProcessBusinessKey(subjectId);
    execution.setVariable(REPORTED_AT, ClockUtil.getCurrentTime());
    execution.setVariable(AWARE_AT, Date.from(aware));
    CtcaeTerms.CtcaeTerm ctcae = CtcaeTerms.of(term);
    execution.setVariable(CTCAE_TERM, ctcae == null ? null : ctcae.term());
    execution.setVariable(CTCAE_SYSTEM_ORGAN_CLASS, ctcae == null ? null : ctcae.systemOrganClass());
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    execution.setVariable(REPORTED_BY, user == null ? null : user.getUserId());
    listInProtocol(execution, term);
    LOG.info("Subject {}: adverse event '{}' reported, CTCAE grade {}", subjectId, term, execution.getVariable(CTCAE_GRADE));
  }

  /** The first awareness: required, not in the future, not before the onset date; null after a violation. */
  private static Instant awareness(DelegateExecution execution, LocalDate onset, ZoneId zone, List<FieldViolation> violations) {
    String label = "First awareness (date and time)";
    Instant aware;
    try {
      aware = ReportingClock.toInstant(execution.getVariable(AE_AWARENESS_DATE), zone);
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(AE_AWARENESS_DATE, label, e.getMessage()));
      return null;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (aware == null) {
      violations.add(new FieldViolation(AE_AWARENESS_DATE, label, "is required: every reporting clock starts at it (ICH E2A)"));
    } else if (aware.isAfter(now)) {
      violations.add(new FieldViolation(AE_AWARENESS_DATE, label, "must not be in the future (now " + now + "), was " + aware));
    } else if (onset != null && aware.atZone(zone).toLocalDate().isBefore(onset)) {
      violations.add(new FieldViolation(AE_AWARENESS_DATE, label, "must not be before the onset date " + onset + ", was "
          + aware.atZone(zone).toLocalDate()));
    }
    return aware;
  }

  private static boolean unconfirmedGrade4WithoutSeriousness(DelegateExecution execution) {
    if (!(execution.getVariable(CTCAE_GRADE) instanceof Number grade) || grade.intValue() != 4) {
      return false;
    }
    boolean anyCriterion = Stream.of(LIFE_THREATENING, HOSPITALIZATION, PERSISTENT_DISABILITY, CONGENITAL_ANOMALY,
        IMPORTANT_MEDICAL_EVENT).anyMatch(c -> !Boolean.FALSE.equals(execution.getVariable(c)));
    return !anyCriterion && !Boolean.TRUE.equals(execution.getVariable(GRADE4_NOT_SERIOUS_CONFIRMED));
  }

  /**
   * However it was reported (through the protocol's event sub-process, the message without a running protocol, or
   * Tasklist's start form), an event of a child in the protocol is listed in the protocol's adverseEventReports.
   */
  private static void listInProtocol(DelegateExecution execution, String term) {
    SubjectProtocol protocol = SubjectProtocol.of(execution);
    if (protocol == null) {
      return;
    }
    execution.setVariable(REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.instanceId());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("processInstanceId", execution.getProcessInstanceId());
    entry.put(AE_TERM, term);
    entry.put(CTCAE_GRADE, execution.getVariable(CTCAE_GRADE));
    entry.put("reportedAt", ClockUtil.getCurrentTime().toInstant().toString());
    ChildRecord.append(protocol, ProtocolVariables.ADVERSE_EVENT_REPORTS, entry);
  }
}

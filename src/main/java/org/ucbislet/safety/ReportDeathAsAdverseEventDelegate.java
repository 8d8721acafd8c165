package org.ucbislet.safety;

import static org.ucbislet.protocol.ProtocolVariables.CAUSE_OF_DEATH;
import static org.ucbislet.protocol.ProtocolVariables.CAUSE_OF_DEATH_TERM;
import static org.ucbislet.protocol.ProtocolVariables.DATE_OF_BIRTH;
import static org.ucbislet.protocol.ProtocolVariables.DATE_OF_DEATH;
import static org.ucbislet.protocol.ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID;
import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * ucbIsletProtocol's interrupting event sub-process PatientDeceased: the death is reported as an adverse event of
 * CTCAE grade 5 (design.md section 3: "A ctcaeGrade of 5 is death"), which adverseEventSeriousness classes as serious
 * and so starts the 24-hour initial report clock (domain.md Part A, B 6.2, 6.3). The message's optional variables:
 * dateOfDeath (default: today; not in the future, not before the date of birth), causeOfDeath (text), causeOfDeathTerm (a term of the protocol's
 * adverse reactions list; default "other" with the cause as its text), unexpected and relatedToIntervention (left
 * unanswered both count as true, the reading that reports soonest, as the decision treats every missing answer). The
 * reporting clocks run from the message's arrival (first awareness at the latest). Bad values are refused with
 * HTTP 400 naming the message's own field, and the protocol goes on as if the message had not come. When the message
 * names the adverse event that is the death ({@code deathAdverseEventInstanceId}, sent after a grade 5 or a fatal
 * outcome on an adverse event form), no second report is opened.
 */
@Component
public class ReportDeathAsAdverseEventDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReportDeathAsAdverseEventDelegate.class);
  static final String MESSAGE_FORM = "PatientDeceased message";
  static final String CAUSE_NOT_GIVEN = "Death (cause not given with the report)";
  static final int CAUSE_MAX_LENGTH = 200;

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(DEATH_ADVERSE_EVENT_INSTANCE_ID) != null) {
      checkDeathAlreadyReported(execution);
      return;
    }
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate dateOfDeath = today;
    try {
      LocalDate given = ClinicalDates.toLocalDate(execution.getVariable(DATE_OF_DEATH), zone);
      LocalDate born = ClinicalDates.toLocalDate(execution.getVariable(DATE_OF_BIRTH), zone);
      if (given != null && given.isAfter(today)) {
        violations.add(new FieldViolation(DATE_OF_DEATH, "Date of death", "must not be in the future (today " + today + "), was " + given));
      } else if (given != null && born != null && given.isBefore(born)) {
        violations.add(new FieldViolation(DATE_OF_DEATH, "Date of death", "must not be before the date of birth " + born
            + ", was " + given));
      } else if (given != null) {
        dateOfDeath = given;
      }
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation(DATE_OF_DEATH, "Date of death", "must be an ISO-8601 date (yyyy-MM-dd): " + e.getMessage()));
    }
    String cause = text(execution, CAUSE_OF_DEATH, "Cause of death", violations);
    String term = text(execution, CAUSE_OF_DEATH_TERM, "Cause of death (adverse reaction term)", violations);
    Boolean unexpected = flag(execution, UNEXPECTED, "Unexpected", violations);
    Boolean related = flag(execution, RELATED_TO_INTERVENTION, "Related to the intervention", violations);
    if (cause != null && cause.length() > CAUSE_MAX_LENGTH) {
      violations.add(new FieldViolation(CAUSE_OF_DEATH, "Cause of death", "must be at most " + CAUSE_MAX_LENGTH
          + " characters, was " + cause.length()));
    }
    if (!violations.isEmpty()) {
      throw new FormValidationException(MESSAGE_FORM, violations);
    }
    String causeText = cause == null || cause.isBlank() ? CAUSE_NOT_GIVEN : cause.strip();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put(SUBJECT_ID, execution.getProcessBusinessKey());
    boolean other = term == null || term.isBlank() || TERM_OTHER.equals(term);
    report.put(AE_TERM, other ? TERM_OTHER : term);
    report.put(AE_TERM_OTHER, other ? causeText : null);
    report.put(AE_ONSET_DATE, java.util.Date.from(dateOfDeath.atStartOfDay(zone).toInstant()));
    // the death is known to the reporter at the latest when the message is sent: day 0 of the clocks (ICH E2A, B 6.3)
    report.put(AE_AWARENESS_DATE, ClockUtil.getCurrentTime());
    report.put(CTCAE_GRADE, GRADE_DEATH);
    // the other seriousness criteria do not apply to a death that happened; grade 5 makes it serious (B 6.2)
    report.put(LIFE_THREATENING, false);
    report.put(HOSPITALIZATION, false);
    report.put(PERSISTENT_DISABILITY, false);
    report.put(CONGENITAL_ANOMALY, false);
    report.put(IMPORTANT_MEDICAL_EVENT, false);
    // not answered: counted as unexpected and related, the reading that reports soonest (as the decision treats a
    // missing answer); the investigator corrects it in the initial report
    report.put(UNEXPECTED, other || !Boolean.FALSE.equals(unexpected));
    report.put(RELATED_TO_INTERVENTION, !Boolean.FALSE.equals(related));
    report.put(AE_DESCRIPTION, "Death on " + dateOfDeath + ", reported through the protocol (message PatientDeceased). Cause: "
        + causeText);
    ProcessInstance adverseEvent;
    try {
      adverseEvent = AdverseEventStarter.start(execution, report);
    } catch (FormValidationException e) {
      // name the message's fields, not the adverse event form's
      throw new FormValidationException(MESSAGE_FORM, e.getViolations().stream().map(ReportDeathAsAdverseEventDelegate::messageField).toList());
    }
    execution.setVariable(DEATH_ADVERSE_EVENT_INSTANCE_ID, adverseEvent.getId());
    LOG.info("Subject {}: death on {} reported as adverse event instance {}", execution.getProcessBusinessKey(), dateOfDeath,
        adverseEvent.getId());
  }

  /**
   * The message names the adverse event that is the death (sent by EndProtocolAsDeathDelegate after a grade 5 or a
   * fatal outcome): that event of the same child must exist with grade 5 or outcome fatal; then no second death report
   * is opened. Otherwise refused naming the field.
   */
  private static void checkDeathAlreadyReported(DelegateExecution execution) {
    Object id = execution.getVariable(DEATH_ADVERSE_EVENT_INSTANCE_ID);
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    boolean sameChild = id instanceof String s && history.createHistoricProcessInstanceQuery().processInstanceId(s)
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(execution.getProcessBusinessKey()).count() == 1;
    if (!sameChild || !fatal(history, (String) id)) {
      throw new FormValidationException(MESSAGE_FORM, List.of(new FieldViolation(DEATH_ADVERSE_EVENT_INSTANCE_ID,
          "Adverse event that is the death", "must be an adverse event of " + execution.getProcessBusinessKey()
              + " with CTCAE grade 5 or outcome fatal, was '" + id + "'")));
    }
    LOG.info("Subject {}: death already reported as adverse event instance {}", execution.getProcessBusinessKey(), id);
  }

  private static boolean fatal(HistoryService history, String adverseEventId) {
    Object grade = latest(history, adverseEventId, CTCAE_GRADE);
    return grade instanceof Number n && n.intValue() == GRADE_DEATH
        || OUTCOME_FATAL.equals(latest(history, adverseEventId, AE_OUTCOME));
  }

  private static Object latest(HistoryService history, String processInstanceId, String name) {
    List<HistoricVariableInstance> values = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(name).list();
    return values.isEmpty() ? null : values.get(0).getValue();
  }

  private static String text(DelegateExecution execution, String name, String label, List<FieldViolation> violations) {
    Object value = execution.getVariable(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    violations.add(new FieldViolation(name, label, "must be text, was " + value.getClass().getSimpleName()));
    return null;
  }

  private static Boolean flag(DelegateExecution execution, String name, String label, List<FieldViolation> violations) {
    Object value = execution.getVariable(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    violations.add(new FieldViolation(name, label, "must be true or false, was " + value));
    return null;
  }

  private static FieldViolation messageField(FieldViolation v) {
    String field = switch (v.field()) {
      case AE_TERM -> CAUSE_OF_DEATH_TERM;
      case AE_TERM_OTHER, AE_DESCRIPTION -> CAUSE_OF_DEATH;
      case AE_ONSET_DATE -> DATE_OF_DEATH;
      default -> v.field();
    };
    return new FieldViolation(field, v.label(), v.problem());
  }
}

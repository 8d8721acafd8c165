package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.clinical.ClinicalDates;

/**
 * A CTCAE grade 5 or a fatal outcome on an adverse event form (design.md section 3: "A ctcaeGrade of 5 is death"): the
 * child's running {@code ucbIsletProtocol} receives message PatientDeceased, exactly as a reporter would send it, so it
 * ends at Deceased wherever it is and cancels every called process (the islet waiting list included). The message
 * carries this instance as {@code deathAdverseEventInstanceId}: the death is this event, no second report is opened.
 * Sets {@code protocolEndedAsDeath}; false when no protocol runs for the child (never enrolled, or already ended).
 */
@Component
public class EndProtocolAsDeathDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(EndProtocolAsDeathDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    SubjectProtocol protocol = SubjectProtocol.of(execution);
    if (protocol == null) {
      execution.setVariable(PROTOCOL_ENDED_AS_DEATH, false);
      LOG.info("Subject {}: fatal adverse event, no running protocol to end", execution.getBusinessKey());
      return;
    }
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate dateOfDeath = ClinicalDates.toLocalDate(execution.getVariable(AE_OUTCOME_DATE), zone);
    if (dateOfDeath == null) {
      dateOfDeath = ClinicalDates.toLocalDate(execution.getVariable(AE_ONSET_DATE), zone);
    }
    Map<String, Object> message = new HashMap<>();
    message.put(ProtocolVariables.DATE_OF_DEATH, dateOfDeath.toString());
    message.put(ProtocolVariables.CAUSE_OF_DEATH, cause(execution));
    message.put(ProtocolVariables.CAUSE_OF_DEATH_TERM, execution.getVariable(AE_TERM));
    message.put(UNEXPECTED, execution.getVariable(UNEXPECTED));
    message.put(RELATED_TO_INTERVENTION, execution.getVariable(RELATED_TO_INTERVENTION));
    message.put(ProtocolVariables.DEATH_ADVERSE_EVENT_INSTANCE_ID, execution.getProcessInstanceId());
    execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(ProtocolVariables.MESSAGE_PATIENT_DECEASED).processInstanceId(protocol.instanceId())
        .setVariables(message).correlate();
    execution.setVariable(PROTOCOL_ENDED_AS_DEATH, true);
    LOG.info("Subject {}: fatal adverse event, protocol {} ended as a death on {}", execution.getBusinessKey(),
        protocol.instanceId(), dateOfDeath);
  }

  /** "Adverse event: term[: text]", at most the death report's 200 characters. */
  private static String cause(DelegateExecution execution) {
    Object other = execution.getVariable(AE_TERM_OTHER);
    String cause = "Adverse event: " + execution.getVariable(AE_TERM)
        + (other instanceof String s && !s.isBlank() ? ": " + s.strip() : "");
    return cause.length() > ReportDeathAsAdverseEventDelegate.CAUSE_MAX_LENGTH
        ? cause.substring(0, ReportDeathAsAdverseEventDelegate.CAUSE_MAX_LENGTH) : cause;
  }
}

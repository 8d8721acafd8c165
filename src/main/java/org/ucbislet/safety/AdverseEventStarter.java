package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ucbislet.enrolment.ProtocolVariables;
import org.ucbislet.followup.FollowUpJson;

/**
 * Starts one {@code adverseEvent} instance for the child of a running {@code ucbIsletProtocol} instance. The adverse
 * event is its own process instance (business key = subject ID), not a called one: the reporting clocks of a serious
 * event keep running after a withdrawal or a death ends the protocol (ICH E6, investigator safety reporting; domain.md
 * B 6.3). Its start event checks the report with the server-side form rules, so a bad report rolls back the message
 * that carried it. The protocol keeps a short list of the events reported through it ({@code adverseEventReports}).
 */
final class AdverseEventStarter {

  private AdverseEventStarter() {
  }

  static ProcessInstance start(DelegateExecution protocol, Map<String, Object> report) {
    Map<String, Object> variables = new LinkedHashMap<>(report);
    variables.put(REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.getProcessInstanceId());
    ProcessInstance adverseEvent = protocol.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceByKey(PROCESS_KEY).businessKey(protocol.getProcessBusinessKey())
        .setVariables(variables).execute();
    DelegateExecution instance = protocol.getProcessInstance();
    List<Map<String, Object>> reports = FollowUpJson.records(instance.getVariable(ProtocolVariables.ADVERSE_EVENT_REPORTS));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("processInstanceId", adverseEvent.getId());
    entry.put("aeTerm", report.get(AE_TERM));
    entry.put("ctcaeGrade", report.get(CTCAE_GRADE));
    entry.put("reportedAt", ClockUtil.getCurrentTime().toInstant().toString());
    reports.add(entry);
    instance.setVariable(ProtocolVariables.ADVERSE_EVENT_REPORTS, FollowUpJson.spin(reports));
    return adverseEvent;
  }
}

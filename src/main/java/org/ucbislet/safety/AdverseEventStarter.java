package org.ucbislet.safety;

import static org.ucbislet.safety.AdverseEventVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Starts one {@code adverseEvent} instance for the child of a running {@code ucbIsletProtocol} instance. The adverse
 * event is its own process instance (business key = subject ID), not a called one: the reporting clocks of a serious
 * event keep running after a withdrawal or a death ends the protocol (ICH E6, investigator safety reporting; domain.md
 * B 6.3). Its start event checks the report with the server-side form rules, so a bad report rolls back the message
 * that carried it.
 */
final class AdverseEventStarter {

  private AdverseEventStarter() {
  }

  static ProcessInstance start(DelegateExecution protocol, Map<String, Object> report) {
    Map<String, Object> variables = new LinkedHashMap<>(report);
    variables.put(REPORTED_FROM_PROTOCOL_INSTANCE_ID, protocol.getProcessInstanceId());
    // RegisterAdverseEventReportListener adds it to the protocol's adverseEventReports
    ProcessInstance adverseEvent = protocol.getProcessEngineServices().getRuntimeService()
        .createProcessInstanceByKey(PROCESS_KEY).businessKey(protocol.getProcessBusinessKey())
        .setVariables(variables).execute();
    return adverseEvent;
  }
}

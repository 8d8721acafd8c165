package org.ucbislet.safety;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ucbislet.enrolment.ProtocolVariables;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpVariables;

/**
 * The running {@code ucbIsletProtocol} instance of an adverse event's child (same business key), if any: an adverse
 * event is its own process instance, so what belongs to the child's whole record (the event itself, a late report as
 * a protocol deviation) is also written into the protocol instance while it runs. Called from delegates of
 * {@code adverseEvent}, where the engine does not check authorizations.
 */
final class SubjectProtocol {

  private final RuntimeService runtime;
  private final String instanceId;

  private SubjectProtocol(RuntimeService runtime, String instanceId) {
    this.runtime = runtime;
    this.instanceId = instanceId;
  }

  /** The child's running protocol, or null when it has none (never enrolled, or ended). */
  static SubjectProtocol of(DelegateExecution execution) {
    String subjectId = execution.getProcessBusinessKey();
    if (subjectId == null) {
      return null;
    }
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    ProcessInstance protocol = runtime.createProcessInstanceQuery().processDefinitionKey(ProtocolVariables.PROCESS_KEY)
        .processInstanceBusinessKey(subjectId).active().singleResult();
    return protocol == null ? null : new SubjectProtocol(runtime, protocol.getId());
  }

  String instanceId() {
    return instanceId;
  }

  List<Map<String, Object>> deviations() {
    return FollowUpJson.records(runtime.getVariable(instanceId, FollowUpVariables.PROTOCOL_DEVIATIONS));
  }

  void saveDeviations(List<Map<String, Object>> deviations) {
    runtime.setVariable(instanceId, FollowUpVariables.PROTOCOL_DEVIATIONS, FollowUpJson.spin(deviations));
    runtime.setVariable(instanceId, FollowUpVariables.PROTOCOL_DEVIATION_COUNT, deviations.size());
  }

  List<Map<String, Object>> adverseEventReports() {
    return FollowUpJson.records(runtime.getVariable(instanceId, ProtocolVariables.ADVERSE_EVENT_REPORTS));
  }

  void saveAdverseEventReports(List<Map<String, Object>> reports) {
    runtime.setVariable(instanceId, ProtocolVariables.ADVERSE_EVENT_REPORTS, FollowUpJson.spin(reports));
  }
}

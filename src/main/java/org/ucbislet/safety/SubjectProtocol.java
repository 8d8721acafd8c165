package org.ucbislet.safety;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ucbislet.followup.ChildRecord;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * The running {@code ucbIsletProtocol} instance of an adverse event's child (same business key), if any: an adverse
 * event is its own process instance, so what belongs to the child's whole record (the event itself, a late report as
 * a protocol deviation) is also written into the protocol instance while it runs: a {@link ChildRecord.Holder}. Called
 * from delegates of {@code adverseEvent}, where the engine does not check authorizations.
 */
final class SubjectProtocol implements ChildRecord.Holder {

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

  @Override
  public Object getVariable(String name) {
    return runtime.getVariable(instanceId, name);
  }

  @Override
  public void setVariable(String name, Object value) {
    runtime.setVariable(instanceId, name, value);
  }
}

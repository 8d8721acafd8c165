package org.ucbislet.protocol;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * At every end event of ucbIsletProtocol that ends the child's protocol: records why ({@code protocolEnd}, the end
 * event's name, and {@code protocolEndActivityId}). The engine's own end activity of a process instance is empty when
 * an event sub-process (withdrawal, death) ends it; these variables say it in every case, in Cockpit and in the audit
 * export's variable updates.
 */
@Component
public class RecordProtocolEndListener implements ExecutionListener {

  public static final String PROTOCOL_END = "protocolEnd";
  public static final String PROTOCOL_END_ACTIVITY_ID = "protocolEndActivityId";

  @Override
  public void notify(DelegateExecution execution) {
    execution.getProcessInstance().setVariable(PROTOCOL_END, execution.getCurrentActivityName());
    execution.getProcessInstance().setVariable(PROTOCOL_END_ACTIVITY_ID, execution.getCurrentActivityId());
  }
}

package org.ucbislet.audit;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Creates the audit tables before the engine starts and registers {@link AuditHistoryEventHandler} as a
 * custom history event handler, next to Camunda's default database handler (which stays on): every history
 * event goes to Camunda's history and to the audit log. The composite calls the custom handlers first, so IDs
 * that only Camunda's handler assigns (decision instances, operation log entries) are read when the record is
 * appended, at commit.
 */
@Component
public class AuditPlugin extends AbstractProcessEnginePlugin {

  private org.ucbislet.config.BenchFactors benchFactors = org.ucbislet.config.BenchFactors.allOn();

  /** The cohort benchmark's switches (config.BenchFactors): every extension on outside the benchmark. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  public void setBenchFactors(org.ucbislet.config.BenchFactors benchFactors) {
    this.benchFactors = benchFactors;
  }

  private final AuditStore store;

  public AuditPlugin(AuditStore store) {
    this.store = store;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    store.createSchema();
    if (!benchFactors.on(org.ucbislet.config.BenchFactors.AUDIT)) {
      return;
    }
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new AuditHistoryEventHandler(store));
    configuration.setCustomHistoryEventHandlers(handlers);
    configuration.setEnableDefaultDbHistoryEventHandler(true);
  }
}

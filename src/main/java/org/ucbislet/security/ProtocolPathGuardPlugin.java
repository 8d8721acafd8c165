package org.ucbislet.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * No path around the protocol (issue 15 item 1). A child's processes run only along their models: they start at their
 * start event (whose form the server checks) and move by completed tasks, messages and timers. The engine's
 * general-purpose steering commands are refused for every authenticated user (clinical staff, trial managers,
 * auditors and administrators alike, over REST, the webapps or Java with an authentication):
 * <ul>
 *   <li>starting at a step ({@code startInstructions}: {@code startBeforeActivity}, {@code startAfterActivity},
 *   {@code startTransition}), which skips the start form, earlier steps, listeners and input mappings;</li>
 *   <li>process instance modification (single, asynchronous and batch) and restart of ended instances;</li>
 *   <li>deleting with {@code skipCustomListeners}, {@code skipIoMappings} or {@code skipSubprocesses} (a deleted
 *   protocol must still end its called processes and run its end listeners);</li>
 *   <li>setting variables of many process instances at once ({@code POST /process-instance/variables-async}), which
 *   would pass around the per-child correction with its reason and the form rules;</li>
 *   <li>signals ({@code POST /signal}, {@code POST /execution/{id}/signal}) and triggering an execution's message
 *   subscription directly ({@code .../messageSubscriptions/{name}/trigger}): the models have no signal events, and
 *   messages go through {@code POST /message}, where {@link ProtocolEventMessageFilter} and the start forms check
 *   them.</li>
 * </ul>
 * The engine's own code (timers, jobs, delegates) runs without an authentication and is not affected.
 */
@Component
public class ProtocolPathGuardPlugin extends AbstractProcessEnginePlugin {

  private org.ucbislet.config.BenchFactors benchFactors = org.ucbislet.config.BenchFactors.allOn();

  /** The cohort benchmark's switches (config.BenchFactors): every extension on outside the benchmark. */
  @org.springframework.beans.factory.annotation.Autowired(required = false)
  public void setBenchFactors(org.ucbislet.config.BenchFactors benchFactors) {
    this.benchFactors = benchFactors;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolPathGuardPlugin.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!benchFactors.on(org.ucbislet.config.BenchFactors.GUARDS)) {
      return;
    }
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Guard(configuration));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  static final class Guard extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      Authentication user = configuration.getIdentityService().getCurrentAuthentication();
      if (user != null) {
        String refusal = refusal(command);
        if (refusal != null) {
          LOG.info("Refused for {}: {}", user.getUserId(), command.getClass().getSimpleName());
          throw new ProtocolPathRefusedException(refusal);
        }
      }
      return next.execute(command);
    }
  }

  /** Why the command is refused, or null when it may run. */
  static String refusal(Command<?> command) {
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      return "startInstructions: not accepted. A child's process starts at its start event, with its start form "
          + "checked; starting at a step would skip the protocol's earlier steps";
    }
    if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd
        || command instanceof AbstractModificationCmd) {
      return "Process instance modification is not permitted: a child's process moves only by its completed tasks, "
          + "messages and timers";
    }
    if (command instanceof AbstractRestartProcessInstanceCmd) {
      return "Restarting an ended process instance is not permitted: re-screening is a new enrolment with a reason";
    }
    if (command instanceof SignalEventReceivedCmd || command instanceof SignalCmd) {
      return "Signals are not permitted: the protocol's processes have no signal events; send messages with "
          + "POST /engine-rest/message";
    }
    if (command instanceof MessageEventReceivedCmd) {
      return "Triggering a message subscription directly is not permitted: send messages with POST /engine-rest/message";
    }
    if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
      return "Setting variables of many process instances at once (variables-async) is not permitted: a correction "
          + "is made on one child's process with its reason (PUT .../variables/{name} with X-Correction-Reason), where "
          + "the form rules check the value";
    }
    if (command instanceof AbstractDeleteProcessInstanceCmd || command instanceof DeleteProcessInstanceBatchCmd) {
      for (String flag : List.of("skipCustomListeners", "skipIoMappings", "skipSubprocesses")) {
        if (flag(command, flag)) {
          return flag + ": must be false. A cancelled process runs its end listeners, output mappings and "
              + "ends its called processes";
        }
      }
    }
    return null;
  }

  private static boolean flag(Object command, String name) {
    for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.getBoolean(command);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + name + " of " + command.getClass().getName(), e);
      }
    }
    throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
  }
}

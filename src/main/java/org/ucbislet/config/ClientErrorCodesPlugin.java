package org.ucbislet.config;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.errorcode.ExceptionCodeProvider;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClientError;

/**
 * The engine wraps exceptions thrown by task listeners ("ENGINE-03051 ..."), losing their code; this
 * code provider gives the wrapper the code of the {@link ClientError} it wraps, so REST still answers
 * 400 or 403 instead of 500.
 */
@Component
public class ClientErrorCodesPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ExceptionCodeProvider previous = configuration.getCustomExceptionCodeProvider();
    configuration.setCustomExceptionCodeProvider(new ExceptionCodeProvider() {
      @Override
      public Integer provideCode(ProcessEngineException exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
          if (t instanceof ClientError clientError) {
            return ClientError.codeFor(clientError.httpStatus());
          }
        }
        return previous == null ? null : previous.provideCode(exception);
      }
    });
  }
}

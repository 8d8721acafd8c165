package org.ucbislet.security;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.Validator;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Mitigation of CVE-2026-109432. In Camunda 7.24 an ad hoc task query checks
 * {@code enableExpressionsInAdhocQueries} only for its own criteria: the "or" branches
 * ({@code orQueries} in REST, {@code .or()} in Java) are built without the ad hoc validator, so an
 * expression such as {@code assigneeExpression: "${...}"} inside them is evaluated on the server.
 * This plugin hands out task queries that check every branch, so every caller (REST, webapps, Java,
 * and the extending query of a Tasklist filter) is refused with 400 before any expression runs.
 */
@Component
public class OrQueryExpressionGuardPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTaskService(new GuardedTaskService());
  }

  static final class GuardedTaskService extends TaskServiceImpl {
    @Override
    public TaskQuery createTaskQuery() {
      // a plain TaskQueryImpl (Tasklist filters may only be extended by exactly that class) with one more validator
      TaskQueryImpl query = new TaskQueryImpl(commandExecutor);
      query.addValidator(OR_BRANCH_EXPRESSIONS);
      return query;
    }
  }

  /** Refuses expressions in the "or" branches of an ad hoc task query, as the engine does for its main branch. */
  static final Validator<AbstractQuery<?, ?>> OR_BRANCH_EXPRESSIONS = query -> {
    if (query instanceof TaskQueryImpl task && Context.getProcessEngineConfiguration() != null
        && !Context.getProcessEngineConfiguration().isEnableExpressionsInAdhocQueries()) {
      for (TaskQueryImpl branch : task.getQueries()) {
        if (branch != task && !branch.getExpressions().isEmpty()) {
          throw new BadUserRequestException("Expressions are forbidden in ad hoc queries, also inside 'or' queries "
              + "(rejected: " + branch.getExpressions().keySet() + ")");
        }
      }
    }
  };
}

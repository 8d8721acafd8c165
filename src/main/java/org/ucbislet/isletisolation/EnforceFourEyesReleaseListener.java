package org.ucbislet.isletisolation;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ActingUser;
import org.ucbislet.clinical.FourEyesViolationException;

/**
 * Four eyes on the islet release, enforced by the engine: when the task is created the counter's
 * permissions to work on it are revoked (a user-level revoke beats the islet-lab group's grant), and
 * a claim or completion by the counter is refused whatever the authorization setting.
 */
@Component
public class EnforceFourEyesReleaseListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String counter = (String) task.getVariable(IsletIsolationVariables.COUNTED_BY);
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> revokeWork(task, counter);
      case EVENTNAME_ASSIGNMENT -> {
        if (counter != null && counter.equals(task.getAssignee())) {
          throw violation(counter);
        }
      }
      case EVENTNAME_COMPLETE -> {
        String actor = ActingUser.of(task);
        if (actor == null) {
          throw new FourEyesViolationException("The release decision must be taken by an identified islet-lab user");
        }
        if (actor.equals(counter)) {
          throw violation(counter);
        }
        task.setVariable(IsletIsolationVariables.RELEASED_BY, actor);
      }
      default -> { }
    }
  }

  private static FourEyesViolationException violation(String counter) {
    return new FourEyesViolationException("Four eyes: " + counter + " counted the islets and may not also decide "
        + "their release; another islet-lab member must take this task");
  }

  private static void revokeWork(DelegateTask task, String counter) {
    if (counter == null) {
      return;
    }
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
      revoke.setUserId(counter);
      revoke.setResource(Resources.TASK);
      revoke.setResourceId(task.getId());
      revoke.removePermission(TaskPermissions.TASK_WORK);
      revoke.removePermission(TaskPermissions.TASK_ASSIGN);
      revoke.removePermission(Permissions.UPDATE);
      authorizations.saveAuthorization(revoke);
      return null;
    });
  }
}

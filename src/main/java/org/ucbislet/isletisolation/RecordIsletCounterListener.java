package org.ucbislet.isletisolation;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ActingUser;
import org.ucbislet.clinical.FourEyesViolationException;

/** Records who counted the islets, so that someone else takes the release decision. */
@Component
public class RecordIsletCounterListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String counter = ActingUser.of(task);
    if (counter == null) {
      throw new FourEyesViolationException("The islet count must be completed by an identified islet-lab user "
          + "(claim the task first): the release decision needs a second person");
    }
    task.setVariable(IsletIsolationVariables.COUNTED_BY, counter);
  }
}

package org.ucbislet.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The engine clock and the timers of one process instance, for process tests on camunda-bpm-assert's engine: a timer
 * fires at its due date (the clock is moved there, never back) and nothing waits in real time.
 */
public final class ProcessClock {

  private ProcessClock() {
  }

  /** The one timer of the instance waiting at the activity, or null. */
  public static Job timer(ProcessInstance instance, String activityId) {
    return managementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }

  /** The instance's jobs at the activity, earliest due first. */
  public static List<Job> dueTimers(ProcessInstance instance, String activityId) {
    return managementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .orderByJobDuedate().asc().list();
  }

  public static List<Date> dueDates(ProcessInstance instance, String activityId) {
    return dueTimers(instance, activityId).stream().map(Job::getDuedate).toList();
  }

  /** The instance's earliest timer, or null. */
  public static Job nextTimer(ProcessInstance instance) {
    List<Job> jobs = managementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .orderByJobDuedate().asc().listPage(0, 1);
    return jobs.isEmpty() ? null : jobs.get(0);
  }

  /** Moves the engine clock to the job's due date (never back) and executes it. */
  public static void fire(Job job) {
    if (job.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(job.getDuedate());
    }
    managementService().executeJob(job.getId());
  }

  /** Moves the engine clock forward. */
  public static void later(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}

package org.ucbislet.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * The same seed gives every child the same path: a small cohort with the rare events of screening and stage 1 made
 * frequent (graft failures, MDT decisions, late results: where same-instant jobs and tasks are many) is simulated twice
 * with the same seed, and each child's course (every flow node of every process of the child, in order, with its day
 * after the start) must be the same. The two runs start 28 years apart (2101 and 2129: the same weekdays and leap years,
 * no clinical time zone change) with their own subject IDs, after the years SimulationCoverageTest reads.
 */
class SimulationDeterminismTest extends SimulatedCohortTest {

  private static final ZoneId ZONE = ClinicalTimeZone.get();

  @Test
  void sameSeedGivesEveryChildTheSamePath() {
    Map<Integer, List<String>> first = simulate(8451, LocalDate.of(2101, 1, 3));
    Map<Integer, List<String>> second = simulate(8461, LocalDate.of(2129, 1, 3));

    System.out.println("Determinism: first run per child " + first);
    assertThat(first).hasSize(8);
    assertThat(first.values()).as("children who reached stage 1")
        .anyMatch(path -> path.stream().anyMatch(step -> step.startsWith("cordBloodTransplant/")));
    for (int child : first.keySet()) {
      assertThat(second.get(child)).as("path of child %d in the second run", child).isEqualTo(first.get(child));
    }
  }

  private Map<Integer, List<String>> simulate(int firstSubjectNumber, LocalDate start) {
    CohortParameters p = SimulationCoverageTest.hardScreeningAndStage1();
    p.setChildren(8);
    p.setFirstSubjectNumber(firstSubjectNumber);
    Instant from = start.atStartOfDay(ZONE).toInstant();
    Instant until = start.plusMonths(14).atStartOfDay(ZONE).toInstant();
    List<SyntheticChild> cohort = run.cohort(p, from);
    CohortSimulator.Result result = run.simulate(p, cohort, from, until, progress -> { });
    assertThat(result.refusedSubmissions()).as("refused submissions").isEmpty();
    assertThat(result.jobFailures()).as("failed jobs").isZero();
    Map<Integer, List<String>> paths = new LinkedHashMap<>();
    for (SyntheticChild child : cohort) {
      paths.put(child.number() - firstSubjectNumber, path(child.subjectId(), start));
    }
    return paths;
  }

  /** Every flow node the child's processes passed: process/activity@day after the start, in the order they started. */
  private List<String> path(String subjectId, LocalDate start) {
    record Step(Instant at, String text) {}
    List<Step> steps = new ArrayList<>();
    for (HistoricProcessInstance instance : engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(subjectId).list()) {
      for (HistoricActivityInstance activity : engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).list()) {
        Instant at = activity.getStartTime().toInstant();
        long day = ChronoUnit.DAYS.between(start, LocalDate.ofInstant(at, ZONE));
        steps.add(new Step(at, instance.getProcessDefinitionKey() + "/" + activity.getActivityId() + "@" + day));
      }
    }
    steps.sort(Comparator.comparing(Step::at).thenComparing(Step::text));
    return steps.stream().map(Step::text).toList();
  }
}

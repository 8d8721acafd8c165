package org.ucbislet.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * The repository's amendments ({@code amendments/<id>/amendment.json}) against the models: every file is valid, and the
 * first real amendment fits the models it migrates from (the fixed baseline copy of 2026-12-07,
 * {@code src/test/resources/amendment/baseline-2026-12-07/}) and to (today's {@code bpmn/}). When the clinical models
 * change, this test names every activity of the baseline that the amendment neither keeps (same ID), maps nor retires,
 * and every changed process the amendment has no plan for: the amendment file is then updated
 * (docs/amendments.md, "Updating the amendment after model changes").
 */
class AmendmentRepositoryTest {

  static final Path AMENDMENTS = Path.of(AmendmentFile.DIRECTORY);
  static final String FIRST = "2026-12-07-clinical-safety";
  static final Path BASELINE = Path.of("src/test/resources/amendment/baseline-2026-12-07/bpmn");
  static final Path CURRENT = Path.of("bpmn");

  static Amendment read(String id) throws IOException {
    Path file = AMENDMENTS.resolve(id).resolve(AmendmentFile.FILE_NAME);
    return AmendmentFile.parse(AmendmentFile.DIRECTORY + "/" + id + "/" + AmendmentFile.FILE_NAME, Files.readAllBytes(file));
  }

  @Test
  void everyAmendmentFileOfTheRepositoryIsValid() throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(AMENDMENTS)) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(dirs).extracting(d -> d.getFileName().toString()).contains(FIRST);
    for (Path dir : dirs) {
      assertThat(dir.resolve(AmendmentFile.FILE_NAME)).as("every amendment directory holds amendment.json").exists();
      Amendment amendment = read(dir.getFileName().toString());
      assertThat(amendment.id()).isEqualTo(dir.getFileName().toString());
    }
  }

  @Test
  void firstAmendmentMapsEveryActivityOfTheBaselineModels() throws IOException {
    Amendment amendment = read(FIRST);
    Map<String, BpmnModelInstance> baseline = processes(BASELINE);
    Map<String, BpmnModelInstance> current = processes(CURRENT);
    List<String> problems = new ArrayList<>();
    for (Amendment.ProcessPlan plan : amendment.processes().values()) {
      if (!current.containsKey(plan.processKey())) {
        problems.add("processes." + plan.processKey() + ": no such process in bpmn/");
        continue;
      }
      AmendmentModelCheck.Result result = AmendmentModelCheck.check(plan, baseline.get(plan.processKey()),
          current.get(plan.processKey()));
      problems.addAll(result.problems());
      if (!result.unmapped().isEmpty()) {
        problems.add("processes." + plan.processKey() + ": unmapped activities of the baseline (a child waiting there "
            + "could not move; map each in \"mappings\" or declare it in \"retired\" with why): " + result.unmapped());
      }
    }
    for (String key : baseline.keySet()) {
      if (!amendment.processes().containsKey(key)) {
        problems.add("processes." + key + ": children run this process on the baseline but the amendment has no plan "
            + "for it: they would stay on the old model");
      }
    }
    assertThat(problems).as("amendment " + FIRST + " against the baseline and today's bpmn/").isEmpty();
  }

  @Test
  void modelCheckNamesUnmappedAndWrongMappings() {
    BpmnModelInstance v1 = Bpmn.createExecutableProcess("p").startEvent("Start").userTask("Task_Old").userTask("Task_Gone")
        .userTask("Task_Same").endEvent("End").done();
    BpmnModelInstance v2 = Bpmn.createExecutableProcess("p").startEvent("Start").userTask("Task_New")
        .userTask("Task_Same").endEvent("End").done();
    Amendment.ProcessPlan none = new Amendment.ProcessPlan("p", false, List.of(), List.of(), Map.of(),
        new Amendment.CannotMove(Amendment.Rule.KEEP_CHILD, "r"));
    assertThat(AmendmentModelCheck.check(none, v1, v2).unmapped()).containsExactly("Task_Gone", "Task_Old");
    Amendment.ProcessPlan mapped = new Amendment.ProcessPlan("p", false,
        List.of(new Amendment.ActivityMapping("Task_Old", "Task_New", false, "renamed"),
            new Amendment.ActivityMapping("Task_Same", "Task_Nowhere", false, "wrong")),
        List.of(new Amendment.RetiredActivity("Task_Gone", "no longer done")), Map.of(),
        new Amendment.CannotMove(Amendment.Rule.KEEP_CHILD, "r"));
    AmendmentModelCheck.Result result = AmendmentModelCheck.check(mapped, v1, v2);
    assertThat(result.unmapped()).isEmpty();
    assertThat(result.problems()).containsExactly(
        "processes.p.mappings[1].to: 'Task_Nowhere' is not an element of the new p",
        "processes.p.mappings[1].from: 'Task_Same' still exists in the new model: equal IDs are mapped without an instruction");
  }

  /** The process models of a directory by process key. */
  static Map<String, BpmnModelInstance> processes(Path dir) throws IOException {
    Map<String, BpmnModelInstance> byKey = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process p : model.getModelElementsByType(Process.class)) {
          if (p.isExecutable()) {
            byKey.put(p.getId(), model);
          }
        }
      }
    }
    return byKey;
  }

  static List<String> keys(Map<String, ?> map) {
    return Arrays.asList(map.keySet().toArray(String[]::new));
  }
}

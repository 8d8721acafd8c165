package org.ucbislet.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ucbislet.support.EngineRest.typedVariables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;
import org.ucbislet.support.ScreeningCriteria;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.support.CalendarDayClock;

/**
 * Each demo user sees, through {@code /engine-rest}, only the tasks of its own group (design.md
 * section 4), both in the plain task list and through the Tasklist filters it is granted.
 */
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@TestInstance(Lifecycle.PER_CLASS)
class GroupTaskVisibilityTest {

  private static final String ADMIN = "demo";
  private static final String MY_TASKS = "My tasks";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(2000);

  @LocalServerPort
  private int port;
  private EngineRest rest;

  /**
   * Work-up tasks of two children waiting for the endocrinologist, and one consent task (third child);
   * created once for the class: the tests only read, apart from one claim, which changes no visibility.
   */
  private List<String> workUpTasks;
  private String consentTask;
  private List<String> children;

  @BeforeAll
  void twoChildrenAtWorkUpAndOneAtConsent() {
    rest = new EngineRest(port);
    String first = nextSubjectId();
    String second = nextSubjectId();
    String third = nextSubjectId();
    children = List.of(first, second, third);
    children.forEach(this::start);
    // consent is screening's first step: the first two have it recorded, the third waits for it
    rest.consent(first);
    rest.consent(second);
    workUpTasks = List.of(task(first, ScreeningVariables.TASK_WORK_UP), task(second, ScreeningVariables.TASK_WORK_UP));
    consentTask = task(third, ScreeningVariables.TASK_CONSENT);
  }

  // --- GET /engine-rest/task ------------------------------------------------------------------

  @Test
  void endocrinologistSeesWorkUpTasksButNotConsentTask() {
    Set<String> visible = visibleTaskIds(Groups.ENDOCRINOLOGIST.id());

    assertThat(visible).containsAll(workUpTasks).doesNotContain(consentTask);
  }

  @Test
  void trialCoordinatorSeesConsentTaskButNotWorkUpTasks() {
    Set<String> visible = visibleTaskIds(Groups.TRIAL_COORDINATOR.id());

    assertThat(visible).contains(consentTask).doesNotContainAnyElementsOf(workUpTasks);
  }

  @Test
  void psychologistSeesNoneOfTheseTasks() {
    Set<String> visible = visibleTaskIds(Groups.PSYCHOLOGIST.id());

    assertThat(visible).doesNotContainAnyElementsOf(workUpTasks).doesNotContain(consentTask);
    assertThat(visible).isSubsetOf(tasksOfGroup(Groups.PSYCHOLOGIST.id())); // only psychological assessments, if any
  }

  @ParameterizedTest
  @MethodSource("clinicalGroups")
  void clinicalUserSeesExactlyTheTasksOfItsGroup(Groups group) {
    Set<String> visible = visibleTaskIds(group.id());

    assertThat(visible).isEqualTo(tasksOfGroup(group.id()));
  }

  @Test
  void auditorSeesNoTask() {
    assertThat(visibleTaskIds(Groups.AUDITOR.id())).isEmpty();
  }

  @Test
  void trialManagerReadsEveryTask() {
    Set<String> visible = visibleTaskIds(Groups.TRIAL_MANAGER.id());

    assertThat(visible).containsAll(workUpTasks).contains(consentTask).isEqualTo(visibleTaskIds(ADMIN));
  }

  @Test
  void childsTasksAreFoundByItsSubjectId() {
    JsonNode tasks = rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + children.get(2),
        Groups.TRIAL_COORDINATOR.id(), null).json();

    assertThat(tasks.findValuesAsText("id")).containsExactly(consentTask);
  }

  // --- Tasklist "Start process" ---------------------------------------------------------------------

  private List<String> startable(String user) {
    Response response = rest.call("GET", "/engine-rest/process-definition?latestVersion=true&startableInTasklist=true"
        + "&startablePermissionCheck=true", user, null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> names = new java.util.ArrayList<>();
    response.json().forEach(d -> names.add(d.path("name").asText()));
    return names;
  }

  @Test
  void tasklistOffersEachGroupOnlyTheProcessesItMayStartAndNeverACalledStage() {
    assertThat(startable(Groups.TRIAL_COORDINATOR.id())).containsExactlyInAnyOrder("UCB + islet transplantation protocol",
        "Adverse event", "Record consent withdrawal", "Report a death");
    assertThat(startable(Groups.ENDOCRINOLOGIST.id())).containsExactlyInAnyOrder("Adverse event", "Report a death");
    assertThat(startable(Groups.HLA_LAB.id())).containsExactly("Record a chimerism result");
    assertThat(startable(Groups.PSYCHOLOGIST.id())).isEmpty();
    // screening, the stages and the follow-up run only as called processes of the protocol, even for the administrator
    assertThat(startable("demo")).doesNotContain("Screening", "Cord blood stem cell transplant", "Islet transplant",
        "Follow-up after infusion");
  }

  // --- Tasklist filters -------------------------------------------------------------------------

  @Test
  void endocrinologistListsOwnGroupFilterAndMyTasksOnly() {
    Response response = rest.call("GET", "/engine-rest/filter?resourceType=Task", Groups.ENDOCRINOLOGIST.id(), null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(filterNames(response))
        .containsExactlyInAnyOrder("Endocrinologist tasks", MY_TASKS)
        .doesNotContain("Trial coordinator tasks", "Psychologist tasks", "Multidisciplinary team tasks");
    // every task card in Tasklist shows the child's subject ID
    for (var filter : response.json()) {
      assertThat(filter.path("properties").path("variables").toString()).as(filter.path("name").asText())
          .contains("{\"name\":\"taskCardSubjectId\",\"label\":\"Subject ID\"}",
              "{\"name\":\"taskCardDonorId\",\"label\":\"Donor ID\"}");
    }
  }

  @ParameterizedTest
  @MethodSource("clinicalGroups")
  void clinicalUserListsOwnGroupFilterAndMyTasksOnly(Groups group) {
    Response response = rest.call("GET", "/engine-rest/filter?resourceType=Task", group.id(), null);

    assertThat(filterNames(response)).containsExactlyInAnyOrder(group.label() + " tasks", MY_TASKS);
  }

  @Test
  void auditorListsNoFilter() {
    assertThat(rest.call("GET", "/engine-rest/filter", Groups.AUDITOR.id(), null).json()).isEmpty();
  }

  @Test
  void endocrinologistFilterReturnsOnlyEndocrinologistTasks() {
    String filterId = filterId("Endocrinologist tasks");

    Response response = rest.call("POST", "/engine-rest/filter/" + filterId + "/list", Groups.ENDOCRINOLOGIST.id(), Map.of());

    assertThat(response.status()).isEqualTo(200);
    Set<String> listed = ids(response.json());
    assertThat(listed).containsAll(workUpTasks).doesNotContain(consentTask);
    assertThat(listed).isEqualTo(tasksOfGroup(Groups.ENDOCRINOLOGIST.id()));
    // other tests of the shared context may leave endocrinologist work of their own (an adverse event's outcome):
    // the line above proves the filter lists exactly the group's tasks
    assertThat(response.json().findValuesAsText("taskDefinitionKey")).contains(ScreeningVariables.TASK_WORK_UP);
  }

  @Test
  void filterExtendedAsTasklistDoesReturnsOnlyTheGroupsTasks() {
    // Tasklist always posts an extending query with sorting and variable criteria
    Map<String, Object> tasklistQuery = Map.of(
        "processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of(),
        "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")), "active", true);

    Response response = rest.call("POST", "/engine-rest/filter/" + filterId("Endocrinologist tasks") + "/list?firstResult=0&maxResults=1000",
        Groups.ENDOCRINOLOGIST.id(), tasklistQuery);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(ids(response.json())).containsAll(workUpTasks).doesNotContain(consentTask)
        .isEqualTo(tasksOfGroup(Groups.ENDOCRINOLOGIST.id()));
  }

  @Test
  void trialCoordinatorFilterReturnsOnlyTrialCoordinatorTasks() {
    String filterId = filterId("Trial coordinator tasks");

    Response response = rest.call("POST", "/engine-rest/filter/" + filterId + "/list", Groups.TRIAL_COORDINATOR.id(), Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(ids(response.json())).contains(consentTask).doesNotContainAnyElementsOf(workUpTasks)
        .isEqualTo(tasksOfGroup(Groups.TRIAL_COORDINATOR.id()));
  }

  @Test
  void filterCountMatchesTheGroupsTasks() {
    String filterId = filterId("Endocrinologist tasks");

    Response response = rest.call("GET", "/engine-rest/filter/" + filterId + "/count", Groups.ENDOCRINOLOGIST.id(), null);

    assertThat(response.json().path("count").asInt()).isEqualTo(tasksOfGroup(Groups.ENDOCRINOLOGIST.id()).size());
  }

  @Test
  void endocrinologistCannotExecuteAnotherGroupsFilter() {
    String filterId = filterId("Trial coordinator tasks");

    Response response = rest.call("POST", "/engine-rest/filter/" + filterId + "/list", Groups.ENDOCRINOLOGIST.id(), Map.of());

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void myTasksFilterListsTheTaskTheUserClaimed() {
    String claimed = workUpTasks.get(0);
    Response claim = rest.call("POST", "/engine-rest/task/" + claimed + "/claim", Groups.ENDOCRINOLOGIST.id(),
        Map.of("userId", Groups.ENDOCRINOLOGIST.id()));
    assertThat(claim.status()).isEqualTo(204);

    Response mine = rest.call("POST", "/engine-rest/filter/" + filterId(MY_TASKS) + "/list", Groups.ENDOCRINOLOGIST.id(), Map.of());
    Response othersMine = rest.call("POST", "/engine-rest/filter/" + filterId(MY_TASKS) + "/list", Groups.TRIAL_COORDINATOR.id(), Map.of());

    assertThat(mine.status()).isEqualTo(200);
    assertThat(ids(mine.json())).contains(claimed);
    assertThat(mine.json().findValuesAsText("assignee")).containsOnly(Groups.ENDOCRINOLOGIST.id());
    assertThat(ids(othersMine.json())).doesNotContain(claimed);
  }

  // --- helpers --------------------------------------------------------------------------------

  static Stream<Groups> clinicalGroups() {
    return Stream.of(Groups.values()).filter(Groups::worksTasks).filter(g -> g != Groups.TRIAL_MANAGER);
  }

  private Set<String> visibleTaskIds(String user) {
    Response response = rest.call("GET", "/engine-rest/task?maxResults=10000", user, null);
    assertThat(response.status()).isEqualTo(200);
    return ids(response.json());
  }

  /** Open tasks offered to the group (claimed or not), as the administrator sees them. */
  private Set<String> tasksOfGroup(String groupId) {
    return ids(rest.call("GET", "/engine-rest/task?maxResults=10000&includeAssignedTasks=true&candidateGroup=" + groupId, ADMIN, null)
        .json());
  }

  private String filterId(String name) {
    JsonNode filters = rest.call("GET", "/engine-rest/filter?name=" + name.replace(" ", "%20"), ADMIN, null).json();
    assertThat(filters).as("filter %s", name).hasSize(1);
    return filters.get(0).path("id").asText();
  }

  private static Set<String> ids(JsonNode tasks) {
    Set<String> ids = new HashSet<>();
    StreamSupport.stream(tasks.spliterator(), false).forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }

  /** The names of the filters listed (top level only: a filter's properties hold names too). */
  private static List<String> filterNames(Response response) {
    List<String> names = new java.util.ArrayList<>();
    response.json().forEach(filter -> names.add(filter.path("name").asText()));
    return names;
  }

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  private void start(String subjectId) {
    Map<String, Object> values = EngineRest.referral(subjectId);
    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        Groups.TRIAL_COORDINATOR.id(), Map.of("businessKey", subjectId, "variables", typedVariables(values)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private void complete(String taskId, String user, Map<String, Object> values) {
    Response response = rest.call("POST", "/engine-rest/task/" + taskId + "/complete", user,
        Map.of("variables", rest.signedIfNeeded(taskId, user, typedVariables(values))));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  private String task(String subjectId, String taskDefinitionKey) {
    return rest.taskId(subjectId, taskDefinitionKey, ADMIN);
  }

  private static Map<String, Object> eligibleWorkUp() {
    return ScreeningCriteria.eligibleWorkUp(3);
  }
}

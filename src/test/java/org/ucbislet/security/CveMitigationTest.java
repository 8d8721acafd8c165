package org.ucbislet.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.ucbislet.Application;
import org.ucbislet.clinical.Groups;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.EngineRest.Response;

/**
 * The two Camunda 7.24.0 vulnerabilities without a community fix are mitigated (issue 2, item 3):
 * CVE-2026-77226 (anonymous administrator creation through Admin's setup endpoint once
 * {@code camunda-admin} has no direct member) and CVE-2026-109432 (expressions evaluated from
 * {@code orQueries} of an ad hoc task query).
 *
 * <p>The expression probe is registered as a singleton in the running context rather than through a
 * {@code @TestConfiguration}: a different bean set would start a second application context, and with
 * it a second process engine named {@code default}, which replaces the first in Camunda's static engine
 * registry that {@code /engine-rest} resolves engines from.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class CveMitigationTest {

  private static final String ADMIN = "demo";
  private static final String PROBE = "cveProbe";
  private static final String PROBE_EXPRESSION = "${" + PROBE + ".touch()}";
  private static final String SETUP_PATH = "/camunda/api/admin/setup/default/user/create";
  private static final AtomicInteger SUBJECTS = new AtomicInteger(3000);
  private static final AtomicInteger ATTACKERS = new AtomicInteger();

  @LocalServerPort
  private int port;
  @Autowired
  private ConfigurableApplicationContext context;
  @Autowired
  private IdentityService identityService;
  @Autowired
  private TaskService taskService;
  @Autowired
  private FilterService filterService;
  private EngineRest rest;

  @BeforeEach
  void setUpRest() {
    rest = new EngineRest(port);
  }

  private final ExpressionProbe probe = new ExpressionProbe();

  /** Records every evaluation of {@code ${cveProbe.touch()}}. */
  public static final class ExpressionProbe {
    private final AtomicInteger calls = new AtomicInteger();

    public String touch() {
      calls.incrementAndGet();
      return "probe-" + calls.get();
    }

    int calls() {
      return calls.get();
    }
  }

  @BeforeEach
  void registerProbe() {
    context.getBeanFactory().registerSingleton(PROBE, probe);
  }

  @AfterEach
  void removeProbe() {
    ((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton(PROBE);
  }

  // --- CVE-2026-77226: Admin setup endpoint ----------------------------------------------------

  @Test
  void anonymousSetupCannotCreateAdministratorWhenCamundaAdminHasNoDirectMember() {
    String attacker = nextAttacker();
    withoutDirectAdministrators(() -> {
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      String csrfToken = csrfToken(browser); // what a browser-based attacker would send along

      Response response = new EngineRest(port, browser).send("POST", SETUP_PATH, setupBody(attacker),
          csrfToken == null ? Map.of() : Map.of("X-XSRF-TOKEN", csrfToken));

      assertThat(response.status()).isEqualTo(403);
      assertThat(response.body()).contains("setup is disabled"); // refused by the lockdown, not by chance
      assertThat(userExists(attacker)).isFalse();
      assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN.id()).count()).isZero();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      SETUP_PATH + ";jsessionid=x",
      "//camunda/api/admin//setup/default/user/create",
      "/camunda/api/admin/%73etup/default/user/create",
      "/camunda/api/admin/%2573etup/default/user/create",
      "/camunda/api/admin/./setup/default/user/create",
      "/camunda/api/admin/x/../setup/default/user/create",
      "/camunda/api/admin/x/%2e%2e/setup/default/user/create",
      "/camunda/app/../api/admin/setup/default/user/create",
      "/camunda/api/admin/setup;x=y/default/user/create",
      SETUP_PATH + "/"})
  void setupPathVariantsCannotCreateAdministrator(String path) {
    String attacker = nextAttacker();
    withoutDirectAdministrators(() -> {
      Response response = rest.send("POST", path, setupBody(attacker), Map.of());

      assertThat(response.status() / 100).as("%s answered %s %s", path, response.status(), response.body())
          .isNotEqualTo(2);
      assertThat(userExists(attacker)).isFalse();
      assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN.id()).count()).isZero();
    });
  }

  @Test
  void setupEndpointIsRefusedAlsoWhenAdministratorsExist() {
    String attacker = nextAttacker();

    Response response = rest.send("POST", SETUP_PATH, setupBody(attacker), Map.of());

    assertThat(response.status()).isEqualTo(403);
    assertThat(userExists(attacker)).isFalse();
  }

  // --- CVE-2026-109432: expressions in orQueries -----------------------------------------------

  @Test
  void storedFilterExpressionReachesTheProbe() {
    // control: the probe is resolvable, so "never called" below means "never evaluated"
    Filter filter = filterService.newTaskFilter("cve-probe-control")
        .setQuery(taskService.createTaskQuery().taskAssigneeExpression(PROBE_EXPRESSION));
    filterService.saveFilter(filter);
    try {
      filterService.list(filter.getId());

      assertThat(probe.calls()).isPositive();
    } finally {
      filterService.deleteFilter(filter.getId());
    }
  }

  @Test
  void taskQueryPostWithExpressionInOrQueriesIsRejected() {
    Response response = rest.call("POST", "/engine-rest/task", Groups.ENDOCRINOLOGIST.id(), orQueriesWithExpression());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("type").asText()).isEqualTo("BadUserRequestException");
    assertThat(probe.calls()).isZero();
  }

  @Test
  void taskQueryGetWithExpressionInOrQueriesIsRejected() {
    String orQueries = URLEncoder.encode("[{\"assigneeExpression\":\"" + PROBE_EXPRESSION + "\"}]", UTF_8);

    Response response = rest.call("GET", "/engine-rest/task?orQueries=" + orQueries, Groups.ENDOCRINOLOGIST.id(), null);

    // the engine's GET binding cannot convert orQueries at all; a client error all the same, so 400, not 500
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void taskCountWithExpressionInOrQueriesIsRejected() {
    Response response = rest.call("POST", "/engine-rest/task/count", Groups.ENDOCRINOLOGIST.id(), orQueriesWithExpression());

    assertThat(response.status()).isEqualTo(400);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void taskQueryWithOtherExpressionFieldsInOrQueriesIsRejected() {
    for (String field : List.of("candidateUserExpression", "candidateGroupExpression", "ownerExpression",
        "involvedUserExpression", "dueAfterExpression", "processInstanceBusinessKeyExpression")) {
      Map<String, Object> body = Map.of("orQueries", List.of(Map.of(field, PROBE_EXPRESSION)));

      Response response = rest.call("POST", "/engine-rest/task", Groups.ENDOCRINOLOGIST.id(), body);

      assertThat(response.status()).as(field).isEqualTo(400);
    }
    assertThat(probe.calls()).isZero();
  }

  @Test
  void adminIsAlsoRefusedExpressionsInOrQueries() {
    Response response = rest.call("POST", "/engine-rest/task", ADMIN, orQueriesWithExpression());

    assertThat(response.status()).isEqualTo(400);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void filterExtendingQueryWithExpressionInOrQueriesIsRejected() {
    String filterId = filterId("Endocrinologist tasks");

    Response list = rest.call("POST", "/engine-rest/filter/" + filterId + "/list", Groups.ENDOCRINOLOGIST.id(), orQueriesWithExpression());
    Response count = rest.call("POST", "/engine-rest/filter/" + filterId + "/count", Groups.ENDOCRINOLOGIST.id(), orQueriesWithExpression());
    Response single = rest.call("POST", "/engine-rest/filter/" + filterId + "/singleResult", Groups.ENDOCRINOLOGIST.id(),
        orQueriesWithExpression());

    assertThat(list.status()).isEqualTo(400);
    assertThat(count.status()).isEqualTo(400);
    assertThat(single.status()).isEqualTo(400);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void javaTaskQueryWithExpressionInOrBranchIsRejected() {
    assertThatThrownBy(() -> taskService.createTaskQuery().or().taskAssigneeExpression(PROBE_EXPRESSION).endOr().list())
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> taskService.createTaskQuery().or().taskCandidateGroupExpression(PROBE_EXPRESSION).endOr().count())
        .isInstanceOf(BadUserRequestException.class);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void javaFilterExtendingQueryWithExpressionInOrBranchIsRejected() {
    String filterId = filterId("Endocrinologist tasks");

    assertThatThrownBy(() -> filterService.list(filterId,
        taskService.createTaskQuery().or().taskAssigneeExpression(PROBE_EXPRESSION).endOr()))
        .isInstanceOf(BadUserRequestException.class);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void adHocTopLevelExpressionStaysForbidden() {
    Response response = rest.call("POST", "/engine-rest/task", Groups.ENDOCRINOLOGIST.id(), Map.of("assigneeExpression", PROBE_EXPRESSION));

    assertThat(response.status()).isEqualTo(400);
    assertThat(probe.calls()).isZero();
  }

  @Test
  void orQueriesWithoutExpressionsStillWork() {
    String subjectId = nextSubjectId();
    start(subjectId);
    rest.consent(subjectId); // screening's first step; then the work-up is open
    // the child's work-up task: this subject OR a business key pattern nobody has
    Map<String, Object> body = Map.of("taskDefinitionKey", ScreeningVariables.TASK_WORK_UP,
        "orQueries", List.of(Map.of("processInstanceBusinessKey", subjectId, "processInstanceBusinessKeyLike", "NONE-%")));

    Response response = rest.call("POST", "/engine-rest/task", Groups.ENDOCRINOLOGIST.id(), body);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().findValuesAsText("processInstanceId")).hasSize(1);
  }

  @Test
  void myTasksFilterWithCurrentUserExpressionStillWorks() {
    String subjectId = nextSubjectId();
    start(subjectId);
    rest.consent(subjectId); // screening's first step; then the endocrinologist's work-up is the one open task
    String taskId = rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId, ADMIN, null).json().get(0)
        .path("id").asText();
    assertThat(rest.call("POST", "/engine-rest/task/" + taskId + "/claim", Groups.ENDOCRINOLOGIST.id(),
        Map.of("userId", Groups.ENDOCRINOLOGIST.id())).status()).isEqualTo(204);

    Response response = rest.call("POST", "/engine-rest/filter/" + filterId("My tasks") + "/list", Groups.ENDOCRINOLOGIST.id(), Map.of());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().findValuesAsText("id")).contains(taskId);
    assertThat(response.json().findValuesAsText("assignee")).containsOnly(Groups.ENDOCRINOLOGIST.id());
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Map<String, Object> orQueriesWithExpression() {
    return Map.of("orQueries", List.of(Map.of("assigneeExpression", PROBE_EXPRESSION)));
  }

  /** Runs the check with every direct member of camunda-admin removed, then restores the memberships. */
  private void withoutDirectAdministrators(Runnable check) {
    List<String> administrators = identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN.id()).list()
        .stream().map(User::getId).toList();
    assertThat(administrators).isNotEmpty();
    administrators.forEach(id -> identityService.deleteMembership(id, Groups.CAMUNDA_ADMIN.id()));
    try {
      check.run();
    } finally {
      administrators.forEach(id -> identityService.createMembership(id, Groups.CAMUNDA_ADMIN.id()));
    }
  }

  private boolean userExists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }

  private static String nextAttacker() {
    return "attacker" + ATTACKERS.incrementAndGet();
  }

  private static Map<String, Object> setupBody(String userId) {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("id", userId);
    profile.put("firstName", "Eve");
    profile.put("lastName", "Attacker");
    profile.put("email", userId + "@example.org");
    return Map.of("profile", profile, "credentials", Map.of("password", "Att4cker-Passw0rd!"));
  }

  /** The CSRF token the webapps hand to a browser on a safe request, or null when none is handed out. */
  private String csrfToken(HttpClient browser) {
    Response page = new EngineRest(port, browser).send("GET", "/camunda/app/admin/default/", null, Map.of());
    return page.header("X-XSRF-TOKEN").orElse(null);
  }


  private String filterId(String name) {
    JsonNode filters = rest.call("GET", "/engine-rest/filter?name=" + name.replace(" ", "%20"), ADMIN, null).json();
    assertThat(filters).as("filter %s", name).hasSize(1);
    return filters.get(0).path("id").asText();
  }

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  private void start(String subjectId) {
    Map<String, Object> values = new HashMap<>();
    values.put(ProtocolVariables.SUBJECT_ID, Map.of("value", subjectId, "type", "String"));
    values.put(ProtocolVariables.DATE_OF_BIRTH, Map.of("value", "2017-01-20", "type", "String"));
    values.put(ProtocolVariables.SEX, Map.of("value", "female", "type", "String"));
    values.put(ProtocolVariables.WEIGHT_KG, Map.of("value", 21.0, "type", "Double"));
    values.put(ProtocolVariables.HEIGHT_CM, Map.of("value", 115.0, "type", "Double"));
    values.put(ProtocolVariables.GENE_NAME, Map.of("value", "LRBA", "type", "String"));
    values.put(ProtocolVariables.VARIANT_HGVS, Map.of("value", "c.2450G>A", "type", "String"));
    Response response = rest.call("POST", "/engine-rest/process-definition/key/" + ProtocolVariables.PROCESS_KEY + "/start",
        Groups.TRIAL_COORDINATOR.id(), Map.of("businessKey", subjectId, "variables", values));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

}

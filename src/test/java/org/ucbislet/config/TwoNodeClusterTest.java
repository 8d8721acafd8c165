package org.ucbislet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.ucbislet.Application;
import org.ucbislet.support.PostgresTestDatabase;

/**
 * Scale-out as design.md section 2 states it: two nodes of the application (profile {@code postgres}) on one PostgreSQL
 * database, each with its own job executor acquiring jobs with optimistic locking. 200 asynchronous jobs started on
 * both nodes are each executed exactly once, by both nodes between them; after node A stops, node B alone executes what
 * comes next. The nodes are told apart by the job log's host name.
 *
 * <p>Without a reachable server the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
@Tag("postgres")
class TwoNodeClusterTest {

  private static final String PROBE = "clusterProbe";

  private static String database;
  private static ConfigurableApplicationContext nodeA;
  private static ConfigurableApplicationContext nodeB;

  @BeforeAll
  static void startTwoNodesOnOneDatabase() {
    database = PostgresTestDatabase.create("ucbi_cluster_");
    nodeA = node("nodeA");
    nodeB = node("nodeB");
  }

  private static ConfigurableApplicationContext node(String name) {
    return new SpringApplicationBuilder(Application.class).profiles("postgres").run(
        "--spring.datasource.url=" + PostgresTestDatabase.SERVER + database,
        "--spring.datasource.username=" + PostgresTestDatabase.USER,
        "--spring.datasource.password=",
        "--ucbi.admin.id=clusteradmin",
        "--ucbi.admin.password=S3cure-Passw0rd!",
        "--server.port=0",
        // each node its own engine name in this one JVM (no '-': the starter would fall back to "default")
        "--camunda.bpm.process-engine-name=cluster_" + name + "_" + database,
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.enabled=true",
        // a node learns of another node's new jobs only by polling: poll often in a test
        "--camunda.bpm.job-execution.wait-time-in-millis=100",
        "--camunda.bpm.job-execution.max-wait=500",
        // no webapps: closing them would clear Camunda's static webapp runtime delegates for every test context
        "--camunda.bpm.webapp.enabled=false");
  }

  @AfterAll
  static void stopNodesAndDropDatabase() throws SQLException {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null && node.isActive()) {
        node.close();
      }
    }
    PostgresTestDatabase.drop(database);
  }

  @Test
  void bothNodesShareTheJobsEachJobRunsOnceAndTheSecondTakesOverWhenTheFirstStops() throws InterruptedException {
    ProcessEngine a = nodeA.getBean(ProcessEngine.class);
    ProcessEngine b = nodeB.getBean(ProcessEngine.class);
    assertThat(b.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("ucbIsletProtocol").count())
        .as("the second node deployed nothing new").isOne();
    assertThat(b.getIdentityService().createUserQuery().userId("clusteradmin").count()).as("one administrator").isOne();
    assertThat(b.getFilterService().createFilterQuery().filterName("Endocrinologist tasks").count()).as("one filter per group")
        .isOne();
    BpmnModelInstance probe = Bpmn.createExecutableProcess(PROBE).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("Task_Probe").camundaAsyncBefore().camundaExpression("${true}").endEvent().done();
    a.getRepositoryService().createDeployment().name("cluster probe").addModelInstance(PROBE + ".bpmn", probe).deploy();

    // started on both nodes, as users of either node would: each node's executor is hinted of its own new jobs and polls
    // for the other's
    for (int k = 0; k < 200; k++) {
      (k % 2 == 0 ? a : b).getRuntimeService().startProcessInstanceByKey(PROBE);
    }
    awaitFinished(b.getHistoryService(), 200);

    Map<String, List<HistoricJobLog>> byJob = successes(b.getHistoryService()).stream()
        .collect(Collectors.groupingBy(HistoricJobLog::getJobId));
    assertThat(byJob).as("jobs executed").hasSize(200);
    assertThat(byJob.values()).as("each job executed exactly once").allSatisfy(logs -> assertThat(logs).hasSize(1));
    Map<String, Long> perNode = successes(b.getHistoryService()).stream()
        .collect(Collectors.groupingBy(HistoricJobLog::getHostname, Collectors.counting()));
    System.out.println("Cluster probe: jobs executed per node " + perNode);
    assertThat(perNode).as("jobs per node").containsOnlyKeys("nodeA", "nodeB");

    nodeA.close();
    for (int k = 0; k < 20; k++) {
      b.getRuntimeService().startProcessInstanceByKey(PROBE);
    }
    awaitFinished(b.getHistoryService(), 220);
    Map<String, Long> afterFailover = successes(b.getHistoryService()).stream()
        .collect(Collectors.groupingBy(HistoricJobLog::getHostname, Collectors.counting()));
    assertThat(afterFailover.get("nodeB") - perNode.get("nodeB")).as("jobs node B ran after node A stopped").isEqualTo(20);
    assertThat(afterFailover.get("nodeA")).as("node A ran nothing more").isEqualTo(perNode.get("nodeA"));
  }

  private static List<HistoricJobLog> successes(HistoryService history) {
    return history.createHistoricJobLogQuery().processDefinitionKey(PROBE).successLog().list();
  }

  private static void awaitFinished(HistoryService history, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long finished = 0;
    while (System.nanoTime() < deadline) {
      finished = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROBE).finished().count();
      if (finished >= expected) {
        return;
      }
      Thread.sleep(200);
    }
    fail("only " + finished + " of " + expected + " probe instances finished in 90 s");
  }
}

package org.ucbislet.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.ucbislet.Application;

/** The benchmark's baseline process runs every instance to its end, with the group's rights, on the moved clock. */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class GenericBaselineTest {

  @Autowired
  ProcessEngine engine;

  @Test
  void everyInstanceRunsThroughEveryElementToTheEnd() {
    GenericBaseline baseline = new GenericBaseline(engine);
    String deployment = baseline.deploy(new GenericBaseline.Shape(3, 2, 2, 2));
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment).singleResult()
        .isStartableInTasklist()).as("never offered in Tasklist").isFalse();
    GenericBaseline.Result result = baseline.run(5, Instant.parse("2035-03-05T08:00:00Z"));
    // 5 starts, 15 tasks claimed and submitted, 10 timers
    assertThat(result.transactions()).isEqualTo(5 + 15 * 2 + 10);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(GenericBaseline.PROCESS_KEY).finished().count()).isEqualTo(5);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityType("businessRuleTask")
        .finished().list().stream().filter(a -> a.getProcessDefinitionKey().equals(GenericBaseline.PROCESS_KEY))
        .count()).isEqualTo(10);
    // the suite's other tests share this engine: the benchmark's process and right go again
    engine.getRepositoryService().deleteDeployment(deployment, true);
    engine.getAuthorizationService().createAuthorizationQuery().resourceId(GenericBaseline.PROCESS_KEY).list()
        .forEach(a -> engine.getAuthorizationService().deleteAuthorization(a.getId()));
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.cordblood.SyntheticInventory;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.screening.ScreeningVariables;
import org.ucbislet.simulation.CohortParameters;
import org.ucbislet.simulation.CohortRun;
import org.ucbislet.simulation.CohortSimulator;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.ScreeningCriteria;

/**
 * Children for the tests of the Children pages (REST and browser): a screen failure made through the REST API by the
 * demo users, and simulated children (subject IDs 8601 on) who went through stage 1 and stage 2 into the long-term
 * follow-up, simulated once per test JVM through the real application and removed after the last test.
 */
public final class ChildRecordTestData {

  static final int FIRST_SIMULATED = 8601;
  private static volatile Follow followUp;

  private ChildRecordTestData() {
  }

  /** A child screened out by the eligibility decision (HIV positive), through the REST API as Tasklist does it. */
  public static String screenFailure(EngineRest rest, String subjectId) {
    String protocol = rest.enrol(subjectId);
    rest.consent(subjectId);
    Map<String, Object> workUp = ScreeningCriteria.clinicalWorkUp();
    workUp.put(ScreeningVariables.HIV_POSITIVE, true);
    JsonNode tasks = rest.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + subjectId + "&taskDefinitionKey="
        + ScreeningVariables.TASK_WORK_UP, "endocrinologist", null).json();
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).path("id").asText();
    assertThat(rest.call("POST", "/engine-rest/task/" + taskId + "/claim", "endocrinologist",
        Map.of("userId", "endocrinologist")).status()).isEqualTo(204);
    EngineRest.Response done = rest.call("POST", "/engine-rest/task/" + taskId + "/submit-form", "endocrinologist",
        Map.of("variables", EngineRest.typedVariables(workUp)));
    assertThat(done.status()).as(done.body()).isIn(200, 204);
    return protocol;
  }

  /** Simulated children in the long-term follow-up after stage 2. */
  public record Follow(List<String> subjectIds) {}

  /** Simulates (once per JVM) children who all pass screening, stage 1 and stage 2, to a date in their follow-up. */
  public static synchronized Follow followUp(CohortRun run, ProcessEngine engine, CordBloodInventoryService inventory,
                                      ExtensionContext context) throws Exception {
    if (followUp != null) {
      return followUp;
    }
    // the bank the simulation's tests use (other tests of the shared context import small inventories of their own)
    assertThat(inventory.awaitReady(Duration.ofSeconds(60))).as("inventory ready").isTrue();
    StringWriter csv = new StringWriter();
    SyntheticInventory.writeCsv(SyntheticInventory.DEFAULT_SEED, 20_000, csv);
    inventory.replace(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "child-record-test");
    CohortParameters p = new CohortParameters();
    p.setChildren(1);
    p.setFirstSubjectNumber(FIRST_SIMULATED);
    p.setEnrolmentYears(0.1);
    p.setScreenFailure(0);
    p.setConsentDeclined(0);
    p.setPsychologicallyUnfit(0);
    p.setMdtDeclines(0);
    p.setRareHlaFraction(0);
    p.setNoUnitEnd(0);
    p.setNotClearedForTransplant(0);
    p.setPostThawFailure(0);
    p.setPrimaryGraftFailure(0);
    p.setImmuneStableAtMonth12(1);
    p.setStillIsletCandidate(1);
    p.setWithdrawalsPerYear(0);
    p.setDeathsPerYear(0);
    p.setMeanDaysBetweenPancreasOffers(5);
    p.setDonorRefused(0);
    p.setReleaseTestFailure(0);
    p.setPunctureFailure(0);
    p.setInfusionStopped(0);
    p.setFurtherInfusionWhenNotGood(0); // one islet infusion: the long-term follow-up has begun by the end date
    Instant from = LocalDate.of(2019, 1, 7).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant until = from.plus(Duration.ofDays(3 * 365));
    CohortSimulator.Result result = run.simulate(p, run.cohort(p, from), from, until, progress -> { });
    assertThat(result.refusedSubmissions()).isEmpty();
    List<String> inFollowUp = result.businessKeys().stream().filter(key -> key.startsWith("UCBI-86"))
        .filter(key -> !engine.getHistoryService().createHistoricActivityInstanceQuery()
            .activityId(ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS).unfinished()
            .processInstanceId(protocolId(engine, key)).list().isEmpty())
        .sorted().toList();
    assertThat(inFollowUp).as("simulated children in long-term follow-up on %s", until).isNotEmpty();
    // the children stay mid-protocol for the tests of this JVM; their open work goes after the last test
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("ucbi-child-record-cohort",
        (ExtensionContext.Store.CloseableResource) () -> {
          for (String key : result.businessKeys()) {
            for (ProcessInstance pi : engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(key).list()) {
              engine.getRuntimeService().deleteProcessInstanceIfExists(pi.getId(), "test clean-up", true, true, true, true);
            }
          }
        });
    followUp = new Follow(inFollowUp);
    return followUp;
  }

  private static String protocolId(ProcessEngine engine, String subjectId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(subjectId)
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).singleResult().getId();
  }
}

package org.ucbislet.cordblood;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The decision {@code cordBloodUnitAcceptance} as deployed in the engine (latest version of the key), evaluated for
 * the units a search lists. The thresholds live only in that table (bpmn/cord-blood-unit-acceptance.dmn, or a later
 * version deployed through Cockpit or REST): nothing here knows them.
 *
 * <p>How: the deployed DMN XML is read once per decision definition. When its rules are plain numeric comparisons
 * (as the shipped table's are), they are compiled to comparisons on decimals ({@link CompiledDecisionTable}, same
 * semantics as the engine's FEEL, checked against the DMN engine by {@code CordBloodUnitAcceptanceDecisionTest}),
 * because the engine's FEEL costs about a millisecond per evaluation, too slow for a registry search. Any other
 * table, and any evaluation with a missing input, is evaluated by Camunda's DMN engine on the same XML. Not through
 * {@code DecisionService}, which would write a history entry for every unit of every search and need a decision
 * authorization for every searching user. Which version is the latest is checked at most every
 * {@value #RECHECK_SECONDS} seconds, so a newly deployed table applies within that time.
 */
@Component
public class UnitAcceptanceDecision implements UnitAcceptance {

  public static final String DECISION_KEY = "cordBloodUnitAcceptance";
  public static final String ANTIGEN_MATCHES_6 = "antigenMatches6";
  public static final String ALLELE_MATCHES_8 = "alleleMatches8";
  public static final String TNC_PER_KG_E7 = "tncPerKgE7";
  public static final String CD34_PER_KG_E5 = "cd34PerKgE5";
  public static final String UNIT_ACCEPTABLE = "unitAcceptable";
  /** The inputs in the order {@link CompiledDecisionTable#evaluate} takes them. */
  static final List<String> INPUTS = List.of(ANTIGEN_MATCHES_6, ALLELE_MATCHES_8, TNC_PER_KG_E7, CD34_PER_KG_E5);
  static final long RECHECK_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(UnitAcceptanceDecision.class);
  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  /** One deployed version, read: the engine's parse, and the compiled form when there is one. */
  private record Parsed(String definitionId, DmnDecision decision, CompiledDecisionTable compiled, long checkedAt) {}

  private final ProcessEngineConfigurationImpl engine;
  private final RepositoryService repository;
  private volatile Parsed parsed;

  public UnitAcceptanceDecision(ProcessEngine processEngine) {
    this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    this.repository = processEngine.getRepositoryService();
  }

  /** Whether the unit is acceptable, on unrounded doses. */
  @Override
  public boolean acceptable(CandidateUnit unit) {
    return acceptable(unit.grade().antigenMatches6(), unit.grade().alleleMatches8(), unit.tncPerKgE7(), unit.cd34PerKgE5());
  }

  /** The decision's {@code unitAcceptable}; false when it answers nothing. A null input is passed on as null. */
  public boolean acceptable(Integer antigenMatches6, Integer alleleMatches8, Double tncPerKgE7, Double cd34PerKgE5) {
    Parsed current = latest();
    if (current.compiled() != null && antigenMatches6 != null && alleleMatches8 != null && tncPerKgE7 != null
        && cd34PerKgE5 != null && Double.isFinite(tncPerKgE7) && Double.isFinite(cd34PerKgE5)) {
      return Boolean.TRUE.equals(current.compiled().evaluate(new BigDecimal[] {BigDecimal.valueOf(antigenMatches6),
          BigDecimal.valueOf(alleleMatches8), BigDecimal.valueOf(tncPerKgE7), BigDecimal.valueOf(cd34PerKgE5)}));
    }
    return byDmnEngine(current.decision(), antigenMatches6, alleleMatches8, tncPerKgE7, cd34PerKgE5);
  }

  /** The same evaluation by Camunda's DMN engine on the deployed XML (for tests comparing both). */
  boolean byDmnEngine(Integer antigenMatches6, Integer alleleMatches8, Double tncPerKgE7, Double cd34PerKgE5) {
    return byDmnEngine(latest().decision(), antigenMatches6, alleleMatches8, tncPerKgE7, cd34PerKgE5);
  }

  /** Whether the latest deployed version is evaluated in compiled form. */
  boolean compiled() {
    return latest().compiled() != null;
  }

  private static boolean byDmnEngine(DmnDecision decision, Integer antigenMatches6, Integer alleleMatches8,
                                     Double tncPerKgE7, Double cd34PerKgE5) {
    DmnDecisionResultEntries result = DMN.evaluateDecision(decision, Variables.createVariables()
        .putValue(ANTIGEN_MATCHES_6, antigenMatches6)
        .putValue(ALLELE_MATCHES_8, alleleMatches8)
        .putValue(TNC_PER_KG_E7, tncPerKgE7)
        .putValue(CD34_PER_KG_E5, cd34PerKgE5)).getSingleResult();
    return result != null && Boolean.TRUE.equals(result.getEntryMap().get(UNIT_ACCEPTABLE));
  }

  private Parsed latest() {
    Parsed current = parsed;
    long now = System.nanoTime();
    if (current != null && now - current.checkedAt() < Duration.ofSeconds(RECHECK_SECONDS).toNanos()) {
      return current;
    }
    Parsed latest = engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION_KEY)
          .withoutTenantId().latestVersion().singleResult();
      if (definition == null) {
        throw new IllegalStateException("Decision " + DECISION_KEY + " is not deployed");
      }
      if (current != null && current.definitionId().equals(definition.getId())) {
        return new Parsed(current.definitionId(), current.decision(), current.compiled(), now);
      }
      try (InputStream xml = repository.getDecisionModel(definition.getId())) {
        byte[] bytes = xml.readAllBytes();
        DmnDecision decision = DMN.parseDecision(DECISION_KEY, new ByteArrayInputStream(bytes));
        CompiledDecisionTable compiled = CompiledDecisionTable.compile(Dmn.readModelFromStream(new ByteArrayInputStream(bytes)),
            DECISION_KEY, INPUTS, UNIT_ACCEPTABLE).orElse(null);
        LOG.info("Decision {} version {} ({}) used by the cord blood search{}", DECISION_KEY, definition.getVersion(),
            definition.getId(), compiled != null ? ", compiled" : ", evaluated by the DMN engine (not compilable: slower)");
        return new Parsed(definition.getId(), decision, compiled, now);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
    parsed = latest;
    return latest;
  }

  /** Forgets the version read, so the next evaluation looks up the latest (tests that deploy a new version). */
  public void recheck() {
    parsed = null;
  }
}

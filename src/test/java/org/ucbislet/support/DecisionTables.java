package org.ucbislet.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * DMN decision tables from the classpath for tests with the plain DMN engine (no process engine):
 * parsing, evaluating, and reading the table's model for its contract (input and output types, rules).
 */
public final class DecisionTables {

  /** Rule IDs matched by the last evaluation on this thread (for tests that pin which rule decided). */
  private static final ThreadLocal<List<String>> MATCHED_RULES = ThreadLocal.withInitial(List::of);

  private static final DmnEngine DMN_ENGINE = engineRecordingMatchedRules();

  private DecisionTables() {
  }

  /** The resource from the classpath, which must be there. */
  public static InputStream open(String resource) {
    InputStream dmn = DecisionTables.class.getClassLoader().getResourceAsStream(resource);
    assertThat(dmn).as("%s on the classpath", resource).isNotNull();
    return dmn;
  }

  /** The decision of that key in the resource, parsed for evaluation. */
  public static DmnDecision decision(String resource, String decisionKey) {
    try (InputStream dmn = open(resource)) {
      return DMN_ENGINE.parseDecision(decisionKey, dmn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DmnDecisionResult evaluate(DmnDecision decision, VariableMap variables) {
    MATCHED_RULES.set(List.of());
    return DMN_ENGINE.evaluateDecision(decision, variables);
  }

  /** The IDs of the rules that matched, in table order (all of them, whatever the hit policy returns). */
  public static List<String> matchedRuleIds(DmnDecision decision, VariableMap variables) {
    evaluate(decision, variables);
    return MATCHED_RULES.get();
  }

  private static DmnEngine engineRecordingMatchedRules() {
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    DmnDecisionTableEvaluationListener recorder = event -> MATCHED_RULES.set(
        event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
    configuration.customPostDecisionTableEvaluationListeners(List.of(recorder));
    return configuration.buildEngine();
  }

  /** The one result of a table whose last rule catches everything. */
  public static DmnDecisionResultEntries catchAllResult(DmnDecision decision, VariableMap variables) {
    DmnDecisionResultEntries result = evaluate(decision, variables).getSingleResult();
    assertThat(result).as("the catch-all rule guarantees one result").isNotNull();
    return result;
  }

  /** The resource's DMN model, to check the table itself. */
  public static DmnModelInstance model(String resource) {
    try (InputStream dmn = open(resource)) {
      return Dmn.readModelFromStream(dmn);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Input expression to its type, in the table's order. */
  public static Map<String, String> inputTypes(DecisionTable table) {
    Map<String, String> inputTypes = new LinkedHashMap<>();
    for (Input input : table.getInputs()) {
      inputTypes.put(input.getInputExpression().getText().getTextContent(), input.getInputExpression().getTypeRef());
    }
    return inputTypes;
  }

  /** Output name to its type, in the table's order. */
  public static Map<String, String> outputTypes(DecisionTable table) {
    Map<String, String> outputTypes = new LinkedHashMap<>();
    for (Output output : table.getOutputs()) {
      outputTypes.put(output.getName(), output.getTypeRef());
    }
    return outputTypes;
  }

  /** Every rule has a source annotation that starts so. */
  public static void assertEveryRuleCites(DecisionTable table, String source) {
    for (Rule rule : table.getRules()) {
      assertThat(rule.getDescription()).as("source annotation of %s", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("source annotation of %s", rule.getId()).startsWith(source);
    }
  }

  /** The text of each rule's output entry at that index (0 for the first output), in rule order. */
  public static List<String> ruleOutputs(DecisionTable table, int outputIndex) {
    return table.getRules().stream()
        .map(rule -> rule.getOutputEntries().stream().skip(outputIndex).findFirst().orElseThrow().getTextContent())
        .toList();
  }

  public static Rule lastRule(DecisionTable table) {
    return table.getRules().stream().reduce((first, second) -> second).orElseThrow();
  }

  /** The FEEL string literal of the text, as an output entry writes it. */
  public static String quoted(String text) {
    return "\"" + text + "\"";
  }
}

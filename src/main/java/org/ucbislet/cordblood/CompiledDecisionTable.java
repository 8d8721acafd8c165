package org.ucbislet.cordblood;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A deployed decision table with numeric inputs and a boolean output, turned into plain comparisons so that it can
 * be evaluated for thousands of units in microseconds (the DMN engine's FEEL evaluation costs about a millisecond
 * per evaluation: far too slow for a registry search). Every threshold is read from the deployed table; nothing of
 * the table is known in Java.
 *
 * <p>Only what is certain to mean the same as in the engine is compiled: hit policy FIRST; input expressions that
 * are a plain variable name (typeRef integer, long, double or none); input entries that are FEEL simple unary tests
 * on numbers: {@code -}, empty, {@code < n}, {@code <= n}, {@code > n}, {@code >= n}, {@code n}, intervals
 * {@code [a..b]} with open ends written {@code ]}, {@code [} or {@code (}, {@code )}, comma lists of these, and
 * {@code not(...)} of a list; output entries {@code true}, {@code false} or empty. Numbers compare as FEEL compares
 * them: as decimals ({@link BigDecimal#valueOf(double)} of the input, the literal exactly as written). Anything
 * else, and any evaluation with a missing input, is left to the DMN engine ({@link #compile} answers empty).
 */
final class CompiledDecisionTable {

  private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
  private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)?\\s*(" + NUMBER + ")");
  private static final Pattern INTERVAL = Pattern.compile("([\\[\\](])\\s*(" + NUMBER + ")\\s*\\.\\.\\s*(" + NUMBER + ")\\s*([\\[\\])])");
  private static final Pattern NOT = Pattern.compile("not\\s*\\((.*)\\)");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** A unary test on one input value. */
  @FunctionalInterface
  private interface Test {
    boolean matches(BigDecimal value);
  }

  private record CompiledRule(Test[] tests, Boolean output) {}

  private final CompiledRule[] rules;

  private CompiledDecisionTable(CompiledRule[] rules) {
    this.rules = rules;
  }

  /**
   * The first matching rule's output; null when no rule matches or its output entry is empty.
   *
   * @param inputs the values of the inputs in the order of {@code inputNames} given to {@link #compile}; none null
   */
  Boolean evaluate(BigDecimal[] inputs) {
    for (CompiledRule rule : rules) {
      boolean all = true;
      for (int i = 0; i < inputs.length && all; i++) {
        all = rule.tests()[i] == null || rule.tests()[i].matches(inputs[i]);
      }
      if (all) {
        return rule.output();
      }
    }
    return null;
  }

  /**
   * Compiles the decision {@code decisionKey} of the model, whose inputs must be exactly the variables
   * {@code inputNames} (in any order) and which must have an output {@code outputName}; empty when the table uses
   * anything this class does not evaluate exactly as the engine does.
   */
  static Optional<CompiledDecisionTable> compile(DmnModelInstance model, String decisionKey, List<String> inputNames,
                                                 String outputName) {
    if (!(model.getModelElementById(decisionKey) instanceof Decision decision)
        || !(decision.getExpression() instanceof DecisionTable table)
        || table.getHitPolicy() != HitPolicy.FIRST || table.getAggregation() != null) {
      return Optional.empty();
    }
    List<Input> inputs = new ArrayList<>(table.getInputs());
    int[] position = new int[inputs.size()]; // table input -> index in inputNames
    if (inputs.size() != inputNames.size()) {
      return Optional.empty();
    }
    for (int i = 0; i < inputs.size(); i++) {
      Input input = inputs.get(i);
      if (input.getInputExpression() == null || input.getInputExpression().getText() == null
          || input.getInputExpression().getExpressionLanguage() != null || input.getCamundaInputVariable() != null) {
        return Optional.empty();
      }
      String variable = input.getInputExpression().getText().getTextContent().trim();
      String type = input.getInputExpression().getTypeRef();
      position[i] = inputNames.indexOf(variable);
      if (!VARIABLE.matcher(variable).matches() || position[i] < 0
          || type != null && !List.of("integer", "long", "double").contains(type)) {
        return Optional.empty();
      }
    }
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    int outputIndex = -1;
    for (int o = 0; o < outputs.size(); o++) {
      if (outputName.equals(outputs.get(o).getName())) {
        outputIndex = o;
      }
    }
    if (outputIndex < 0 || outputs.get(outputIndex).getTypeRef() != null && !"boolean".equals(outputs.get(outputIndex).getTypeRef())) {
      return Optional.empty();
    }
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      List<InputEntry> entries = new ArrayList<>(rule.getInputEntries());
      List<OutputEntry> outputEntries = new ArrayList<>(rule.getOutputEntries());
      if (entries.size() != inputs.size() || outputEntries.size() != outputs.size()) {
        return Optional.empty();
      }
      Test[] tests = new Test[inputNames.size()];
      for (int i = 0; i < entries.size(); i++) {
        InputEntry entry = entries.get(i);
        if (entry.getExpressionLanguage() != null) {
          return Optional.empty();
        }
        Optional<Test> test = unaryTests(entry.getText() == null ? "" : entry.getText().getTextContent().trim());
        if (test == null) {
          return Optional.empty();
        }
        tests[position[i]] = test.orElse(null);
      }
      OutputEntry out = outputEntries.get(outputIndex);
      String text = out.getText() == null ? "" : out.getText().getTextContent().trim();
      if (out.getExpressionLanguage() != null || !List.of("true", "false", "").contains(text)) {
        return Optional.empty();
      }
      rules.add(new CompiledRule(tests, text.isEmpty() ? null : Boolean.valueOf(text)));
    }
    return Optional.of(new CompiledDecisionTable(rules.toArray(CompiledRule[]::new)));
  }

  /** Empty optional: matches anything ({@code -} or empty); null: not compilable. */
  private static Optional<Test> unaryTests(String text) {
    if (text.isEmpty() || text.equals("-")) {
      return Optional.empty();
    }
    Matcher not = NOT.matcher(text);
    if (not.matches()) {
      Test inner = list(not.group(1).trim());
      return inner == null ? null : Optional.of(v -> !inner.matches(v));
    }
    Test test = list(text);
    return test == null ? null : Optional.of(test);
  }

  private static Test list(String text) {
    List<Test> tests = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Test test = single(part.trim());
      if (test == null) {
        return null;
      }
      tests.add(test);
    }
    if (tests.size() == 1) {
      return tests.get(0);
    }
    Test[] any = tests.toArray(Test[]::new);
    return v -> {
      for (Test t : any) {
        if (t.matches(v)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Test single(String text) {
    Matcher comparison = COMPARISON.matcher(text);
    if (comparison.matches()) {
      BigDecimal n = new BigDecimal(comparison.group(2));
      String op = comparison.group(1) == null ? "=" : comparison.group(1);
      return switch (op) {
        case "<" -> v -> v.compareTo(n) < 0;
        case "<=" -> v -> v.compareTo(n) <= 0;
        case ">" -> v -> v.compareTo(n) > 0;
        case ">=" -> v -> v.compareTo(n) >= 0;
        default -> v -> v.compareTo(n) == 0;
      };
    }
    Matcher interval = INTERVAL.matcher(text);
    if (interval.matches()) {
      boolean lowClosed = interval.group(1).equals("[");
      BigDecimal low = new BigDecimal(interval.group(2));
      BigDecimal high = new BigDecimal(interval.group(3));
      boolean highClosed = interval.group(4).equals("]");
      return v -> (lowClosed ? v.compareTo(low) >= 0 : v.compareTo(low) > 0)
          && (highClosed ? v.compareTo(high) <= 0 : v.compareTo(high) < 0);
    }
    return null;
  }
}

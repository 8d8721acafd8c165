package org.ucbislet.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.ucbislet.clinical.FieldViolation;

/**
 * Issue 18 item 9: the clinical decision tables without a catch-all give no result (null) on missing or impossible
 * input, and a null result never routes silently. After each evaluation of a guarded table inside a process (a
 * business rule task, or a decision called from a delegate), no matching rule stops the command with a
 * {@link DecisionInputException} naming the inputs: each missing one, or, when none is missing, every input with the
 * value no rule accepts. Outside a process (the REST API's decision evaluation, DMN tests) the table's own answer,
 * no result, stands.
 */
public class DecisionResultGuard implements DmnDecisionTableEvaluationListener {

  /** The decisions of issue 18 item 9 (keys are contract, design.md section 3 and the README's decision map). */
  public static final Set<String> GUARDED_DECISIONS = Set.of("acuteGvhdGrade", "chronicGvhdSeverity", "chimerismClassification",
      "basiliximabDose", "tacrolimusTroughTarget", "isletGraftFunction");

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Set<String> guarded;

  public DecisionResultGuard(Set<String> guarded) {
    this.guarded = Set.copyOf(guarded);
  }

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    String key = event.getDecision().getKey();
    if (!guarded.contains(key) || !event.getMatchingRules().isEmpty() || Context.getBpmnExecutionContext() == null) {
      return;
    }
    throw new DecisionInputException(key, violations(event));
  }

  static List<FieldViolation> violations(DmnDecisionTableEvaluationEvent event) {
    List<DmnDecisionTableInputImpl> definitions = event.getDecision().getDecisionLogic() instanceof DmnDecisionTableImpl table
        ? table.getInputs() : List.of();
    List<FieldViolation> missing = new ArrayList<>();
    List<FieldViolation> all = new ArrayList<>();
    for (DmnEvaluatedInput input : event.getInputs()) {
      String expression = definitions.stream().filter(d -> d.getId().equals(input.getId())).findFirst()
          .map(d -> d.getExpression().getExpression()).orElse(null);
      String field = expression != null && VARIABLE_NAME.matcher(expression.strip()).matches() ? expression.strip()
          : input.getName();
      Object value = input.getValue() == null ? null : input.getValue().getValue();
      if (value == null) {
        missing.add(new FieldViolation(field, input.getName(), "is missing: the decision needs it"));
      } else {
        all.add(new FieldViolation(field, input.getName(), "is " + value));
      }
    }
    if (!missing.isEmpty()) {
      return missing;
    }
    all.add(new FieldViolation("decision", event.getDecision().getName(),
        "no rule accepts these values together: one of them is impossible (out of its range)"));
    return all;
  }
}

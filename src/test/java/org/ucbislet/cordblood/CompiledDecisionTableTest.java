package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledDecisionTable}: other tables than the shipped one (a later deployed version may look different)
 * either compile and agree with the DMN engine, or are left to the engine.
 */
class CompiledDecisionTableTest {

  private static final List<String> INPUTS = List.of("x", "y");

  /** A FIRST table with inputs x (integer), y (double), output ok (boolean), one rule per entry pair. */
  private static String table(String hitPolicy, String[][] rules) {
    StringBuilder xml = new StringBuilder("""
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="t">
          <decision id="t" name="t">
            <decisionTable id="dt" hitPolicy="%s">
              <input id="ix"><inputExpression id="ex" typeRef="integer"><text>x</text></inputExpression></input>
              <input id="iy"><inputExpression id="ey" typeRef="double"><text>y</text></inputExpression></input>
              <output id="o" name="ok" typeRef="boolean"/>
        """.formatted(hitPolicy));
    int n = 0;
    for (String[] rule : rules) {
      n++;
      xml.append("<rule id=\"r").append(n).append("\">")
          .append("<inputEntry id=\"a").append(n).append("\"><text>").append(rule[0]).append("</text></inputEntry>")
          .append("<inputEntry id=\"b").append(n).append("\"><text>").append(rule[1]).append("</text></inputEntry>")
          .append("<outputEntry id=\"c").append(n).append("\"><text>").append(rule[2]).append("</text></outputEntry>")
          .append("</rule>");
    }
    return xml.append("</decisionTable></decision></definitions>").toString();
  }

  private static Optional<CompiledDecisionTable> compile(String xml) {
    return CompiledDecisionTable.compile(Dmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))),
        "t", INPUTS, "ok");
  }

  private static final org.camunda.bpm.dmn.engine.DmnEngine DMN =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private static Boolean engine(DmnDecision decision, int x, double y) {
    DmnDecisionResultEntries result = DMN.evaluateDecision(decision, Variables.createVariables().putValue("x", x)
        .putValue("y", y)).getSingleResult();
    return result == null ? null : (Boolean) result.getEntryMap().get("ok");
  }

  @Test
  void listsIntervalsNegationsAndEqualityAgreeWithTheEngine() {
    String xml = table("FIRST", new String[][] {
        {"not(1, 2)", "]0..2.5]", "true"},
        {"[3..5[", "(2.5..7.25)", "false"},
        {"5, 7", "&lt;= -1.5", "true"},
        {"6", "&gt; 100", ""},
        {"-", "-", "false"}});
    CompiledDecisionTable compiled = compile(xml).orElseThrow();
    DmnDecision decision = DMN.parseDecision("t", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    for (int x : new int[] {0, 1, 3, 5, 6, 7}) {
      for (double y : new double[] {-1.5, -1, 0, 2.5, 2.6, 7.25, 100, 101}) {
        assertThat(compiled.evaluate(new BigDecimal[] {BigDecimal.valueOf(x), BigDecimal.valueOf(y)}))
            .as("x %d y %s", x, y).isEqualTo(engine(decision, x, y));
      }
    }
  }

  @Test
  void anythingElseIsLeftToTheEngine() {
    assertThat(compile(table("UNIQUE", new String[][] {{"1", "-", "true"}}))).as("hit policy").isEmpty();
    assertThat(compile(table("FIRST", new String[][] {{"abs(x) &gt; 1", "-", "true"}}))).as("function").isEmpty();
    assertThat(compile(table("FIRST", new String[][] {{"&gt; y", "-", "true"}}))).as("variable").isEmpty();
    assertThat(compile(table("FIRST", new String[][] {{"1", "-", "x &gt; 1"}}))).as("computed output").isEmpty();
    assertThat(compile(table("FIRST", new String[][] {{"1", "-", "true"}}).replace("<text>x</text>", "<text>x + 1</text>")))
        .as("computed input").isEmpty();
    assertThat(CompiledDecisionTable.compile(Dmn.readModelFromStream(new ByteArrayInputStream(
        table("FIRST", new String[][] {{"1", "-", "true"}}).getBytes(StandardCharsets.UTF_8))), "t", List.of("x", "z"), "ok"))
        .as("other inputs than expected").isEmpty();
  }

  @Test
  void noMatchingRuleAnswersNull() {
    CompiledDecisionTable compiled = compile(table("FIRST", new String[][] {{"1", "-", "true"}})).orElseThrow();

    assertThat(compiled.evaluate(new BigDecimal[] {BigDecimal.valueOf(2), BigDecimal.ONE})).isNull();
    assertThat(compiled.evaluate(new BigDecimal[] {BigDecimal.valueOf(1), BigDecimal.ONE})).isTrue();
  }
}

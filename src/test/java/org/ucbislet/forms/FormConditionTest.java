package org.ucbislet.forms;

import org.ucbislet.clinical.FieldViolation;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: the server evaluates the forms' show/hide conditions when it checks required fields, as Tasklist
 * does: a field the form shows is required, a hidden one is not.
 */
class FormConditionTest {

  private static FormSchema form(String id) throws IOException {
    try (InputStream in = FormConditionTest.class.getResourceAsStream("/forms/" + id + ".form")) {
      return FormSchema.parse(in);
    }
  }

  private static List<String> violated(FormSchema form, Map<String, Object> values) {
    return form.validate(values).stream().map(FieldViolation::field).toList();
  }

  @Test
  void everyShippedFormUsesOnlyConditionsTheServerEvaluates() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          assertThat(FormSchema.parse(in).unsupportedConditions()).as(file.toString()).isEmpty();
        }
      }
    }
  }

  @Test
  void theSecondBasiliximabDoseIsRequiredWhenGivenAndTheReasonWhenWithheld() throws IOException {
    FormSchema form = form("basiliximab-second-dose");
    Map<String, Object> given = new HashMap<>();
    given.put("basiliximabSecondDoseGiven", true);
    assertThat(violated(form, given)).contains("basiliximabSecondDoseMg").doesNotContain("basiliximabSecondDoseWithheldReason");

    Map<String, Object> withheld = new HashMap<>();
    withheld.put("basiliximabSecondDoseGiven", false);
    assertThat(violated(form, withheld)).contains("basiliximabSecondDoseWithheldReason").doesNotContain("basiliximabSecondDoseMg");

    Map<String, Object> unanswered = new HashMap<>();
    assertThat(violated(form, unanswered)).as("null != true: the dose is hidden, the reason shown")
        .contains("basiliximabSecondDoseWithheldReason").doesNotContain("basiliximabSecondDoseMg");
  }

  @Test
  void heparinUnitsAreRequiredOnlyWhenHeparinWasGiven() throws IOException {
    FormSchema form = form("islet-infusion");
    assertThat(violated(form, new HashMap<>(Map.of("heparinGiven", true)))).contains("heparinUnits");
    assertThat(violated(form, new HashMap<>(Map.of("heparinGiven", false)))).doesNotContain("heparinUnits");
  }

  @Test
  void theSubsetOfFeelIsEvaluatedAsFeelDoes() {
    Map<String, Object> values = new HashMap<>(Map.of("aeTerm", "other", "grade", 3L, "given", true));
    assertThat(FormCondition.parse("=aeTerm != \"other\" and aeTerm != \"pretreatment-other\"").holds(values)).isFalse();
    assertThat(FormCondition.parse("=aeTerm != \"other\" and aeTerm != \"pretreatment-other\"")
        .holds(Map.of("aeTerm", "fever"))).isTrue();
    assertThat(FormCondition.parse("=grade = 3").holds(values)).isTrue();
    assertThat(FormCondition.parse("=grade = 2 or given").holds(values)).isTrue();
    assertThat(FormCondition.parse("=missing != true").holds(values)).isTrue();
    assertThat(FormCondition.parse("=true").holds(values)).isTrue();
    assertThat(FormCondition.parse("=count(list) > 2").supported()).isFalse();
  }
}

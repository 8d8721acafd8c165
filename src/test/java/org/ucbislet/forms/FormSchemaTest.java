package org.ucbislet.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ucbislet.clinical.FieldViolation;

/** The server-side form rules, on a small schema and on the real enrolment form. */
class FormSchemaTest {

  private static final String SCHEMA = """
      {"id": "demo-form", "components": [
        {"type": "text", "text": "# heading"},
        {"type": "textfield", "key": "code", "label": "Code", "validate": {"required": true, "pattern": "^AB-\\\\d{2}$", "maxLength": 5}},
        {"type": "number", "key": "dose", "label": "Dose (mg)", "decimalDigits": 1, "validate": {"min": 0.5, "max": 20}},
        {"type": "number", "key": "count", "label": "Count", "decimalDigits": 0},
        {"type": "select", "key": "route", "label": "Route", "values": [{"label": "IV", "value": "iv"}, {"label": "Oral", "value": "oral"}]},
        {"type": "checkbox", "key": "agreed", "label": "Agreed", "properties": {"answerRequired": "true"}},
        {"type": "checkbox", "key": "optional", "label": "Optional"},
        {"type": "datetime", "subtype": "date", "key": "visitDate", "dateLabel": "Visit date", "validate": {"required": true}},
        {"type": "checklist", "key": "tests", "label": "Tests", "values": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]},
        {"type": "group", "label": "Inner", "components": [
          {"type": "textfield", "key": "inner", "label": "Inner", "validate": {"minLength": 3}}]},
        {"type": "textfield", "key": "hiddenOne", "label": "Hidden", "validate": {"required": true}, "conditional": {"hide": "=true"}},
        {"type": "select", "key": "unit", "label": "Unit", "valuesKey": "unitOptions"}
      ]}""";

  private final FormSchema schema = parse(SCHEMA);

  private static FormSchema parse(String json) {
    try {
      return FormSchema.parse(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Object> valid() {
    Map<String, Object> v = new HashMap<>();
    v.put("code", "AB-12");
    v.put("dose", 2.5);
    v.put("count", 3L);
    v.put("route", "iv");
    v.put("agreed", false);
    v.put("visitDate", "2026-11-25");
    v.put("tests", List.of("a"));
    v.put("inner", "abcd");
    return v;
  }

  private List<String> fieldsRejected(String key, Object value) {
    Map<String, Object> v = valid();
    v.put(key, value);
    return schema.validate(v).stream().map(FieldViolation::field).toList();
  }

  @Test
  void validSubmissionPasses() {
    assertThat(schema.validate(valid())).isEmpty();
    assertThat(schema.fieldKeys()).contains("code", "inner", "hiddenOne").doesNotContain("text");
  }

  @Test
  void requiredFieldMissingOrEmptyIsNamed() {
    assertThat(fieldsRejected("code", null)).containsExactly("code");
    assertThat(fieldsRejected("code", "")).containsExactly("code");
    assertThat(fieldsRejected("visitDate", null)).containsExactly("visitDate");
  }

  @Test
  void readOnlyAndDisabledFieldsShowEngineDataAndAreNotCheckedAsInput() {
    FormSchema doses = parse("""
        {"id": "doses", "components": [
          {"type": "number", "key": "tncPerKg", "label": "TNC/kg", "readonly": true, "decimalDigits": 2,
           "validate": {"required": true, "min": 1}},
          {"type": "number", "key": "shownCount", "label": "Count", "disabled": true, "decimalDigits": 0},
          {"type": "number", "key": "entered", "label": "Entered", "decimalDigits": 2}
        ]}""");

    // a computed dose keeps all its decimals (ComputeCellDoseDelegate) and is shown with two
    assertThat(doses.validate(Map.of("tncPerKg", 3.9361702127659575, "shownCount", 2.5, "entered", 1.25))).isEmpty();
    assertThat(doses.validate(Map.of("entered", 1.25))).as("not required of the user either").isEmpty();
    assertThat(doses.validate(Map.of("entered", 1.255))).extracting(FieldViolation::field).containsExactly("entered");
  }

  @Test
  void patternAndLengthAreChecked() {
    assertThat(fieldsRejected("code", "XY-12")).containsExactly("code");
    assertThat(fieldsRejected("inner", "ab")).containsExactly("inner");
  }

  @Test
  void aPatternViolationSaysTheFormatInWordsNeverTheRegularExpression() throws Exception {
    FormSchema form = FormSchema.parse("""
        {"id": "f", "components": [{"type": "textfield", "key": "subjectId", "label": "Subject ID",
          "description": "UCBI- and four digits, e.g. UCBI-0001", "validate": {"pattern": "^UCBI-\\\\d{4}$"}}]}""");

    List<FieldViolation> violations = form.validate(Map.of("subjectId", "John Smith"));

    assertThat(violations).singleElement().extracting(FieldViolation::problem).asString()
        .isEqualTo("is not in the expected format (UCBI- and four digits, e.g. UCBI-0001), was 'John Smith'")
        .doesNotContain("^").doesNotContain("\\d");
  }

  @Test
  void aChecklistSubmittedAsJsonByTasklistIsReadAsAList() {
    // Tasklist sends a checklist as {"type": "Json", "value": "[...]"}: the engine holds a Spin node, the check a list
    Map<String, Object> values = FormValidationPlugin.plainValues(Map.of("tests",
        org.camunda.spin.Spin.JSON("[\"a\", \"b\"]")));
    assertThat(values.get("tests")).isEqualTo(List.of("a", "b"));
    assertThat(fieldsRejected("tests", values.get("tests"))).isEmpty();
    assertThat(fieldsRejected("tests", FormValidationPlugin.plainValues(Map.of("tests",
        org.camunda.spin.Spin.JSON("[\"a\", \"z\"]"))).get("tests"))).containsExactly("tests");
  }

  @Test
  void numbersAreCheckedForTypeBoundsAndDecimals() {
    assertThat(fieldsRejected("dose", "2.5")).containsExactly("dose");
    assertThat(fieldsRejected("dose", 0.4)).containsExactly("dose");
    assertThat(fieldsRejected("dose", 0.5)).isEmpty();
    assertThat(fieldsRejected("dose", 20)).isEmpty();
    assertThat(fieldsRejected("dose", 20.1)).containsExactly("dose");
    assertThat(fieldsRejected("dose", 2.55)).containsExactly("dose");
    assertThat(fieldsRejected("count", 2.5)).containsExactly("count");
    assertThat(fieldsRejected("count", 2.0)).isEmpty();
    assertThat(fieldsRejected("dose", Double.NaN)).containsExactly("dose");
  }

  @Test
  void optionsMustBeAmongTheListedValues() {
    assertThat(fieldsRejected("route", "intrathecal")).containsExactly("route");
    assertThat(fieldsRejected("tests", List.of("a", "z"))).containsExactly("tests");
    assertThat(fieldsRejected("tests", "a")).containsExactly("tests");
  }

  @Test
  void dynamicOptionsComeFromTheNamedVariable() {
    Map<String, Object> v = valid();
    v.put("unitOptions", List.of(Map.of("label", "mg", "value", "mg")));
    v.put("unit", "g");
    assertThat(schema.validate(v)).extracting(FieldViolation::field).containsExactly("unit");
    v.put("unit", "mg");
    assertThat(schema.validate(v)).isEmpty();
  }

  @Test
  void answerRequiredCheckboxMustCarryABooleanOthersMayBeAbsent() {
    assertThat(fieldsRejected("agreed", null)).containsExactly("agreed");
    assertThat(fieldsRejected("agreed", "yes")).containsExactly("agreed");
    assertThat(fieldsRejected("optional", null)).isEmpty();
    assertThat(fieldsRejected("optional", "true")).containsExactly("optional");
  }

  @Test
  void datesMustBeIsoDates() {
    assertThat(fieldsRejected("visitDate", "25/11/2026")).containsExactly("visitDate");
    assertThat(fieldsRejected("visitDate", "2026-02-30")).containsExactly("visitDate");
    assertThat(fieldsRejected("visitDate", new java.util.Date())).isEmpty();
  }

  @Test
  void conditionallyHiddenFieldIsNotRequired() {
    assertThat(schema.validate(valid())).extracting(FieldViolation::field).doesNotContain("hiddenOne");
  }

  @Test
  void violationNamesFieldLabelAndProblem() {
    Map<String, Object> v = valid();
    v.put("dose", -1);
    assertThat(schema.validate(v)).singleElement().hasToString("dose (Dose (mg)): must be at least 0.5, was -1");
  }

  @Test
  void formWithoutIdIsRejected() {
    assertThatThrownBy(() -> FormSchema.parse("{\"components\": []}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enrolmentFormRequiresAPseudonymousSubjectIdAndAPositiveWeight() throws IOException {
    FormSchema enrol;
    try (InputStream in = getClass().getResourceAsStream("/forms/enrol-subject.form")) {
      enrol = FormSchema.parse(in);
    }
    Map<String, Object> v = new HashMap<>(Map.of("subjectId", "UCBI-0001", "dateOfBirth", "2015-03-01", "sex", "female",
        "weightKg", 18.5, "heightCm", 110.0, "geneName", "IL2RA", "variantHgvs", "c.530A>G"));
    assertThat(enrol.validate(v)).isEmpty();
    v.put("subjectId", "UCBI-01");
    v.put("weightKg", -2.0);
    assertThat(enrol.validate(v)).extracting(FieldViolation::field).containsExactly("subjectId", "weightKg");
  }

  @Test
  void aFieldThatSpecifiesOtherIsRequiredWhenItsSelectIsOtherEvenWhileHidden() throws IOException {
    FormSchema coded = FormSchema.parse("""
        {"id": "coded", "components": [
          {"type": "select", "key": "regimen", "label": "Regimen", "validate": {"required": true},
           "values": [{"label": "A", "value": "a"}, {"label": "Other, specify", "value": "other"}]},
          {"type": "textfield", "key": "regimenOther", "label": "Other regimen", "validate": {"maxLength": 20},
           "properties": {"specifiesOtherOf": "regimen"}, "conditional": {"hide": "=regimen != \\"other\\""}}]}""");
    Map<String, Object> other = new HashMap<>(Map.of("regimen", "other"));
    assertThat(coded.validate(other)).extracting(FieldViolation::field).containsExactly("regimenOther");
    assertThat(coded.validate(other).get(0).problem()).contains("'other'");
    other.put("regimenOther", "  ");
    assertThat(coded.validate(other)).extracting(FieldViolation::field).containsExactly("regimenOther");
    other.put("regimenOther", "Alemtuzumab");
    assertThat(coded.validate(other)).isEmpty();
    assertThat(coded.validate(Map.of("regimen", "a"))).as("not other: not asked").isEmpty();
  }

  @Test
  void enrolmentTakesAGeneNotInTheListOnlyNamedAndJustified() throws IOException {
    FormSchema enrolment;
    try (InputStream form = getClass().getClassLoader().getResourceAsStream("forms/enrol-subject.form")) {
      enrolment = FormSchema.parse(form);
    }
    Map<String, Object> v = new HashMap<>();
    v.put("subjectId", "UCBI-0001");
    v.put("dateOfBirth", "2019-05-01");
    v.put("sex", "male");
    v.put("weightKg", 18.5);
    v.put("heightCm", 108.0);
    v.put("geneName", "other");
    v.put("variantHgvs", "c.1150G>A");
    assertThat(enrolment.validate(v)).extracting(FieldViolation::field).containsExactly("geneNameOther", "geneOtherJustification");
    v.put("geneNameOther", "DEF6");
    v.put("geneOtherJustification", "Biallelic loss-of-function DEF6 variant, IPEX-like phenotype, geneticist's report");
    assertThat(enrolment.validate(v)).isEmpty();
  }

  @Test
  void regimensAreCodedAndOtherNeedsItsSpecification() throws IOException {
    for (String[] form : new String[][] {{"conditioning-chemotherapy", "conditioningRegimen"},
        {"complication-prophylaxis", "gvhdProphylaxisRegimen"}}) {
      FormSchema schema;
      try (InputStream json = getClass().getClassLoader().getResourceAsStream("forms/" + form[0] + ".form")) {
        schema = FormSchema.parse(json);
      }
      Map<String, Object> other = new HashMap<>(Map.of(form[1], "other"));
      assertThat(schema.validate(other)).extracting(FieldViolation::field).as(form[0]).contains(form[1] + "Other");
      other.put(form[1] + "Other", "Alemtuzumab, fludarabine, melphalan");
      assertThat(schema.validate(other)).extracting(FieldViolation::field).as(form[0]).doesNotContain(form[1] + "Other", form[1]);
      assertThat(schema.validate(Map.of(form[1], "Busulfan 4 days"))).extracting(FieldViolation::field).as("free text is refused")
          .contains(form[1]);
    }
  }
}

package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests are manual corrections (reason required) and how the reason header is read. */
class CorrectionReasonFilterTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // Cockpit: edit, add, delete, upload a variable of an execution; add one to the process instance
      "PUT, /camunda/api/engine/engine/default/execution/4f1/localVariables/weightKg",
      "POST, /camunda/api/engine/engine/default/execution/4f1/localVariables",
      "DELETE, /camunda/api/engine/engine/default/execution/4f1/localVariables/weightKg",
      "POST, /camunda/api/engine/engine/default/execution/4f1/localVariables/report/data",
      "PUT, /camunda/api/engine/engine/default/process-instance/4f1/variables/weightKg",
      // REST clients
      "PUT, /engine-rest/process-instance/4f1/variables/weightKg",
      "POST, /engine-rest/process-instance/4f1/variables",
      "DELETE, /engine-rest/task/77/variables/hlaA1",
      "PUT, /engine-rest/task/77/localVariables/hlaA1",
      "POST, /engine-rest/process-instance/variables-async",
      "POST, /engine-rest/process-instance/4f1/modification",
      "POST, /engine-rest/process-instance/4f1/modification-async",
      "DELETE, /engine-rest/process-instance/4f1",
      "POST, /engine-rest/process-instance/delete",
      "POST, /engine-rest/migration/execute",
      "POST, /engine-rest/migration/executeAsync",
      "POST, /engine-rest/process-definition/abc/restart",
      // disguised paths are normalised before matching
      "PUT, /engine-rest//process-instance/4f1/variables/weightKg",
      "PUT, /engine-rest/process-instance/4f1/%76ariables/weightKg",
      "PUT, /engine-rest/process-instance;x=1/4f1/VARIABLES/weightKg/"})
  void correctionsNeedAReason(String method, String uri) {
    assertThat(CorrectionReasonFilter.correction(method, uri)).isNotNull().startsWith(method + " /");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "GET, /engine-rest/process-instance/4f1/variables/weightKg",
      "GET, /camunda/api/engine/engine/default/execution/4f1/localVariables",
      "POST, /engine-rest/task/77/complete",
      "POST, /engine-rest/task/77/submit-form",
      "POST, /engine-rest/process-definition/key/ucbIsletProtocol/submit-form",
      "POST, /engine-rest/message",
      "POST, /engine-rest/task/77/claim",
      "POST, /engine-rest/process-instance",
      "POST, /engine-rest/variable-instance",
      "PUT, /api/cord-blood/inventory",
      "PUT, /somewhere/else/process-instance/4f1/variables/weightKg"})
  void protocolWorkAndReadsDoNot(String method, String uri) {
    assertThat(CorrectionReasonFilter.correction(method, uri)).isNull();
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(value = {
      "Weighed again on the ward|Weighed again on the ward",
      "Weighed%20again%20on%20the%20ward|Weighed again on the ward",
      "%20%20Scale%20not%20zeroed%20%20|Scale not zeroed",
      "Gewicht%20korrigiert%20%E2%80%93%20Waage|Gewicht korrigiert – Waage",
      "1+1%20is%20two%20not%20three|1+1 is two not three",
      "too short|",
      "%E0%A4%A|",
      "|"}, delimiter = '|')
  void reasonIsDecodedTrimmedAndLongEnough(String header, String reason) {
    assertThat(CorrectionReasonFilter.reason(header)).isEqualTo(reason);
  }
}

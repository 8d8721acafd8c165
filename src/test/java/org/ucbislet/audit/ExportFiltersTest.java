package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportFiltersTest {

  @Test
  void noParametersMeanTheWholeTrialAsZip() {
    ExportFilters filters = ExportFilters.parse(null, "", null, null);

    assertThat(filters.unfiltered()).isTrue();
    assertThat(filters.format()).isEqualTo(ExportFilters.Format.ZIP);
  }

  @Test
  void datesAreWholeUtcDays() {
    ExportFilters filters = ExportFilters.parse(" UCBI-7001 ", "2025-03-01", "2025-03-31", "JSON");

    assertThat(filters.subjectId()).isEqualTo("UCBI-7001");
    assertThat(filters.from()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(filters.to()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
    assertThat(filters.format()).isEqualTo(ExportFilters.Format.JSON);
  }

  @Test
  void instantsMayCarryAnOffset() {
    ExportFilters filters = ExportFilters.parse(null, "2025-03-01T10:00:00+02:00", "2025-03-01T09:00:00.5Z", null);

    assertThat(filters.from()).isEqualTo(Instant.parse("2025-03-01T08:00:00Z"));
    assertThat(filters.to()).isEqualTo(Instant.parse("2025-03-01T09:00:00.500Z"));
  }

  @Test
  void odmAndFhirAreFormats() {
    assertThat(ExportFilters.parse(null, null, null, "ODM").format()).isEqualTo(ExportFilters.Format.ODM);
    assertThat(ExportFilters.parse(null, null, null, "fhir").format()).isEqualTo(ExportFilters.Format.FHIR);
  }

  @ParameterizedTest
  @CsvSource({
      "from, yesterday, , zip, must be an ISO-8601",
      "to, , 2025-13-01, zip, must be an ISO-8601",
      "to, 2025-03-02, 2025-03-01T00:00:00Z, zip, must be after from",
      "format, , , csv, 'must be zip, json, odm or fhir'"})
  void badParameterIsNamed(String parameter, String from, String to, String format, String problem) {
    assertThatThrownBy(() -> ExportFilters.parse(null, from, to, format))
        .isInstanceOfSatisfying(AuditRequestException.class, e -> {
          assertThat(e.parameter()).isEqualTo(parameter);
          assertThat(e.problem()).contains(problem);
        });
  }
}

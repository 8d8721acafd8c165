package org.ucbislet.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every term of the protocol's adverse reactions list has its CTCAE v5.0 term (domain.md B 6.1). */
class CtcaeTermsTest {

  @Test
  void everyTermOfTheReportFormIsMappedAndNothingElse() throws IOException {
    List<String> formTerms = new ArrayList<>();
    try (InputStream form = getClass().getClassLoader().getResourceAsStream("forms/adverse-event-report.form")) {
      for (JsonNode c : new ObjectMapper().readTree(form).path("components")) {
        if ("aeTerm".equals(c.path("key").asText())) {
          c.path("values").forEach(v -> formTerms.add(v.path("value").asText()));
        }
      }
    }
    assertThat(formTerms).hasSize(29);
    assertThat(CtcaeTerms.all().keySet()).containsExactlyElementsOf(formTerms);
  }

  @Test
  void termsNamedInDomainPartB61() {
    assertThat(CtcaeTerms.of("gvhd").term()).isEqualTo("Graft versus host disease");
    assertThat(CtcaeTerms.of("islet-injection-vascular-embolism").term()).isEqualTo("Portal vein thrombosis");
    assertThat(CtcaeTerms.of("allergic-reaction").term()).isEqualTo("Allergic reaction");
    assertThat(CtcaeTerms.of("other-tumors").term()).isEqualTo("Treatment related secondary malignancy");
    assertThat(CtcaeTerms.of("pretreatment-kidney-damage").term()).isEqualTo("Acute kidney injury");
    assertThat(CtcaeTerms.of("other").term()).isEqualTo("Other, specify");
    assertThat(CtcaeTerms.of("not-a-term")).isNull();
    assertThat(CtcaeTerms.of(null)).isNull();
  }
}

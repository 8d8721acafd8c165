package org.ucbislet.isletisolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code POST /api/islets/ieq} through the real application (design.md section 6): the islet lab gets the
 * known answer; anyone else is refused; every bad input is a 400 problem+json naming the field, never a
 * stack trace.
 */
@SpringBootTest(classes = org.ucbislet.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class IeqRestTest {

  private static final String IEQ_PATH = "/api/islets/ieq";
  private static final String DEMO_PASSWORD = "demo";
  private static final String ISLET_LAB = "islet-lab";
  private static final String ENDOCRINOLOGIST = "endocrinologist";

  /** 320 islets counted in 100 uL of a 50 mL suspension, recipient 25 kg (IeqCalculatorTest works it out). */
  private static final String SAMPLE_COUNT = """
      {"counts": {"50-100": 120, "100-150": 90, "150-200": 60, "200-250": 30, "250-300": 12, "300-350": 5, ">=350": 3},
       "recipientWeightKg": 25.0, "sampleVolumeUl": 100, "suspensionVolumeMl": 50}""";
  private static final String COUNTS = """
      "counts": {"50-100": 120, "100-150": 90, "150-200": 60, "200-250": 30, "250-300": 12, "300-350": 5, ">=350": 3}""";

  @Autowired
  private TestRestTemplate rest;

  private final ObjectMapper json = new ObjectMapper();

  private ResponseEntity<String> post(String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    if (user != null) {
      headers.setBasicAuth(user, DEMO_PASSWORD);
    }
    return rest.exchange(IEQ_PATH, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private JsonNode read(ResponseEntity<String> response) throws Exception {
    assertThat(response.getBody()).as("response body").isNotNull();
    return json.readTree(response.getBody());
  }

  private void assertNoStackTrace(ResponseEntity<String> response) {
    assertThat(response.getBody()).doesNotContain("\tat ", "at org.", "at com.", "Exception", "trace");
  }

  @Test
  void isletLabGetsTheKnownAnswer() throws Exception {
    ResponseEntity<String> response = post(ISLET_LAB, SAMPLE_COUNT);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isNotNull()
        .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
    JsonNode answer = read(response);
    // scale 50 mL x 1000 / 100 uL = 500: islets 320 x 500; IEQ 459.499 x 500; IEQ/kg 229,749.5 / 25
    assertThat(answer.path("islets").asLong()).isEqualTo(160_000);
    assertThat(answer.path("ieq").asDouble()).isCloseTo(229_749.5, within(1e-9));
    assertThat(answer.path("ieqPerKg").asDouble()).isCloseTo(9_189.98, within(1e-9));
    assertThat(answer.path("isletParticleIndex").asDouble()).isCloseTo(1.435934375, within(1e-12));
    assertThat(answer.size()).as("exactly the four answer fields").isEqualTo(4);
  }

  @Test
  void wholeProductCountWithoutVolumesIsNotScaled() throws Exception {
    JsonNode answer = read(post(ISLET_LAB, "{" + COUNTS + ", \"recipientWeightKg\": 25}"));

    assertThat(answer.path("islets").asLong()).isEqualTo(320);
    assertThat(answer.path("ieq").asDouble()).isCloseTo(459.499, within(1e-9));
    assertThat(answer.path("ieqPerKg").asDouble()).isCloseTo(18.37996, within(1e-9));
  }

  @Test
  void noIsletCountedAnswersANullParticleIndex() throws Exception {
    JsonNode answer = read(post(ISLET_LAB, "{\"counts\": {\"50-100\": 0}, \"recipientWeightKg\": 20}"));

    assertThat(answer.path("islets").asLong()).isZero();
    assertThat(answer.path("ieq").asDouble()).isZero();
    assertThat(answer.get("isletParticleIndex").isNull()).isTrue();
  }

  @Test
  void anonymousCallerIsUnauthorized() {
    ResponseEntity<String> response = post(null, SAMPLE_COUNT);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void wrongPasswordIsUnauthorized() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    // an unknown user: a failed login of a real user delays that user's next logins (engine brute-force
    // protection), which would lock a demo user out of the other tests sharing this context
    headers.setBasicAuth("nobody-of-the-islet-lab", "not-the-password");

    ResponseEntity<String> response =
        rest.exchange(IEQ_PATH, HttpMethod.POST, new HttpEntity<>(SAMPLE_COUNT, headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void userOutsideTheIsletLabIsForbiddenWithAProblem() throws Exception {
    ResponseEntity<String> response = post(ENDOCRINOLOGIST, SAMPLE_COUNT);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = read(response);
    assertThat(problem.path("status").asInt()).isEqualTo(403);
    assertThat(problem.path("title").asText()).isEqualTo("Forbidden");
    assertThat(problem.path("detail").asText()).contains("islet-lab");
    assertNoStackTrace(response);
  }

  @Test
  void userOutsideTheIsletLabIsForbiddenEvenWithABadBody() {
    assertThat(post(ENDOCRINOLOGIST, "{not json").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @ParameterizedTest(name = "[{index}] {0} -> field {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"counts": {"50-100": -1}, "recipientWeightKg": 25}                                   | counts.50-100      | must not be negative
      {"counts": {"400-450": 10}, "recipientWeightKg": 25}                                  | counts.400-450     | unknown diameter class
      {"counts": {"50-100": 1.5}, "recipientWeightKg": 25}                                  | counts.50-100      | must be a whole number
      {"counts": {"50-100": "many"}, "recipientWeightKg": 25}                               | counts.50-100      | must be a number
      {"counts": {"50-100": null}, "recipientWeightKg": 25}                                  | counts.50-100      | must be a whole number
      {"counts": [1, 2, 3], "recipientWeightKg": 25}                                         | counts             | must be a JSON object
      {"recipientWeightKg": 25}                                                              | counts             | is required
      {"counts": {"50-100": 10}, "recipientWeightKg": 0}                                    | recipientWeightKg  | must be greater than 0
      {"counts": {"50-100": 10}, "recipientWeightKg": -25.0}                                | recipientWeightKg  | must be greater than 0
      {"counts": {"50-100": 10}}                                                             | recipientWeightKg  | is required
      {"counts": {"50-100": 10}, "recipientWeightKg": "heavy"}                              | recipientWeightKg  | must be a number
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "sampleVolumeUl": 100}            | suspensionVolumeMl | give both volumes, or neither
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "suspensionVolumeMl": 50}         | sampleVolumeUl     | give both volumes, or neither
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "sampleVolumeUl": 0, "suspensionVolumeMl": 50}    | sampleVolumeUl     | must be greater than 0
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "sampleVolumeUl": 100, "suspensionVolumeMl": -5}  | suspensionVolumeMl | must be greater than 0
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "sampleVolumeUl": 900, "suspensionVolumeMl": 0.5} | sampleVolumeUl     | must not exceed the suspension volume
      {"counts": {"50-100": 10}, "recipientWeightKg": 25, "sampleVolumeUL": 100, "suspensionVolumeML": 50}  | sampleVolumeUL     | unknown field
      {"counts": {"50-100": 10}, "recipientWeightKg": 25                                    | body               | is not well-formed JSON
      [1, 2]                                                                                 | body               | must be a JSON object
      """)
  void badInputIsABadRequestProblemNamingTheField(String body, String field, String problem) throws Exception {
    ResponseEntity<String> response = post(ISLET_LAB, body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode answer = read(response);
    assertThat(answer.path("status").asInt()).isEqualTo(400);
    assertThat(answer.path("title").asText()).isEqualTo("Invalid request");
    assertThat(answer.path("field").asText()).isEqualTo(field);
    assertThat(answer.path("detail").asText()).startsWith(field + ": ").contains(problem);
    assertNoStackTrace(response);
  }

  @Test
  void emptyBodyIsABadRequestProblem() throws Exception {
    ResponseEntity<String> response = post(ISLET_LAB, "");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(read(response).path("field").asText()).isEqualTo("body");
    assertNoStackTrace(response);
  }
}

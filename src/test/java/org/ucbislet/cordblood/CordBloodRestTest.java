package org.ucbislet.cordblood;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.Application;
import org.ucbislet.cordblood.CordBloodApi.Response;

/**
 * The cord blood API through the real application (design.md section 6): {@code PUT /api/cord-blood/inventory}
 * (camunda-admin) and {@code POST /api/cord-blood/search} (hla-lab, transplant-physician): known answers, access
 * (401/403/200), every bad input answered 400 problem+json naming the field, unreadable files changing nothing.
 */
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
class CordBloodRestTest {

  static final String SEARCH = CordBloodApi.SEARCH;
  static final String INVENTORY = CordBloodApi.INVENTORY;
  static final String ADMIN = "demo";
  static final String HLA_LAB = "hla-lab";
  static final String TEXT_CSV = CordBloodApi.TEXT_CSV;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request of design.md section 6. */
  static final String DESIGN_REQUEST = """
      {"typing": {"A": ["A*02:01", "A*11:01"], "B": ["B*46:01", "B*40:01"],
                  "C": ["C*01:02", "C*07:02"], "DRB1": ["DRB1*09:01", "DRB1*15:01"]},
       "weightKg": 18.5, "limit": 10}""";

  /**
   * For the design recipient at 18.5 kg:
   * BJ-1 8/8 6/6, TNC 9.25e8 / 18.5 / 1e7 = 5.0 exactly, CD34 2.775e6 / 18.5 / 1e5 = 1.5 exactly: acceptable (at both
   * thresholds). GD-7 8/8, TNC 9.2e8 -> 4.9729..., shown 4.97: not acceptable. SH-000123 7/8 6/6 (C*08:01 for
   * C*07:02), TNC 1.8e9 -> 9.7297..., shown 9.72 (cut, not rounded); CD34 5.8e6 -> 3.1351..., shown 3.13: acceptable.
   * Not listed: LOW-HLA 3/8 (A 2, B 1, C 0, DRB1 0), LOW-DOSE TNC 2.5e8 -> 1.35 (< 1.5).
   */
  static final String INVENTORY_CSV = InventoryCsv.HEADER + "\n"
      + "SHCBB,SH-000123,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*08:01,DRB1*09:01,DRB1*15:01,1.8E9,5.8E6,2019-04-30\n"
      + "BJCBB,BJ-1,A*02:01:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01:01,9.25E8,2.775E6,2018-01-02\n"
      + "GDCBB,GD-7,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,9.2E8,4.0E6,2020-06-30\n"
      + "GDCBB,LOW-HLA,A*02:01,A*11:01,B*46:01,B*13:01,C*03:04,,DRB1*04:05,,5.0E9,9.0E6,2020-06-30\n"
      + "SHCBB,LOW-DOSE,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,2.5E8,4.0E6,2021-03-01\n";

  @LocalServerPort
  private int port;

  @Autowired
  private CordBloodInventoryService inventoryService;
  @Autowired
  private org.springframework.jdbc.core.JdbcTemplate jdbc;

  private CordBloodApi api;

  private Response send(String method, String path, String user, String contentType, byte[] body) {
    return api.send(method, path, user, contentType, body);
  }

  private Response search(String user, String body) {
    return api.search(user, body);
  }

  private Response putInventory(String user, String csv) {
    return api.putInventory(user, csv);
  }

  @BeforeEach
  void knownInventory() {
    api = new CordBloodApi(port);
    assertThat(inventoryService.awaitReady(java.time.Duration.ofSeconds(60))).isTrue();
    assertThat(putInventory(ADMIN, INVENTORY_CSV).status()).isEqualTo(200);
  }

  private static void assertProblem(Response r, int status, String field, String problem) throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode p = r.json();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    if (field != null) {
      assertThat(p.path("field").asText()).isEqualTo(field);
      assertThat(p.path("detail").asText()).startsWith(field + ": ").contains(problem);
    }
    assertThat(r.body()).doesNotContain("\tat ", "at org.", "Exception", "trace");
  }

  // ---- search ----

  @Test
  void designRequestAnswersTheRankedUnitsAboveTheFloor() throws IOException {
    Response r = search(HLA_LAB, DESIGN_REQUEST);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonNode answer = r.json();
    assertThat(answer.path("searched").asLong()).isEqualTo(5);
    assertThat(answer.path("units")).extracting(u -> u.path("bank").asText() + "/" + u.path("unitId").asText())
        .containsExactly("BJCBB/BJ-1", "GDCBB/GD-7", "SHCBB/SH-000123");
    JsonNode sh = answer.path("units").get(2);
    assertThat(JSON.writeValueAsString(sh)).isEqualTo("{\"bank\":\"SHCBB\",\"unitId\":\"SH-000123\",\"alleleMatches8\":7,"
        + "\"antigenMatches6\":6,\"mismatchedLoci\":[\"C\"],\"tncPerKgE7\":9.72,\"cd34PerKgE5\":3.13,\"unitAcceptable\":true}");
    JsonNode bj = answer.path("units").get(0);
    assertThat(bj.path("tncPerKgE7").asDouble()).isEqualTo(5.0);
    assertThat(bj.path("cd34PerKgE5").asDouble()).isEqualTo(1.5);
    assertThat(bj.path("unitAcceptable").asBoolean()).as("exactly at both thresholds").isTrue();
    JsonNode gd = answer.path("units").get(1);
    assertThat(gd.path("tncPerKgE7").asDouble()).as("4.9729... cut, never shown as 5.0").isEqualTo(4.97);
    assertThat(gd.path("unitAcceptable").asBoolean()).isFalse();
  }

  @Test
  void limitCutsTheListAndTransplantPhysicianMaySearchToo() throws IOException {
    Response r = search("transplant-physician", DESIGN_REQUEST.replace("\"limit\": 10", "\"limit\": 1"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("units")).hasSize(1);
    assertThat(search(HLA_LAB, DESIGN_REQUEST.replace(", \"limit\": 10", "")).json().path("units")).as("default limit 10")
        .hasSize(3);
  }

  @Test
  void heavierChildMakesTheSameUnitUnacceptableAndDropsUnitsBelowTheTncFloor() throws IOException {
    // 30 kg: BJ-1 TNC 9.25e8 / 30 / 1e7 = 3.08 (< 5.0): not acceptable; SH-000123 6.0 and CD34 1.93: acceptable;
    // a unit needs 1.5 x 30 x 1e7 = 4.5e8 cells to be listed: all three still are
    JsonNode units = search(HLA_LAB, DESIGN_REQUEST.replace("18.5", "30")).json().path("units");
    assertThat(units.get(0).path("unitId").asText()).isEqualTo("BJ-1");
    assertThat(units.get(0).path("unitAcceptable").asBoolean()).isFalse();
    assertThat(units.get(2).path("unitAcceptable").asBoolean()).isTrue();
    // 65 kg: 1.5 x 65 x 1e7 = 9.75e8: only SH-000123 (1.8e9) is above the floor
    assertThat(search(HLA_LAB, DESIGN_REQUEST.replace("18.5", "65")).json().path("units"))
        .extracting(u -> u.path("unitId").asText()).containsExactly("SH-000123");
  }

  @Test
  void homozygousLociMayBeGivenWithOneAlleleNullOrEmpty() throws IOException {
    String request = DESIGN_REQUEST.replace("[\"A*02:01\", \"A*11:01\"]", "[\"A*02:01\"]")
        .replace("[\"C*01:02\", \"C*07:02\"]", "[\"C*01:02\", null]")
        .replace("[\"DRB1*09:01\", \"DRB1*15:01\"]", "[\"DRB1*09:01\", \"\"]");

    Response r = search(HLA_LAB, request);

    // recipient A (02:01, 02:01), C (01:02, 01:02), DRB1 (09:01, 09:01). BJ-1: A 1 (its A*11:01 is foreign), B 2,
    // C 1 (07:02 foreign), DRB1 1 (15:01:01 foreign) -> 5/8; antigen6 A 1 + B 2 + DRB1 1 = 4. SH-000123 and GD-7
    // score the same (SH's C*08:01 is as foreign as C*07:02), so TNC decides: SH-000123, BJ-1, GD-7
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode units = r.json().path("units");
    assertThat(keys(units)).containsExactly("SHCBB/SH-000123", "BJCBB/BJ-1", "GDCBB/GD-7");
    JsonNode bj = units.get(1);
    assertThat(bj.path("alleleMatches8").asInt()).isEqualTo(5);
    assertThat(bj.path("antigenMatches6").asInt()).isEqualTo(4);
    assertThat(bj.path("mismatchedLoci")).extracting(JsonNode::asText).containsExactly("A", "C", "DRB1");
  }

  @Test
  void searchAccess() throws IOException {
    assertThat(search(null, DESIGN_REQUEST).status()).isEqualTo(401);
    assertThat(send("POST", SEARCH, "nobody-at-all", "application/json", DESIGN_REQUEST.getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(401);
    assertProblem(search("endocrinologist", DESIGN_REQUEST), 403, null, null);
    assertThat(search("endocrinologist", DESIGN_REQUEST).json().path("detail").asText()).contains("hla-lab", "transplant-physician");
    assertThat(search(ADMIN, DESIGN_REQUEST).status()).as("administrators do not search").isEqualTo(403);
    assertThat(search("endocrinologist", "{not json").status()).as("403 whatever the body").isEqualTo(403);
    assertThat(search(HLA_LAB, DESIGN_REQUEST).status()).isEqualTo(200);
    assertThat(search("transplant-physician", DESIGN_REQUEST).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      "DQB1": ["DQB1*02:01", ""]                        | typing.DQB1 | unknown locus; expected A, B, C, DRB1
      "A": ["A*02:01", "A*11:01"]                       | typing.A[0] | MALFORMED_A
      "B": ["B*4601", "B*40:01"]                        | typing.B[0] | 'B*4601' is not a WHO HLA allele name
      "B": ["B*46:01", "B*40:01:01:01:01"]              | typing.B[1] | at most four fields
      "C": ["C*01:02", "A*02:01"]                       | typing.C[1] | 'A*02:01' is an allele of locus A, not C
      "DRB1": [null, "DRB1*15:01"]                      | typing.DRB1[0] | the first allele of locus DRB1 is required
      "DRB1": ["", "DRB1*15:01"]                        | typing.DRB1[0] | the first allele of locus DRB1 is required
      "DRB1": []                                        | typing.DRB1 | must list one or two alleles
      "DRB1": ["DRB1*09:01", "DRB1*15:01", "DRB1*04:05"] | typing.DRB1 | must list one or two alleles (the second null or empty when homozygous), found 3
      "DRB1": "DRB1*09:01"                              | typing.DRB1 | must be a JSON array
      "DRB1": null                                      | typing.DRB1 | is required
      """)
  void badTypingIsABadRequestNamingTheAllele(String replacement, String field, String problem) throws IOException {
    String locus = replacement.substring(1, replacement.indexOf('"', 1));
    String request;
    if (problem.equals("MALFORMED_A")) {
      request = DESIGN_REQUEST.replace("\"A*02:01\", \"A*11:01\"", "\"a*02:01\", \"A*11:01\"");
      problem = "locus 'a' is not one of A, B, C, DRB1";
    } else if (locus.equals("DQB1")) {
      request = DESIGN_REQUEST.replace("\"C\": [", replacement + ", \"C\": [");
    } else {
      request = DESIGN_REQUEST.replaceFirst("\"" + locus + "\": \\[[^]]*]", java.util.regex.Matcher.quoteReplacement(replacement));
    }

    assertProblem(search(HLA_LAB, request), 400, field, problem);
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      {"typing": {"A": ["A*02:01"], "B": ["B*46:01"], "DRB1": ["DRB1*09:01"]}, "weightKg": 18.5}                     | typing.C  | is required
      {"weightKg": 18.5}                                                                                            | typing    | is required
      {"typing": [], "weightKg": 18.5}                                                                              | typing    | must be a JSON object
      TYPING "limit": 10}                                                                                           | weightKg  | is required (the recipient's weight in kg)
      TYPING "weightKg": 0}                                                                                         | weightKg  | must be greater than 0 (kg), was 0
      TYPING "weightKg": -18.5}                                                                                     | weightKg  | must be greater than 0 (kg), was -18.5
      TYPING "weightKg": "heavy"}                                                                                   | weightKg  | must be a number
      TYPING "weightKg": 18.5, "limit": 0}                                                                          | limit     | must be a whole number from 1 to 500, was 0
      TYPING "weightKg": 18.5, "limit": 501}                                                                        | limit     | must be a whole number from 1 to 500, was 501
      TYPING "weightKg": 18.5, "limit": 2.5}                                                                        | limit     | must be a whole number from 1 to 500, was 2.5
      TYPING "weightKg": 18.5, "limit": "ten"}                                                                      | limit     | must be a number
      TYPING "weightKG": 18.5}                                                                                      | weightKG  | unknown field
      TYPING "weightKg": 18.5, "sex": "male"}                                                                       | sex       | unknown field
      TYPING "weightKg": 18.5                                                                                       | body      | is not well-formed JSON
      [1, 2]                                                                                                        | body      | must be a JSON object
      """)
  void badRequestIsABadRequestNamingTheField(String body, String field, String problem) throws IOException {
    String typing = "{\"typing\": {\"A\": [\"A*02:01\", \"A*11:01\"], \"B\": [\"B*46:01\", \"B*40:01\"], "
        + "\"C\": [\"C*01:02\", \"C*07:02\"], \"DRB1\": [\"DRB1*09:01\", \"DRB1*15:01\"]},";
    assertProblem(search(HLA_LAB, body.replace("TYPING", typing)), 400, field, problem);
  }

  @Test
  void emptyBodyIsABadRequest() throws IOException {
    assertProblem(search(HLA_LAB, ""), 400, "body", "a JSON object with typing and weightKg is required");
  }

  // ---- inventory ----

  @Test
  void importAnswersCountsAndTheRejectedRows() throws IOException {
    String csv = INVENTORY_CSV
        + "SHCBB,SH-BAD,A*02:01,A*11:01,B*46:01,A*24:02,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.8E6,2019-04-30\n"
        + "SHCBB,SH-000123,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.8E6,2019-04-30\n"
        + "SHCBB,SH-NEXT,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.8E6,2999-01-01\n";

    Response r = putInventory(ADMIN, csv);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode answer = r.json();
    assertThat(answer.path("received").asInt()).isEqualTo(8);
    assertThat(answer.path("loaded").asInt()).isEqualTo(5);
    assertThat(answer.path("rejected").asInt()).isEqualTo(3);
    assertThat(answer.path("rejectedRowsOmitted").asInt()).isZero();
    JsonNode rows = answer.path("rejectedRows");
    assertThat(rows).extracting(n -> n.path("row").asInt()).containsExactly(7, 8, 9);
    assertThat(rows).extracting(n -> n.path("unitId").asText()).containsExactly("SH-BAD", "SH-000123", "SH-NEXT");
    assertThat(rows.get(0).path("reason").asText()).isEqualTo("B2: 'A*24:02' is an allele of locus A, not B");
    assertThat(rows.get(1).path("reason").asText()).startsWith("duplicate of row 2");
    assertThat(rows.get(2).path("reason").asText()).isEqualTo("collectionDate 2999-01-01 is in the future");
    assertThat(rows.get(0).path("bank").asText()).isEqualTo("SHCBB");
    assertThat(search(HLA_LAB, DESIGN_REQUEST).json().path("searched").asInt()).isEqualTo(5);
  }

  @Test
  void everyImportIsInTheAuditLogWithTheFilesHashTheCountsAndTheVersion() throws Exception {
    String csv = INVENTORY_CSV
        + "SHCBB,SH-BAD,A*02:01,A*11:01,B*46:01,A*24:02,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,5.8E6,2019-04-30\n";
    long before = auditRows("inventory-replaced");

    Response r = putInventory(ADMIN, csv);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Map<String, Object> record = jdbc.queryForMap("SELECT ACTOR, ENTITY, ENTITY_ID, CHANGES FROM UCBI_AUDIT_LOG"
        + " WHERE EVENT_TYPE = 'inventory-replaced' ORDER BY ID DESC LIMIT 1");
    assertThat(auditRows("inventory-replaced")).isEqualTo(before + 1);
    assertThat(record.get("ACTOR")).isEqualTo(ADMIN);
    assertThat(record.get("ENTITY")).isEqualTo("cord-blood-inventory");
    assertThat(record.get("ENTITY_ID")).isEqualTo(r.json().path("version").asText());
    JsonNode changes = JSON.readTree((String) record.get("CHANGES"));
    assertThat(changes.path("received").asInt()).isEqualTo(6);
    assertThat(changes.path("loaded").asInt()).isEqualTo(5);
    assertThat(changes.path("rejected").asInt()).isEqualTo(1);
    assertThat(changes.path("fileSha256").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8))));

    long refusedBefore = auditRows("inventory-refused");
    assertProblem(putInventory(ADMIN, ""), 400, "body", "is empty");
    assertThat(auditRows("inventory-refused")).as("a refused import is recorded too").isEqualTo(refusedBefore + 1);
    assertThat(jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE EVENT_TYPE = 'inventory-refused' ORDER BY ID DESC"
        + " LIMIT 1", String.class)).contains("\"reason\"");
  }

  private long auditRows(String eventType) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM UCBI_AUDIT_LOG WHERE EVENT_TYPE = ?", Long.class, eventType);
  }

  @Test
  void listedRejectionsAreCapped() throws IOException {
    StringBuilder csv = new StringBuilder(INVENTORY_CSV);
    for (int i = 0; i < 130; i++) {
      csv.append("SHCBB,BAD-").append(i).append(",A*02:01,,B*46:01,,C*01:02,,DRB1*09:01,,-1,1,2019-04-30\n");
    }

    JsonNode answer = putInventory(ADMIN, csv.toString()).json();

    assertThat(answer.path("rejected").asInt()).isEqualTo(130);
    assertThat(answer.path("rejectedRows")).hasSize(100);
    assertThat(answer.path("rejectedRowsOmitted").asInt()).isEqualTo(30);
  }

  @Test
  void unreadableFilesAreRefusedAndChangeNothing() throws IOException {
    assertProblem(putInventory(ADMIN, "bank;unitId;A1\nSHCBB;SH-1;A*02:01\n"), 400, "header", "the first row must be");
    assertProblem(putInventory(ADMIN, ""), 400, "body", "is empty");
    byte[] latin1 = (InventoryCsv.HEADER + "\nSHCBB,SH-\u00e9,A*02:01,,B*46:01,,C*01:02,,DRB1*09:01,,1.8E9,5.8E6,2019-04-30\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertProblem(send("PUT", INVENTORY, ADMIN, TEXT_CSV, latin1), 400, "body", "is not UTF-8 text");
    Response allRejected = putInventory(ADMIN, InventoryCsv.HEADER + "\nSHCBB,SH-9,A*2:01,,B*46:01,,C*01:02,,DRB1*09:01,,1E9,1E6,2019-01-01\n");
    assertProblem(allRejected, 400, "body", "every one of the 1 data rows was rejected; the inventory is unchanged");
    assertThat(allRejected.json().path("rejectedRows").get(0).path("row").asInt()).isEqualTo(2);

    assertThat(search(HLA_LAB, DESIGN_REQUEST).json().path("units")).as("the known inventory is still searched").hasSize(3);
  }

  @Test
  void onlyCsvIsAccepted() throws IOException {
    Response json = send("PUT", INVENTORY, ADMIN, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertProblem(json, 415, null, null);
    assertThat(json.json().path("detail").asText()).contains("text/csv");
    assertThat(send("PUT", INVENTORY, ADMIN, "text/csv; charset=ISO-8859-1", INVENTORY_CSV.getBytes(StandardCharsets.UTF_8))
        .status()).isEqualTo(415);
    assertThat(send("PUT", INVENTORY, ADMIN, "text/csv; charset=UTF-8", INVENTORY_CSV.getBytes(StandardCharsets.UTF_8))
        .status()).isEqualTo(200);
  }

  @Test
  void inventoryAccess() throws IOException {
    assertThat(putInventory(null, INVENTORY_CSV).status()).isEqualTo(401);
    assertProblem(putInventory(HLA_LAB, INVENTORY_CSV), 403, null, null);
    assertThat(putInventory(HLA_LAB, INVENTORY_CSV).json().path("detail").asText()).contains("camunda-admin");
    assertThat(putInventory("transplant-physician", INVENTORY_CSV).status()).isEqualTo(403);
    assertThat(putInventory("auditor", "garbage").status()).as("403 whatever the body").isEqualTo(403);
    assertThat(putInventory(ADMIN, INVENTORY_CSV).status()).isEqualTo(200);
  }

  static List<String> keys(JsonNode units) {
    return java.util.stream.StreamSupport.stream(units.spliterator(), false)
        .map(u -> u.path("bank").asText() + "/" + u.path("unitId").asText()).toList();
  }
}

package org.ucbislet.forms;

import org.ucbislet.clinical.FieldViolation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared clinical date rules and the consent rule on their own (no engine). */
class ClinicalRulesTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 3, 10);
  private static final ZoneId ZONE = ZoneOffset.UTC;
  private static final ClinicalRules RULES = ClinicalRules.PROTOCOL_DEFAULTS;

  private static List<FieldViolation> check(List<String> submitted, Map<String, Object> values) {
    return RULES.check(submitted, values, Map.of("dateOfBirth", "Date of birth"), TODAY, ZONE);
  }

  @Test
  void dateOfBirthInTheFutureIsRefusedNamingTheField() {
    List<FieldViolation> v = check(List.of("dateOfBirth"), Map.of("dateOfBirth", "2027-03-11"));
    assertThat(v).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("dateOfBirth");
      assertThat(f.problem()).contains("must not be in the future").contains("2027-03-11");
    });
    assertThat(check(List.of("dateOfBirth"), Map.of("dateOfBirth", "2027-03-10"))).isEmpty();
  }

  @Test
  void childOf18AtReferralIsRefusedAndOneDayShortOf18IsAccepted() {
    Map<String, Object> v = new HashMap<>(Map.of("dateOfBirth", "2009-03-01", "referralDate", "2027-03-01"));
    assertThat(check(List.of("dateOfBirth", "referralDate"), v)).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("dateOfBirth");
      assertThat(f.problem()).contains("18 years old at referral on 2027-03-01").contains("under 18");
    });
    v.put("dateOfBirth", "2009-03-02");
    assertThat(check(List.of("dateOfBirth", "referralDate"), v)).isEmpty();
  }

  @Test
  void withoutAReferralDateTheAgeIsTakenToday() {
    assertThat(check(List.of("dateOfBirth"), Map.of("dateOfBirth", "2009-03-10"))).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("at referral on 2027-03-10"));
    assertThat(check(List.of("dateOfBirth"), Map.of("dateOfBirth", "2009-03-11"))).isEmpty();
  }

  @Test
  void configuredAgeLimitApplies() {
    ClinicalRules sixteen = new ClinicalRules(16);
    assertThat(sixteen.check(List.of("dateOfBirth"), Map.of("dateOfBirth", "2010-03-01"), Map.of(), TODAY, ZONE))
        .singleElement().satisfies(f -> assertThat(f.problem()).contains("under 16"));
  }

  @Test
  void referralBeforeBirthIsRefused() {
    assertThat(check(List.of("referralDate"), Map.of("dateOfBirth", "2015-03-01", "referralDate", "2015-02-28")))
        .singleElement().satisfies(f -> assertThat(f.problem()).isEqualTo("must not be before dateOfBirth 2015-03-01, was 2015-02-28"));
  }

  @Test
  void cordBloodInfusionMayNotPrecedeTheThawNorLieInTheFuture() {
    Map<String, Object> v = new HashMap<>(Map.of("thawDate", "2027-03-05", "cordBloodInfusionDate", "2027-03-04"));
    assertThat(check(List.of("cordBloodInfusionDate"), v)).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("must not be before thawDate 2027-03-05"));
    v.put("cordBloodInfusionDate", "2027-03-11");
    assertThat(check(List.of("cordBloodInfusionDate"), v)).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("must not be in the future (today 2027-03-10)"));
    v.put("cordBloodInfusionDate", "2027-03-05");
    assertThat(check(List.of("cordBloodInfusionDate"), v)).isEmpty();
  }

  @Test
  void isletInfusionMayNotPrecedeTheMdtGoNorTheCordBloodInfusion() {
    Map<String, Object> v = new HashMap<>(Map.of("cordBloodInfusionDate", "2026-01-10", "isletInfusionGoDate", "2027-03-01",
        "infusionDate", "2027-02-28"));
    assertThat(check(List.of("infusionDate"), v)).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("must not be before isletInfusionGoDate 2027-03-01"));
    v.remove("isletInfusionGoDate");
    v.put("infusionDate", "2026-01-09");
    assertThat(check(List.of("infusionDate"), v)).singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("must not be before cordBloodInfusionDate 2026-01-10"));
  }

  @Test
  void visitAndResultDatesFollowTheirEvent() {
    assertThat(check(List.of("visitDate"), Map.of("followUpAnchorDate", "2027-01-01", "visitDate", "2026-12-31")))
        .singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("visitDate"));
    assertThat(check(List.of("chimerismResultDate"), Map.of("chimerismSampleDate", "2027-03-02",
        "chimerismResultDate", "2027-03-01"))).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("chimerismResultDate"));
    assertThat(check(List.of("mmttDate"), Map.of("infusionDate", "2027-03-02", "mmttDate", "2027-03-01"))).hasSize(1);
  }

  @Test
  void datesHeldAsInstantsAreComparedAsCalendarDatesInTheClinicalZone() {
    Date thawed = Date.from(LocalDate.of(2027, 3, 5).atStartOfDay(ZONE).toInstant());
    assertThat(check(List.of("cordBloodInfusionDate"), Map.of("thawDate", thawed, "cordBloodInfusionDate", "2027-03-05"))).isEmpty();
  }

  @Test
  void plannedDatesMayLieInTheFutureButNotBeforeTheirEvent() {
    assertThat(check(List.of("plannedInfusionDate"), Map.of("conditioningStartDate", "2027-03-09",
        "plannedInfusionDate", "2027-03-16"))).isEmpty();
    assertThat(check(List.of("plannedInfusionDate"), Map.of("conditioningStartDate", "2027-03-09",
        "plannedInfusionDate", "2027-03-08"))).hasSize(1);
  }

  @Test
  void onlySubmittedFieldsAreCheckedAndUnknownOrMalformedValuesAreLeftToTheFormRules() {
    assertThat(check(List.of("visitDate"), Map.of("dateOfDeath", "2099-01-01", "visitDate", "2027-03-01"))).isEmpty();
    assertThat(check(List.of("notADate", "visitDate"), Map.of("notADate", "2099-01-01", "visitDate", "01/03/2027"))).isEmpty();
  }

  @Test
  void everyDateFieldOfEveryFormIsCoveredByTheRuleSet() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
      for (var file : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        for (var c : root.findParents("type")) {
          if ("datetime".equals(c.path("type").asText()) && !c.path("readonly").asBoolean(false)) {
            assertThat(ClinicalDateRules.rule(c.path("key").asText())).as(file + " " + c.path("key").asText()).isPresent();
          }
        }
      }
    }
  }

  // consent

  private static Map<String, Object> consent() {
    Map<String, Object> v = new HashMap<>();
    v.put("consentObtained", true);
    v.put("guardianConsentSigned", true);
    v.put("childAssent", "obtained");
    v.put("consentDate", "2027-03-01");
    v.put("consentFormVersion", "v2.1");
    return v;
  }

  private static final List<String> CONSENT_FORM = List.of("consentDate", "consentFormVersion", "guardianConsentSigned",
      "childAssent", "consentObtained");

  @Test
  void completeConsentPasses() {
    assertThat(check(CONSENT_FORM, consent())).isEmpty();
    Map<String, Object> v = consent();
    v.put("childAssent", "not-age-appropriate");
    assertThat(check(CONSENT_FORM, v)).isEmpty();
  }

  @Test
  void consentWithoutTheGuardiansSignatureIsRefused() {
    Map<String, Object> v = consent();
    v.put("guardianConsentSigned", false);
    assertThat(check(CONSENT_FORM, v)).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("guardianConsentSigned");
      assertThat(f.problem()).contains("no consent without the guardian's signature");
    });
  }

  @Test
  void consentWithTheChildsAssentDeclinedIsRefused() {
    Map<String, Object> v = consent();
    v.put("childAssent", "declined");
    assertThat(check(CONSENT_FORM, v)).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("consentObtained");
      assertThat(f.problem()).contains("a declined assent means no consent");
    });
  }

  @Test
  void consentWithoutDateOrFormVersionIsRefusedNamingBoth() {
    Map<String, Object> v = consent();
    v.remove("consentDate");
    v.put("consentFormVersion", " ");
    assertThat(check(CONSENT_FORM, v)).extracting(FieldViolation::field).containsExactly("consentDate", "consentFormVersion");
  }

  @Test
  void declinedConsentNeedsNoSignature() {
    assertThat(check(CONSENT_FORM, Map.of("consentObtained", false, "guardianConsentSigned", false,
        "childAssent", "declined"))).isEmpty();
  }

  @Test
  void stage2ConsentFollowsTheSameRule() {
    Map<String, Object> v = Map.of("isletConsentObtained", true, "isletGuardianConsentSigned", true,
        "isletChildAssent", "declined", "isletConsentDate", "2027-03-01", "isletConsentFormVersion", "v1");
    assertThat(check(List.of("isletConsentObtained"), v)).extracting(FieldViolation::field).containsExactly("isletConsentObtained");
  }
}

package org.ucbislet.forms;

import org.ucbislet.clinical.FieldViolation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ucbislet.screening.AgeCalculator;
import org.ucbislet.clinical.ClinicalDates;

/**
 * The one rule set for clinical dates, applied to every form submission (and callable by any other
 * path that records dates, such as messages and corrections): a date that has happened may not lie in
 * the future nor before the event it follows, and a child must be under 18 at referral (protocol
 * inclusion criterion "under 18", the same limit the {@code eligibility} decision applies later).
 *
 * <p>Rules are keyed by variable name, so a field means the same wherever it appears ({@code visitDate}
 * in every follow-up form, {@code infusionDate} in both islet infusion forms). A date "follows" every
 * listed predecessor that is already recorded for the child; predecessors not yet recorded are skipped.
 * Planned dates (a planned day 0, an arranged visit, a re-evaluation day) may lie in the future.
 *
 * <p>Plain Java, no Camunda imports. See docs/clinical-safety.md.
 */
public final class ClinicalDateRules {

  /** Whether a date may lie in the future and which recorded dates it may not precede. */
  public record DateRule(String field, boolean planned, List<String> notBefore) {
  }

  private static final Map<String, DateRule> RULES = new LinkedHashMap<>();

  static {
    // screening
    done("dateOfBirth");
    done("referralDate", "dateOfBirth");
    done("workUpDate", "referralDate", "dateOfBirth");
    done("consentDate", "referralDate", "dateOfBirth");
    done("isletConsentDate", "cordBloodInfusionDate", "referralDate");
    done("psychologicalAssessmentDate", "referralDate", "dateOfBirth");
    done("mdtMeetingDate", "referralDate", "dateOfBirth");
    // stage 1: cord blood transplant
    done("hlaTypingDate", "referralDate", "dateOfBirth");
    done("noSuitableUnitDecisionDate", "referralDate");
    done("preTransplantEvaluationDate", "referralDate");
    done("centralVenousCatheterDate", "referralDate");
    planned("preTransplantReevaluationDate", "preTransplantEvaluationDate");
    done("notClearedDecisionDate", "preTransplantEvaluationDate", "referralDate");
    done("laminarFlowAdmissionDate", "preTransplantEvaluationDate", "referralDate");
    done("conditioningStartDate", "laminarFlowAdmissionDate", "referralDate");
    planned("plannedInfusionDate", "conditioningStartDate");
    done("prophylaxisStartDate", "referralDate");
    done("thawDate", "conditioningStartDate", "referralDate");
    done("cordBloodInfusionDate", "thawDate", "conditioningStartDate", "referralDate");
    done("countDate", "referralDate"); // counts from before day 0 (the nadir) are recorded too
    done("chimerismSampleDate", "cordBloodInfusionDate");
    done("chimerismResultDate", "chimerismSampleDate", "cordBloodInfusionDate");
    done("chimerismChaseDate", "chimerismSampleDate", "cordBloodInfusionDate");
    done("gvhdAssessmentDate", "cordBloodInfusionDate");
    done("gvhdTreatmentStartDate", "gvhdAssessmentDate", "cordBloodInfusionDate");
    done("delayedEngraftmentReviewDate", "cordBloodInfusionDate");
    done("primaryGraftFailureReviewDate", "cordBloodInfusionDate");
    done("repeatChimerismSampleDate", "chimerismSampleDate", "cordBloodInfusionDate");
    done("graftFailureDecisionDate", "cordBloodInfusionDate");
    done("immunePanelDate", "cordBloodInfusionDate");
    done("immuneStabilityReviewDate", "cordBloodInfusionDate");
    // stage 1 (5): discharge from the laminar-flow unit, handover to the outpatient clinic (issue 18 item 7)
    done("dischargeAssessmentDate", "neutrophilEngraftmentDate", "cordBloodInfusionDate");
    planned("dischargeReassessmentDate", "dischargeAssessmentDate");
    done("laminarFlowDischargeDate", "laminarFlowAdmissionDate", "neutrophilEngraftmentDate", "cordBloodInfusionDate");
    planned("outpatientFirstVisitDate", "laminarFlowDischargeDate");
    // moderate or severe chronic GVHD (issue 18 item 7)
    done("chronicGvhdReviewDate", "immunePanelDate", "cordBloodInfusionDate");
    done("chronicGvhdTreatmentStartDate", "immunePanelDate", "cordBloodInfusionDate");
    // stage 2: islet transplant
    done("candidacyReviewDate", "cordBloodInfusionDate");
    done("isletInfusionGoDate", "cordBloodInfusionDate");
    done("weightDate", "dateOfBirth"); // a weighing (weightKg + weightDate); its maximum age is the dosing-weight rule
    done("basiliximabGivenAt", "isletInfusionGoDate", "cordBloodInfusionDate");
    done("infusionDate", "isletInfusionGoDate", "cordBloodInfusionDate");
    done("immunosuppressionStartDate", "cordBloodInfusionDate");
    done("troughSampleDate", "infusionDate", "immunosuppressionStartDate", "cordBloodInfusionDate");
    done("glucoseReviewDate", "infusionDate");
    done("bleedingCheckDate", "infusionDate");
    done("mmttDate", "infusionDate");
    done("furtherInfusionDecisionDate", "infusionDate");
    // tacrolimus troughs after the islet transplant's own schedule (issue 18 item 7)
    done("immunosuppressionEndDate", "infusionDate", "lastIsletInfusionDate", "cordBloodInfusionDate");
    // weighings (any form: weightKg with weightDate; DosingWeight)
    done("weightDate", "dateOfBirth");
    // follow-up
    done("visitDate", "followUpAnchorDate", "dateOfBirth");
    planned("overdueVisitNewDate", "followUpAnchorDate");
    // safety, withdrawal, death
    done("aeOnsetDate", "dateOfBirth");
    done("aeAwarenessDate", "aeOnsetDate");
    done("aeOutcomeDate", "aeOnsetDate");
    done("saeInitialReportDate", "aeOnsetDate");
    done("expeditedReportDate", "aeOnsetDate");
    done("completeReportDate", "expeditedReportDate");
    done("saeReviewDate", "aeOnsetDate");
    done("transferDate", "aeOnsetDate");
    done("withdrawalDate", "referralDate", "dateOfBirth");
    done("dateOfDeath", "dateOfBirth");
    done("discardDate");
  }

  private ClinicalDateRules() {
  }

  private static void done(String field, String... notBefore) {
    RULES.put(field, new DateRule(field, false, List.of(notBefore)));
  }

  private static void planned(String field, String... notBefore) {
    RULES.put(field, new DateRule(field, true, List.of(notBefore)));
  }

  /** The rule of a variable, if it is a clinical date this rule set knows. */
  public static Optional<DateRule> rule(String field) {
    return Optional.ofNullable(RULES.get(field));
  }

  /** Every variable the rule set covers. */
  public static Collection<String> fields() {
    return List.copyOf(RULES.keySet());
  }

  /**
   * Checks the submitted date fields against the rules.
   *
   * @param submitted the variables the submission sets (a form's input fields, a message's variables)
   * @param values every variable of the child visible to the submission, after it is applied
   * @param labels display labels by variable (may lack entries)
   * @param today the clinical "today" (engine clock in the clinical time zone)
   * @param zone the clinical time zone, for dates held as instants
   * @param maxAgeAtReferralYears a child of this age or older at referral is refused
   */
  public static List<FieldViolation> check(Collection<String> submitted, Map<String, Object> values,
                                           Map<String, String> labels, LocalDate today, ZoneId zone,
                                           double maxAgeAtReferralYears) {
    List<FieldViolation> violations = new ArrayList<>();
    for (String field : submitted) {
      DateRule rule = RULES.get(field);
      LocalDate date = date(values.get(field), zone);
      if (rule == null || date == null) {
        continue; // unknown field, or an absent or malformed value (the form's own type rule names that)
      }
      String label = labels.get(field);
      if (!rule.planned() && date.isAfter(today)) {
        violations.add(new FieldViolation(field, label, "must not be in the future (today " + today + "), was " + date));
        continue;
      }
      for (String predecessor : rule.notBefore()) {
        LocalDate before = date(values.get(predecessor), zone);
        if (before != null && date.isBefore(before)) {
          violations.add(new FieldViolation(field, label,
              "must not be before " + predecessor + " " + before + ", was " + date));
          break;
        }
      }
    }
    if (submitted.contains("dateOfBirth")) {
      LocalDate born = date(values.get("dateOfBirth"), zone);
      LocalDate referred = date(values.get("referralDate"), zone);
      LocalDate at = referred == null ? today : referred;
      if (born != null && !born.isAfter(today) && !at.isBefore(born)
          && AgeCalculator.ageYears(born, at) >= maxAgeAtReferralYears) {
        violations.add(new FieldViolation("dateOfBirth", labels.get("dateOfBirth"),
            "makes the child " + (int) Math.floor(AgeCalculator.ageYears(born, at)) + " years old at referral on " + at
                + " (inclusion: under " + fmt(maxAgeAtReferralYears) + " years), was " + born));
      }
    }
    return violations;
  }

  private static String fmt(double years) {
    return years == Math.rint(years) ? String.valueOf((long) years) : String.valueOf(years);
  }

  private static LocalDate date(Object value, ZoneId zone) {
    try {
      return ClinicalDates.toLocalDate(value, zone);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

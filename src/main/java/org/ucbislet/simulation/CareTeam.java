package org.ucbislet.simulation;

import static org.ucbislet.cordblood.CordBloodSearchVariables.*;
import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;
import static org.ucbislet.followup.FollowUpVariables.*;
import static org.ucbislet.isletisolation.IsletIsolationVariables.*;
import static org.ucbislet.islettransplant.IsletTransplantVariables.*;
import static org.ucbislet.safety.AdverseEventVariables.*;
import static org.ucbislet.screening.ScreeningVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.islettransplant.IsletTransplantVariables;
import org.ucbislet.safety.AdverseEventReviewVariables;
import org.ucbislet.safety.ClinicalEvent;
import org.ucbislet.screening.OrganDamage;

/**
 * What each group submits for an open task of a synthetic child, drawn from {@link CohortParameters} and the child's own
 * random stream: the values a clinician would type into the task's Camunda Form (the server checks them as it checks a
 * person's). An answer can also be "not yet" (a count day, the thaw on the planned infusion day, a result that has not
 * come back) or "never" (a visit nobody attends: the window closes and the follow-up records the deviation).
 */
final class CareTeam {

  /** The values to submit; or, without values, the time to look again ({@code null}: never, the task stays open). */
  record Answer(Map<String, Object> values, Instant lookAgainAt) {
    static Answer submit(Map<String, Object> values) {
      return new Answer(values, null);
    }

    static Answer notBefore(Instant when) {
      return new Answer(null, when);
    }

    static Answer never() {
      return new Answer(null, null);
    }
  }

  /** What the care team sees of the engine and the calendar while it answers. */
  interface Desk {
    Instant now();

    LocalDate today();

    Instant atNine(LocalDate day);

    Object variable(String taskId, String name);

    /** Something that happens at a time (a laboratory result, a message): run by the simulator at that time. */
    void at(Instant when, String what, Runnable action);

    /** Delivers a chimerism result as the HLA laboratory does in Tasklist ("Record a chimerism result"). */
    void deliverChimerismResult(String subjectId, double donorPercent, LocalDate resultDate);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ORGANS = List.of("Skin", "Mouth", "Eyes", "Gi", "Liver", "Lung", "JointsFascia",
      "Genital");
  /** Daily counts on the neutrophil engraftment day and the next two days (x 10^9/L). */
  private static final double[] RECOVERING_ANC = {0.6, 0.7, 0.9};
  /** The version of the (synthetic) trial's consent form the simulated guardians sign. */
  static final String CONSENT_FORM_VERSION = "v2.1 2026-06-01";
  static final String ISLET_CONSENT_FORM_VERSION = "islet v1.0 2026-09-01";

  private final CohortParameters p;
  private final Desk desk;
  /** The islet laboratory's own random stream (isolations belong to no child). */
  private final SplittableRandom islets;
  /** Height and weight along the WHO references: every weighing is sent with its date. */
  private final SimulatedGrowth growth = new SimulatedGrowth(org.ucbislet.followup.WhoGrowthReference.fromClasspath());

  CareTeam(CohortParameters parameters, Desk desk) {
    this.p = parameters;
    this.desk = desk;
    this.islets = new SplittableRandom(parameters.getSeed() ^ 0x151e75L);
  }

  /** The answer of the task's group; {@code child} is null for the islet laboratory's isolation tasks. */
  Answer answer(String taskKey, String taskId, String processInstanceId, ChildState child) {
    return switch (taskKey) {
      // screening
      case TASK_WORK_UP -> Answer.submit(workUp(child));
      case TASK_CONSENT -> Answer.submit(consent(!child.draw(p.getConsentDeclined())));
      case TASK_PSYCHOLOGICAL -> Answer.submit(Map.of(PSYCHOLOGICALLY_FIT,
          !child.draw(p.getPsychologicallyUnfit()), "psychologicalAssessmentDate", today()));
      case TASK_MDT -> Answer.submit(Map.of(MDT_APPROVED_TRANSPLANT, !child.draw(p.getMdtDeclines()),
          "mdtMeetingDate", today(), "mdtRationale", "Indications and contraindications reviewed"));
      // stage 1
      case TASK_RECORD_HLA_TYPING -> Answer.submit(hlaTyping(child));
      case TASK_DECIDE_NO_SUITABLE_UNIT -> Answer.submit(noSuitableUnit(taskId, child));
      case TASK_SELECT_CORD_BLOOD_UNITS -> Answer.submit(selectUnits(taskId));
      case TASK_PRE_TRANSPLANT_EVALUATION -> Answer.submit(preTransplant(child));
      // weigh-first tasks (the dosing weight was older than ucbi.dosing-weight.max-age-days): weighed that day
      case TASK_WEIGH_BEFORE_SEARCH, TASK_WEIGH_FOR_CELL_DOSE, TASK_WEIGH_BEFORE_GRAFT_FAILURE_DECISION, "Task_WeighChild" -> Answer.submit(weighing(child));
      case TASK_DECIDE_NOT_CLEARED -> {
        boolean noTransplant = child.draw(p.getNotClearedNoTransplant());
        yield Answer.submit(Map.of(NOT_CLEARED_DECISION, noTransplant ? NOT_CLEARED_NO_TRANSPLANT : NOT_CLEARED_REEVALUATE,
            NOT_CLEARED_DECISION_DATE, today(), NOT_CLEARED_DECISION_REASON, noTransplant
                ? "Infection not controlled; the risk of conditioning outweighs the expected benefit"
                : "Treat the infection and re-evaluate on the day proposed"));
      }
      case TASK_ADMIT_LAMINAR_FLOW -> Answer.submit(Map.of(LAMINAR_FLOW_ADMISSION_DATE, today(),
          LAMINAR_FLOW_ROOM, "LAF-" + (1 + child.random.nextInt(6))));
      case TASK_START_CONDITIONING -> Answer.submit(Map.of(CONDITIONING_REGIMEN, "bu-flu-atg",
          CONDITIONING_INTENSITY, "myeloablative", CONDITIONING_START_DATE, today(),
          PLANNED_INFUSION_DATE, desk.today().plusDays(8).toString()));
      case TASK_START_PROPHYLAXIS -> Answer.submit(Map.of(PROPHYLAXIS_START_DATE, today(),
          ANTIBACTERIAL_PROPHYLAXIS, true, ANTIVIRAL_PROPHYLAXIS, true, ANTIFUNGAL_PROPHYLAXIS, true,
          THERAPEUTIC_DRUG_MONITORING, true, GVHD_PROPHYLAXIS_REGIMEN, "csa-mmf"));
      case TASK_THAW_UNIT -> thaw(taskId, child);
      case TASK_REVIEW_POST_THAW_FAILURE -> Answer.submit(Map.of(POST_THAW_FAILURE_DECISION,
          number(desk.variable(taskId, BACKUP_UNITS_REMAINING)) > 0 ? "switch-to-backup" : "exceptional-release",
          POST_THAW_FAILURE_JUSTIFICATION, "Post-thaw viability below the release criteria, backup unit checked",
          TRANSPLANT_PROGRAMME_NOTIFIED, true));
      case TASK_INFUSE_CORD_BLOOD -> Answer.submit(Map.of(CORD_BLOOD_INFUSION_DATE, today(),
          INFUSION_REACTION, "none"));
      case TASK_RECORD_BLOOD_COUNTS -> neutrophilCount(taskId, child);
      case TASK_RECORD_PLATELET_COUNTS -> plateletCount(taskId, child);
      case TASK_REVIEW_DELAYED_ENGRAFTMENT -> Answer.submit(Map.of(DELAYED_ENGRAFTMENT_REVIEW_DATE, today(),
          DELAYED_ENGRAFTMENT_ASSESSMENT, "No neutrophil recovery by day +28; G-CSF started, backup unit alerted",
          GCSF_STARTED, true, BACKUP_BANK_ALERTED, true));
      case "Task_ConfirmPrimaryGraftFailure" -> primaryGraftFailureReview(taskId, child);
      case "Task_ReviewChimerismLoss" -> Answer.submit(chimerismLossReview(child));
      case "Task_DecideAfterGraftFailure" -> Answer.submit(graftFailureDecision(taskId, child));
      case TASK_DISPATCH_CHIMERISM_SAMPLE -> Answer.submit(dispatchChimerism(child));
      case TASK_CHASE_CHIMERISM_RESULT -> Answer.submit(chaseChimerism(child));
      case TASK_STAGE_ACUTE_GVHD -> Answer.submit(acuteGvhdStages(taskId, child));
      case TASK_TREAT_ACUTE_GVHD -> Answer.submit(Map.of(GVHD_TREATMENT_START_DATE, today(),
          GVHD_TREATMENT, "Methylprednisolone 2 mg/kg/day"));
      case TASK_RECORD_IMMUNE_PANEL, TASK_RECORD_FURTHER_IMMUNE_PANEL -> Answer.submit(immunePanel(child));
      case TASK_ASSESS_DISCHARGE -> Answer.submit(discharge(child));
      case TASK_DISPATCH_FURTHER_CHIMERISM_SAMPLE -> Answer.submit(dispatchChimerism(child));
      case TASK_CHASE_FURTHER_CHIMERISM_RESULT -> Answer.submit(chaseChimerism(child));
      case TASK_REVIEW_FURTHER_CHIMERISM_LOSS -> Answer.submit(chimerismLossReview(child));
      case TASK_TREAT_CHRONIC_GVHD, TASK_TREAT_FURTHER_CHRONIC_GVHD -> Answer.submit(chronicGvhdTreatment());
      case TASK_CONFIRM_IMMUNE_STABILITY -> Answer.submit(immuneStability(child));
      // the islet laboratory
      case TASK_PROCURE -> Answer.submit(procure());
      case TASK_TRIM -> Answer.submit(Map.of("trimmedPancreasWeightG", 70L + islets.nextInt(20),
          "capsuleIntact", true));
      case TASK_DIGEST -> digest(taskId);
      case TASK_COLLECT -> Answer.submit(Map.of("digestVolumeMl", 1800L, "digestPelletMl", 14.0));
      case TASK_PURIFY -> Answer.submit(Map.of("gradientType", "continuous", "gradientDensities", "1.077/1.100",
          "purifiedFractions", 12L));
      case TASK_COUNT -> Answer.submit(isletCounts());
      case TASK_RELEASE_TESTS -> Answer.submit(releaseTests());
      case TASK_DECIDE_RELEASE -> Answer.submit(Map.of(RELEASE_APPROVED, true,
          "releaseDecisionNotes", "Certificate of analysis checked"));
      case TASK_DISCARD -> Answer.submit(Map.of(DISCARD_REASON, "Product not released or no recipient",
          "discardDate", today()));
      // stage 2
      case TASK_REVIEW_CANDIDACY -> {
        Map<String, Object> v = weighing(child);
        v.putAll(Map.of(STILL_ISLET_CANDIDATE, !child.draw(1 - p.getStillIsletCandidate()), CANDIDACY_REVIEW_DATE,
            today(), CANDIDACY_REVIEW_RATIONALE, "Indication reviewed while waiting for islets"));
        yield Answer.submit(v);
      }
      case TASK_DECIDE_ISLET_INFUSION -> Answer.submit(Map.of(ISLET_INFUSION_GO, true, ISLET_INFUSION_GO_DATE, today(),
          ISLET_INFUSION_GO_RATIONALE, "Stable immune function, no intercurrent infection",
          IsletTransplantVariables.WEIGHT_KG, number(desk.variable(taskId, IsletTransplantVariables.WEIGHT_KG)),
          IsletTransplantVariables.WEIGHT_DATE, today()));
      case TASK_ADMINISTER_BASILIXIMAB -> Answer.submit(Map.of(BASILIXIMAB_GIVEN_MG,
          number(desk.variable(taskId, BASILIXIMAB_DOSE_MG)), BASILIXIMAB_GIVEN_AT, desk.now().toString()));
      case TASK_PUNCTURE_PORTAL_VEIN -> Answer.submit(puncture(child));
      case TASK_DECIDE_PORTAL_ACCESS -> Answer.submit(Map.of(PORTAL_ACCESS_DECISION,
          child.draw(p.getOpenInjectionAfterFailedPuncture()) ? "open-injection" : ACCESS_POSTPONE,
          PORTAL_ACCESS_RATIONALE, "Percutaneous access not possible"));
      case TASK_INJECT_OPEN_PORTAL_VEIN -> Answer.submit(openInjection(taskId));
      case TASK_INFUSE_ISLETS -> Answer.submit(infuseIslets(taskId, child));
      case TASK_REVIEW_STOPPED_INFUSION -> Answer.submit(Map.of(PORTAL_VEIN_DOPPLER_ORDERED, true,
          STOPPED_INFUSION_ASSESSMENT, "Pressure rise above the limit; Doppler ordered, remaining islets not given"));
      case TASK_EMBOLISE_TRACT -> Answer.submit(Map.of(STEEL_COIL_PLACED, true, GELATIN_SPONGE_PLACED, true));
      case TASK_START_IMMUNOSUPPRESSION -> Answer.submit(Map.of(IMMUNOSUPPRESSION_START_DATE, today(),
          TACROLIMUS_DOSE_MG_PER_DAY, 4.0, MYCOPHENOLATE_DOSE_MG_BID, 600L, ANTICOAGULATION_CONTINUED, true));
      case TASK_BASILIXIMAB_SECOND_DOSE -> Answer.submit(Map.of(BASILIXIMAB_SECOND_DOSE_GIVEN, true,
          BASILIXIMAB_SECOND_DOSE_MG, number(desk.variable(taskId, BASILIXIMAB_DOSE_MG))));
      case TASK_TAPER_IMMUNOSUPPRESSION -> Answer.submit(Map.of(TACROLIMUS_DOSE_MG_PER_DAY, 3.0,
          MYCOPHENOLATE_DOSE_MG_BID, 500L, TAPER_NOTE, "Target 6-8 ng/mL"));
      case TASK_RECORD_TROUGH -> Answer.submit(trough(taskId, child));
      case ProtocolVariables.TASK_RECORD_LONG_TERM_TROUGH -> Answer.submit(longTermTrough(taskId, child));
      case ProtocolVariables.TASK_ADJUST_LONG_TERM_TACROLIMUS_DOSE -> Answer.submit(Map.of(TACROLIMUS_DOSE_MG_PER_DAY, 2.0,
          DOSE_ADJUSTMENT_NOTE, "Dose adjusted to the trough target"));
      case TASK_ADJUST_TACROLIMUS_DOSE -> Answer.submit(Map.of(TACROLIMUS_DOSE_MG_PER_DAY, 3.5,
          DOSE_ADJUSTMENT_NOTE, "Dose adjusted to the trough target"));
      case TASK_REDUCE_INSULIN -> Answer.submit(Map.of(
          GLUCOSE_REVIEW_DATE, scheduledDay(taskId, INSULIN_REVIEW_DUE_DATE), FASTING_GLUCOSE_MMOL_L, 6.1, IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.3));
      case TASK_CHECK_BLEEDING -> Answer.submit(bleedingCheck(taskId, child));
      case TASK_RECORD_ISLET_IMMUNE_PANEL -> Answer.submit(Map.of(
          IsletTransplantVariables.ISLET_IMMUNE_PANEL_DATE, scheduledDay(taskId, ISLET_IMMUNE_PANEL_DUE_DATE),
          IsletTransplantVariables.PANEL_CD3_CELLS_PER_UL, 1300L + child.random.nextInt(400),
          IsletTransplantVariables.PANEL_CD4_CELLS_PER_UL, 700L + child.random.nextInt(200), IsletTransplantVariables.PANEL_IGG_G_PER_L, 7.5));
      case TASK_MANAGE_BLEEDING_OR_THROMBOSIS -> Answer.submit(Map.of(BLEEDING_THROMBOSIS_TREATMENT, "anticoagulation",
          BLEEDING_THROMBOSIS_PLAN, "Heparin infusion, portal Doppler again in 48 h"));
      case TASK_ASSESS_GRAFT_DAY_75, TASK_ASSESS_GRAFT_DAY_365 -> Answer.submit(graftFunction(child));
      case "Task_RecordIsletConsent" -> {
        // a guardian who declines stage 2 does not sign (ConsentRules refuses the contradiction)
        boolean given = !child.draw(p.getIsletConsentDeclined());
        yield Answer.submit(Map.of("isletConsentObtained", given, "isletGuardianConsentSigned", given,
            "isletChildAssent", given ? "obtained" : "declined", "isletConsentDate", today(),
            "isletConsentFormVersion", ISLET_CONSENT_FORM_VERSION));
      }
      case TASK_DECIDE_FURTHER_INFUSION -> Answer.submit(furtherInfusion(taskId, child));
      // follow-up
      case TASK_RECORD_GLUCOSE_AND_GROWTH -> child.draw(p.getMissedVisit()) ? Answer.never()
          : Answer.submit(glucoseAndGrowth(child));
      case TASK_RECORD_MMTT_VISIT -> {
        Map<String, Object> v = glucoseAndGrowth(child);
        v.put(MMTT_PEAK_C_PEPTIDE_NG_PER_ML, 1.4);
        yield Answer.submit(v);
      }
      case TASK_RECORD_IMMUNE_FUNCTION -> Answer.submit(Map.of(VISIT_DATE, today(), CD3_CELLS_PER_UL, 1500,
          FollowUpVariables.CD4_CELLS_PER_UL, 800, IMMUNOGLOBULIN_SUBSTITUTION, false));
      case TASK_CHASE_OVERDUE_VISIT -> Answer.submit(Map.of(OVERDUE_VISIT_ACTION, "notReachable",
          OVERDUE_VISIT_NOTES, "Family not reachable by phone or letter"));
      // adverse events
      case AdverseEventReviewVariables.TASK_REVIEW_CLINICAL_EVENT -> Answer.submit(clinicalEventReview(taskId, child));
      case TASK_SUBMIT_INITIAL_SAE_REPORT -> saeInitialReport(taskId, child);
      case TASK_ESCALATE_LATE_INITIAL_REPORT -> Answer.submit(Map.of(LATE_INITIAL_REPORT_ACTION,
          "Investigator reminded; report sent the same day"));
      case TASK_REVIEW_SERIOUS_ADVERSE_EVENT -> Answer.submit(Map.of(SAE_REVIEW_DATE, today(),
          SAE_REVIEW_NOTES, "Reviewed by the trial manager"));
      case TASK_SUBMIT_EXPEDITED_REPORT -> expeditedReport(taskId, child);
      case "Task_SubmitCompleteReport" -> completeReport(taskId, child);
      case TASK_TRANSFER_PATIENT -> Answer.submit(Map.of(TRANSFER_DESTINATION,
          number(desk.variable(taskId, CTCAE_GRADE)) >= 4 ? "criticalCare" : "laminarFlowWard", TRANSFER_DATE, today(),
          TRANSFER_RATIONALE, "Closer monitoring needed"));
      case TASK_RECORD_OUTCOME -> Answer.submit(Map.of(AE_OUTCOME, child.draw(0.15) ? OUTCOME_RECOVERING
          : child.draw(0.05) ? OUTCOME_RECOVERED_WITH_SEQUELAE : child.draw(0.03) ? OUTCOME_UNKNOWN : OUTCOME_RECOVERED,
          AE_OUTCOME_DATE, today()));
      default -> throw new IllegalStateException("the simulated care team has no answer for task " + taskKey);
    };
  }
  /** Consent as the form records it: a guardian who declines does not sign (ConsentRules refuses the contradiction). */
  private Map<String, Object> consent(boolean given) {
    return Map.of("consentObtained", given, "guardianConsentSigned", given, "childAssent", given ? "obtained" : "declined",
        "consentDate", today(), "consentFormVersion", CONSENT_FORM_VERSION);
  }


  // ------------------------------------------------------------------ screening

  private Map<String, Object> workUp(ChildState child) {
    boolean excluded = child.draw(p.getScreenFailure());
    Map<String, Object> v = new HashMap<>();
    v.put(WORK_UP_DATE, today());
    v.put("symptomPolyuria", true);
    v.put(FASTING_GLUCOSE_MMOL_L, 9.8);
    v.put(IsletTransplantVariables.HBA1C_PERCENT, 8.4);
    v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 0.21);
    v.put("gadAntibody", "positive");
    v.put(T1D_DIAGNOSIS_CONFIRMED, true);
    v.put(PATHOGENIC_VARIANT_CONFIRMED, true);
    v.put(RECURRENCE_AFTER_STANDARD_TREATMENT, true);
    for (OrganDamage d : OrganDamage.values()) {
      v.put(d.variable(), d == OrganDamage.INFLAMMATORY_BOWEL_DISEASE || d == OrganDamage.IMMUNE_HEPATITIS);
    }
    for (String exclusion : List.of(MATURE_EFFECTIVE_TREATMENT_AVAILABLE,
        HIV_POSITIVE, HBV_POSITIVE, HCV_POSITIVE,
        ACTIVE_MALIGNANCY, OTHER_FATAL_DISEASE,
        MENTAL_OR_PSYCHOLOGICAL_DISORDER)) {
      v.put(exclusion, false);
    }
    v.put(ACTIVE_INFECTION, excluded);
    return v;
  }

  // ------------------------------------------------------------------ stage 1

  private Map<String, Object> hlaTyping(ChildState child) {
    Map<String, Object> v = new HashMap<>();
    v.put(HLA_TYPING_DATE, today());
    v.put(HLA_TYPING_METHOD, "ngs");
    String[] names = HLA_TYPING.toArray(String[]::new);
    for (int i = 0; i < names.length; i++) {
      v.put(names[i], child.child.hlaTyping().get(i));
    }
    return v;
  }

  private Map<String, Object> noSuitableUnit(String taskId, ChildState child) {
    boolean anyCandidate = !candidateValues(taskId).isEmpty();
    child.noUnitDecisions++;
    double searchAgain = child.noUnitDecisions <= 2 ? p.getNoUnitSearchAgain() : 0;
    double accept = anyCandidate ? p.getNoUnitAcceptOutsideCriteria() : 0;
    double end = p.getNoUnitEnd();
    if (searchAgain + accept + end == 0) {
      end = 1;
    }
    String decision = switch (ChildGenerator.pick(new double[] {searchAgain, accept, end}, child.random)) {
      case 0 -> "search-again";
      case 1 -> "accept-outside-criteria";
      default -> DECISION_END;
    };
    return Map.of(NO_SUITABLE_UNIT_DECISION, decision, NO_SUITABLE_UNIT_DECISION_DATE, today(),
        NO_SUITABLE_UNIT_RATIONALE, "MDT discussed the bank search result and the child's condition");
  }

  /** The search's proposal (primary and two backups), or the best listed units when the MDT accepted outside criteria. */
  private Map<String, Object> selectUnits(String taskId) {
    Map<String, Object> v = new HashMap<>();
    List<String> listed = candidateValues(taskId);
    String[] fields = {PRIMARY_CORD_BLOOD_UNIT, BACKUP_CORD_BLOOD_UNIT_1, BACKUP_CORD_BLOOD_UNIT_2};
    // a backup may become the graft: like the primary it must meet the acceptance criteria unless the MDT accepted
    // units outside them (CordBloodUnitReservation.reserve)
    boolean outsideAccepted = "accept-outside-criteria".equals(desk.variable(taskId, "noSuitableUnitDecision"));
    java.util.Set<String> acceptable = acceptableUnits(taskId);
    List<String> chosen = new ArrayList<>();
    for (String field : fields) {
      Object proposed = desk.variable(taskId, field);
      if (proposed instanceof String s && !s.isBlank() && (chosen.isEmpty() || outsideAccepted || acceptable.contains(s))) {
        chosen.add(s);
      }
    }
    for (String unit : listed) {
      if (chosen.size() >= fields.length) {
        break;
      }
      if (!chosen.contains(unit) && (outsideAccepted || acceptable.contains(unit))) {
        chosen.add(unit);
      }
    }
    for (int i = 0; i < chosen.size(); i++) {
      v.put(fields[i], chosen.get(i));
    }
    v.put(UNITS_RESERVED_WITH_BANK, true);
    return v;
  }

  /** Unit keys of the listed candidates within the default acceptance criteria (unitAcceptable). */
  private java.util.Set<String> acceptableUnits(String taskId) {
    Object candidates = desk.variable(taskId, "cordBloodCandidates");
    java.util.Set<String> keys = new java.util.HashSet<>();
    if (candidates == null) {
      return keys;
    }
    try {
      for (com.fasterxml.jackson.databind.JsonNode c : JSON.readTree(candidates.toString())) {
        if (c.path("unitAcceptable").asBoolean(false)) {
          keys.add(c.path("unitKey").asText());
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cordBloodCandidates is not JSON", e);
    }
    return keys;
  }

  private List<String> candidateValues(String taskId) {
    Object options = desk.variable(taskId, CORD_BLOOD_CANDIDATE_OPTIONS);
    String json = options == null ? null : options.toString();
    List<String> values = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return values;
    }
    try {
      for (JsonNode option : JSON.readTree(json)) {
        values.add(option.path(OPTION_VALUE).asText());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cordBloodCandidateOptions is not JSON: " + e.getMessage(), e);
    }
    return values;
  }

  private Map<String, Object> preTransplant(ChildState child) {
    boolean cleared = child.preTransplantEvaluations++ > 0 || !child.draw(p.getNotClearedForTransplant());
    Map<String, Object> v = new HashMap<>(Map.of(PRE_TRANSPLANT_EVALUATION_DATE, today(),
        INFECTION_SCREEN_NEGATIVE, cleared,
        ORGAN_FUNCTION_SUMMARY, "Echo, lung function, creatinine and bilirubin reviewed",
        CENTRAL_VENOUS_CATHETER_DATE, today(), CENTRAL_VENOUS_CATHETER_TYPE, "tunnelled-cvc",
        CLEARED_FOR_TRANSPLANT, cleared));
    v.putAll(weighing(child));
    if (!cleared) {
      v.put(NOT_CLEARED_REASON, "Active viral infection on the screen");
      v.put(PRE_TRANSPLANT_REEVALUATION_DATE, desk.today().plusDays(21).toString());
    }
    return v;
  }

  /** The stem cell laboratory thaws the unit on the planned infusion day. */
  private Answer thaw(String taskId, ChildState child) {
    LocalDate planned = LocalDate.parse((String) desk.variable(taskId, PLANNED_INFUSION_DATE));
    if (desk.today().isBefore(planned)) {
      return Answer.notBefore(desk.atNine(planned));
    }
    boolean fails = child.draw(p.getPostThawFailure());
    double tncE8 = Math.max(2.0, 0.35 * child.child.weightKg() * (0.8 + 0.4 * child.random.nextDouble()));
    return Answer.submit(Map.of(THAW_DATE, today(), UNIT_IDENTITY_VERIFIED, true,
        POST_THAW_TNC_E8, round2(tncE8), POST_THAW_CD34_E6, round2(tncE8 * 0.006),
        VIABLE_CD34_PERCENT, fails ? 62.0 : 92.0, VIABLE_CD45_PERCENT, 85.0));
  }

  /** Counts on their days after day 0: a nadir on day +7, then recovery on the child's engraftment day, or none. */
  private Answer neutrophilCount(String taskId, ChildState child) {
    LocalDate day0 = LocalDate.parse((String) desk.variable(taskId, CORD_BLOOD_INFUSION_DATE));
    ChildState.Engraftment graft = child.engraftment(day0, p);
    int countDay;
    double anc;
    if (graft.neutrophilDay() < 0) {
      countDay = 7 * (graft.countsEntered() + 1);
      anc = 0.1;
    } else if (graft.countsEntered() == 0) {
      countDay = 7;
      anc = 0.1;
    } else {
      int k = graft.countsEntered() - 1;
      countDay = graft.neutrophilDay() + Math.min(k, 2);
      anc = RECOVERING_ANC[Math.min(k, 2)];
    }
    LocalDate day = day0.plusDays(countDay);
    LocalDate entered = child.lateCount(day0, graft.countsEntered(), p.getLateCountEntry()) ? day.plusDays(1) : day;
    if (desk.today().isBefore(entered)) {
      return Answer.notBefore(desk.atNine(entered));
    }
    child.countEntered(day0);
    return Answer.submit(bloodCount(day, anc, 12 + 2 * graft.countsEntered(), countDay <= 10));
  }

  private Answer plateletCount(String taskId, ChildState child) {
    LocalDate day0 = LocalDate.parse((String) desk.variable(taskId, CORD_BLOOD_INFUSION_DATE));
    ChildState.Engraftment graft = child.engraftment(day0, p);
    int k = graft.plateletCountsEntered();
    LocalDate day = day0.plusDays(Math.max(graft.plateletDay(), graft.neutrophilDay() + 3) + Math.min(k, 2) + 7 * Math.max(0, k - 2));
    if (desk.today().isBefore(day)) {
      return Answer.notBefore(desk.atNine(day));
    }
    child.plateletCountEntered(day0);
    return Answer.submit(bloodCount(day, 1.8, 22 + k, false));
  }

  /**
   * The transplant physician first waits for counts still to be entered (a graft that recovered by day +42 whose
   * last counts come a day late), then confirms primary graft failure only without a recorded recovery.
   */
  private Answer primaryGraftFailureReview(String taskId, ChildState child) {
    boolean recovered = Boolean.TRUE.equals(desk.variable(taskId, "neutrophilEngrafted"));
    LocalDate day0 = LocalDate.parse((String) desk.variable(taskId, "cordBloodInfusionDate"));
    if (!recovered && child.engraftment(day0, p).neutrophilDay() >= 0) {
      return Answer.notBefore(desk.atNine(desk.today().plusDays(1)));
    }
    return Answer.submit(Map.of("primaryGraftFailureReviewDate", today(), "primaryGraftFailureConfirmed", !recovered,
        "primaryGraftFailureAssessment", recovered ? "Counts entered late show neutrophil recovery; monitoring continues"
            : "No ANC >= 0.5 x 10^9/L to day +42, pancytopenic"));
  }

  /** A repeat sample after a low chimerism: either the graft still works or the loss of function is confirmed. */
  private Map<String, Object> chimerismLossReview(ChildState child) {
    boolean retained = !child.secondaryFailureShown && child.draw(p.getChimerismLossFunctionRetained());
    child.secondaryFailureShown = false;
    return Map.of("repeatChimerismSampleDate", today(), "repeatDonorChimerismPercent", retained ? 12.0 : 2.0,
        "transfusionOrGrowthFactorDependent", !retained, "secondaryGraftFailureConfirmed", !retained,
        "secondaryGraftFailureAssessment", retained ? "Repeat sample higher, counts stable without transfusion"
            : "Repeat sample confirms the loss; transfusion-dependent again");
  }

  /** The MDT orders a second transplant while a reserved backup unit is left, else a new search or the end. */
  private Map<String, Object> graftFailureDecision(String taskId, ChildState child) {
    boolean backupLeft = desk.variable(taskId, "backupUnitsRemaining") instanceof Integer left && left > 0;
    String decision = backupLeft ? (child.draw(p.getGraftFailureEndWithBackupLeft()) ? "end"
        : "second-transplant-with-backup")
        : child.draw(p.getGraftFailureSearchAgain()) ? "search-again" : "end";
    // the backup as re-evaluated on today's weight (Task_ReassessBackupUnits): one no longer within the criteria needs
    // the MDT's written justification, as a primary outside them
    boolean outsideToday = Boolean.FALSE.equals(desk.variable(taskId, NEXT_BACKUP_ACCEPTABLE_TODAY));
    Map<String, Object> v = new HashMap<>(Map.of("graftFailureDecision", decision, "graftFailureDecisionDate", today(),
        "graftFailureDecisionReason", switch (decision) {
          case "second-transplant-with-backup" -> "Backup unit reserved; child fit for a second transplant";
          case "search-again" -> "No backup unit left; child fit for a further transplant, search the banks again";
          default -> backupLeft ? "Child not fit for a second transplant; safety follow-up to the end of year five"
              : "No reserved backup unit left; safety follow-up to the end of year five";
        }));
    if ("second-transplant-with-backup".equals(decision) && outsideToday) {
      v.put(BACKUP_OUTSIDE_CRITERIA_JUSTIFICATION, "Backup below the cell dose criteria on today's weight; best HLA match "
          + "available and no better unit expected from a new search: accepted by the MDT");
    }
    return v;
  }

  private static Map<String, Object> bloodCount(LocalDate day, double anc, double platelets, boolean transfusion) {
    return Map.of(COUNT_DATE, day.toString(), ANC_E9_PER_L, anc, PLATELETS_E9_PER_L, platelets,
        PLATELET_TRANSFUSION, transfusion);
  }

  /** The third-party laboratory's result comes back 4 days later (or only after the reminder). */
  private Map<String, Object> dispatchChimerism(ChildState child) {
    String subject = child.child.subjectId();
    double drawn = switch (ChildGenerator.pick(p.getChimerismWeights(), child.random)) {
      case 0 -> 96 + child.random.nextInt(4);
      case 1 -> 40 + child.random.nextInt(50);
      default -> 2.0;
    };
    // the sample of a secondary graft failure (drawn with the engraftment) shows the loss
    boolean secondaryFailure = child.chimerismSamples++ == child.secondaryFailureSample;
    child.secondaryFailureShown |= secondaryFailure;
    double donor = secondaryFailure ? 2.0 : drawn;
    boolean onTime = child.draw(p.getChimerismResultOnTime());
    if (onTime) {
      desk.at(desk.now().plus(Duration.ofDays(4)), "chimerism result " + subject,
          () -> desk.deliverChimerismResult(subject, donor, desk.today()));
    } else {
      child.lateChimerismPercent = donor;
    }
    return Map.of(CHIMERISM_SAMPLE_DATE, today(), CHIMERISM_SAMPLE_ID, "CHIM-" + subject + "-" + today());
  }

  private Map<String, Object> chaseChimerism(ChildState child) {
    String subject = child.child.subjectId();
    double donor = Double.isNaN(child.lateChimerismPercent) ? 97 : child.lateChimerismPercent;
    child.lateChimerismPercent = Double.NaN;
    desk.at(desk.now().plus(Duration.ofDays(2)), "chimerism result " + subject,
        () -> desk.deliverChimerismResult(subject, donor, desk.today()));
    return Map.of(CHIMERISM_CHASE_DATE, today(), CHIMERISM_CHASE_NOTE, "Laboratory phoned; result promised in 2 days");
  }

  /**
   * MAGIC organ stages that give the child's highest acute GVHD grade at its worst assessment (day +21 or +28); the
   * other assessments show no or milder GVHD. Grade I: skin 1-2; II: skin 3 or liver 1; III: liver 2-3 or lower GI 2-3;
   * IV: skin 4 or liver 4 or lower GI 4 (domain.md B 3.2, decided by the acuteGvhdGrade table).
   */
  private Map<String, Object> acuteGvhdStages(String taskId, ChildState child) {
    if (child.maxGvhdGrade < 0) {
      child.maxGvhdGrade = ChildGenerator.pick(p.getAcuteGvhdGradeWeights(), child.random);
      child.worstGvhdAssessment = 2 + child.random.nextInt(2);
    }
    int assessment = child.gvhdAssessments++;
    int grade = assessment == child.worstGvhdAssessment ? child.maxGvhdGrade
        : assessment > child.worstGvhdAssessment && child.maxGvhdGrade > 1 ? 1 : 0;
    int skin = switch (grade) {
      case 1 -> 1 + child.random.nextInt(2);
      case 2 -> 3;
      case 3 -> 3;
      case 4 -> 4;
      default -> 0;
    };
    int liver = grade == 3 ? 2 : 0;
    int lowerGi = grade == 3 ? 2 : 0;
    return Map.of(GVHD_ASSESSMENT_DATE, today(), SKIN_STAGE, skin, LIVER_STAGE, liver, UPPER_GI_STAGE, 0,
        LOWER_GI_STAGE, lowerGi);
  }

  /**
   * An immune visit. A child drawn with chronic GVHD (cohort parameter chronic-gvhd-moderate-or-severe) shows NIH
   * moderate chronic GVHD at the month 6 visit and at any yearly visit after month 12 (mouth score 2, domain.md B 3.3):
   * the treatment task opens.
   */
  private Map<String, Object> immunePanel(ChildState child) {
    Map<String, Object> v = new HashMap<>(Map.of(IMMUNE_PANEL_DATE, today(), CD3_CELLS_PER_UL, 1200L,
        CordBloodTransplantVariables.CD4_CELLS_PER_UL, 650L, IMMUNOGLOBULIN_SUBSTITUTION, false,
        "organFunctionFollowUp", "Normal"));
    for (String organ : ORGANS) {
      v.put("chronicGvhd" + organ + "Score", 0L);
    }
    if (child.chronicGvhd == null) {
      child.chronicGvhd = child.draw(p.getChronicGvhdModerateOrSevere());
    }
    int visit = child.immunePanels++;
    if (child.chronicGvhd && (visit == 1 || visit >= 3)) { // month 6, and the yearly visits after month 12
      v.put("chronicGvhdMouthScore", 2L);
    }
    return v;
  }

  /** A treatment plan for moderate chronic GVHD with its reason (NIH, domain.md B 3.3). */
  private Map<String, Object> chronicGvhdTreatment() {
    return Map.of(CHRONIC_GVHD_REVIEW_DATE, today(), CHRONIC_GVHD_PLAN, "systemic-treatment", CHRONIC_GVHD_TREATMENT,
        "Prednisolone 1 mg/kg/day", CHRONIC_GVHD_TREATMENT_START_DATE, today(), CHRONIC_GVHD_TREATMENT_REASON,
        "Oral lichenoid changes limiting intake: NIH moderate chronic GVHD, systemic steroids");
  }

  /**
   * Leaving the laminar-flow unit after neutrophil engraftment (stage 1 (5)): some children stay a week longer (cohort
   * parameter discharge-deferred) and are discharged at the reassessment; the first clinic visit is a week later.
   */
  private Map<String, Object> discharge(ChildState child) {
    LocalDate today = desk.today();
    if (child.dischargeAssessments++ == 0 && child.draw(p.getDischargeDeferred())) {
      return Map.of(DISCHARGE_ASSESSMENT_DATE, today.toString(), DISCHARGE_CRITERIA, List.of("neutrophil-engraftment",
          "oral-intake-tolerated", "outpatient-handover-ready"), READY_FOR_DISCHARGE, false, DISCHARGE_DEFERRED_REASON,
          "Febrile last week, still on intravenous antibiotics", DISCHARGE_REASSESSMENT_DATE, today.plusDays(7).toString());
    }
    child.dischargeAssessments = 0;
    return Map.of(DISCHARGE_ASSESSMENT_DATE, today.toString(), DISCHARGE_CRITERIA, DISCHARGE_CRITERIA_ALL,
        READY_FOR_DISCHARGE, true, LAMINAR_FLOW_DISCHARGE_DATE, today.toString(), OUTPATIENT_FIRST_VISIT_DATE,
        today.plusDays(7).toString(), OUTPATIENT_HANDOVER,
        "Ciclosporin and MMF doses, weekly blood counts, fever and rash as warning signs handed over to the clinic");
  }

  private Map<String, Object> immuneStability(ChildState child) {
    boolean stable = child.immuneReviews++ > 0 || child.draw(p.getImmuneStableAtMonth12());
    return Map.of(IMMUNE_STABILITY_REVIEW_DATE, today(), IMMUNE_FUNCTION_STABLE, stable,
        IMMUNE_STABILITY_CRITERIA, stable ? List.of("t-cell-recovery", "naive-t-cells", "igg-without-substitution",
            "stable-donor-chimerism") : List.of("t-cell-recovery"),
        IMMUNE_STABILITY_RATIONALE, stable ? "CD4 650/uL with naive T cells, IgG normal off substitution, full donor"
            : "T cells recovering, still on immunoglobulin substitution");
  }

  // ------------------------------------------------------------------ the islet laboratory

  private Map<String, Object> procure() {
    Instant crossClamp = desk.now();
    return Map.of(COLD_ISCHEMIA_STARTED_AT, minutes(crossClamp), "perfusionSolution", "UW",
        "perfusionTemperatureC", 4.0,
        "perfusionRoute", "abdominal-aorta", "pancreasWeightG", 85L + islets.nextInt(20));
  }

  /** Digestion starts 6 hours after the cross-clamp (within the 12 h cold ischaemia limit). */
  private Answer digest(String taskId) {
    Object started = desk.variable(taskId, COLD_ISCHEMIA_STARTED_AT);
    Instant start = LocalDateTime.parse((String) started).atZone(ClinicalTimeZone.get()).toInstant()
        .plus(Duration.ofHours(6));
    if (desk.now().isBefore(start)) {
      return Answer.notBefore(start);
    }
    return Answer.submit(Map.of(DIGESTION_STARTED_AT, minutes(desk.now()), "digestionEnzyme", "Collagenase NB1",
        "digestionMinutes", 18L, "dtzTissueCount", 420L, "dtzIsletCount", 160L, "dtzFragmentPercent", 12L));
  }

  /** Counts of a 100 uL sample; the suspension volume scales the drawn yield (814,660 IEQ at 500 mL). */
  private Map<String, Object> isletCounts() {
    double yield = p.getIsletYieldMedianIeq() * Math.exp(p.getIsletYieldSigma() * islets.nextGaussian());
    double volume = Math.max(1, Math.min(1000, Math.round(500 * yield / 814_660.0)));
    Map<String, Object> v = new HashMap<>();
    v.put(SAMPLE_VOLUME_UL, 100L);
    v.put(SUSPENSION_VOLUME_ML, volume);
    long[] n = {40, 30, 20, 10, 5, 2, 1};
    String[] keys = {"isletCount50to100", "isletCount100to150", "isletCount150to200", "isletCount200to250",
        "isletCount250to300", "isletCount300to350", "isletCount350plus"};
    for (int i = 0; i < n.length; i++) {
      v.put(keys[i], n[i]);
    }
    return v;
  }

  private Map<String, Object> releaseTests() {
    boolean fails = islets.nextDouble() < p.getReleaseTestFailure();
    return Map.of(PURITY_PERCENT, 60L, VIABILITY_PERCENT, fails ? 55L : 85L, SETTLED_TISSUE_VOLUME_ML, 1.8,
        ENDOTOXIN_EU, 15.0, GRAM_STAIN_NEGATIVE, true);
  }

  // ------------------------------------------------------------------ stage 2

  private Map<String, Object> puncture(ChildState child) {
    boolean success = !child.draw(p.getPunctureFailure());
    return Map.of(PUNCTURE_SUCCESSFUL, success, BASELINE_PORTAL_PRESSURE_MM_HG, 13.0);
  }

  /**
   * One aliquot of the islet infusion: half the product, then the rest. A child whose infusion stops (drawn once, at the
   * first aliquot) has a pressure above the 22 mmHg ceiling at the second aliquot (portalPressureRiseStop).
   */
  private Map<String, Object> infuseIslets(String taskId, ChildState child) {
    boolean first = desk.variable(taskId, PORTAL_PRESSURE_MEASUREMENTS) == null;
    if (first) {
      child.infusionWillStop = child.draw(p.getInfusionStopped());
    }
    Map<String, Object> v = new HashMap<>();
    v.put(INFUSION_DATE, today());
    v.put(PORTAL_PRESSURE_MM_HG, first ? 17.0 : child.infusionWillStop ? 24.0 : 20.0);
    v.put(INFUSED_FRACTION_PERCENT, first ? 50L : child.infusionWillStop ? 60L : 100L);
    v.put(HEPARIN_GIVEN, true);
    v.put(HEPARIN_UNITS, Math.round(35 * number(desk.variable(taskId, IsletTransplantVariables.WEIGHT_KG)))); // 35 U/kg
    v.put(INFUSED_TISSUE_VOLUME_ML, 4.5);
    // a model version before the infusion safeguards asks the heparin per kg and the peak pressure itself (today's form
    // computes both; the simulator sends only the fields of the task's own form: CohortSimulator.onTheForm)
    v.put(HEPARIN_UNITS_PER_KG, 35.0);
    v.put(PEAK_PORTAL_PRESSURE_MM_HG, v.get(PORTAL_PRESSURE_MM_HG));
    return v;
  }

  /**
   * The open portal vein injection: the cannulation with its baseline pressure (the aliquots follow in the infusion
   * task); a model version before the infusion safeguards records the whole injection here (date, fraction, heparin).
   * The simulator sends only the fields of the task's own form.
   */
  private Map<String, Object> openInjection(String taskId) {
    Map<String, Object> v = new HashMap<>();
    v.put(BASELINE_PORTAL_PRESSURE_MM_HG, 14.0);
    v.put(OPEN_INJECTION_NOTES, "Mesenteric vein cannulated at laparotomy");
    v.put(INFUSION_DATE, today());
    v.put(INFUSED_FRACTION_PERCENT, 100L);
    v.put(HEPARIN_GIVEN, true);
    v.put(HEPARIN_UNITS_PER_KG, 35.0);
    v.put(PEAK_PORTAL_PRESSURE_MM_HG, 20.0);
    return v;
  }

  /**
   * The planned check for bleeding and portal vein thrombosis: after an infusion the pressure rules stopped, the day +1
   * Doppler shows a non-occlusive thrombosis (the risk rises with the pressure rise, domain.md B 4.4); else normal.
   */
  private Map<String, Object> bleedingCheck(String taskId, ChildState child) {
    String day = scheduledDay(taskId, BLEEDING_CHECK_DUE_DATE);
    Object infused = desk.variable(taskId, INFUSION_DATE);
    boolean firstCheck = infused instanceof String s && LocalDate.parse(day).equals(LocalDate.parse(s).plusDays(1));
    boolean thrombosis = firstCheck && child.infusionWillStop;
    Map<String, Object> v = new HashMap<>();
    v.put(BLEEDING_CHECK_DATE, day);
    v.put(HAEMOGLOBIN_G_PER_L, 112L);
    v.put(ALT_U_PER_L, thrombosis ? 160L : 45L);
    v.put(AST_U_PER_L, thrombosis ? 140L : 40L);
    v.put(PORTAL_DOPPLER_RESULT, thrombosis ? "non-occlusive-thrombosis" : DOPPLER_PATENT);
    v.put(BLEEDING_SIGNS, false);
    v.put(LABS_ABNORMAL, thrombosis);
    return v;
  }

  /** A trough in the target of its month (8-10 ng/mL before month 3, 6-8 after; tacrolimusTroughTarget), or outside. */
  private Map<String, Object> trough(String taskId, ChildState child) {
    String day = scheduledDay(taskId, TROUGH_DUE_DATE);
    Object infused = desk.variable(taskId, INFUSION_DATE);
    boolean early = infused instanceof String s && LocalDate.parse(day).isBefore(LocalDate.parse(s).plusMonths(3));
    double value = child.draw(p.getTroughOutOfRange()) ? (early ? 12.5 : 4.5) : (early ? 9.0 : 7.0);
    return Map.of(TROUGH_SAMPLE_DATE, day, TACROLIMUS_TROUGH_NG_PER_ML, value);
  }

  /**
   * A monthly trough after the islet transplant's own schedule (target 6-8 ng/mL), or the end of immunosuppression: at
   * the first one for a child whose islet graft failed, else with immunosuppressionEndsPerMonth each month.
   */
  private Map<String, Object> longTermTrough(String taskId, ChildState child) {
    String day = scheduledDay(taskId, ProtocolVariables.TROUGH_DUE_DATE);
    if (child.graftClass == 3 || child.draw(p.getImmunosuppressionEndsPerMonth())) {
      return Map.of(ProtocolVariables.IMMUNOSUPPRESSION_ENDED, true, ProtocolVariables.IMMUNOSUPPRESSION_END_DATE, day,
          ProtocolVariables.IMMUNOSUPPRESSION_END_REASON, child.graftClass == 3
              ? "Islet graft failure, insulin resumed: tacrolimus and MMF stopped"
              : "Islet graft function lost, immunosuppression withdrawn by the transplant team");
    }
    double value = child.draw(p.getTroughOutOfRange()) ? 4.5 : 7.0;
    return Map.of(ProtocolVariables.TROUGH_SAMPLE_DATE, day, ProtocolVariables.TACROLIMUS_TROUGH_NG_PER_ML, value);
  }

  /**
   * MMTT results in the child's Igls 2017 class (islet-graft-function table): optimal, good, marginal or failure; the
   * class is drawn per infusion at day +75 and kept at day +365.
   */
  private Map<String, Object> graftFunction(ChildState child) {
    if (child.graftClass < 0) {
      child.graftClass = ChildGenerator.pick(p.getGraftFunctionWeights(), child.random);
    }
    Map<String, Object> v = new HashMap<>();
    v.put(MMTT_DATE, today());
    v.put(BASELINE_INSULIN_UNITS_PER_KG_DAY, 0.8);
    v.put(IsletTransplantVariables.SEVERE_HYPOGLYCEMIA_EVENTS, child.graftClass >= 2 ? 1L : 0L);
    switch (child.graftClass) {
      case 0 -> {
        v.put(IsletTransplantVariables.HBA1C_PERCENT, 6.0);
        v.put(IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.0);
        v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 1.6);
      }
      case 1 -> {
        v.put(IsletTransplantVariables.HBA1C_PERCENT, 6.8);
        v.put(IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.2);
        v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 1.2);
      }
      case 2 -> {
        v.put(IsletTransplantVariables.HBA1C_PERCENT, 7.6);
        v.put(IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.6);
        v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 0.8);
      }
      default -> {
        v.put(IsletTransplantVariables.HBA1C_PERCENT, 8.4);
        v.put(IsletTransplantVariables.INSULIN_UNITS_PER_KG_DAY, 0.8);
        v.put(IsletTransplantVariables.C_PEPTIDE_NG_PER_ML, 0.2);
      }
    }
    return v;
  }

  private Map<String, Object> furtherInfusion(String taskId, ChildState child) {
    boolean notGood = child.graftClass >= 2;
    boolean ordered = notGood && child.draw(p.getFurtherInfusionWhenNotGood());
    if (ordered) {
      child.graftClass = -1;
    }
    return Map.of(FURTHER_INFUSION_DECISION_DATE, today(), FURTHER_INFUSION_ORDERED, ordered,
        FURTHER_INFUSION_RATIONALE, ordered ? "Marginal graft function: further islet infusion" : "No further infusion");
  }

  // ------------------------------------------------------------------ follow-up and safety

  /** A weighing on the day (weightKg with weightDate: the child's current weight for per-kg decisions). */
  private Map<String, Object> weighing(ChildState child) {
    Map<String, Object> v = new HashMap<>();
    v.put(org.ucbislet.clinical.DosingWeight.WEIGHT_KG, growth.weightKg(child.child, desk.today()));
    v.put(org.ucbislet.clinical.DosingWeight.WEIGHT_DATE, today());
    return v;
  }

  /** Glucose metabolism and growth: height and weight on the child's own WHO centiles ({@link SimulatedGrowth}). */
  private Map<String, Object> glucoseAndGrowth(ChildState child) {
    Map<String, Object> v = new HashMap<>();
    v.put(VISIT_DATE, today());
    v.put(FollowUpVariables.HBA1C_PERCENT, 6.4);
    v.put(FollowUpVariables.C_PEPTIDE_NG_PER_ML, 1.0);
    v.put(FollowUpVariables.INSULIN_UNITS_PER_KG_DAY, 0.3);
    v.put(FollowUpVariables.SEVERE_HYPOGLYCEMIA_EVENTS, 0);
    v.put(VISIT_HEIGHT_CM, Math.min(219.0, growth.heightCm(child.child, desk.today())));
    v.put(HEIGHT_MEASUREMENT, "standing");
    v.put(VISIT_WEIGHT_KG, growth.weightKg(child.child, desk.today()));
    return v;
  }

  /** The initial SAE report within its 24 h clock, or (drawn) after it. */
  /**
   * The physician's review of a clinical event raised where it happened (adverseEventReview): an uncomplicated open
   * portal vein injection is dismissed as the protocol's planned alternative; the first other event of its kind for the
   * child is reported (a stopped infusion, an "other" event, as unexpected; the others hospitalised,
   * grade 3), a repeat (acute GVHD still grade II or more at the next assessment) is dismissed as the same episode.
   */
  private Map<String, Object> clinicalEventReview(String taskId, ChildState child) {
    String event = String.valueOf(desk.variable(taskId, AdverseEventReviewVariables.CLINICAL_EVENT));
    if (ClinicalEvent.OPEN_PORTAL_INJECTION.code().equals(event)) {
      return Map.of(AdverseEventReviewVariables.AE_REVIEW_DECISION, AdverseEventReviewVariables.DECISION_DISMISS,
          AdverseEventReviewVariables.AE_REVIEW_DISMISS_REASON,
          "Planned protocol alternative after a difficult puncture, no complication: not an adverse event for this child");
    }
    if (!child.reportedClinicalEvents.add(event)) {
      return Map.of(AdverseEventReviewVariables.AE_REVIEW_DECISION, AdverseEventReviewVariables.DECISION_DISMISS,
          AdverseEventReviewVariables.AE_REVIEW_DISMISS_REASON, "Same episode as the event already reported");
    }
    boolean other = TERM_OTHER.equals(desk.variable(taskId, AE_TERM));
    Map<String, Object> v = new HashMap<>();
    v.put(AdverseEventReviewVariables.AE_REVIEW_DECISION, AdverseEventReviewVariables.DECISION_REPORT);
    v.put(AE_AWARENESS_DATE, desk.now().toString());
    v.put(CTCAE_GRADE, other ? 2L : 3L);
    v.put(LIFE_THREATENING, false);
    v.put(HOSPITALIZATION, !other);
    v.put(PERSISTENT_DISABILITY, false);
    v.put(CONGENITAL_ANOMALY, false);
    v.put(IMPORTANT_MEDICAL_EVENT, false);
    v.put(UNEXPECTED, other);
    v.put(RELATED_TO_INTERVENTION, true);
    return v;
  }

  private Answer saeInitialReport(String taskId, ChildState child) {
    if (reportedLate(taskId, child)) {
      return Answer.notBefore(desk.now().plus(Duration.ofHours(30)));
    }
    return Answer.submit(Map.of(SAE_INITIAL_REPORT_DATE, today(), SAE_REPORT_REFERENCE,
        "SAE-" + child.child.subjectId() + "-" + (1 + child.random.nextInt(999)), SAE_REPORTED_TO_SPONSOR, true,
        SAE_REPORTED_TO_ETHICS_COMMITTEE, true));
  }

  /** The expedited (SUSAR) report within its 7 or 15 day clock, or (drawn) after it. */
  private Answer expeditedReport(String taskId, ChildState child) {
    if (reportedLate(taskId, child)) {
      return Answer.notBefore(desk.now().plus(Duration.ofDays(16)));
    }
    return Answer.submit(Map.of(EXPEDITED_REPORT_DATE, today(), EXPEDITED_REPORT_REFERENCE,
        "SUSAR-" + desk.today().getYear() + "-" + (1000 + child.random.nextInt(9000)), EXPEDITED_REPORT_SUBMITTED, true));
  }

  /** The complete report after a 7-day SUSAR report within its 8 further days, or (drawn) after them. */
  private Answer completeReport(String taskId, ChildState child) {
    if (reportedLate(taskId, child)) {
      return Answer.notBefore(desk.now().plus(Duration.ofDays(9)));
    }
    return Answer.submit(Map.of("completeReportDate", today(), "completeReportReference",
        "SUSAR-" + desk.today().getYear() + "-" + (1000 + child.random.nextInt(9000)) + "-FU", "completeReportSubmitted", true));
  }

  /** Drawn once per report task: whether its report is sent after its clock ran out. */
  private boolean reportedLate(String taskId, ChildState child) {
    return child.lateReportDrawn.add(taskId) && child.draw(p.getLateSaeReport());
  }

  // ------------------------------------------------------------------ helpers

  private String today() {
    return desk.today().toString();
  }

  private String scheduledDay(String taskId, String dueDateVariable) {
    return ((String) desk.variable(taskId, dueDateVariable)).substring(0, 10);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String minutes(Instant instant) {
    return LocalDateTime.ofInstant(instant, ClinicalTimeZone.get()).truncatedTo(ChronoUnit.MINUTES).toString();
  }
}

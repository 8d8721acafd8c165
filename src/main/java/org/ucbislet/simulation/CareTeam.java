package org.ucbislet.simulation;

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
import org.ucbislet.enrolment.OrganDamage;
import org.ucbislet.enrolment.ScreeningVariables;

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

  CareTeam(CohortParameters parameters, Desk desk) {
    this.p = parameters;
    this.desk = desk;
    this.islets = new SplittableRandom(parameters.getSeed() ^ 0x151e75L);
  }

  /** The answer of the task's group; {@code child} is null for the islet laboratory's isolation tasks. */
  Answer answer(String taskKey, String taskId, String processInstanceId, ChildState child) {
    return switch (taskKey) {
      // screening
      case "Task_RecordDiagnosticWorkUp" -> Answer.submit(workUp(child));
      case "Task_ObtainInformedConsent" -> Answer.submit(consent(!child.draw(p.getConsentDeclined())));
      case "Task_AssessPsychologicalFitness" -> Answer.submit(Map.of("psychologicallyFit",
          !child.draw(p.getPsychologicallyUnfit()), "psychologicalAssessmentDate", today()));
      case "Task_ReviewIndicationsMdt" -> Answer.submit(Map.of("mdtApprovedTransplant", !child.draw(p.getMdtDeclines()),
          "mdtMeetingDate", today(), "mdtRationale", "Indications and contraindications reviewed"));
      // stage 1
      case "Task_RecordHlaTyping" -> Answer.submit(hlaTyping(child));
      case "Task_DecideNoSuitableUnit" -> Answer.submit(noSuitableUnit(taskId, child));
      case "Task_SelectCordBloodUnits" -> Answer.submit(selectUnits(taskId));
      case "Task_EvaluatePreTransplant" -> Answer.submit(preTransplant(child));
      case "Task_AdmitToLaminarFlowIsolation" -> Answer.submit(Map.of("laminarFlowAdmissionDate", today(),
          "laminarFlowRoom", "LAF-" + (1 + child.random.nextInt(6))));
      case "Task_StartConditioning" -> Answer.submit(Map.of("conditioningRegimen", "Busulfan, fludarabine, ATG",
          "conditioningIntensity", "myeloablative", "conditioningStartDate", today(),
          "plannedInfusionDate", desk.today().plusDays(8).toString()));
      case "Task_StartComplicationProphylaxis" -> Answer.submit(Map.of("prophylaxisStartDate", today(),
          "antibacterialProphylaxis", true, "antiviralProphylaxis", true, "antifungalProphylaxis", true,
          "therapeuticDrugMonitoring", true, "gvhdProphylaxisRegimen", "Ciclosporin and mycophenolate mofetil"));
      case "Task_ThawAndCountUnit" -> thaw(taskId, child);
      case "Task_ReviewPostThawFailure" -> Answer.submit(Map.of("postThawFailureDecision",
          number(desk.variable(taskId, "backupUnitsRemaining")) > 0 ? "switch-to-backup" : "exceptional-release",
          "postThawFailureJustification", "Post-thaw viability below the release criteria, backup unit checked",
          "transplantProgrammeNotified", true));
      case "Task_InfuseCordBlood" -> Answer.submit(Map.of("cordBloodInfusionDate", today(), "infusionReaction", "none"));
      case "Task_RecordBloodCounts" -> neutrophilCount(taskId, child);
      case "Task_RecordPlateletCounts" -> plateletCount(taskId, child);
      case "Task_ReviewDelayedEngraftment" -> Answer.submit(Map.of("delayedEngraftmentReviewDate", today(),
          "delayedEngraftmentAssessment", "No neutrophil recovery by day +28; G-CSF started, backup unit alerted",
          "gcsfStarted", true, "backupBankAlerted", true));
      case "Task_ConfirmPrimaryGraftFailure" -> primaryGraftFailureReview(taskId, child);
      case "Task_ReviewChimerismLoss" -> Answer.submit(chimerismLossReview(child));
      case "Task_DecideAfterGraftFailure" -> Answer.submit(graftFailureDecision(taskId, child));
      case "Task_DispatchChimerismSample" -> Answer.submit(dispatchChimerism(child));
      case "Task_ChaseChimerismResult" -> Answer.submit(chaseChimerism(child));
      case "Task_StageAcuteGvhd" -> Answer.submit(acuteGvhdStages(taskId, child));
      case "Task_TreatAcuteGvhd" -> Answer.submit(Map.of("gvhdTreatmentStartDate", today(),
          "gvhdTreatment", "Methylprednisolone 2 mg/kg/day"));
      case "Task_RecordImmunePanel", "Task_RecordFurtherImmunePanel" -> Answer.submit(immunePanel());
      case "Task_ConfirmImmuneStability" -> Answer.submit(immuneStability(child));
      // the islet laboratory
      case "Task_ProcurePancreas" -> Answer.submit(procure());
      case "Task_TrimPancreas" -> Answer.submit(Map.of("trimmedPancreasWeightG", 70L + islets.nextInt(20),
          "capsuleIntact", true));
      case "Task_DigestPancreas" -> digest(taskId);
      case "Task_CollectDigest" -> Answer.submit(Map.of("digestVolumeMl", 1800L, "digestPelletMl", 14.0));
      case "Task_PurifyIslets" -> Answer.submit(Map.of("gradientType", "continuous", "gradientDensities", "1.077/1.100",
          "purifiedFractions", 12L));
      case "Task_CountIslets" -> Answer.submit(isletCounts());
      case "Task_RecordReleaseTests" -> Answer.submit(releaseTests());
      case "Task_DecideRelease" -> Answer.submit(Map.of("releaseApproved", true,
          "releaseDecisionNotes", "Certificate of analysis checked"));
      case "Task_DiscardProduct" -> Answer.submit(Map.of("discardReason", "Product not released or no recipient",
          "discardDate", today()));
      // stage 2
      case "Task_RecordIsletConsent" -> Answer.submit(Map.of("isletConsentObtained", true,
          "isletGuardianConsentSigned", true, "isletChildAssent", "obtained", "isletConsentDate", today(),
          "isletConsentFormVersion", ISLET_CONSENT_FORM_VERSION));
      case "Task_ReviewIsletCandidacy" -> Answer.submit(Map.of("stillIsletCandidate",
          !child.draw(1 - p.getStillIsletCandidate()), "candidacyReviewDate", today(),
          "candidacyReviewRationale", "Indication reviewed while waiting for islets"));
      case "Task_DecideIsletInfusion" -> Answer.submit(Map.of("isletInfusionGo", true, "isletInfusionGoDate", today(),
          "isletInfusionGoRationale", "Stable immune function, no intercurrent infection"));
      case "Task_AdministerBasiliximab" -> Answer.submit(Map.of("basiliximabGivenMg",
          number(desk.variable(taskId, "basiliximabDoseMg")), "basiliximabGivenAt", desk.now().toString()));
      case "Task_PuncturePortalVein" -> Answer.submit(puncture(child));
      case "Task_DecidePortalAccess" -> Answer.submit(Map.of("portalAccessDecision",
          child.draw(p.getOpenInjectionAfterFailedPuncture()) ? "open-injection" : "postpone",
          "portalAccessRationale", "Percutaneous access not possible"));
      case "Task_InjectIsletsOpenPortalVein" -> Answer.submit(Map.of("infusionDate", today(), "infusedFractionPercent",
          100L, "heparinGiven", true, "heparinUnitsPerKg", 35L, "peakPortalPressureMmHg", 20.0));
      case "Task_InfuseIslets" -> Answer.submit(infuseIslets(child));
      case "Task_ReviewStoppedInfusion" -> Answer.submit(Map.of("portalVeinDopplerOrdered", true,
          "stoppedInfusionAssessment", "Pressure rise above the limit; Doppler ordered, remaining islets not given"));
      case "Task_EmboliseTract" -> Answer.submit(Map.of("steelCoilPlaced", true, "gelatinSpongePlaced", true));
      case "Task_StartImmunosuppression" -> Answer.submit(Map.of("immunosuppressionStartDate", today(),
          "tacrolimusDoseMgPerDay", 4.0, "mycophenolateDoseMgBid", 600L, "anticoagulationContinued", true));
      case "Task_AdministerBasiliximabSecondDose" -> Answer.submit(Map.of("basiliximabSecondDoseGiven", true,
          "basiliximabSecondDoseMg", number(desk.variable(taskId, "basiliximabDoseMg"))));
      case "Task_TaperImmunosuppression" -> Answer.submit(Map.of("tacrolimusDoseMgPerDay", 3.0,
          "mycophenolateDoseMgBid", 500L, "taperNote", "Target 6-8 ng/mL"));
      case "Task_RecordTacrolimusTrough" -> Answer.submit(trough(taskId, child));
      case "Task_AdjustTacrolimusDose" -> Answer.submit(Map.of("tacrolimusDoseMgPerDay", 3.5,
          "doseAdjustmentNote", "Dose adjusted to the trough target"));
      case "Task_ReduceInsulin" -> Answer.submit(Map.of("glucoseReviewDate", scheduledDay(taskId, "insulinReviewDueDate"),
          "fastingGlucoseMmolL", 6.1, "insulinUnitsPerKgDay", 0.3));
      case "Task_AssessGraftFunctionDay75", "Task_AssessGraftFunctionDay365" -> Answer.submit(graftFunction(child));
      case "Task_DecideFurtherInfusion" -> Answer.submit(furtherInfusion(taskId, child));
      // follow-up
      case "Task_RecordGlucoseAndGrowth" -> child.draw(p.getMissedVisit()) ? Answer.never()
          : Answer.submit(glucoseAndGrowth(child));
      case "Task_RecordMmttVisit" -> {
        Map<String, Object> v = glucoseAndGrowth(child);
        v.put("mmttPeakCPeptideNgPerMl", 1.4);
        yield Answer.submit(v);
      }
      case "Task_RecordImmuneFunction" -> Answer.submit(Map.of("visitDate", today(), "cd3CellsPerUl", 1500,
          "cd4CellsPerUl", 800, "immunoglobulinSubstitution", false));
      case "Task_ChaseOverdueVisit" -> Answer.submit(Map.of("overdueVisitAction", "notReachable",
          "overdueVisitNotes", "Family not reachable by phone or letter"));
      // adverse events
      case "Task_SubmitInitialSaeReport" -> saeInitialReport(taskId, child);
      case "Task_EscalateLateInitialReport" -> Answer.submit(Map.of("lateInitialReportAction",
          "Investigator reminded; report sent the same day"));
      case "Task_ReviewSeriousAdverseEvent" -> Answer.submit(Map.of("saeReviewDate", today(),
          "saeReviewNotes", "Reviewed by the trial manager"));
      case "Task_SubmitExpeditedReport" -> expeditedReport(taskId, child);
      case "Task_TransferPatient" -> Answer.submit(Map.of("transferDestination",
          number(desk.variable(taskId, "ctcaeGrade")) >= 4 ? "criticalCare" : "laminarFlowWard", "transferDate", today(),
          "transferRationale", "Closer monitoring needed"));
      case "Task_RecordAdverseEventOutcome" -> Answer.submit(Map.of("aeOutcome", child.draw(0.15) ? "recovering"
          : child.draw(0.05) ? "recoveredWithSequelae" : child.draw(0.03) ? "unknown" : "recovered",
          "aeOutcomeDate", today()));
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
    v.put("workUpDate", today());
    v.put("symptomPolyuria", true);
    v.put("fastingGlucoseMmolL", 9.8);
    v.put("hba1cPercent", 8.4);
    v.put("cPeptideNgPerMl", 0.21);
    v.put("gadAntibody", "positive");
    v.put("t1dDiagnosisConfirmed", true);
    v.put("pathogenicVariantConfirmed", true);
    v.put("recurrenceAfterStandardTreatment", true);
    for (OrganDamage d : OrganDamage.values()) {
      v.put(d.variable(), d == OrganDamage.INFLAMMATORY_BOWEL_DISEASE || d == OrganDamage.IMMUNE_HEPATITIS);
    }
    for (String exclusion : List.of(ScreeningVariables.MATURE_EFFECTIVE_TREATMENT_AVAILABLE,
        ScreeningVariables.HIV_POSITIVE, ScreeningVariables.HBV_POSITIVE, ScreeningVariables.HCV_POSITIVE,
        ScreeningVariables.ACTIVE_MALIGNANCY, ScreeningVariables.OTHER_FATAL_DISEASE,
        ScreeningVariables.MENTAL_OR_PSYCHOLOGICAL_DISORDER)) {
      v.put(exclusion, false);
    }
    v.put(ScreeningVariables.ACTIVE_INFECTION, excluded);
    return v;
  }

  // ------------------------------------------------------------------ stage 1

  private Map<String, Object> hlaTyping(ChildState child) {
    Map<String, Object> v = new HashMap<>();
    v.put("hlaTypingDate", today());
    v.put("hlaTypingMethod", "ngs");
    String[] names = {"hlaA1", "hlaA2", "hlaB1", "hlaB2", "hlaC1", "hlaC2", "hlaDRB1_1", "hlaDRB1_2"};
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
      default -> "end";
    };
    return Map.of("noSuitableUnitDecision", decision, "noSuitableUnitDecisionDate", today(),
        "noSuitableUnitRationale", "MDT discussed the bank search result and the child's condition");
  }

  /** The search's proposal (primary and two backups), or the best listed units when the MDT accepted outside criteria. */
  private Map<String, Object> selectUnits(String taskId) {
    Map<String, Object> v = new HashMap<>();
    List<String> listed = candidateValues(taskId);
    String[] fields = {"primaryCordBloodUnit", "backupCordBloodUnit1", "backupCordBloodUnit2"};
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
    v.put("unitsReservedWithBank", true);
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
    Object options = desk.variable(taskId, "cordBloodCandidateOptions");
    String json = options == null ? null : options.toString();
    List<String> values = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return values;
    }
    try {
      for (JsonNode option : JSON.readTree(json)) {
        values.add(option.path("value").asText());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cordBloodCandidateOptions is not JSON: " + e.getMessage(), e);
    }
    return values;
  }

  private Map<String, Object> preTransplant(ChildState child) {
    boolean cleared = child.preTransplantEvaluations++ > 0 || !child.draw(p.getNotClearedForTransplant());
    Map<String, Object> v = new HashMap<>(Map.of("preTransplantEvaluationDate", today(), "infectionScreenNegative", cleared,
        "organFunctionSummary", "Echo, lung function, creatinine and bilirubin reviewed",
        "centralVenousCatheterDate", today(), "centralVenousCatheterType", "tunnelled-cvc",
        "clearedForTransplant", cleared));
    if (!cleared) {
      v.put("notClearedReason", "Active viral infection on the screen");
      v.put("preTransplantReevaluationDate", desk.today().plusDays(21).toString());
    }
    return v;
  }

  /** The stem cell laboratory thaws the unit on the planned infusion day. */
  private Answer thaw(String taskId, ChildState child) {
    LocalDate planned = LocalDate.parse((String) desk.variable(taskId, "plannedInfusionDate"));
    if (desk.today().isBefore(planned)) {
      return Answer.notBefore(desk.atNine(planned));
    }
    boolean fails = child.draw(p.getPostThawFailure());
    double tncE8 = Math.max(2.0, 0.35 * child.child.weightKg() * (0.8 + 0.4 * child.random.nextDouble()));
    return Answer.submit(Map.of("thawDate", today(), "unitIdentityVerified", true,
        "postThawTncE8", round2(tncE8), "postThawCd34E6", round2(tncE8 * 0.006),
        "viableCd34Percent", fails ? 62.0 : 92.0, "viableCd45Percent", 85.0));
  }

  /** Counts on their days after day 0: a nadir on day +7, then recovery on the child's engraftment day, or none. */
  private Answer neutrophilCount(String taskId, ChildState child) {
    LocalDate day0 = LocalDate.parse((String) desk.variable(taskId, "cordBloodInfusionDate"));
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
    LocalDate day0 = LocalDate.parse((String) desk.variable(taskId, "cordBloodInfusionDate"));
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
    boolean retained = child.draw(p.getChimerismLossFunctionRetained());
    return Map.of("repeatChimerismSampleDate", today(), "repeatDonorChimerismPercent", retained ? 12.0 : 2.0,
        "transfusionOrGrowthFactorDependent", !retained, "secondaryGraftFailureConfirmed", !retained,
        "secondaryGraftFailureAssessment", retained ? "Repeat sample higher, counts stable without transfusion"
            : "Repeat sample confirms the loss; transfusion-dependent again");
  }

  /** The MDT orders a second transplant while a reserved backup unit is left, else a new search or the end. */
  private Map<String, Object> graftFailureDecision(String taskId, ChildState child) {
    boolean backupLeft = desk.variable(taskId, "backupUnitsRemaining") instanceof Integer left && left > 0;
    String decision = backupLeft ? "second-transplant-with-backup"
        : child.draw(p.getGraftFailureSearchAgain()) ? "search-again" : "end";
    return Map.of("graftFailureDecision", decision, "graftFailureDecisionDate", today(), "graftFailureDecisionReason",
        switch (decision) {
          case "second-transplant-with-backup" -> "Backup unit reserved and acceptable; child fit for a second transplant";
          case "search-again" -> "No backup unit left; child fit for a further transplant, search the banks again";
          default -> "No reserved backup unit left; safety follow-up to the end of year five";
        });
  }

  private static Map<String, Object> bloodCount(LocalDate day, double anc, double platelets, boolean transfusion) {
    return Map.of("countDate", day.toString(), "ancE9PerL", anc, "plateletsE9PerL", platelets,
        "plateletTransfusion", transfusion);
  }

  /** The third-party laboratory's result comes back 4 days later (or only after the reminder). */
  private Map<String, Object> dispatchChimerism(ChildState child) {
    String subject = child.child.subjectId();
    double donor = switch (ChildGenerator.pick(p.getChimerismWeights(), child.random)) {
      case 0 -> 96 + child.random.nextInt(4);
      case 1 -> 40 + child.random.nextInt(50);
      default -> 2.0;
    };
    boolean onTime = child.draw(p.getChimerismResultOnTime());
    if (onTime) {
      desk.at(desk.now().plus(Duration.ofDays(4)), "chimerism result " + subject,
          () -> desk.deliverChimerismResult(subject, donor, desk.today()));
    } else {
      child.lateChimerismPercent = donor;
    }
    return Map.of("chimerismSampleDate", today(), "chimerismSampleId", "CHIM-" + subject + "-" + today());
  }

  private Map<String, Object> chaseChimerism(ChildState child) {
    String subject = child.child.subjectId();
    double donor = Double.isNaN(child.lateChimerismPercent) ? 97 : child.lateChimerismPercent;
    child.lateChimerismPercent = Double.NaN;
    desk.at(desk.now().plus(Duration.ofDays(2)), "chimerism result " + subject,
        () -> desk.deliverChimerismResult(subject, donor, desk.today()));
    return Map.of("chimerismChaseDate", today(), "chimerismChaseNote", "Laboratory phoned; result promised in 2 days");
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
    return Map.of("gvhdAssessmentDate", today(), "skinStage", skin, "liverStage", liver, "upperGiStage", 0,
        "lowerGiStage", lowerGi);
  }

  private Map<String, Object> immunePanel() {
    Map<String, Object> v = new HashMap<>(Map.of("immunePanelDate", today(), "cd3CellsPerUl", 1200L,
        "cd4CellsPerUl", 650L, "immunoglobulinSubstitution", false, "organFunctionFollowUp", "Normal"));
    for (String organ : ORGANS) {
      v.put("chronicGvhd" + organ + "Score", 0L);
    }
    return v;
  }

  private Map<String, Object> immuneStability(ChildState child) {
    boolean stable = child.immuneReviews++ > 0 || child.draw(p.getImmuneStableAtMonth12());
    return Map.of("immuneStabilityReviewDate", today(), "immuneFunctionStable", stable,
        "immuneStabilityCriteria", stable ? List.of("t-cell-recovery", "naive-t-cells", "igg-without-substitution",
            "stable-donor-chimerism") : List.of("t-cell-recovery"),
        "immuneStabilityRationale", stable ? "CD4 650/uL with naive T cells, IgG normal off substitution, full donor"
            : "T cells recovering, still on immunoglobulin substitution");
  }

  // ------------------------------------------------------------------ the islet laboratory

  private Map<String, Object> procure() {
    Instant crossClamp = desk.now();
    return Map.of("coldIschemiaStartedAt", minutes(crossClamp), "perfusionSolution", "UW", "perfusionTemperatureC", 4.0,
        "perfusionRoute", "abdominal-aorta", "pancreasWeightG", 85L + islets.nextInt(20));
  }

  /** Digestion starts 6 hours after the cross-clamp (within the 12 h cold ischaemia limit). */
  private Answer digest(String taskId) {
    Object started = desk.variable(taskId, "coldIschemiaStartedAt");
    Instant start = LocalDateTime.parse((String) started).atZone(java.time.ZoneId.systemDefault()).toInstant()
        .plus(Duration.ofHours(6));
    if (desk.now().isBefore(start)) {
      return Answer.notBefore(start);
    }
    return Answer.submit(Map.of("digestionStartedAt", minutes(desk.now()), "digestionEnzyme", "Collagenase NB1",
        "digestionMinutes", 18L, "dtzTissueCount", 420L, "dtzIsletCount", 160L, "dtzFragmentPercent", 12L));
  }

  /** Counts of a 100 uL sample; the suspension volume scales the drawn yield (814,660 IEQ at 500 mL). */
  private Map<String, Object> isletCounts() {
    double yield = p.getIsletYieldMedianIeq() * Math.exp(p.getIsletYieldSigma() * islets.nextGaussian());
    double volume = Math.max(1, Math.min(1000, Math.round(500 * yield / 814_660.0)));
    Map<String, Object> v = new HashMap<>();
    v.put("sampleVolumeUl", 100L);
    v.put("suspensionVolumeMl", volume);
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
    return Map.of("purityPercent", 60L, "viabilityPercent", fails ? 55L : 85L, "settledTissueVolumeMl", 6.0,
        "endotoxinEu", 15.0, "gramStainNegative", true);
  }

  // ------------------------------------------------------------------ stage 2

  private Map<String, Object> puncture(ChildState child) {
    boolean success = !child.draw(p.getPunctureFailure());
    return Map.of("punctureSuccessful", success, "baselinePortalPressureMmHg", 13.0);
  }

  private Map<String, Object> infuseIslets(ChildState child) {
    boolean stopped = child.draw(p.getInfusionStopped());
    return Map.of("infusionDate", today(), "peakPortalPressureMmHg", stopped ? 33.0 : 22.0,
        "infusedFractionPercent", stopped ? 60L : 100L, "heparinGiven", true, "heparinUnitsPerKg", 35L,
        "infusedTissueVolumeMl", 4.5);
  }

  /** A trough in the target of its month (8-10 ng/mL before month 3, 6-8 after; tacrolimusTroughTarget), or outside. */
  private Map<String, Object> trough(String taskId, ChildState child) {
    String day = scheduledDay(taskId, "troughDueDate");
    Object infused = desk.variable(taskId, "infusionDate");
    boolean early = infused instanceof String s && LocalDate.parse(day).isBefore(LocalDate.parse(s).plusMonths(3));
    double value = child.draw(p.getTroughOutOfRange()) ? (early ? 12.5 : 4.5) : (early ? 9.0 : 7.0);
    return Map.of("troughSampleDate", day, "tacrolimusTroughNgPerMl", value);
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
    v.put("mmttDate", today());
    v.put("baselineInsulinUnitsPerKgDay", 0.8);
    v.put("severeHypoglycemiaEvents", child.graftClass >= 2 ? 1L : 0L);
    switch (child.graftClass) {
      case 0 -> {
        v.put("hba1cPercent", 6.0);
        v.put("insulinUnitsPerKgDay", 0.0);
        v.put("cPeptideNgPerMl", 1.6);
      }
      case 1 -> {
        v.put("hba1cPercent", 6.8);
        v.put("insulinUnitsPerKgDay", 0.2);
        v.put("cPeptideNgPerMl", 1.2);
      }
      case 2 -> {
        v.put("hba1cPercent", 7.6);
        v.put("insulinUnitsPerKgDay", 0.6);
        v.put("cPeptideNgPerMl", 0.8);
      }
      default -> {
        v.put("hba1cPercent", 8.4);
        v.put("insulinUnitsPerKgDay", 0.8);
        v.put("cPeptideNgPerMl", 0.2);
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
    return Map.of("furtherInfusionDecisionDate", today(), "furtherInfusionOrdered", ordered,
        "furtherInfusionRationale", ordered ? "Marginal graft function: further islet infusion" : "No further infusion");
  }

  // ------------------------------------------------------------------ follow-up and safety

  /** Glucose metabolism and growth: the child grows about 5.5 cm and 2.5 kg a year from referral. */
  private Map<String, Object> glucoseAndGrowth(ChildState child) {
    double years = Duration.between(child.child.referredAt(), desk.now()).toDays() / 365.25;
    Map<String, Object> v = new HashMap<>();
    v.put("visitDate", today());
    v.put("hba1cPercent", 6.4);
    v.put("cPeptideNgPerMl", 1.0);
    v.put("insulinUnitsPerKgDay", 0.3);
    v.put("severeHypoglycemiaEvents", 0);
    v.put("visitHeightCm", Math.min(219.0, Math.round((child.child.heightCm() + 5.5 * years) * 10) / 10.0));
    v.put("heightMeasurement", "standing");
    v.put("visitWeightKg", Math.min(149.0, Math.round((child.child.weightKg() + 2.5 * years) * 10) / 10.0));
    return v;
  }

  /** The initial SAE report within its 24 h clock, or (drawn) after it. */
  private Answer saeInitialReport(String taskId, ChildState child) {
    if (reportedLate(taskId, child)) {
      return Answer.notBefore(desk.now().plus(Duration.ofHours(30)));
    }
    return Answer.submit(Map.of("saeInitialReportDate", today(), "saeReportReference",
        "SAE-" + child.child.subjectId() + "-" + (1 + child.random.nextInt(999)), "saeReportedToSponsor", true,
        "saeReportedToEthicsCommittee", true));
  }

  /** The expedited (SUSAR) report within its 7 or 15 day clock, or (drawn) after it. */
  private Answer expeditedReport(String taskId, ChildState child) {
    if (reportedLate(taskId, child)) {
      return Answer.notBefore(desk.now().plus(Duration.ofDays(16)));
    }
    return Answer.submit(Map.of("expeditedReportDate", today(), "expeditedReportReference",
        "SUSAR-" + desk.today().getYear() + "-" + (1000 + child.random.nextInt(9000)), "expeditedReportSubmitted", true));
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
    return LocalDateTime.ofInstant(instant, java.time.ZoneId.systemDefault()).truncatedTo(ChronoUnit.MINUTES).toString();
  }
}

package org.ucbislet.islettransplant;

import static org.ucbislet.islettransplant.IsletTransplantVariables.*;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** Submissions as the forms of isletTransplant make them, and the caller's and isolation's variables. */
final class IsletTransplantTestData {

  private IsletTransplantTestData() {
  }

  /** What ucbIsletProtocol passes: the subject ID and the weight (no infusionNumber: the first infusion). */
  static Map<String, Object> calledFor(String subjectId, double weightKg) {
    Map<String, Object> v = new HashMap<>();
    v.put(SUBJECT_ID, subjectId);
    v.put(WEIGHT_KG, weightKg);
    return v;
  }

  /** The correlation payload of message IsletProductReleased (contract with isletIsolation). */
  static Map<String, Object> releasedProduct(String productId, double ieq, double weightKg, Date releasedAt) {
    return releasedProduct(productId, ieq, weightKg, releasedAt, 4.5);
  }

  static Map<String, Object> releasedProduct(String productId, double ieq, double weightKg, Date releasedAt,
                                             double settledTissueVolumeMl) {
    return Map.of(ISLET_PRODUCT_ID, productId, ISLET_PRODUCT_IEQ, ieq, ISLET_PRODUCT_IEQ_PER_KG, ieq / weightKg,
        ISLET_PRODUCT_RELEASED_AT, releasedAt, ISLET_PRODUCT_TISSUE_VOLUME_ML, settledTissueVolumeMl);
  }

  /** The MDT's go/no-go with today's weighing (24 kg, weighed on the decision day). */
  static Map<String, Object> infusionGo(boolean go, String on) {
    return infusionGo(go, on, 24.0, on);
  }

  static Map<String, Object> infusionGo(boolean go, String on, double weightKg, String weighedOn) {
    return Map.of(ISLET_INFUSION_GO, go, ISLET_INFUSION_GO_DATE, on, ISLET_INFUSION_GO_RATIONALE,
        go ? "Stable immune function, no intercurrent infection" : "Febrile since yesterday: not fit for infusion",
        WEIGHT_KG, weightKg, WEIGHT_DATE, weighedOn);
  }

  /** The MDT's candidacy review with the child weighed on the review day (26 kg): a weighing of the child's record. */
  static Map<String, Object> candidacyReview(boolean stillCandidate, String on) {
    return Map.of(STILL_ISLET_CANDIDATE, stillCandidate, CANDIDACY_REVIEW_DATE, on, CANDIDACY_REVIEW_RATIONALE,
        stillCandidate ? "Immune function stable, indication unchanged" : "Secondary graft failure of the cord blood "
            + "transplant: islet transplantation no longer indicated", WEIGHT_KG, 26.0, WEIGHT_DATE, on);
  }

  static Map<String, Object> basiliximabGiven(double mg, String at) {
    return Map.of(BASILIXIMAB_GIVEN_MG, mg, BASILIXIMAB_GIVEN_AT, at);
  }

  static Map<String, Object> punctured(double baselineMmHg) {
    return Map.of(PUNCTURE_SUCCESSFUL, true, BASELINE_PORTAL_PRESSURE_MM_HG, baselineMmHg);
  }

  static Map<String, Object> punctureFailed() {
    return Map.of(PUNCTURE_SUCCESSFUL, false, PUNCTURE_NOTES, "Portal vein not reached after three passes");
  }

  static Map<String, Object> portalAccess(String decision) {
    return Map.of(PORTAL_ACCESS_DECISION, decision, PORTAL_ACCESS_RATIONALE,
        ACCESS_POSTPONE.equals(decision) ? "Portal hypertension: re-evaluate before a new product"
            : "Protocol alternative (adverse reactions 8): open portal vein injection");
  }

  /** One aliquot of the infusion: the portal pressure after it and the fraction infused so far. */
  static Map<String, Object> infused(String infusionDate, double pressureMmHg, long fractionPercent) {
    Map<String, Object> v = new HashMap<>();
    v.put(INFUSION_DATE, infusionDate);
    v.put(PORTAL_PRESSURE_MM_HG, pressureMmHg);
    v.put(INFUSED_FRACTION_PERCENT, fractionPercent);
    v.put(HEPARIN_GIVEN, true);
    v.put(HEPARIN_UNITS, 840L); // 35 U/kg at 24 kg
    v.put(INFUSED_TISSUE_VOLUME_ML, 4.5);
    return v;
  }

  /** The open route: the vein cannulated at surgery and its baseline pressure. */
  static Map<String, Object> openAccess(double baselineMmHg) {
    return Map.of(BASELINE_PORTAL_PRESSURE_MM_HG, baselineMmHg, OPEN_INJECTION_NOTES,
        "Mesenteric vein cannulated at laparotomy");
  }

  static Map<String, Object> stoppedInfusionReviewed() {
    return Map.of(PORTAL_VEIN_DOPPLER_ORDERED, true, STOPPED_INFUSION_ASSESSMENT,
        "Infusion halted at 60 %; Doppler in 24 h, continue heparin, no second attempt");
  }

  static Map<String, Object> tractEmbolised() {
    return Map.of(STEEL_COIL_PLACED, true, GELATIN_SPONGE_PLACED, true);
  }

  static Map<String, Object> immunosuppressionStarted(String on) {
    return Map.of(IMMUNOSUPPRESSION_START_DATE, on, TACROLIMUS_DOSE_MG_PER_DAY, 4.0, MYCOPHENOLATE_DOSE_MG_BID, 600L,
        ANTICOAGULATION_CONTINUED, true);
  }

  static Map<String, Object> secondBasiliximabDose() {
    return Map.of(BASILIXIMAB_SECOND_DOSE_GIVEN, true, BASILIXIMAB_SECOND_DOSE_MG, 10.0);
  }

  static Map<String, Object> tapered() {
    return Map.of(TACROLIMUS_DOSE_MG_PER_DAY, 3.0, MYCOPHENOLATE_DOSE_MG_BID, 500L, TAPER_NOTE, "Target 6-8 ng/mL");
  }

  static Map<String, Object> trough(String sampleDate, double ngPerMl) {
    return Map.of(TROUGH_SAMPLE_DATE, sampleDate, TACROLIMUS_TROUGH_NG_PER_ML, ngPerMl);
  }

  static Map<String, Object> doseAdjusted(double mgPerDay) {
    return Map.of(TACROLIMUS_DOSE_MG_PER_DAY, mgPerDay, DOSE_ADJUSTMENT_NOTE, "Reduced by 25 %, repeat level");
  }

  static Map<String, Object> bleedingCheck(String on, String doppler, boolean bleedingSigns) {
    return Map.of(BLEEDING_CHECK_DATE, on, HAEMOGLOBIN_G_PER_L, 112L, ALT_U_PER_L, 48L, AST_U_PER_L, 40L,
        PORTAL_DOPPLER_RESULT, doppler, BLEEDING_SIGNS, bleedingSigns, LABS_ABNORMAL, false);
  }

  static Map<String, Object> immunePanel(String on) {
    return Map.of(ISLET_IMMUNE_PANEL_DATE, on, PANEL_CD3_CELLS_PER_UL, 1400L, PANEL_CD4_CELLS_PER_UL, 780L, PANEL_IGG_G_PER_L, 7.2);
  }

  static Map<String, Object> bleedingOrThrombosisManaged() {
    return Map.of(BLEEDING_THROMBOSIS_TREATMENT, "anticoagulation", BLEEDING_THROMBOSIS_PLAN,
        "Segmental thrombosis of the right portal branch: heparin infusion, Doppler again in 48 h");
  }

  static Map<String, Object> insulinReviewed(String on, double insulinUnitsPerKgDay) {
    return Map.of(GLUCOSE_REVIEW_DATE, on, FASTING_GLUCOSE_MMOL_L, 6.1, INSULIN_UNITS_PER_KG_DAY, insulinUnitsPerKgDay);
  }

  /** MMTT results that the Igls 2017 rules (domain.md Part A) classify as the given class. */
  static Map<String, Object> graftFunction(String graftClass, String mmttDate) {
    Map<String, Object> v = new HashMap<>();
    v.put(MMTT_DATE, mmttDate);
    v.put(BASELINE_INSULIN_UNITS_PER_KG_DAY, 0.8);
    switch (graftClass) {
      case GRAFT_OPTIMAL -> putAll(v, 6.0, 0.0, 1.8, 0L);
      case GRAFT_GOOD -> putAll(v, 6.8, 0.2, 1.2, 0L);
      case GRAFT_MARGINAL -> putAll(v, 7.6, 0.6, 0.9, 1L);
      case GRAFT_FAILURE -> putAll(v, 8.4, 0.8, 0.2, 2L);
      default -> throw new IllegalArgumentException(graftClass);
    }
    return v;
  }

  private static void putAll(Map<String, Object> v, double hba1c, double insulin, double cPeptide, long hypos) {
    v.put(HBA1C_PERCENT, hba1c);
    v.put(INSULIN_UNITS_PER_KG_DAY, insulin);
    v.put(C_PEPTIDE_NG_PER_ML, cPeptide);
    v.put(SEVERE_HYPOGLYCEMIA_EVENTS, hypos);
  }

  static Map<String, Object> furtherInfusion(boolean ordered, String on) {
    return Map.of(FURTHER_INFUSION_ORDERED, ordered, FURTHER_INFUSION_DECISION_DATE, on, FURTHER_INFUSION_RATIONALE,
        ordered ? "Insulin still needed: second infusion" : "Stable graft, no further infusion");
  }

  static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
    Map<String, Object> v = new HashMap<>(base);
    v.put(name, value);
    return v;
  }
}

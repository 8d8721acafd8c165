package org.ucbislet.isletisolation;

import static org.ucbislet.isletisolation.IsletIsolationVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/** Submissions as the islet laboratory makes them, and a stand-in for a child waiting for islets. */
public final class IsletIsolationTestData {

  private IsletIsolationTestData() {
  }

  /** An acceptable brain-dead donor: 42 years, BMI 24.5, HbA1c 5.4 %, 7.5 h expected cold ischaemia. */
  public static Map<String, Object> offer(String donorId) {
    Map<String, Object> v = new HashMap<>();
    v.put(DONOR_ID, donorId);
    v.put("donorAgeYears", 42.0);
    v.put("donorBmi", 24.5);
    v.put("donorHba1cPercent", 5.4);
    v.put("coldIschemiaHours", 7.5);
    v.put("donationAfterCardiacDeath", false);
    v.put("donorDiabetes", false);
    v.put("infectionMarkersNormal", true);
    v.put("donorMalignancy", false);
    return v;
  }

  public static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
    Map<String, Object> v = new HashMap<>(base);
    v.put(name, value);
    return v;
  }

  public static Map<String, Object> procurement() {
    return Map.of(COLD_ISCHEMIA_STARTED_AT, "2026-11-25T02:10", "perfusionSolution", "UW", "perfusionTemperatureC", 4.0,
        "perfusionRoute", "abdominal-aorta", "pancreasWeightG", 92L);
  }

  public static Map<String, Object> trimming() {
    return Map.of("trimmedPancreasWeightG", 78L, "capsuleIntact", true);
  }

  /** Digestion 7.5 h after the cross-clamp of {@link #procurement()}. */
  public static Map<String, Object> digestion() {
    return digestion("2026-11-25T09:40");
  }

  public static Map<String, Object> digestion(String startedAt) {
    return Map.of(DIGESTION_STARTED_AT, startedAt, "digestionEnzyme", "Collagenase NB1 lot 7781", "digestionMinutes", 18L,
        "dtzTissueCount", 420L, "dtzIsletCount", 160L, "dtzFragmentPercent", 12L);
  }

  public static Map<String, Object> collection() {
    return Map.of("digestVolumeMl", 1800L, "digestPelletMl", 14.0);
  }

  public static Map<String, Object> purification() {
    return Map.of("gradientType", "continuous", "gradientDensities", "1.077/1.100", "purifiedFractions", 12L);
  }

  /**
   * Counts of a 100 uL sample of a 500 mL suspension (scale 5000): 40, 30, 20, 10, 5, 2, 1 islets give
   * 40 x 0.167 + 30 x 0.648 + 20 x 1.685 + 10 x 3.5 + 5 x 6.315 + 2 x 10.352 + 1 x 15.833
   * = 6.68 + 19.44 + 33.7 + 35 + 31.575 + 20.704 + 15.833 = 162.932 IEQ counted,
   * so 814,660 IEQ in the product (108 islets counted, 540,000 in the product).
   */
  public static Map<String, Object> counts() {
    return counts(500.0);
  }

  /** The same sample counts in a suspension of another volume (100 mL: 162,932 IEQ, a small product). */
  public static Map<String, Object> counts(double suspensionVolumeMl) {
    Map<String, Object> v = new HashMap<>();
    v.put(SAMPLE_VOLUME_UL, 100L);
    v.put(SUSPENSION_VOLUME_ML, suspensionVolumeMl);
    long[] n = {40, 30, 20, 10, 5, 2, 1};
    String[] classes = {"50-100", "100-150", "150-200", "200-250", "250-300", "300-350", ">=350"};
    for (int i = 0; i < n.length; i++) {
      v.put(COUNT_FIELDS.get(classes[i]), n[i]);
    }
    return v;
  }

  public static final double EXPECTED_PRODUCT_IEQ = 814_660.0;

  /** Passing release tests: purity 60 %, viability 85 %, 4.5 mL settled, 40 EU endotoxin, Gram negative. */
  public static Map<String, Object> releaseTests() {
    Map<String, Object> v = new HashMap<>();
    v.put(PURITY_PERCENT, 60L);
    v.put(VIABILITY_PERCENT, 85L);
    v.put(SETTLED_TISSUE_VOLUME_ML, 4.5); // under 0.25 mL/kg for every waiting child of the tests (20 kg and more)
    v.put(ENDOTOXIN_EU, 40.0);
    v.put(GRAM_STAIN_NEGATIVE, true);
    return v;
  }

  public static Map<String, Object> releaseDecision(boolean approved) {
    return Map.of(RELEASE_APPROVED, approved, "releaseDecisionNotes", approved ? "Certificate checked" : "Bag leak");
  }

  public static Map<String, Object> disposal() {
    return Map.of(DISCARD_REASON, "Product failed release; disposed as clinical waste", "discardDate", "2026-11-25");
  }

  /**
   * The recipient side of the contract, as isletTransplant exposes it: a child waiting at receive task
   * Task_AwaitIsletProduct for message IsletProductReleased, with weightKg, infusionNumber, waitingSince.
   */
  public static BpmnModelInstance waitingChildStandIn() {
    return Bpmn.createExecutableProcess(TRANSPLANT_PROCESS_KEY).camundaHistoryTimeToLive(9131)
        .startEvent("Start_WaitForIslets")
        .receiveTask(TRANSPLANT_AWAIT_PRODUCT).message(MESSAGE_ISLET_PRODUCT_RELEASED)
        .userTask("Task_AdministerBasiliximab")
        .endEvent("End_StandIn")
        .done();
  }
}

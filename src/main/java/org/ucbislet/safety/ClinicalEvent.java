package org.ucbislet.safety;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The clinical events that are adverse events in the protocol's list (protocol, adverse reactions) and are raised
 * where they happen, with the report's prefilled term and description (issue 18 item 6). The description is built
 * from the variables of the process where the event happened. Plain Java.
 */
public enum ClinicalEvent {

  STOPPED_ISLET_INFUSION("stopped-islet-infusion", "other", "Islet infusion stopped before the whole product was given",
      v -> "Islet infusion stopped at " + v.getOrDefault("infusedFractionPercent", "?") + " % of the product ("
          + blankTo(v.get("infusionStopReason"), "stopped by the team") + "); baseline portal pressure "
          + v.getOrDefault("baselinePortalPressureMmHg", "?") + " mmHg, highest " + v.getOrDefault("peakPortalPressureMmHg", "?")
          + " mmHg."),
  OPEN_PORTAL_INJECTION("open-portal-injection", "difficult-puncture-open-portal-injection", null,
      v -> "Percutaneous portal vein access not possible; islets to be given by open portal vein injection at surgery"
          + " (protocol adverse reactions 8). " + blankTo(v.get("portalAccessRationale"), "")),
  SEVERE_INFUSION_REACTION("severe-infusion-reaction", "allergic-reaction", null,
      v -> "Severe reaction to the cord blood infusion. " + blankTo(v.get("cordBloodInfusionNotes"), "")),
  ACUTE_GVHD("acute-gvhd", "gvhd", null,
      v -> "Acute GVHD overall grade " + v.getOrDefault("acuteGvhdGrade", "?") + " (MAGIC): skin " + v.get("skinStage")
          + ", liver " + v.get("liverStage") + ", upper GI " + v.get("upperGiStage") + ", lower GI " + v.get("lowerGiStage")
          + "."),
  CHRONIC_GVHD("chronic-gvhd", "gvhd", null,
      v -> "Chronic GVHD, NIH global severity " + v.getOrDefault("chronicGvhdSeverity", v.getOrDefault(
          "latestChronicGvhdSeverity", "?")) + ": organ scores skin " + v.get("chronicGvhdSkinScore") + ", mouth "
          + v.get("chronicGvhdMouthScore") + ", eyes " + v.get("chronicGvhdEyesScore") + ", GI " + v.get("chronicGvhdGiScore")
          + ", liver " + v.get("chronicGvhdLiverScore") + ", lungs " + v.get("chronicGvhdLungScore") + ", joints and fascia "
          + v.get("chronicGvhdJointsFasciaScore") + ", genital " + v.get("chronicGvhdGenitalScore") + "."),
  GRAFT_FAILURE("graft-failure", "graft-loss", null,
      v -> "Cord blood graft failure (" + blankTo(v.get("graftFailureType"), "type not recorded")
          + ") confirmed by the transplant physician.");

  private final String code;
  private final String aeTerm;
  private final String aeTermOther;
  private final Function<Map<String, Object>, String> description;

  ClinicalEvent(String code, String aeTerm, String aeTermOther, Function<Map<String, Object>, String> description) {
    this.code = code;
    this.aeTerm = aeTerm;
    this.aeTermOther = aeTermOther;
    this.description = description;
  }

  public static ClinicalEvent of(String code) {
    return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown clinical event '" + code + "'"));
  }

  public String code() {
    return code;
  }

  /** The protocol's adverse event term (adverse-event-report's aeTerm). */
  public String aeTerm() {
    return aeTerm;
  }

  /** The "other" term's text, for events without a term of their own; null otherwise. */
  public String aeTermOther() {
    return aeTermOther;
  }

  public String describe(Map<String, Object> variables) {
    return description.apply(variables).trim();
  }

  private static String blankTo(Object value, String otherwise) {
    return value instanceof String s && !s.isBlank() ? s : otherwise;
  }
}

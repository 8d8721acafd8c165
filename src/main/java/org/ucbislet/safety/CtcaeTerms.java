package org.ucbislet.safety;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol's adverse reactions list (the start form's {@code aeTerm} codes) mapped to CTCAE v5.0 terms with their
 * system organ class (domain.md B 6.1: the suggested mapping, tag U, every term name to be verified against the NCI
 * CTCAE v5.0 spreadsheet; listed for clinical sign-off in the README). Where the protocol's item spans several CTCAE
 * terms, the investigator refines it in the report's description; items without a specific CTCAE term map to the
 * organ class's "Other, specify" term, CTCAE's own convention. MedDRA codes are not stored: the CTCAE v5.0
 * spreadsheet (NCI, public) lists the MedDRA LLT code of each term but was not available to this project, and MedDRA
 * itself needs a licence (MSSO). Plain Java.
 */
public final class CtcaeTerms {

  /** A CTCAE v5.0 term and its MedDRA system organ class. */
  public record CtcaeTerm(String term, String systemOrganClass) {
  }

  private static final String GI = "Gastrointestinal disorders";
  private static final String INFECTIONS = "Infections and infestations";
  private static final Map<String, CtcaeTerm> TERMS = new LinkedHashMap<>();

  static {
    put("pretreatment-nausea", "Nausea", GI);
    put("pretreatment-vomiting", "Vomiting", GI);
    put("pretreatment-diarrhea", "Diarrhea", GI);
    put("pretreatment-hematuria", "Hematuria", "Renal and urinary disorders");
    put("pretreatment-alopecia", "Alopecia", "Skin and subcutaneous tissue disorders");
    put("pretreatment-oral-ulcer", "Mucositis oral", GI);
    put("pretreatment-bone-marrow-suppression", "Bone marrow hypocellular", "Blood and lymphatic system disorders");
    put("pretreatment-liver-damage", "Alanine aminotransferase increased", "Investigations");
    put("pretreatment-kidney-damage", "Acute kidney injury", "Renal and urinary disorders");
    put("pretreatment-infection", "Infections and infestations - Other, specify", INFECTIONS);
    put("pretreatment-bleeding", "Vascular disorders - Other, specify (hemorrhage)", "Vascular disorders");
    put("pretreatment-skin-damage", "Skin and subcutaneous tissue disorders - Other, specify",
        "Skin and subcutaneous tissue disorders");
    put("pretreatment-other", "Other, specify", null);
    put("gvhd", "Graft versus host disease", "Immune system disorders");
    put("opportunistic-infection-immunodeficiency", "Infections and infestations - Other, specify", INFECTIONS);
    put("infertility", "Reproductive system and breast disorders - Other, specify (azoospermia, ovarian failure)",
        "Reproductive system and breast disorders");
    put("other-tumors", "Treatment related secondary malignancy", "Neoplasms benign, malignant and unspecified (incl cysts and polyps)");
    put("allergic-reaction", "Allergic reaction", "Immune system disorders");
    put("islet-injection-vascular-embolism", "Portal vein thrombosis", GI);
    put("islet-injection-abnormal-liver-function", "Alanine aminotransferase increased", "Investigations");
    put("difficult-puncture-open-portal-injection", "Surgical and medical procedures - Other, specify",
        "Surgical and medical procedures");
    put("immunosuppressant-toxicity", "Creatinine increased", "Investigations");
    put("portal-puncture-hemorrhage", "Intra-abdominal hemorrhage", GI);
    put("opportunistic-infection-post-transplant", "Infections and infestations - Other, specify", INFECTIONS);
    put("cardiovascular-event", "Cardiac disorders - Other, specify", "Cardiac disorders");
    put("graft-loss", "General disorders and administration site conditions - Other, specify",
        "General disorders and administration site conditions");
    put("abnormal-coagulation", "Blood and lymphatic system disorders - Other, specify", "Blood and lymphatic system disorders");
    put("pulmonary-embolism", "Thromboembolic event", "Vascular disorders");
    put("other", "Other, specify", null);
  }

  private CtcaeTerms() {
  }

  private static void put(String code, String term, String soc) {
    TERMS.put(code, new CtcaeTerm(term, soc));
  }

  /** The CTCAE v5.0 term of a protocol term code; null for a code not in the list. */
  public static CtcaeTerm of(String aeTerm) {
    return aeTerm == null ? null : TERMS.get(aeTerm);
  }

  /** Every mapping, in the protocol's order. */
  public static Map<String, CtcaeTerm> all() {
    return java.util.Collections.unmodifiableMap(TERMS);
  }
}

package org.ucbislet.screening;

import static org.ucbislet.protocol.ProtocolVariables.DATE_OF_BIRTH;
import static org.ucbislet.protocol.ProtocolVariables.GENE_NAME;
import static org.ucbislet.protocol.ProtocolVariables.HEIGHT_CM;
import static org.ucbislet.protocol.ProtocolVariables.SEX;
import static org.ucbislet.protocol.ProtocolVariables.SUBJECT_ID;
import static org.ucbislet.protocol.ProtocolVariables.VARIANT_HGVS;
import static org.ucbislet.protocol.ProtocolVariables.WEIGHT_KG;
import static org.ucbislet.screening.ScreeningVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.ucbislet.protocol.ProtocolVariables;

/** Submissions as the forms make them: a referred child, a work-up, the human decisions. */
public final class ScreeningTestData {

  public static final String WORK_UP_ON = "2026-11-01";

  private ScreeningTestData() {
  }

  /** Start form of an 11-year-old boy with IPEX (FOXP3). */
  public static Map<String, Object> referredChild(String subjectId) {
    Map<String, Object> v = new HashMap<>();
    v.put(SUBJECT_ID, subjectId);
    v.put(DATE_OF_BIRTH, "2015-03-01");
    v.put(SEX, "male");
    v.put(WEIGHT_KG, 23.5);
    v.put(HEIGHT_CM, 121.0);
    v.put(GENE_NAME, "FOXP3");
    v.put(VARIANT_HGVS, "NM_014009.4:c.1150G>A");
    return v;
  }

  /** A work-up in which every inclusion criterion is met and no exclusion applies (two organ-damage types). */
  public static Map<String, Object> eligibleWorkUp() {
    Map<String, Object> v = new HashMap<>();
    v.put(WORK_UP_DATE, WORK_UP_ON);
    v.put("symptomPolyuria", true);
    v.put("fastingGlucoseMmolL", 9.8);
    v.put("hba1cPercent", 8.4);
    v.put("cPeptideNgPerMl", 0.21);
    v.put("gadAntibody", "positive");
    v.put(T1D_DIAGNOSIS_CONFIRMED, true);
    v.put(PATHOGENIC_VARIANT_CONFIRMED, true);
    v.put(RECURRENCE_AFTER_STANDARD_TREATMENT, true);
    for (OrganDamage d : OrganDamage.values()) {
      v.put(d.variable(), d == OrganDamage.INFLAMMATORY_BOWEL_DISEASE || d == OrganDamage.IMMUNE_HEPATITIS);
    }
    for (String exclusion : new String[] {MATURE_EFFECTIVE_TREATMENT_AVAILABLE, HIV_POSITIVE, HBV_POSITIVE,
        HCV_POSITIVE, ACTIVE_INFECTION, ACTIVE_MALIGNANCY, OTHER_FATAL_DISEASE, MENTAL_OR_PSYCHOLOGICAL_DISORDER}) {
      v.put(exclusion, false);
    }
    return v;
  }

  public static Map<String, Object> with(Map<String, Object> base, String name, Object value) {
    Map<String, Object> v = new HashMap<>(base);
    v.put(name, value);
    return v;
  }

  public static Map<String, Object> without(Map<String, Object> base, String name) {
    Map<String, Object> v = new HashMap<>(base);
    v.remove(name);
    return v;
  }

  public static Map<String, Object> consent(boolean obtained) {
    return Map.of(CONSENT_OBTAINED, obtained, "guardianConsentSigned", obtained,
        "childAssent", obtained ? "obtained" : "declined", "consentDate", WORK_UP_ON, "consentFormVersion", "v2.1 2026-06-01");
  }

  public static Map<String, Object> psychologicalAssessment(boolean fit) {
    return Map.of(PSYCHOLOGICALLY_FIT, fit, "psychologicalAssessmentDate", WORK_UP_ON);
  }

  public static Map<String, Object> mdtReview(boolean approved) {
    return Map.of(MDT_APPROVED_TRANSPLANT, approved, "mdtMeetingDate", WORK_UP_ON,
        "mdtRationale", approved ? "Indications met, no contraindication" : "Contraindication: unstable enteropathy");
  }
}

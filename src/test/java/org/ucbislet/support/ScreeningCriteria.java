package org.ucbislet.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ucbislet.screening.ScreeningVariables;

/** The eligibility criteria of a diagnostic work-up, as the tests outside the screening package submit them. */
public final class ScreeningCriteria {

  private ScreeningCriteria() {
  }

  /**
   * Every inclusion criterion met, with that many extrapancreatic organ-damage types, and no exclusion
   * criterion.
   */
  public static Map<String, Object> eligibleWorkUp(int extrapancreaticOrganDamageCount) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ScreeningVariables.T1D_DIAGNOSIS_CONFIRMED, true);
    values.put(ScreeningVariables.EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, extrapancreaticOrganDamageCount);
    values.put(ScreeningVariables.RECURRENCE_AFTER_STANDARD_TREATMENT, true);
    values.put(ScreeningVariables.PATHOGENIC_VARIANT_CONFIRMED, true);
    for (String exclusion : new String[] {ScreeningVariables.MATURE_EFFECTIVE_TREATMENT_AVAILABLE, ScreeningVariables.HIV_POSITIVE,
        ScreeningVariables.HBV_POSITIVE, ScreeningVariables.HCV_POSITIVE, ScreeningVariables.ACTIVE_INFECTION,
        ScreeningVariables.ACTIVE_MALIGNANCY, ScreeningVariables.OTHER_FATAL_DISEASE,
        ScreeningVariables.MENTAL_OR_PSYCHOLOGICAL_DISORDER}) {
      values.put(exclusion, false);
    }
    return values;
  }

  /**
   * Informed consent as the trial coordinator records it: the guardian signed a dated, versioned form and the
   * child assented (ConsentRules refuses "consent obtained" without them).
   */
  public static Map<String, Object> consentGiven() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ScreeningVariables.CONSENT_OBTAINED, true);
    values.put("guardianConsentSigned", true);
    values.put("childAssent", "obtained");
    values.put("consentDate", "2025-09-16");
    values.put("consentFormVersion", "v2.1 2025-06-01");
    return values;
  }

  /**
   * A whole diagnostic work-up as an endocrinologist submits it over REST: the laboratory values
   * (fasting glucose 11.2 mmol/L, HbA1c 8.4 %, C-peptide 0.2 ng/mL, antibodies, sequencing) and every
   * criterion of {@link #eligibleWorkUp(int)} with two organ-damage types.
   */
  public static Map<String, Object> clinicalWorkUp() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(ScreeningVariables.WORK_UP_DATE, "2025-09-15"); // after the referral (EngineRest: 2025-09-01)
    values.put("fastingGlucoseMmolL", 11.2);
    values.put("hba1cPercent", 8.4);
    values.put("cPeptideNgPerMl", 0.2);
    values.put("gadAntibody", "positive");
    values.put("ia2Antibody", "negative");
    values.put("znt8Antibody", "not-tested");
    values.put("insulinAutoantibody", "negative");
    values.put("sequencingMethod", "wes");
    values.putAll(eligibleWorkUp(2));
    return values;
  }
}

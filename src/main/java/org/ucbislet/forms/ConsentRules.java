package org.ucbislet.forms;

import org.ucbislet.clinical.FieldViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Consent that means consent (protocol quality control 4; ICH E6 4.8): "consent obtained" may only be
 * recorded with the guardian's signature, the date of consent and the consent form's version, and never
 * with the child's assent declined (where assent is asked, a declined assent means no consent). The same
 * rule holds for the consent to stage 1 (screening's {@code consentObtained}) and to stage 2 (the islet
 * transplant's {@code isletConsentObtained}). Applied to every submission that sets the decision.
 *
 * <p>Plain Java, no Camunda imports. See docs/clinical-safety.md.
 */
public final class ConsentRules {

  /** The variables of one consent record. */
  public record ConsentFields(String obtained, String guardianSigned, String date, String formVersion, String childAssent) {
  }

  public static final String ASSENT_DECLINED = "declined";

  public static final ConsentFields STAGE_1 = new ConsentFields("consentObtained", "guardianConsentSigned",
      "consentDate", "consentFormVersion", "childAssent");
  public static final ConsentFields STAGE_2 = new ConsentFields("isletConsentObtained", "isletGuardianConsentSigned",
      "isletConsentDate", "isletConsentFormVersion", "isletChildAssent");

  private static final List<ConsentFields> ALL = List.of(STAGE_1, STAGE_2);

  private ConsentRules() {
  }

  /**
   * Checks every consent record whose decision the submission sets.
   *
   * @param submitted the variables the submission sets
   * @param values every variable visible to the submission, after it is applied
   * @param labels display labels by variable (may lack entries)
   */
  public static List<FieldViolation> check(Collection<String> submitted, Map<String, Object> values,
                                           Map<String, String> labels) {
    List<FieldViolation> violations = new ArrayList<>();
    for (ConsentFields c : ALL) {
      if (!submitted.contains(c.obtained()) || !Boolean.TRUE.equals(values.get(c.obtained()))) {
        continue;
      }
      String because = "is required when " + c.obtained() + " is true (consent needs it)";
      if (!Boolean.TRUE.equals(values.get(c.guardianSigned()))) {
        violations.add(new FieldViolation(c.guardianSigned(), labels.get(c.guardianSigned()),
            "must be ticked when " + c.obtained() + " is true: no consent without the guardian's signature"));
      }
      if (blank(values.get(c.date()))) {
        violations.add(new FieldViolation(c.date(), labels.get(c.date()), because));
      }
      if (blank(values.get(c.formVersion()))) {
        violations.add(new FieldViolation(c.formVersion(), labels.get(c.formVersion()), because));
      }
      if (ASSENT_DECLINED.equals(values.get(c.childAssent()))) {
        violations.add(new FieldViolation(c.obtained(), labels.get(c.obtained()),
            "must be false when " + c.childAssent() + " is 'declined': a declined assent means no consent"));
      }
    }
    return violations;
  }

  private static boolean blank(Object value) {
    return value == null || value instanceof String s && s.isBlank();
  }
}

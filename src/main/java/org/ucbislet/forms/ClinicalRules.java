package org.ucbislet.forms;

import org.ucbislet.clinical.FieldViolation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The clinical rules beyond a single field's form rules, in one place: {@link ClinicalDateRules} and
 * {@link ConsentRules}. The server-side form check applies them to every start form and task
 * completion; any other path that records clinical values (messages, corrections) calls
 * {@link #check} with the variables it sets and gets the same violations.
 *
 * @param maxAgeAtReferralYears a child this old or older at referral is refused
 *                              ({@code ucbi.enrolment.max-age-at-referral-years}, protocol: under 18)
 */
public record ClinicalRules(double maxAgeAtReferralYears) {

  public static final ClinicalRules PROTOCOL_DEFAULTS = new ClinicalRules(18);

  /** Violations of the submitted variables, given every visible variable after the submission. */
  public List<FieldViolation> check(Collection<String> submitted, Map<String, Object> values, Map<String, String> labels,
                                    LocalDate today, ZoneId zone) {
    List<FieldViolation> violations = new ArrayList<>(
        ClinicalDateRules.check(submitted, values, labels, today, zone, maxAgeAtReferralYears));
    violations.addAll(ConsentRules.check(submitted, values, labels));
    return violations;
  }
}

package org.ucbislet.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One synthetic child as the trial coordinator refers it (the enrolment form's fields) and its HLA typing (drawn from the
 * default inventory's allele frequencies, so that the bank search finds as often as it would for such a child). What
 * happens to the child later is drawn while the protocol runs ({@link CareTeam}), from the child's own random stream.
 */
public record SyntheticChild(int number, String subjectId, Instant referredAt, LocalDate dateOfBirth, String sex,
    double weightKg, double heightCm, String geneName, String variantHgvs, List<String> hlaTyping, long randomSeed) {

  public SyntheticChild {
    hlaTyping = List.copyOf(hlaTyping);
  }
}

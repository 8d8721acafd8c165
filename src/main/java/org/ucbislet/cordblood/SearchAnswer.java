package org.ucbislet.cordblood;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer of {@code POST /api/cord-blood/search} (design.md section 6, field names are contract):
 * {@code {"searched": N, "units": [...]}}, units best first. Doses are shown cut to two decimals
 * ({@link DoseDisplay}); ranking and {@code unitAcceptable} were decided on the unrounded values.
 */
@JsonPropertyOrder({"searched", "units"})
public record SearchAnswer(long searched, List<Unit> units) {

  /** One listed unit. */
  @JsonPropertyOrder({"bank", "unitId", "alleleMatches8", "antigenMatches6", "mismatchedLoci", "tncPerKgE7",
      "cd34PerKgE5", "unitAcceptable"})
  public record Unit(String bank, String unitId, int alleleMatches8, int antigenMatches6, List<String> mismatchedLoci,
                     double tncPerKgE7, double cd34PerKgE5, boolean unitAcceptable) {

    public static Unit of(CordBloodSearch.AssessedUnit assessed) {
      CandidateUnit u = assessed.unit();
      return new Unit(u.bank(), u.unitId(), u.grade().alleleMatches8(), u.grade().antigenMatches6(),
          u.grade().mismatchedLociLabels(), DoseDisplay.shown(u.tncPerKgE7()), DoseDisplay.shown(u.cd34PerKgE5()),
          assessed.acceptable());
    }
  }

  public static SearchAnswer of(CordBloodSearch.Result result) {
    return new SearchAnswer(result.searched(), result.units().stream().map(Unit::of).toList());
  }
}

package org.ucbislet.isletisolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Allocation of a released islet product: the waiting child who has waited longest and for whom the
 * product meets the release criteria at that child's weight and infusion number. The criteria are not
 * here: they come from the {@code isletProductRelease} decision, passed in as a function.
 */
public final class IsletAllocation {

  private IsletAllocation() {
  }

  /**
   * A child waiting for islets. {@code waitingSince} null sorts last. {@code weightKg} is the child's current weight;
   * {@code staleWeightReason} is empty when it was measured within ucbi.dosing-weight.max-age-days before the
   * allocation, else why not: such a child is passed over (never dosed on an old weight) and weighed first.
   */
  public record WaitingRecipient(String subjectId, double weightKg, String staleWeightReason, int infusionNumber,
                                 Instant waitingSince) {
    /** A child whose weight is recent. */
    public WaitingRecipient(String subjectId, double weightKg, int infusionNumber, Instant waitingSince) {
      this(subjectId, weightKg, "", infusionNumber, waitingSince);
    }

    public boolean weightRecent() {
      return staleWeightReason == null || staleWeightReason.isEmpty();
    }
  }

  /** The product-level results of counting and release testing. */
  public record Product(double isletEquivalents, double purityPercent, double viabilityPercent,
                        double settledTissueVolumeMl, double endotoxinEu, boolean gramStainNegative) {
  }

  /** The release decision's answer for one set of inputs. */
  public record Release(boolean released, String failureReason) {
  }

  /** The decision for one waiting child (per-kg values null when the child was passed over for an old weight). */
  public record Evaluation(String subjectId, Double ieqPerKg, Double endotoxinEuPerKg, int infusionNumber,
                           boolean released, String failureReason) {
  }

  /** The outcome: a recipient (or none, with the reason) and every evaluation made, in order. */
  public record Allocation(String recipientSubjectId, double ieqPerKg, String failureReason, List<Evaluation> evaluations) {
    public boolean allocated() {
      return recipientSubjectId != null;
    }
  }

  /** Input of isletProductRelease beside the contract's: the recipient's weight on the waiting list (per-kg tissue). */
  static final String RECIPIENT_WEIGHT_KG = "weightKg";

  /** The failure reason of a child passed over because the weight is too old (a weigh-first task opens). */
  public static final String WEIGH_FIRST = "Weigh first, not dosed: ";

  static final Comparator<WaitingRecipient> LONGEST_WAITING_FIRST = Comparator
      .comparing(WaitingRecipient::waitingSince, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(WaitingRecipient::subjectId);

  public static Allocation allocate(List<WaitingRecipient> waiting, Product product,
                                    Function<Map<String, Object>, Release> releaseDecision) {
    if (waiting.isEmpty()) {
      return new Allocation(null, 0, "No child is waiting for islets", List.of());
    }
    List<Evaluation> evaluations = new ArrayList<>();
    for (WaitingRecipient r : waiting.stream().sorted(LONGEST_WAITING_FIRST).toList()) {
      if (!r.weightRecent()) {
        evaluations.add(new Evaluation(r.subjectId(), null, null, r.infusionNumber(), false,
            WEIGH_FIRST + r.staleWeightReason()));
        continue;
      }
      Map<String, Object> inputs = releaseInputs(product, r);
      Release release = releaseDecision.apply(inputs);
      Evaluation e = new Evaluation(r.subjectId(), (Double) inputs.get("ieqPerKg"), (Double) inputs.get("endotoxinEuPerKg"),
          r.infusionNumber(), release.released(), release.failureReason());
      evaluations.add(e);
      if (release.released()) {
        return new Allocation(r.subjectId(), e.ieqPerKg(), "", List.copyOf(evaluations));
      }
    }
    Evaluation first = evaluations.get(0);
    String reason = evaluations.stream().allMatch(e -> e.failureReason().equals(first.failureReason()))
        ? first.failureReason()
        : "No waiting child qualifies; longest waiting " + first.subjectId() + ": " + first.failureReason();
    return new Allocation(null, 0, reason, List.copyOf(evaluations));
  }

  /** The inputs of {@code isletProductRelease} (contract names) for this product at this child. */
  static Map<String, Object> releaseInputs(Product p, WaitingRecipient r) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("infusionNumber", r.infusionNumber());
    in.put("ieqPerKg", p.isletEquivalents() / r.weightKg()); // unrounded: rounding could cross a threshold
    in.put("purityPercent", p.purityPercent());
    in.put("viabilityPercent", p.viabilityPercent());
    in.put("endotoxinEuPerKg", p.endotoxinEu() / r.weightKg());
    in.put("settledTissueVolumeMl", p.settledTissueVolumeMl());
    // the decision computes settled tissue per kg itself (domain.md Part A islet tissue volume, B 4.4: < 0.25 cm3/kg)
    in.put(RECIPIENT_WEIGHT_KG, r.weightKg());
    in.put("gramStainNegative", p.gramStainNegative());
    return in;
  }
}

package org.ucbislet.simulation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the simulation knows of one child while the protocol runs: the child as referred, its own random stream (so a
 * child's course does not change when another child is added), and what was drawn for it so far.
 */
final class ChildState {

  /** The course after one cord blood infusion (day 0): engraftment days (-1: primary graft failure) and counts entered. */
  record Engraftment(int neutrophilDay, int plateletDay, int countsEntered, int plateletCountsEntered) {}

  final SyntheticChild child;
  final SplittableRandom random;
  private final Map<LocalDate, Engraftment> engraftments = new HashMap<>();
  int noUnitDecisions;
  int preTransplantEvaluations;
  int maxGvhdGrade = -1;
  int worstGvhdAssessment;
  int gvhdAssessments;
  int immuneReviews;
  int graftClass = -1;
  /** The islet infusion in progress stops (drawn at its first aliquot). */
  boolean infusionWillStop;
  double lateChimerismPercent = Double.NaN;
  /** Chimerism samples sent since the last engraftment draw; the sample (0-based) that shows a secondary graft failure (-1: none). */
  int chimerismSamples;
  int secondaryFailureSample = -1;
  /** A chimerism loss of a secondary graft failure was sent: the physician's review confirms it. */
  boolean secondaryFailureShown;
  /** Moderate chronic GVHD at the month 6 immune visit (drawn at the first visit). */
  Boolean chronicGvhd;
  int immunePanels;
  int dischargeAssessments;
  final Set<String> lateReportDrawn = new HashSet<>();
  /** Clinical events (adverseEventReview) already reported for this child: a repeat is the same episode. */
  final Set<String> reportedClinicalEvents = new HashSet<>();
  final java.util.Map<String, Boolean> lateCounts = new java.util.HashMap<>();
  String protocolInstanceId;
  boolean ended;

  ChildState(SyntheticChild child) {
    this.child = child;
    this.random = new SplittableRandom(child.randomSeed());
  }

  boolean draw(double probability) {
    return random.nextDouble() < probability;
  }

  /** Drawn at the first count after an infusion: primary graft failure or the engraftment days (log-normal). */
  Engraftment engraftment(LocalDate day0, CohortParameters p) {
    return engraftments.computeIfAbsent(day0, d -> {
      chimerismSamples = 0;
      secondaryFailureShown = false;
      secondaryFailureSample = -1;
      if (draw(p.getPrimaryGraftFailure())) {
        return new Engraftment(-1, -1, 0, 0);
      }
      int neutrophil = (int) Math.round(p.getNeutrophilEngraftmentMedianDays()
          * Math.exp(p.getNeutrophilEngraftmentSigma() * random.nextGaussian()));
      neutrophil = Math.max(11, Math.min(40, neutrophil));
      int platelet = (int) Math.round(neutrophil * p.getPlateletToNeutrophilRatio());
      // a fresh graft failure draw per infusion; GVHD and its assessments start again with the new graft
      maxGvhdGrade = -1;
      gvhdAssessments = 0;
      // secondary graft failure: the loss shows at the second or third chimerism sample (days +60, +100 by default),
      // always after the neutrophil engraftment (day 40 at the latest)
      secondaryFailureSample = draw(p.getSecondaryGraftFailure()) ? 1 + random.nextInt(2) : -1;
      return new Engraftment(neutrophil, platelet, 0, 0);
    });
  }

  /** Whether the count with this index after this day 0 is entered a day late (drawn once per count). */
  boolean lateCount(LocalDate day0, int index, double probability) {
    return lateCounts.computeIfAbsent(day0 + "#" + index, k -> draw(probability));
  }

  void countEntered(LocalDate day0) {
    engraftments.computeIfPresent(day0, (d, e) -> new Engraftment(e.neutrophilDay(), e.plateletDay(),
        e.countsEntered() + 1, e.plateletCountsEntered()));
  }

  void plateletCountEntered(LocalDate day0) {
    engraftments.computeIfPresent(day0, (d, e) -> new Engraftment(e.neutrophilDay(), e.plateletDay(),
        e.countsEntered(), e.plateletCountsEntered() + 1));
  }
}

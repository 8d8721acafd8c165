package org.ucbislet.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distributions the synthetic cohort is drawn from (README "Cohort simulation", properties {@code ucbi.simulation.*}).
 * Every field is a default that the run can override. The source of a number is in its comment: a reference of
 * {@code domain.md} Part B, or "U" for a design choice of the simulation that no source gives (the simulation must
 * produce a plausible trial, not a prediction; no clinical threshold is set here, those stay in the DMN tables and the
 * configuration of the protocol). Probabilities are per child unless stated; rates are per child-year.
 */
public class CohortParameters {

  // ------------------------------------------------------------------ the run

  /** Children in the cohort. */
  private int children = 40;
  /** Seed of every random draw: same seed, same parameters, same cohort and same answers. */
  private long seed = 20261125L;
  /** First subject number (UCBI-0001 for 1). */
  private int firstSubjectNumber = 1;
  /**
   * Children are referred uniformly over this many years before the end of the run (demo: the trial opened this long
   * ago). 0 refers every child on the first day (benchmarks).
   */
  private double enrolmentYears = 6.0;

  /**
   * A run to a date (the demo) leaves the tasks created in its last this many days open, as work waiting in the
   * groups' Tasklist queues today. 0: every task is answered when its time comes.
   */
  private double openTasksLastDays = 0;

  // ------------------------------------------------------------------ who is referred

  /** Age at referral, uniform (U; the protocol treats children). */
  private double ageYearsMin = 1.0;
  private double ageYearsMax = 14.0;
  /** Share of boys (U: FOXP3/IPEX is X-linked, so most children referred are boys; domain.md B 9 gene reference). */
  private double maleFraction = 0.8;
  /** Gene of the pathogenic variant, relative weights (U; the genes are the contract list, domain.md B 9). */
  private Map<String, Double> geneWeights = defaultGeneWeights();
  /** Weight-for-age and height-for-age z-scores against WHO (domain.md B 8): normal(mean, sd) (U: failure to thrive). */
  private double weightZMean = -1.0;
  private double weightZSd = 1.0;
  private double heightZMean = -0.8;
  private double heightZSd = 1.0;

  // ------------------------------------------------------------------ screening

  /** The work-up finds an exclusion criterion (U). */
  private double screenFailure = 0.12;
  /** The guardians do not consent (U). */
  private double consentDeclined = 0.03;
  /** The psychologist finds the child or family not fit (U). */
  private double psychologicallyUnfit = 0.02;
  /** The MDT does not approve the transplant (U). */
  private double mdtDeclines = 0.03;

  // ------------------------------------------------------------------ stage 1

  /**
   * When the bank search finds no acceptable unit, the MDT's choice: search again after the wait, accept a unit outside
   * the criteria, or end (relative weights, U). The HLA typing itself comes from the default inventory's allele
   * frequencies, so how often no unit is found follows from the bank.
   */
  private double noUnitSearchAgain = 0.5;
  private double noUnitAcceptOutsideCriteria = 0.3;
  private double noUnitEnd = 0.2;
  /** The child is not cleared at the pre-transplant evaluation the first time (U). */
  private double notClearedForTransplant = 0.05;
  /** The thawed unit fails the post-thaw release (domain.md B 1.5: 6/121 recipients needed the backup, 5 %). */
  private double postThawFailure = 0.05;
  /** No neutrophil engraftment by day +42: primary graft failure (domain.md B 2.2: 86 % engrafted by day 60 [S18]). */
  private double primaryGraftFailure = 0.14;
  /** Neutrophil engraftment day: log-normal with this median (domain.md B 2.2: median 24 days [S18]) and sigma (U). */
  private double neutrophilEngraftmentMedianDays = 24;
  private double neutrophilEngraftmentSigma = 0.25;
  /** Platelet engraftment day as a multiple of the neutrophil day (domain.md B 2.2: 17 and 37 days [S16], U as a rule). */
  private double plateletToNeutrophilRatio = 1.8;
  /** Highest acute GVHD grade 0, I, II, III, IV (relative weights, U). Grades II-IV are treated. */
  private double[] acuteGvhdGradeWeights = {0.55, 0.20, 0.15, 0.07, 0.03};
  /** Donor chimerism: full (> 95 %), mixed, loss (relative weights, U). Loss after engraftment is graft failure. */
  private double[] chimerismWeights = {0.85, 0.13, 0.02};
  /**
   * An engrafted cord blood graft that later loses its function: secondary graft failure (domain.md B 2.1 defines it,
   * Part B gives no rate; U, a simulation parameter, not a clinical threshold). The child's donor chimerism falls below
   * 5 % at one of the samples after engraftment (drawn) and the repeat sample and counts confirm the loss.
   */
  private double secondaryGraftFailure = 0.03;
  /** A low chimerism after engraftment whose repeat sample and counts show a working graft: no graft failure (U). */
  private double chimerismLossFunctionRetained = 0.25;
  /** Moderate or severe chronic GVHD after the cord blood transplant, shown at the month 6 immune visit (U). */
  private double chronicGvhdModerateOrSevere = 0.1;
  /** The first discharge assessment after neutrophil engraftment defers the discharge by a week (U). */
  private double dischargeDeferred = 0.3;
  /** A graft failure with no backup unit left for which the MDT orders a new bank search instead of ending (U). */
  private double graftFailureSearchAgain = 0.2;
  /** A graft failure after which the MDT ends the transplant although a backup unit is left (child not fit, U). */
  private double graftFailureEndWithBackupLeft = 0.05;
  /** The guardians do not consent to stage 2 (the islet transplant) when the trial coordinator asks (U). */
  private double isletConsentDeclined = 0.02;
  /** A child not cleared at the pre-transplant evaluation for whom the MDT decides not to transplant (U). */
  private double notClearedNoTransplant = 0.1;
  /** A blood count entered the day after it was drawn (U); the day +42 review then waits for the counts. */
  private double lateCountEntry = 0.05;
  /** The chimerism result comes back within the chase reminder (U); otherwise the trial coordinator chases it. */
  private double chimerismResultOnTime = 0.9;
  /** The MDT confirms stable immune function at the month 12 review (U); otherwise at a later yearly review. */
  private double immuneStableAtMonth12 = 0.85;

  // ------------------------------------------------------------------ stage 2

  /** Acceptable brain-dead donor pancreases offered to the islet laboratory: one every this many days (U). */
  private double meanDaysBetweenPancreasOffers = 45;
  /** Offers whose donor the pancreasDonorAcceptance table refuses (U; the table decides). */
  private double donorRefused = 0.2;
  /** Total IEQ of an isolation: log-normal with this median and sigma (U). */
  private double isletYieldMedianIeq = 320_000;
  private double isletYieldSigma = 0.45;
  /** The release tests fail on viability, purity or endotoxin (U). */
  private double releaseTestFailure = 0.08;
  /** The MDT keeps the child on the islet list at a candidacy review (U). */
  private double stillIsletCandidate = 0.97;
  /** The portal vein puncture fails (U); then open injection or postpone (weights, U). */
  private double punctureFailure = 0.05;
  private double openInjectionAfterFailedPuncture = 0.7;
  /** The portal pressure rises more than allowed during the infusion: stopped (U). */
  private double infusionStopped = 0.05;
  /** A tacrolimus trough outside its target (U). */
  private double troughOutOfRange = 0.15;
  /**
   * After the islet transplant's own trough schedule (month 12), the chance per monthly trough that the transplant
   * physician records the end of immunosuppression (graft loss over the following years, U); a child whose islet graft
   * failed ends it at the first long-term trough.
   */
  private double immunosuppressionEndsPerMonth = 0.02;
  /** Islet graft function at day +75: optimal, good, marginal, failure (relative weights, U; Igls 2017 classes B 5). */
  private double[] graftFunctionWeights = {0.25, 0.35, 0.28, 0.12};
  /** The MDT orders a further infusion after a marginal or failed graft (U). */
  private double furtherInfusionWhenNotGood = 0.6;

  // ------------------------------------------------------------------ over the whole protocol

  /** Adverse events per child-year (U). */
  private double adverseEventsPerYear = 1.5;
  /**
   * Share of children whose HLA alleles are drawn uniformly from the bank's allele list instead of by frequency (U:
   * children of another ancestry than the bank's donors); they often find no acceptable unit.
   */
  private double rareHlaFraction = 0.05;
  /** Share of serious adverse events that are unexpected and related: suspected unexpected serious reactions (U). */
  private double unexpectedRelatedFraction = 0.15;
  /** Share of adverse events reported over REST by message AdverseEventReported instead of the start form (U). */
  private double adverseEventsByMessage = 0.3;
  /** Share of adverse events that are serious (U). */
  private double seriousAdverseEventFraction = 0.25;
  /** An initial SAE report submitted after its 24 h clock (U). */
  private double lateSaeReport = 0.05;
  /** Consent withdrawals per child-year (U). */
  private double withdrawalsPerYear = 0.02;
  /** Deaths per child-year (domain.md B 2.2: 2-year overall survival 91 % [S16]: -ln(0.91)/2 = 0.047). */
  private double deathsPerYear = 0.047;
  /** A follow-up visit nobody attends: its window closes and a protocol deviation is recorded (U). */
  private double missedVisit = 0.04;
  /** Hours from a task's creation until its group completes it: log-normal median and sigma (U). */
  private double taskResponseMedianHours = 18;
  /**
   * Days some tasks take before they can be done at all, added to the response time (U): the diagnostic work-up's
   * tests, the high-resolution HLA typing, the bank's confirmatory typing and reservation, the pre-transplant work-up,
   * the next free laminar-flow room.
   */
  private Map<String, Double> taskLeadDays = new LinkedHashMap<>(Map.of("Task_RecordDiagnosticWorkUp", 14.0,
      "Task_RecordHlaTyping", 10.0, "Task_SelectCordBloodUnits", 7.0, "Task_EvaluatePreTransplant", 21.0,
      "Task_AdmitToLaminarFlowIsolation", 7.0));
  private double taskResponseSigma = 0.8;

  private static Map<String, Double> defaultGeneWeights() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("FOXP3", 40.0);
    w.put("LRBA", 14.0);
    w.put("CTLA4", 14.0);
    w.put("STAT3", 12.0);
    w.put("IL2RA", 6.0);
    w.put("STAT5B", 4.0);
    w.put("AIRE", 5.0);
    w.put("STAT1", 4.0);
    w.put("ITCH", 1.0);
    return w;
  }

  /** Fails naming the parameter when a value cannot describe a cohort. */
  public CohortParameters validate() {
    require(children >= 0 && children <= 9_999, "children", "0 to 9999");
    require(firstSubjectNumber >= 1 && firstSubjectNumber + children - 1 <= 9_999, "first-subject-number",
        "1 to 9999 together with children (subject IDs UCBI-0001 to UCBI-9999)");
    require(enrolmentYears >= 0 && enrolmentYears <= 30, "enrolment-years", "0 to 30");
    require(openTasksLastDays >= 0 && openTasksLastDays <= 365, "open-tasks-last-days", "0 to 365");
    require(ageYearsMin >= 0.5 && ageYearsMax <= 18 && ageYearsMin <= ageYearsMax, "age-years-min/max",
        "0.5 <= min <= max <= 18");
    for (Map.Entry<String, Double> e : Map.ofEntries(Map.entry("male-fraction", maleFraction),
        Map.entry("screen-failure", screenFailure), Map.entry("consent-declined", consentDeclined),
        Map.entry("psychologically-unfit", psychologicallyUnfit), Map.entry("mdt-declines", mdtDeclines),
        Map.entry("not-cleared-for-transplant", notClearedForTransplant), Map.entry("post-thaw-failure", postThawFailure),
        Map.entry("primary-graft-failure", primaryGraftFailure), Map.entry("chimerism-result-on-time", chimerismResultOnTime),
        Map.entry("chimerism-loss-function-retained", chimerismLossFunctionRetained),
        Map.entry("secondary-graft-failure", secondaryGraftFailure),
        Map.entry("graft-failure-search-again", graftFailureSearchAgain), Map.entry("late-count-entry", lateCountEntry),
        Map.entry("graft-failure-end-with-backup-left", graftFailureEndWithBackupLeft),
        Map.entry("islet-consent-declined", isletConsentDeclined),
        Map.entry("not-cleared-no-transplant", notClearedNoTransplant),
        Map.entry("immune-stable-at-month12", immuneStableAtMonth12), Map.entry("donor-refused", donorRefused),
        Map.entry("release-test-failure", releaseTestFailure), Map.entry("still-islet-candidate", stillIsletCandidate),
        Map.entry("puncture-failure", punctureFailure),
        Map.entry("open-injection-after-failed-puncture", openInjectionAfterFailedPuncture),
        Map.entry("infusion-stopped", infusionStopped), Map.entry("trough-out-of-range", troughOutOfRange),
        Map.entry("immunosuppression-ends-per-month", immunosuppressionEndsPerMonth),
        Map.entry("further-infusion-when-not-good", furtherInfusionWhenNotGood),
        Map.entry("serious-adverse-event-fraction", seriousAdverseEventFraction),
        Map.entry("late-sae-report", lateSaeReport), Map.entry("missed-visit", missedVisit),
        Map.entry("rare-hla-fraction", rareHlaFraction), Map.entry("unexpected-related-fraction", unexpectedRelatedFraction),
        Map.entry("adverse-events-by-message", adverseEventsByMessage)).entrySet()) {
      require(e.getValue() >= 0 && e.getValue() <= 1, e.getKey(), "a probability from 0 to 1");
    }
    require(noUnitSearchAgain >= 0 && noUnitAcceptOutsideCriteria >= 0 && noUnitEnd >= 0
        && noUnitSearchAgain + noUnitAcceptOutsideCriteria + noUnitEnd > 0, "no-unit-*", "weights >= 0, not all 0");
    requireWeights(acuteGvhdGradeWeights, 5, "acute-gvhd-grade-weights");
    requireWeights(chimerismWeights, 3, "chimerism-weights");
    requireWeights(graftFunctionWeights, 4, "graft-function-weights");
    require(!geneWeights.isEmpty() && geneWeights.values().stream().allMatch(w -> w != null && w >= 0)
        && geneWeights.values().stream().mapToDouble(Double::doubleValue).sum() > 0, "gene-weights",
        "weights >= 0 per gene, not all 0");
    require(neutrophilEngraftmentMedianDays >= 7 && neutrophilEngraftmentMedianDays <= 41,
        "neutrophil-engraftment-median-days", "7 to 41 (engraftment after day +42 is graft failure)");
    require(plateletToNeutrophilRatio >= 1 && plateletToNeutrophilRatio <= 5, "platelet-to-neutrophil-ratio", "1 to 5");
    require(meanDaysBetweenPancreasOffers > 0, "mean-days-between-pancreas-offers", "more than 0");
    require(isletYieldMedianIeq > 0, "islet-yield-median-ieq", "more than 0");
    require(adverseEventsPerYear >= 0 && withdrawalsPerYear >= 0 && deathsPerYear >= 0,
        "adverse-events-per-year/withdrawals-per-year/deaths-per-year", "rates >= 0");
    require(taskLeadDays.values().stream().allMatch(d -> d != null && d >= 0 && d <= 365), "task-lead-days",
        "0 to 365 days per task");
    require(taskResponseMedianHours > 0 && taskResponseMedianHours <= 24 * 14, "task-response-median-hours",
        "more than 0, at most two weeks");
    return this;
  }

  private static void requireWeights(double[] weights, int length, String name) {
    boolean ok = weights != null && weights.length == length;
    double sum = 0;
    if (ok) {
      for (double w : weights) {
        ok &= w >= 0;
        sum += w;
      }
    }
    require(ok && sum > 0, name, length + " weights >= 0, not all 0");
  }

  private static void require(boolean condition, String parameter, String expected) {
    if (!condition) {
      throw new IllegalArgumentException("ucbi.simulation." + parameter + ": must be " + expected);
    }
  }

  // ------------------------------------------------------------------ getters and setters (Spring binding)

  public int getChildren() { return children; }
  public void setChildren(int children) { this.children = children; }
  public long getSeed() { return seed; }
  public void setSeed(long seed) { this.seed = seed; }
  public int getFirstSubjectNumber() { return firstSubjectNumber; }
  public void setFirstSubjectNumber(int firstSubjectNumber) { this.firstSubjectNumber = firstSubjectNumber; }
  public double getEnrolmentYears() { return enrolmentYears; }
  public void setEnrolmentYears(double enrolmentYears) { this.enrolmentYears = enrolmentYears; }
  public double getOpenTasksLastDays() { return openTasksLastDays; }
  public void setOpenTasksLastDays(double openTasksLastDays) { this.openTasksLastDays = openTasksLastDays; }
  public double getAgeYearsMin() { return ageYearsMin; }
  public void setAgeYearsMin(double ageYearsMin) { this.ageYearsMin = ageYearsMin; }
  public double getAgeYearsMax() { return ageYearsMax; }
  public void setAgeYearsMax(double ageYearsMax) { this.ageYearsMax = ageYearsMax; }
  public double getMaleFraction() { return maleFraction; }
  public void setMaleFraction(double maleFraction) { this.maleFraction = maleFraction; }
  public Map<String, Double> getGeneWeights() { return geneWeights; }
  public void setGeneWeights(Map<String, Double> geneWeights) { this.geneWeights = new LinkedHashMap<>(geneWeights); }
  public double getWeightZMean() { return weightZMean; }
  public void setWeightZMean(double weightZMean) { this.weightZMean = weightZMean; }
  public double getWeightZSd() { return weightZSd; }
  public void setWeightZSd(double weightZSd) { this.weightZSd = weightZSd; }
  public double getHeightZMean() { return heightZMean; }
  public void setHeightZMean(double heightZMean) { this.heightZMean = heightZMean; }
  public double getHeightZSd() { return heightZSd; }
  public void setHeightZSd(double heightZSd) { this.heightZSd = heightZSd; }
  public double getScreenFailure() { return screenFailure; }
  public void setScreenFailure(double screenFailure) { this.screenFailure = screenFailure; }
  public double getConsentDeclined() { return consentDeclined; }
  public void setConsentDeclined(double consentDeclined) { this.consentDeclined = consentDeclined; }
  public double getPsychologicallyUnfit() { return psychologicallyUnfit; }
  public void setPsychologicallyUnfit(double psychologicallyUnfit) { this.psychologicallyUnfit = psychologicallyUnfit; }
  public double getMdtDeclines() { return mdtDeclines; }
  public void setMdtDeclines(double mdtDeclines) { this.mdtDeclines = mdtDeclines; }
  public double getNoUnitSearchAgain() { return noUnitSearchAgain; }
  public void setNoUnitSearchAgain(double noUnitSearchAgain) { this.noUnitSearchAgain = noUnitSearchAgain; }
  public double getNoUnitAcceptOutsideCriteria() { return noUnitAcceptOutsideCriteria; }
  public void setNoUnitAcceptOutsideCriteria(double v) { this.noUnitAcceptOutsideCriteria = v; }
  public double getNoUnitEnd() { return noUnitEnd; }
  public void setNoUnitEnd(double noUnitEnd) { this.noUnitEnd = noUnitEnd; }
  public double getNotClearedForTransplant() { return notClearedForTransplant; }
  public void setNotClearedForTransplant(double v) { this.notClearedForTransplant = v; }
  public double getPostThawFailure() { return postThawFailure; }
  public void setPostThawFailure(double postThawFailure) { this.postThawFailure = postThawFailure; }
  public double getSecondaryGraftFailure() { return secondaryGraftFailure; }
  public void setSecondaryGraftFailure(double v) { this.secondaryGraftFailure = v; }
  public double getChimerismLossFunctionRetained() { return chimerismLossFunctionRetained; }
  public double getChronicGvhdModerateOrSevere() { return chronicGvhdModerateOrSevere; }
  public void setChronicGvhdModerateOrSevere(double v) { this.chronicGvhdModerateOrSevere = v; }
  public double getDischargeDeferred() { return dischargeDeferred; }
  public void setDischargeDeferred(double v) { this.dischargeDeferred = v; }
  public void setChimerismLossFunctionRetained(double v) { this.chimerismLossFunctionRetained = v; }
  public double getGraftFailureSearchAgain() { return graftFailureSearchAgain; }
  public double getGraftFailureEndWithBackupLeft() { return graftFailureEndWithBackupLeft; }
  public void setGraftFailureEndWithBackupLeft(double p) { this.graftFailureEndWithBackupLeft = p; }
  public double getIsletConsentDeclined() { return isletConsentDeclined; }
  public double getNotClearedNoTransplant() { return notClearedNoTransplant; }
  public void setNotClearedNoTransplant(double p) { this.notClearedNoTransplant = p; }
  public void setIsletConsentDeclined(double p) { this.isletConsentDeclined = p; }
  public void setGraftFailureSearchAgain(double v) { this.graftFailureSearchAgain = v; }
  public double getLateCountEntry() { return lateCountEntry; }
  public void setLateCountEntry(double v) { this.lateCountEntry = v; }
  public double getPrimaryGraftFailure() { return primaryGraftFailure; }
  public void setPrimaryGraftFailure(double primaryGraftFailure) { this.primaryGraftFailure = primaryGraftFailure; }
  public double getNeutrophilEngraftmentMedianDays() { return neutrophilEngraftmentMedianDays; }
  public void setNeutrophilEngraftmentMedianDays(double v) { this.neutrophilEngraftmentMedianDays = v; }
  public double getNeutrophilEngraftmentSigma() { return neutrophilEngraftmentSigma; }
  public void setNeutrophilEngraftmentSigma(double v) { this.neutrophilEngraftmentSigma = v; }
  public double getPlateletToNeutrophilRatio() { return plateletToNeutrophilRatio; }
  public void setPlateletToNeutrophilRatio(double v) { this.plateletToNeutrophilRatio = v; }
  public double[] getAcuteGvhdGradeWeights() { return acuteGvhdGradeWeights; }
  public void setAcuteGvhdGradeWeights(double[] v) { this.acuteGvhdGradeWeights = v; }
  public double[] getChimerismWeights() { return chimerismWeights; }
  public void setChimerismWeights(double[] chimerismWeights) { this.chimerismWeights = chimerismWeights; }
  public double getChimerismResultOnTime() { return chimerismResultOnTime; }
  public void setChimerismResultOnTime(double v) { this.chimerismResultOnTime = v; }
  public double getImmuneStableAtMonth12() { return immuneStableAtMonth12; }
  public void setImmuneStableAtMonth12(double v) { this.immuneStableAtMonth12 = v; }
  public double getMeanDaysBetweenPancreasOffers() { return meanDaysBetweenPancreasOffers; }
  public void setMeanDaysBetweenPancreasOffers(double v) { this.meanDaysBetweenPancreasOffers = v; }
  public double getDonorRefused() { return donorRefused; }
  public void setDonorRefused(double donorRefused) { this.donorRefused = donorRefused; }
  public double getIsletYieldMedianIeq() { return isletYieldMedianIeq; }
  public void setIsletYieldMedianIeq(double isletYieldMedianIeq) { this.isletYieldMedianIeq = isletYieldMedianIeq; }
  public double getIsletYieldSigma() { return isletYieldSigma; }
  public void setIsletYieldSigma(double isletYieldSigma) { this.isletYieldSigma = isletYieldSigma; }
  public double getReleaseTestFailure() { return releaseTestFailure; }
  public void setReleaseTestFailure(double releaseTestFailure) { this.releaseTestFailure = releaseTestFailure; }
  public double getStillIsletCandidate() { return stillIsletCandidate; }
  public void setStillIsletCandidate(double stillIsletCandidate) { this.stillIsletCandidate = stillIsletCandidate; }
  public double getPunctureFailure() { return punctureFailure; }
  public void setPunctureFailure(double punctureFailure) { this.punctureFailure = punctureFailure; }
  public double getOpenInjectionAfterFailedPuncture() { return openInjectionAfterFailedPuncture; }
  public void setOpenInjectionAfterFailedPuncture(double v) { this.openInjectionAfterFailedPuncture = v; }
  public double getInfusionStopped() { return infusionStopped; }
  public void setInfusionStopped(double infusionStopped) { this.infusionStopped = infusionStopped; }
  public double getTroughOutOfRange() { return troughOutOfRange; }
  public void setTroughOutOfRange(double troughOutOfRange) { this.troughOutOfRange = troughOutOfRange; }
  public double getImmunosuppressionEndsPerMonth() { return immunosuppressionEndsPerMonth; }
  public void setImmunosuppressionEndsPerMonth(double immunosuppressionEndsPerMonth) {
    this.immunosuppressionEndsPerMonth = immunosuppressionEndsPerMonth;
  }
  public double[] getGraftFunctionWeights() { return graftFunctionWeights; }
  public void setGraftFunctionWeights(double[] graftFunctionWeights) { this.graftFunctionWeights = graftFunctionWeights; }
  public double getFurtherInfusionWhenNotGood() { return furtherInfusionWhenNotGood; }
  public void setFurtherInfusionWhenNotGood(double v) { this.furtherInfusionWhenNotGood = v; }
  public double getAdverseEventsPerYear() { return adverseEventsPerYear; }
  public void setAdverseEventsPerYear(double adverseEventsPerYear) { this.adverseEventsPerYear = adverseEventsPerYear; }
  public double getSeriousAdverseEventFraction() { return seriousAdverseEventFraction; }
  public void setSeriousAdverseEventFraction(double v) { this.seriousAdverseEventFraction = v; }
  public double getRareHlaFraction() { return rareHlaFraction; }
  public void setRareHlaFraction(double rareHlaFraction) { this.rareHlaFraction = rareHlaFraction; }
  public double getUnexpectedRelatedFraction() { return unexpectedRelatedFraction; }
  public void setUnexpectedRelatedFraction(double v) { this.unexpectedRelatedFraction = v; }
  public double getAdverseEventsByMessage() { return adverseEventsByMessage; }
  public void setAdverseEventsByMessage(double adverseEventsByMessage) { this.adverseEventsByMessage = adverseEventsByMessage; }
  public double getLateSaeReport() { return lateSaeReport; }
  public void setLateSaeReport(double lateSaeReport) { this.lateSaeReport = lateSaeReport; }
  public double getWithdrawalsPerYear() { return withdrawalsPerYear; }
  public void setWithdrawalsPerYear(double withdrawalsPerYear) { this.withdrawalsPerYear = withdrawalsPerYear; }
  public double getDeathsPerYear() { return deathsPerYear; }
  public void setDeathsPerYear(double deathsPerYear) { this.deathsPerYear = deathsPerYear; }
  public double getMissedVisit() { return missedVisit; }
  public void setMissedVisit(double missedVisit) { this.missedVisit = missedVisit; }
  public double getTaskResponseMedianHours() { return taskResponseMedianHours; }
  public void setTaskResponseMedianHours(double v) { this.taskResponseMedianHours = v; }
  public double getTaskResponseSigma() { return taskResponseSigma; }
  public Map<String, Double> getTaskLeadDays() { return taskLeadDays; }
  public void setTaskLeadDays(Map<String, Double> taskLeadDays) { this.taskLeadDays = new LinkedHashMap<>(taskLeadDays); }
  public void setTaskResponseSigma(double taskResponseSigma) { this.taskResponseSigma = taskResponseSigma; }
}

package org.ucbislet.cordblood;

/** Whether a unit found by a search is acceptable: the decision {@code cordBloodUnitAcceptance} ({@link UnitAcceptanceDecision}). */
@FunctionalInterface
public interface UnitAcceptance {

  boolean acceptable(CandidateUnit unit);
}

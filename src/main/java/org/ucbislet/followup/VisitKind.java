package org.ucbislet.followup;

/**
 * What a follow-up visit assesses, and so which task (and group) records it. Protocol, Interventions:
 * 'We will follow up the glucose metabolism, immunity and growth of patients for in long term.'
 */
public enum VisitKind {
  /** Glucose metabolism (HbA1c, C-peptide, insulin dose, hypoglycaemia) and growth: endocrinologist. */
  GLUCOSE_AND_GROWTH("glucoseAndGrowth"),
  /** The same plus a mixed-meal tolerance test (domain.md B 5.5): endocrinologist. */
  MMTT("mmtt"),
  /** Immune panel (domain.md B 2.4, PID transplant monitoring): transplant physician. */
  IMMUNE_FUNCTION("immuneFunction");

  private final String code;

  VisitKind(String code) {
    this.code = code;
  }

  /** The value in the plan's JSON and in the BPMN gateway conditions. */
  public String code() {
    return code;
  }
}

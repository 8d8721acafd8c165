package org.ucbislet.screening;

import java.util.Map;

/**
 * The 11 extrapancreatic organ-damage types of inclusion criterion 2 (protocol, Participants), each a
 * checkbox of the diagnostic work-up form; the variable names are the form's field keys.
 */
public enum OrganDamage {
  INFLAMMATORY_BOWEL_DISEASE("organDamageInflammatoryBowelDisease", "Inflammatory bowel disease"),
  RENAL_IMPAIRMENT("organDamageRenalImpairment", "Impairment of renal function"),
  RECURRENT_INFECTION("organDamageRecurrentInfection", "Repeated infection of mouth, skin, anus or whole body"),
  IMMUNE_HEPATITIS("organDamageImmuneHepatitis", "Immune hepatitis"),
  IRIDOCYCLITIS("organDamageIridocyclitis", "Persistent chronic immune iridocyclitis"),
  ADRENALITIS("organDamageAdrenalitis", "Immune adrenalitis with adrenocortical dysfunction"),
  HYPOPHYSITIS("organDamageHypophysitis", "Pituitary inflammation with hypopituitarism"),
  RHEUMATOID_DISEASE("organDamageRheumatoidDisease", "Rheumatoid disease"),
  IMMUNE_VASCULITIS("organDamageImmuneVasculitis", "Immune vasculitis"),
  SYSTEMIC_LUPUS("organDamageSystemicLupus", "Systemic lupus erythematosus"),
  OTHER_NON_THYROID("organDamageOtherNonThyroid", "Other organ damage besides thyroid");

  private final String variable;
  private final String label;

  OrganDamage(String variable, String label) {
    this.variable = variable;
    this.label = label;
  }

  public String variable() {
    return variable;
  }

  public String label() {
    return label;
  }

  /**
   * The number of organ-damage types ticked, or {@code null} when none of the 11 answers was given
   * (a REST client that sends the contract input {@code extrapancreaticOrganDamageCount} directly).
   */
  public static Integer count(Map<String, ?> variables) {
    int answered = 0;
    int ticked = 0;
    for (OrganDamage d : values()) {
      Object v = variables.get(d.variable);
      if (v instanceof Boolean b) {
        answered++;
        ticked += b ? 1 : 0;
      }
    }
    return answered == 0 ? null : ticked;
  }
}

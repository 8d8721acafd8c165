package org.ucbislet.clinical;

import java.util.List;

/** The groups of the contract (design.md section 4). The IDs are contract: Tasklist filters, BPMN candidate groups. */
public enum Groups {
  TRIAL_COORDINATOR("trial-coordinator", "Trial coordinator", true),
  ENDOCRINOLOGIST("endocrinologist", "Endocrinologist", true),
  PSYCHOLOGIST("psychologist", "Psychologist", true),
  MDT("mdt", "Multidisciplinary team", true),
  HLA_LAB("hla-lab", "HLA laboratory", true),
  TRANSPLANT_PHYSICIAN("transplant-physician", "Transplant physician", true),
  STEM_CELL_LAB("stem-cell-lab", "Stem cell laboratory", true),
  ISLET_LAB("islet-lab", "Islet laboratory", true),
  INTERVENTIONAL_RADIOLOGY("interventional-radiology", "Interventional radiology", true),
  TRIAL_MANAGER("trial-manager", "Trial manager", true),
  AUDITOR("auditor", "Auditor", false),
  CAMUNDA_ADMIN("camunda-admin", "Administrators", false);

  private final String id;
  private final String label;
  private final boolean worksTasks;

  Groups(String id, String label, boolean worksTasks) {
    this.id = id;
    this.label = label;
    this.worksTasks = worksTasks;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** Whether members work tasks in Tasklist (and so get a Tasklist filter of their own). */
  public boolean worksTasks() {
    return worksTasks;
  }

  public static List<String> ids() {
    return java.util.Arrays.stream(values()).map(Groups::id).toList();
  }
}

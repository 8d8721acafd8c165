package org.ucbislet.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * The meaning of an electronic signature (21 CFR 11.50(a)(3)), as written in a signed element's BPMN property
 * {@code signature}. Each maps to the ASTM E1762 signature type that FHIR's {@code Signature.type} uses
 * (system {@value #ASTM_E1762}).
 */
public enum SignatureMeaning {
  APPROVAL("approval", "Approval", "1.2.840.10065.1.12.1.5", "Verification Signature"),
  REVIEW("review", "Review", "1.2.840.10065.1.12.1.13", "Review Signature"),
  RESPONSIBILITY("responsibility", "Responsibility", "1.2.840.10065.1.12.1.6", "Validation Signature"),
  AUTHORSHIP("authorship", "Authorship", "1.2.840.10065.1.12.1.1", "Author's Signature"),
  CORRECTION("correction", "Correction", "1.2.840.10065.1.12.1.16", "Modification Signature");

  /** FHIR's system for {@code Signature.type}. */
  public static final String ASTM_E1762 = "urn:iso-astm:E1762-95:2013";

  private final String code;
  private final String label;
  private final String astmCode;
  private final String astmDisplay;

  SignatureMeaning(String code, String label, String astmCode, String astmDisplay) {
    this.code = code;
    this.label = label;
    this.astmCode = astmCode;
    this.astmDisplay = astmDisplay;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public String astmCode() {
    return astmCode;
  }

  public String astmDisplay() {
    return astmDisplay;
  }

  /** The meaning with this code, or null. */
  public static SignatureMeaning of(String code) {
    if (code == null) {
      return null;
    }
    String wanted = code.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.code.equals(wanted)).findFirst().orElse(null);
  }
}

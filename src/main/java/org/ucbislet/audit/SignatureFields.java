package org.ucbislet.audit;

import java.util.List;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * What a signer sends with the submission of a signed task or start form (Tasklist, REST or Java): the two
 * components of the signature (user ID and password, 21 CFR 11.200(a)) and the meaning the signer accepts. All three
 * are <em>transient</em> variables ({@code "valueInfo": {"transient": true}} over REST): the engine reads them while
 * completing and never stores them, in variables, history or the audit log. A non-transient signature field is refused.
 */
public final class SignatureFields {

  public static final String USER_ID = "signatureUserId";
  public static final String PASSWORD = "signaturePassword";
  public static final String MEANING = "signatureMeaning";
  /** The three fields; a server-side check of the submitted fields must let them through (they are not form fields). */
  public static final List<String> ALL = List.of(USER_ID, PASSWORD, MEANING);

  /** BPMN extension property on a signed user task or start event: the meaning code ({@link SignatureMeaning}). */
  public static final String PROPERTY_MEANING = "signature";
  /** BPMN extension property: the statement the signer sees, with {variable} placeholders. */
  public static final String PROPERTY_STATEMENT = "signatureStatement";

  /** Manual corrections (no form to carry variables): the same components as request headers. */
  public static final String HEADER_USER_ID = "X-Signature-User";
  public static final String HEADER_PASSWORD = "X-Signature-Password";

  private SignatureFields() {
  }

  /**
   * The three fields as transient variables. Put the submitted values into this map ({@code of(...).putAll(values)}):
   * copying it into a plain {@code Map} keeps only the values, loses the transient flag, and the engine refuses it.
   */
  public static VariableMap of(String userId, String password, String meaning) {
    return Variables.createVariables()
        .putValueTyped(USER_ID, Variables.stringValue(userId, true))
        .putValueTyped(PASSWORD, Variables.stringValue(password, true))
        .putValueTyped(MEANING, Variables.stringValue(meaning, true));
  }
}

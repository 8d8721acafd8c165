package org.ucbislet.audit;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process element that needs an electronic signature: read from its BPMN extension properties {@code signature}
 * (the meaning) and {@code signatureStatement} (what the signer declares, with {variable} placeholders).
 */
record SignedStep(String elementId, String elementName, SignatureMeaning meaning, String statement, String formId) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  /** The statement with its placeholders filled from the values ("?" for a value not known yet). */
  String statementFor(Function<String, Object> values) {
    Matcher m = PLACEHOLDER.matcher(statement);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = values.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : String.valueOf(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}

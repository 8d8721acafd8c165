package org.ucbislet.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.r4.model.Bundle;

/** HAPI FHIR R4 parsing with a strict error handler: an unknown element, a wrong type or a bad code fails. */
final class FhirStructure {

  private static final FhirContext R4 = FhirContext.forR4();

  private FhirStructure() {
  }

  static Bundle parse(String json) {
    IParser parser = R4.newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    return parser.parseResource(Bundle.class, json);
  }
}

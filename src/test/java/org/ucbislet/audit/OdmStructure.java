package org.ucbislet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the tests can check of an ODM 1.3.2 file without the CDISC XSD (not available to the build): well-formed,
 * namespace, required attributes, the children order of the spec for the elements written, enumerated values,
 * and that every OID referenced is defined.
 */
final class OdmStructure {

  static final String NS = "http://www.cdisc.org/ns/odm/v1.3";

  /** Children order of ODM 1.3.2 (the elements this export writes; others are not expected). */
  private static final Map<String, List<String>> ORDER = Map.ofEntries(
      Map.entry("ODM", List.of("Study", "AdminData", "ClinicalData")),
      Map.entry("Study", List.of("GlobalVariables", "MetaDataVersion")),
      Map.entry("GlobalVariables", List.of("StudyName", "StudyDescription", "ProtocolName")),
      Map.entry("MetaDataVersion", List.of("Protocol", "StudyEventDef", "FormDef", "ItemGroupDef", "ItemDef")),
      Map.entry("Protocol", List.of("StudyEventRef")),
      Map.entry("StudyEventDef", List.of("FormRef")),
      Map.entry("FormDef", List.of("ItemGroupRef")),
      Map.entry("ItemGroupDef", List.of("ItemRef")),
      Map.entry("AdminData", List.of("User", "Location", "SignatureDef")),
      Map.entry("SignatureDef", List.of("Meaning", "LegalReason")),
      Map.entry("Signature", List.of("UserRef", "LocationRef", "SignatureRef", "DateTimeStamp", "CryptoBindingManifest")),
      Map.entry("User", List.of("LoginName")),
      Map.entry("Location", List.of("MetaDataVersionRef")),
      Map.entry("ClinicalData", List.of("SubjectData")),
      Map.entry("SubjectData", List.of("StudyEventData")),
      Map.entry("StudyEventData", List.of("FormData")),
      Map.entry("FormData", List.of("AuditRecord", "ItemGroupData")),
      Map.entry("ItemGroupData", List.of("Signature", "ItemData")),
      Map.entry("ItemData", List.of("AuditRecord")),
      Map.entry("AuditRecord", List.of("UserRef", "LocationRef", "DateTimeStamp", "ReasonForChange", "SourceID")));

  private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry("ODM", List.of("FileType", "FileOID", "CreationDateTime")),
      Map.entry("Study", List.of("OID")),
      Map.entry("MetaDataVersion", List.of("OID", "Name")),
      Map.entry("StudyEventRef", List.of("StudyEventOID", "Mandatory")),
      Map.entry("StudyEventDef", List.of("OID", "Name", "Repeating", "Type")),
      Map.entry("FormRef", List.of("FormOID", "Mandatory")),
      Map.entry("FormDef", List.of("OID", "Name", "Repeating")),
      Map.entry("ItemGroupRef", List.of("ItemGroupOID", "Mandatory")),
      Map.entry("ItemGroupDef", List.of("OID", "Name", "Repeating")),
      Map.entry("ItemRef", List.of("ItemOID", "Mandatory")),
      Map.entry("ItemDef", List.of("OID", "Name", "DataType")),
      Map.entry("SignatureDef", List.of("OID", "Methodology")),
      Map.entry("SignatureRef", List.of("SignatureOID")),
      Map.entry("User", List.of("OID")),
      Map.entry("Location", List.of("OID", "Name")),
      Map.entry("MetaDataVersionRef", List.of("StudyOID", "MetaDataVersionOID", "EffectiveDate")),
      Map.entry("ClinicalData", List.of("StudyOID", "MetaDataVersionOID")),
      Map.entry("SubjectData", List.of("SubjectKey")),
      Map.entry("StudyEventData", List.of("StudyEventOID")),
      Map.entry("FormData", List.of("FormOID")),
      Map.entry("ItemGroupData", List.of("ItemGroupOID")),
      Map.entry("ItemData", List.of("ItemOID")),
      Map.entry("UserRef", List.of("UserOID")),
      Map.entry("LocationRef", List.of("LocationOID")));

  private static final Set<String> DATA_TYPES = Set.of("text", "integer", "float", "date", "time", "datetime", "string",
      "boolean", "double", "hexBinary", "base64Binary", "URI");

  private OdmStructure() {
  }

  static Document check(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    Document document = builder.parse(new ByteArrayInputStream(xml)); // throws when not well-formed
    Element root = document.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(NS);
    assertThat(root.getLocalName()).isEqualTo("ODM");
    assertThat(root.getAttribute("ODMVersion")).isEqualTo("1.3.2");
    assertThat(root.getAttribute("FileType")).isIn("Snapshot", "Transactional");
    assertThat(root.getAttribute("CreationDateTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    walk(root);
    defined(document, "StudyEventDef", "StudyEventRef", "StudyEventOID");
    defined(document, "StudyEventDef", "StudyEventData", "StudyEventOID");
    defined(document, "FormDef", "FormRef", "FormOID");
    defined(document, "FormDef", "FormData", "FormOID");
    defined(document, "ItemGroupDef", "ItemGroupRef", "ItemGroupOID");
    defined(document, "ItemGroupDef", "ItemGroupData", "ItemGroupOID");
    defined(document, "ItemDef", "ItemRef", "ItemOID");
    defined(document, "ItemDef", "ItemData", "ItemOID");
    defined(document, "User", "UserRef", "UserOID");
    defined(document, "Location", "LocationRef", "LocationOID");
    defined(document, "SignatureDef", "SignatureRef", "SignatureOID");
    for (Element def : all(document, "ItemDef")) {
      assertThat(def.getAttribute("DataType")).isIn(DATA_TYPES);
    }
    for (Element stamp : all(document, "DateTimeStamp")) {
      assertThat(stamp.getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }
    for (Element data : all(document, "ItemData")) {
      assertThat(data.hasAttribute("Value") ^ "Yes".equals(data.getAttribute("IsNull"))).as("Value xor IsNull").isTrue();
    }
    return document;
  }

  private static void walk(Element element) {
    assertThat(element.getNamespaceURI()).as(element.getTagName()).isEqualTo(NS);
    String name = element.getLocalName();
    for (String attribute : REQUIRED.getOrDefault(name, List.of())) {
      assertThat(element.getAttribute(attribute)).as(name + "/@" + attribute).isNotEmpty();
    }
    for (String yesNo : List.of("Repeating", "Mandatory")) {
      if (element.hasAttribute(yesNo)) {
        assertThat(element.getAttribute(yesNo)).isIn("Yes", "No");
      }
    }
    if (element.hasAttribute("TransactionType")) {
      assertThat(element.getAttribute("TransactionType")).isIn("Insert", "Update", "Remove", "Upsert", "Context");
    }
    List<String> order = ORDER.get(name);
    int last = -1;
    for (Element child : children(element)) {
      if (order != null) {
        int at = order.indexOf(child.getLocalName());
        assertThat(at).as(child.getLocalName() + " inside " + name).isGreaterThanOrEqualTo(0);
        assertThat(at).as(child.getLocalName() + " after the elements that must follow it in " + name).isGreaterThanOrEqualTo(last);
        last = at;
      }
      walk(child);
    }
    if (name.equals("AuditRecord")) {
      List<String> names = children(element).stream().map(Node::getLocalName).toList();
      assertThat(names).contains("UserRef", "LocationRef", "DateTimeStamp");
    }
    for (String single : List.of("AuditRecord", "UserRef", "LocationRef", "DateTimeStamp", "SourceID")) {
      assertThat(children(element).stream().filter(c -> c.getLocalName().equals(single)).count()).isLessThanOrEqualTo(1);
    }
  }

  private static void defined(Document document, String definition, String reference, String attribute) {
    Set<String> oids = new HashSet<>();
    for (Element def : all(document, definition)) {
      assertThat(oids.add(def.getAttribute("OID"))).as("duplicate " + definition + " " + def.getAttribute("OID")).isTrue();
    }
    // a hash look-up per reference: AssertJ's contains on a set searches it linearly, which made the check of an
    // export of a database with years of simulated children quadratic (tens of minutes)
    for (Element ref : all(document, reference)) {
      String oid = ref.getAttribute(attribute);
      if (!oids.contains(oid)) {
        throw new AssertionError(reference + " " + attribute + " " + oid + " has no " + definition);
      }
    }
  }

  static List<Element> all(Node node, String localName) {
    NodeList list = node instanceof Document d ? d.getElementsByTagNameNS(NS, localName)
        : ((Element) node).getElementsByTagNameNS(NS, localName);
    // getLength once: the JDK's live node list walks from its last match to the end of the document on every call,
    // which made this quadratic on an export of years of simulated children
    int length = list.getLength();
    List<Element> elements = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      elements.add((Element) list.item(i));
    }
    return elements;
  }

  static Element child(Element parent, String localName) {
    return children(parent).stream().filter(c -> c.getLocalName().equals(localName)).findFirst().orElseThrow();
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }
}

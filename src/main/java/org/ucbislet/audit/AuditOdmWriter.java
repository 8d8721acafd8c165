package org.ucbislet.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CDISC ODM 1.3.2 snapshot of the audit log's variable updates and decisions, written with StAX. Two streamed
 * passes over the audit log: the first collects the metadata (processes, forms, fields, users: bounded by the
 * model and the staff, not by the history), the second writes ClinicalData in subject, process instance, form,
 * record order, one ItemGroupData per audit record.
 */
final class AuditOdmWriter {

  static final String NS = "http://www.cdisc.org/ns/odm/v1.3";
  static final String STUDY = "ST.UCBI";
  static final String MDV = "MDV.UCBI.1";
  static final String LOCATION = "LOC.UCBI";
  static final String DECISIONS_FORM = "Decisions";
  /** The items of a signature's group: what was declared, the signed values (canonical JSON) and their SHA-256. */
  static final List<String> SIGNATURE_ITEMS = List.of("signatureStatement", "signedValues", "signedValuesSha256");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  AuditOdmWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Metadata: process key -> form key -> item name -> ODM data type; and the users referenced. */
  private static final class Meta {
    final Map<String, Map<String, Map<String, String>>> processes = new TreeMap<>();
    final Set<String> users = new TreeSet<>();
    final Set<String> meanings = new TreeSet<>();
  }

  long write(ExportFilters f, AuditStore.Head head, Instant exportedAt, String user, OutputStream out)
      throws IOException {
    Meta meta = new Meta();
    query(f, head, false, r -> {
      meta.users.add(r.actor());
      Map<String, Map<String, String>> forms = meta.processes.computeIfAbsent(process(r), k -> new TreeMap<>());
      Map<String, String> items = forms.computeIfAbsent(form(r), k -> new TreeMap<>());
      if (AuditEntities.DECISION.equals(r.entity())) {
        items.put("decisionKey", "string");
        items.put("inputs", "text");
        items.put("outputs", "text");
      } else if (AuditEntities.SIGNATURE.equals(r.entity())) {
        meta.meanings.add(parse(r.changes()).path("meaning").asText("unknown"));
        SIGNATURE_ITEMS.forEach(item -> items.put(item, "text"));
      } else {
        JsonNode c = parse(r.changes());
        items.merge(c.path("name").asText("unnamed"), dataType(c.path("type").asText()),
            (a, b) -> a.equals(b) ? a : "text");
      }
    });
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(NS);
      xml.writeStartElement(NS, "ODM");
      xml.writeDefaultNamespace(NS);
      xml.writeAttribute("Description", "UCBI audit export: variable updates and decisions with their audit records");
      xml.writeAttribute("FileType", "Snapshot");
      xml.writeAttribute("Granularity", "All");
      xml.writeAttribute("FileOID", "UCBI.AUDIT." + head.id() + "." + exportedAt.toEpochMilli());
      xml.writeAttribute("CreationDateTime", exportedAt.toString());
      xml.writeAttribute("ODMVersion", "1.3.2");
      xml.writeAttribute("Originator", user);
      xml.writeAttribute("SourceSystem", "ucb-islet-protocol");
      study(xml, meta);
      admin(xml, meta, exportedAt);
      long[] count = {0};
      xml.writeStartElement(NS, "ClinicalData");
      xml.writeAttribute("StudyOID", STUDY);
      xml.writeAttribute("MetaDataVersionOID", MDV);
      String[] open = {null, null, null}; // subject, process instance, form
      query(f, head, true, r -> {
        try {
          String subject = r.subjectId();
          String instance = r.processInstanceId() == null ? "" : r.processInstanceId();
          String form = formOid(r);
          if (!subject.equals(open[0])) {
            closeTo(xml, open, 0);
            xml.writeStartElement(NS, "SubjectData");
            xml.writeAttribute("SubjectKey", subject);
            open[0] = subject;
          }
          if (!instance.equals(open[1])) {
            closeTo(xml, open, 1);
            xml.writeStartElement(NS, "StudyEventData");
            xml.writeAttribute("StudyEventOID", "SE." + oid(process(r)));
            if (!instance.isEmpty()) {
              xml.writeAttribute("StudyEventRepeatKey", instance);
            }
            open[1] = instance;
          }
          if (!form.equals(open[2])) {
            closeTo(xml, open, 2);
            xml.writeStartElement(NS, "FormData");
            xml.writeAttribute("FormOID", form);
            auditRecord(xml, r); // the first record of the form in this process instance
            open[2] = form;
          }
          itemGroup(xml, r, form);
          count[0]++;
        } catch (XMLStreamException e) {
          throw new IllegalStateException(e);
        }
      });
      closeTo(xml, open, 0);
      xml.writeEndElement(); // ClinicalData
      xml.writeEndElement(); // ODM
      xml.writeEndDocument();
      xml.flush();
      return count[0];
    } catch (XMLStreamException e) {
      throw new IOException("ODM export failed", e);
    }
  }

  private static void closeTo(XMLStreamWriter xml, String[] open, int level) throws XMLStreamException {
    for (int i = open.length - 1; i >= level; i--) {
      if (open[i] != null) {
        xml.writeEndElement();
        open[i] = null;
      }
    }
  }

  private void itemGroup(XMLStreamWriter xml, AuditRecord r, String form) throws XMLStreamException {
    JsonNode c = parse(r.changes());
    xml.writeStartElement(NS, "ItemGroupData");
    xml.writeAttribute("ItemGroupOID", "IG." + form.substring(2));
    xml.writeAttribute("ItemGroupRepeatKey", Long.toString(r.id()));
    String transaction = switch (r.eventType()) {
      case "create", "evaluate" -> "Insert";
      case "delete" -> "Remove";
      default -> "Update";
    };
    xml.writeAttribute("TransactionType", transaction);
    if (AuditEntities.SIGNATURE.equals(r.entity())) {
      signature(xml, r, c);
      item(xml, r, form, SIGNATURE_ITEMS.get(0), c.path("statement").asText(null), transaction);
      item(xml, r, form, SIGNATURE_ITEMS.get(1), c.has("values") ? SignedValues.canonical(c.get("values")) : null, transaction);
      item(xml, r, form, SIGNATURE_ITEMS.get(2), c.path("valuesSha256").asText(null), transaction);
    } else if (AuditEntities.DECISION.equals(r.entity())) {
      item(xml, r, form, "decisionKey", c.path("decisionKey").asText(null), transaction);
      item(xml, r, form, "inputs", c.path("inputs").toString(), transaction);
      item(xml, r, form, "outputs", c.path("outputs").toString(), transaction);
    } else {
      item(xml, r, form, c.path("name").asText("unnamed"), AuditExporter.text(c.get(AuditHistoryEventHandler.NEW_VALUE)),
          transaction);
    }
    xml.writeEndElement();
  }

  private static void item(XMLStreamWriter xml, AuditRecord r, String form, String name, String value, String transaction)
      throws XMLStreamException {
    xml.writeStartElement(NS, "ItemData");
    xml.writeAttribute("ItemOID", itemOid(form, name));
    xml.writeAttribute("TransactionType", transaction);
    if (value == null || value.isEmpty()) {
      xml.writeAttribute("IsNull", "Yes");
    } else {
      xml.writeAttribute("Value", value);
    }
    auditRecord(xml, r);
    xml.writeEndElement();
  }

  /**
   * The electronic signature of a signed task (ODM 1.3.2 Signature: who, where, which SignatureDef, when), bound to the
   * signed values by their SHA-256 in CryptoBindingManifest; the values themselves are items of the same group.
   */
  private static void signature(XMLStreamWriter xml, AuditRecord r, JsonNode c) throws XMLStreamException {
    xml.writeStartElement(NS, "Signature");
    xml.writeAttribute("ID", "SG." + r.id());
    xml.writeEmptyElement(NS, "UserRef");
    xml.writeAttribute("UserOID", userOid(r.actor()));
    xml.writeEmptyElement(NS, "LocationRef");
    xml.writeAttribute("LocationOID", LOCATION);
    xml.writeEmptyElement(NS, "SignatureRef");
    xml.writeAttribute("SignatureOID", signatureOid(c.path("meaning").asText("unknown")));
    element(xml, "DateTimeStamp", c.path("signedAt").asText(r.recordedAt().toString()));
    element(xml, "CryptoBindingManifest", "sha256:" + c.path("valuesSha256").asText());
    xml.writeEndElement();
  }

  static String signatureOid(String meaning) {
    return "SD." + oid(meaning);
  }

  private static void auditRecord(XMLStreamWriter xml, AuditRecord r) throws XMLStreamException {
    xml.writeStartElement(NS, "AuditRecord");
    xml.writeAttribute("EditPoint", AuditEntities.DECISION.equals(r.entity()) ? "Server" : "DataEntry");
    xml.writeAttribute("ID", "AR." + r.id());
    xml.writeEmptyElement(NS, "UserRef");
    xml.writeAttribute("UserOID", userOid(r.actor()));
    xml.writeEmptyElement(NS, "LocationRef");
    xml.writeAttribute("LocationOID", LOCATION);
    element(xml, "DateTimeStamp", r.recordedAt().toString());
    String reason = reason(parse(r.changes()));
    if (reason != null) {
      element(xml, "ReasonForChange", reason);
    }
    element(xml, "SourceID", Long.toString(r.id()));
    xml.writeEndElement();
  }

  private static String reason(JsonNode c) {
    for (String key : List.of("reason", "annotation", "deleteReason")) {
      if (c.hasNonNull(key) && !c.get(key).asText().isBlank()) {
        return c.get(key).asText();
      }
    }
    return null;
  }

  private void study(XMLStreamWriter xml, Meta meta) throws XMLStreamException {
    xml.writeStartElement(NS, "Study");
    xml.writeAttribute("OID", STUDY);
    xml.writeStartElement(NS, "GlobalVariables");
    element(xml, "StudyName", "UCBI");
    element(xml, "StudyDescription", "Two-stage UCB stem cell + islet transplantation in children with monogenic "
        + "immunodeficiency type 1 diabetes");
    element(xml, "ProtocolName", "ucbIsletProtocol");
    xml.writeEndElement();
    xml.writeStartElement(NS, "MetaDataVersion");
    xml.writeAttribute("OID", MDV);
    xml.writeAttribute("Name", "UCBI protocol engine processes");
    xml.writeStartElement(NS, "Protocol");
    int order = 0;
    for (String process : meta.processes.keySet()) {
      xml.writeEmptyElement(NS, "StudyEventRef");
      xml.writeAttribute("StudyEventOID", "SE." + oid(process));
      xml.writeAttribute("OrderNumber", Integer.toString(++order));
      xml.writeAttribute("Mandatory", "No");
    }
    xml.writeEndElement();
    for (Map.Entry<String, Map<String, Map<String, String>>> process : meta.processes.entrySet()) {
      xml.writeStartElement(NS, "StudyEventDef");
      xml.writeAttribute("OID", "SE." + oid(process.getKey()));
      xml.writeAttribute("Name", process.getKey());
      xml.writeAttribute("Repeating", "Yes");
      xml.writeAttribute("Type", "Unscheduled");
      for (String form : process.getValue().keySet()) {
        xml.writeEmptyElement(NS, "FormRef");
        xml.writeAttribute("FormOID", formOid(process.getKey(), form));
        xml.writeAttribute("Mandatory", "No");
      }
      xml.writeEndElement();
    }
    for (Map.Entry<String, Map<String, Map<String, String>>> process : meta.processes.entrySet()) {
      for (String form : process.getValue().keySet()) {
        String formOid = formOid(process.getKey(), form);
        xml.writeStartElement(NS, "FormDef");
        xml.writeAttribute("OID", formOid);
        xml.writeAttribute("Name", form);
        xml.writeAttribute("Repeating", "Yes");
        xml.writeEmptyElement(NS, "ItemGroupRef");
        xml.writeAttribute("ItemGroupOID", "IG." + formOid.substring(2));
        xml.writeAttribute("Mandatory", "Yes");
        xml.writeEndElement();
      }
    }
    for (Map.Entry<String, Map<String, Map<String, String>>> process : meta.processes.entrySet()) {
      for (Map.Entry<String, Map<String, String>> form : process.getValue().entrySet()) {
        String formOid = formOid(process.getKey(), form.getKey());
        xml.writeStartElement(NS, "ItemGroupDef");
        xml.writeAttribute("OID", "IG." + formOid.substring(2));
        xml.writeAttribute("Name", form.getKey() + " (one group per audit record)");
        xml.writeAttribute("Repeating", "Yes");
        for (String item : form.getValue().keySet()) {
          xml.writeEmptyElement(NS, "ItemRef");
          xml.writeAttribute("ItemOID", itemOid(formOid, item));
          xml.writeAttribute("Mandatory", "No");
        }
        xml.writeEndElement();
      }
    }
    for (Map.Entry<String, Map<String, Map<String, String>>> process : meta.processes.entrySet()) {
      for (Map.Entry<String, Map<String, String>> form : process.getValue().entrySet()) {
        String formOid = formOid(process.getKey(), form.getKey());
        for (Map.Entry<String, String> item : form.getValue().entrySet()) {
          xml.writeEmptyElement(NS, "ItemDef");
          xml.writeAttribute("OID", itemOid(formOid, item.getKey()));
          xml.writeAttribute("Name", item.getKey());
          xml.writeAttribute("DataType", item.getValue());
        }
      }
    }
    xml.writeEndElement(); // MetaDataVersion
    xml.writeEndElement(); // Study
  }

  private static void admin(XMLStreamWriter xml, Meta meta, Instant exportedAt) throws XMLStreamException {
    xml.writeStartElement(NS, "AdminData");
    xml.writeAttribute("StudyOID", STUDY);
    for (String user : meta.users) {
      xml.writeStartElement(NS, "User");
      xml.writeAttribute("OID", userOid(user));
      element(xml, "LoginName", user);
      xml.writeEndElement();
    }
    xml.writeStartElement(NS, "Location");
    xml.writeAttribute("OID", LOCATION);
    xml.writeAttribute("Name", "UCBI protocol engine");
    xml.writeAttribute("LocationType", "Other");
    xml.writeEmptyElement(NS, "MetaDataVersionRef");
    xml.writeAttribute("StudyOID", STUDY);
    xml.writeAttribute("MetaDataVersionOID", MDV);
    xml.writeAttribute("EffectiveDate", LocalDate.ofInstant(exportedAt, ZoneOffset.UTC).toString());
    xml.writeEndElement();
    for (String meaning : meta.meanings) {
      SignatureMeaning known = SignatureMeaning.of(meaning);
      xml.writeStartElement(NS, "SignatureDef");
      xml.writeAttribute("OID", signatureOid(meaning));
      xml.writeAttribute("Methodology", "Electronic");
      element(xml, "Meaning", known == null ? meaning : known.label());
      element(xml, "LegalReason", "21 CFR 11.50 / EU GMP Annex 11 section 14: electronic signature with user ID and "
          + "password re-entered at signing, meaning " + meaning);
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
    xml.writeStartElement(NS, name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  /** Variable updates and decisions of subjects, streamed; in ClinicalData order when {@code ordered}. */
  private void query(ExportFilters f, AuditStore.Head head, boolean ordered, java.util.function.Consumer<AuditRecord> consumer) {
    AuditLogQuery.stream(jdbc, f, head, "(ENTITY IN (?, ?) OR (ENTITY = ? AND EVENT_TYPE = ?)) AND SUBJECT_ID IS NOT NULL",
        List.of(AuditEntities.VARIABLE, AuditEntities.DECISION, AuditEntities.SIGNATURE, ElectronicSignatures.SIGN),
        ordered ? "SUBJECT_ID, COALESCE(PROC_INST_ID, ''), CASE WHEN ENTITY = '" + AuditEntities.DECISION
            + "' THEN 1 ELSE 0 END, COALESCE(ELEMENT, ''), ID" : "ID", consumer);
  }

  private static String process(AuditRecord r) {
    return r.processDefinitionKey() == null ? "unknown" : r.processDefinitionKey();
  }

  /** The form: the user task (or activity) through which a variable was set; decisions have their own form. */
  private static String form(AuditRecord r) {
    if (AuditEntities.DECISION.equals(r.entity())) {
      return DECISIONS_FORM;
    }
    return r.element() == null ? "processVariables" : r.element();
  }

  private static String formOid(AuditRecord r) {
    return formOid(process(r), form(r));
  }

  private static String formOid(String process, String form) {
    return "F." + oid(process) + "." + oid(form);
  }

  private static String itemOid(String formOid, String item) {
    return "IT." + formOid.substring(2) + "." + oid(item);
  }

  static String userOid(String user) {
    return "USR." + oid(user);
  }

  /** An OID made of letters, digits, '.', '_' and '-' (other characters as _xHHHH_). */
  static String oid(String text) {
    StringBuilder b = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '_' || ch == '-') {
        b.append(ch);
      } else {
        b.append(String.format("_x%04X_", (int) ch));
      }
    }
    return b.length() == 0 ? "_" : b.toString();
  }

  private static String dataType(String camundaType) {
    return switch (camundaType) {
      case "boolean" -> "boolean";
      case "integer", "long", "short" -> "integer";
      case "double" -> "double";
      case "date" -> "datetime";
      case "string" -> "string";
      default -> "text";
    };
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}

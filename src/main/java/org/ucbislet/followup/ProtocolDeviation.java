package org.ucbislet.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A protocol deviation with the fields of the CDISC SDTM Deviations domain (DV): USUBJID, DVSEQ, DVTERM,
 * DVCAT, EPOCH, DVSTDTC, VISIT, VISITNUM, plus supplemental fields of this project. Kept in the JSON list
 * {@code protocolDeviations} of the process instance (visible in Cockpit, every update in the audit log and
 * its export). Plain Java.
 *
 * @param usubjid the subject ID (business key)
 * @param dvseq sequence number within the list (1, 2, ...)
 * @param dvterm what happened, in words
 * @param dvcat category ({@link #CATEGORY_MISSED_VISIT}, {@link #CATEGORY_SAFETY_REPORTING})
 * @param epoch SDTM EPOCH (CDISC CT): FOLLOW-UP, LONG-TERM FOLLOW-UP; null when not tied to a visit
 * @param dvstdtc ISO 8601 date the deviation started
 * @param visit SDTM VISIT; null when not tied to a visit
 * @param visitnum SDTM VISITNUM; null when not tied to a visit
 * @param supplemental further fields (schedule, window, recording time), kept after the DV fields
 */
public record ProtocolDeviation(String usubjid, int dvseq, String dvterm, String dvcat, String epoch, LocalDate dvstdtc,
                                String visit, Integer visitnum, Map<String, Object> supplemental) {

  public static final String CATEGORY_MISSED_VISIT = "MISSED VISIT";
  public static final String CATEGORY_SAFETY_REPORTING = "SAFETY REPORTING";

  public ProtocolDeviation {
    supplemental = supplemental == null ? Map.of() : new LinkedHashMap<>(supplemental);
  }

  /**
   * A follow-up visit whose window closed without it: the deviation starts on the first day after the window.
   */
  public static ProtocolDeviation missedVisit(String subjectId, int seq, String schedule, PlannedVisit v, Instant recordedAt) {
    Map<String, Object> supp = new LinkedHashMap<>();
    supp.put("followUpSchedule", schedule);
    supp.put("targetDate", v.targetDate().toString());
    supp.put("windowStart", v.windowStart().toString());
    supp.put("windowEnd", v.windowEnd().toString());
    supp.put("recordedAt", recordedAt.toString());
    return new ProtocolDeviation(subjectId, seq,
        "Visit " + v.visit() + " not done within its window " + v.windowStart() + " to " + v.windowEnd(),
        CATEGORY_MISSED_VISIT, v.epoch(), v.windowClosedDate(), v.visit(), v.visitNumber(), supp);
  }

  /**
   * A serious adverse event report that was not submitted by its deadline (domain.md B 6.3): not tied to a visit, so
   * EPOCH, VISIT and VISITNUM are empty; the deviation starts on the day of the deadline.
   *
   * @param report what was late, e.g. "Initial SAE report" or "Expedited safety report (7 days)"
   */
  public static ProtocolDeviation lateSafetyReport(String subjectId, int seq, String report, String adverseEvent,
                                                   Instant dueAt, LocalDate dueDate, Instant recordedAt) {
    Map<String, Object> supp = new LinkedHashMap<>();
    supp.put("adverseEvent", adverseEvent);
    supp.put("dueAt", dueAt.toString());
    supp.put("recordedAt", recordedAt.toString());
    return new ProtocolDeviation(subjectId, seq, report + " not submitted by its deadline " + dueAt + " (" + adverseEvent + ")",
        CATEGORY_SAFETY_REPORTING, null, dueDate, null, null, supp);
  }

  /** The record as it is kept: DOMAIN = DV, the SDTM fields in SDTM order, then the supplemental fields. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("DOMAIN", "DV");
    m.put("USUBJID", usubjid);
    m.put("DVSEQ", dvseq);
    m.put("DVTERM", dvterm);
    m.put("DVCAT", dvcat);
    m.put("EPOCH", epoch);
    m.put("DVSTDTC", dvstdtc == null ? null : dvstdtc.toString());
    m.put("VISIT", visit);
    m.put("VISITNUM", visitnum);
    m.putAll(supplemental);
    return m;
  }
}

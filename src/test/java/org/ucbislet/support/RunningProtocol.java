package org.ucbislet.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ucbislet.cordbloodtransplant.CordBloodUnitReservation;
import org.ucbislet.cordbloodtransplant.CordBloodUnitReservation.CandidateUnit;
import org.ucbislet.followup.PlannedVisit;
import org.ucbislet.followup.VisitKind;
import org.ucbislet.followup.VisitPlanJson;

/**
 * The variables of a child's running protocol, for tests that start a process at one of its user tasks
 * ({@code startBeforeActivity}) rather than walking every step before it: TasklistEncodingContractTest and the
 * Tasklist browser tests.
 */
public final class RunningProtocol {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunningProtocol() {
  }

  /**
   * What a running protocol holds when the task opens, for the variables the input mappings, timers, gateways and
   * listeners around each task read (set in a real run by the steps before it): due dates a month ahead, an
   * infusion two weeks ago, the bank search's unit options, a planned follow-up visit.
   */
  public static Map<String, Object> variables(String subjectId) {
    LocalDate today = CalendarDayClock.today();
    Date inAMonth = Date.from(today.plusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("subjectId", subjectId);
    v.put("weightKg", 31.0);
    v.put("infusionDate", today.minusDays(14).toString());
    v.put("lastIsletInfusionDate", today.minusDays(400).toString()); // the long-term troughs count months from it
    v.put("coldIschemiaStartedAt", today + "T06:30");
    v.put("protocolDeviationCount", 0);
    v.put("serious", true);
    v.put("expeditedReportDays", 7);
    v.put("proposedPrimaryUnit", "CBU-CONTRACT-1");
    // the bank search's three candidate units, the first reserved as primary and the others as backups
    List<CandidateUnit> candidates = new ArrayList<>();
    StringBuilder options = new StringBuilder("[");
    for (int i = 1; i <= 3; i++) {
      String key = "Contract bank/CBU-CONTRACT-" + i;
      candidates.add(new CandidateUnit(key, "Contract bank", "CBU-CONTRACT-" + i, 8, 6, List.of(), 4.8, 1.9, true));
      options.append(i > 1 ? "," : "").append("{\"label\":\"CBU-CONTRACT-").append(i)
          .append(" (8/8)\",\"value\":\"").append(key).append("\"}");
    }
    v.put("cordBloodCandidateOptions", SpinValues.jsonValue(options.append("]").toString()).create());
    try {
      v.put("cordBloodCandidates", SpinValues.jsonValue(JSON.writeValueAsString(candidates)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    v.put("reservedUnits", SpinValues.jsonValue(CordBloodUnitReservation.toJson(CordBloodUnitReservation.reserve(
        "primaryCordBloodUnit", candidates.get(0).unitKey(), List.of("backupCordBloodUnit1", "backupCordBloodUnit2"),
        List.of(candidates.get(1).unitKey(), candidates.get(2).unitKey()), candidates, 2, false,
        today.minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant(), "transplant-physician"))).create());
    v.put("dateOfBirth", "2014-02-11");
    v.put("referralDate", today.minusYears(1).toString());
    v.put("isletProductId", "ISL-CONTRACT-1");
    v.put("neutrophilEngrafted", true);
    v.put("plateletEngrafted", true);
    v.put("sex", "female");
    v.put("heightCm", 135.0);
    v.put("cordBloodInfusionDate", today.minusDays(20).toString());
    v.put("backupUnitsRemaining", 1);
    v.put("isletProductIeq", 400000.0);
    v.put("isletProductIeqPerKg", 12000.0);
    v.put("isletProductTissueVolumeMl", 4.5);
    for (String due : List.of("expeditedReportDueAt", "completeReportDueAt", "initialReportDueAt", "neutrophilAlertDue", "primaryGraftFailureDue",
        "chimerismDueDate", "gvhdAssessmentDueDate", "preTransplantReevaluationAt", "nextImmunePanelOpens",
        "mmttDay75Due", "mmttDay365Due", "basiliximabSecondDoseDue", "immunosuppressionTaperDue", "insulinReviewDueDate",
        "troughDueDate", "bleedingCheckDueDate", "isletImmunePanelDueDate")) {
      v.put(due, inAMonth);
    }
    // an adverse event's clocks run from the investigator's first awareness (set by the report, before these tasks)
    v.put("adverseEventAwareAt", java.util.Date.from(today.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("month", 12);
    panel.put("opens", today + "T00:00:00Z");
    panel.put("target", today.plusDays(14) + "T00:00:00Z");
    panel.put("closes", today.plusDays(30) + "T00:00:00Z");
    v.put("immunePanelVisit", Variables.objectValue(panel).serializationDataFormat(SerializationDataFormats.JSON).create());
    PlannedVisit visit = new PlannedVisit(3, "Month 3", VisitKind.GLUCOSE_AND_GROWTH, 91, today, today.minusDays(14),
        today.plusDays(14), today.minusDays(21), PlannedVisit.EPOCH_FOLLOW_UP);
    v.put("followUpVisit", Variables.objectValue(VisitPlanJson.toMap(visit, ZoneOffset.UTC))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
    return v;
  }

}

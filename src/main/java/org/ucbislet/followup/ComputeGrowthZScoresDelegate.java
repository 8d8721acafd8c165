package org.ucbislet.followup;

import static org.ucbislet.followup.FollowUpVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;

/**
 * Height-, weight- and BMI-for-age z-scores of the visit ({@link GrowthZScores}, WHO references) from the
 * recorded height and weight, the child's sex and date of birth: {@code heightZ}, {@code weightZ}, {@code bmiZ}
 * (2 decimals, null where WHO defines none), kept with the visit and appended to {@code growthMeasurements}.
 * A visit date in the future or before birth is refused (HTTP 400 naming visitDate), nothing is stored.
 */
@Component
public class ComputeGrowthZScoresDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeGrowthZScoresDelegate.class);

  private final GrowthZScores growth = GrowthZScores.who();

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    PlannedVisit visit = VisitPlanJson.fromMap((Map<?, ?>) execution.getVariable(FOLLOW_UP_VISIT));
    LocalDate visitDate = ClinicalDates.toLocalDate(execution.getVariable(VISIT_DATE), zone);
    LocalDate born = ClinicalDates.toLocalDate(execution.getVariable(DATE_OF_BIRTH), zone);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    if (visitDate.isAfter(today) || visitDate.isBefore(born)) {
      throw new FormValidationException(visit.kind() == VisitKind.MMTT ? FORM_FOLLOW_UP_MMTT_VISIT : FORM_FOLLOW_UP_VISIT,
          List.of(new FieldViolation(VISIT_DATE, "Visit date", "must be between the date of birth " + born + " and today "
              + today + ", was " + visitDate)));
    }
    double height = ((Number) execution.getVariable(VISIT_HEIGHT_CM)).doubleValue();
    double weight = ((Number) execution.getVariable(VISIT_WEIGHT_KG)).doubleValue();
    MeasurementPosition position = MeasurementPosition.fromVariable((String) execution.getVariable(HEIGHT_MEASUREMENT));
    GrowthAssessment a = growth.assess(GrowthSex.fromVariable((String) execution.getVariable(SEX)), born, visitDate,
        height, weight, position);
    String reference = Stream.of(a.heightForAge(), a.weightForAge(), a.bmiForAge()).map(ZScore::reference)
        .filter(r -> r != null).findFirst().orElse(null);
    String notes = "height: " + a.heightForAge().note() + "; weight: " + a.weightForAge().note() + "; BMI: " + a.bmiForAge().note();
    execution.setVariable(HEIGHT_Z, round(a.heightForAge()));
    execution.setVariable(WEIGHT_Z, round(a.weightForAge()));
    execution.setVariable(BMI_Z, round(a.bmiForAge()));
    execution.setVariable(BMI_KG_PER_M2, Math.round(a.bmi() * 100) / 100.0);
    execution.setVariable(GROWTH_REFERENCE, reference);
    execution.setVariable(GROWTH_Z_NOTES, notes);

    Map<String, Object> record = new LinkedHashMap<>();
    record.put(VisitPlanJson.VISIT_NUMBER, visit.visitNumber());
    record.put(VisitPlanJson.VISIT, visit.visit());
    record.put(VISIT_DATE, visitDate.toString());
    record.put("ageDays", a.ageDays());
    record.put(VISIT_HEIGHT_CM, height);
    record.put("heightUsedCm", a.heightUsedCm());
    record.put(HEIGHT_MEASUREMENT, position == null ? null : position.variableValue());
    record.put(VISIT_WEIGHT_KG, weight);
    record.put(BMI_KG_PER_M2, Math.round(a.bmi() * 100) / 100.0);
    record.put(HEIGHT_Z, round(a.heightForAge()));
    record.put(WEIGHT_Z, round(a.weightForAge()));
    record.put(BMI_Z, round(a.bmiForAge()));
    record.put("restrictedBeyond3Sd", Stream.of(a.weightForAge(), a.bmiForAge()).filter(ZScore::restricted)
        .map(z -> z == a.weightForAge() ? WEIGHT_Z : BMI_Z).collect(Collectors.joining(",")));
    record.put(GROWTH_REFERENCE, reference);
    DelegateExecution instance = execution.getProcessInstance();
    // the calling protocol's list is the child's whole growth record, across every follow-up
    ChildRecord.append(ChildRecord.of(instance), ChildRecord.caller(instance), GROWTH_MEASUREMENTS, record);
    LOG.info("Subject {}: growth z-scores of visit {} computed", execution.getBusinessKey(), visit.visit());
  }

  private static Double round(ZScore z) {
    return z.defined() ? Math.round(z.value() * 100) / 100.0 : null;
  }
}

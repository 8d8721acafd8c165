package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.FieldViolation;
import org.ucbislet.clinical.FormValidationException;
import org.ucbislet.clinical.JsonVariables;

/**
 * Adds the blood count just recorded to {@code bloodCountSeries} and applies the ASTCT definitions
 * ({@link EngraftmentDetector}, thresholds from {@link EngraftmentSettings}): neutrophil and platelet
 * engraftment, their dates and their day after the infusion. A count dated before day 0 is refused
 * (HTTP 400 naming {@code countDate}).
 */
@Component
public class AssessEngraftmentDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(AssessEngraftmentDelegate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One stored count (JSON). */
  record StoredCount(String date, double ancE9PerL, double plateletsE9PerL, boolean plateletTransfusion) {
  }

  private final EngraftmentSettings settings;

  public AssessEngraftmentDelegate(EngraftmentSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate day0 = ClinicalDates.toLocalDate(execution.getVariable(CORD_BLOOD_INFUSION_DATE), zone);
    LocalDate countDate = ClinicalDates.toLocalDate(execution.getVariable(COUNT_DATE), zone);
    if (countDate == null || countDate.isBefore(day0)) {
      throw new FormValidationException(FORM_BLOOD_COUNTS, List.of(new FieldViolation(COUNT_DATE, "Date of the count",
          "must not be before the infusion date (day 0) " + day0 + ", was " + countDate)));
    }
    List<StoredCount> series = new ArrayList<>(read(JsonVariables.text(execution.getVariable(BLOOD_COUNT_SERIES))));
    series.removeIf(c -> c.date().equals(countDate.toString()));
    series.add(new StoredCount(countDate.toString(), ((Number) execution.getVariable(ANC_E9_PER_L)).doubleValue(),
        ((Number) execution.getVariable(PLATELETS_E9_PER_L)).doubleValue(),
        Boolean.TRUE.equals(execution.getVariable(PLATELET_TRANSFUSION))));
    series.sort(Comparator.comparing(StoredCount::date));
    EngraftmentStatus status = EngraftmentDetector.assess(series.stream().map(c -> new BloodCount(LocalDate.parse(c.date()),
        c.ancE9PerL(), c.plateletsE9PerL(), c.plateletTransfusion())).toList(), settings.criteria());
    execution.setVariable(BLOOD_COUNT_SERIES, JsonVariables.spin(write(series)));
    execution.setVariable(NEUTROPHIL_ENGRAFTED, status.neutrophilEngrafted());
    execution.setVariable(PLATELET_ENGRAFTED, status.plateletEngrafted());
    execution.setVariable(NEUTROPHIL_ENGRAFTMENT_DATE, iso(status.neutrophilEngraftmentDate()));
    execution.setVariable(PLATELET_ENGRAFTMENT_DATE, iso(status.plateletEngraftmentDate()));
    execution.setVariable(NEUTROPHIL_ENGRAFTMENT_DAY, day(day0, status.neutrophilEngraftmentDate()));
    execution.setVariable(PLATELET_ENGRAFTMENT_DAY, day(day0, status.plateletEngraftmentDate()));
    LOG.info("Subject {}: {} blood counts, neutrophils engrafted {}, platelets engrafted {}", execution.getBusinessKey(),
        series.size(), status.neutrophilEngrafted(), status.plateletEngrafted());
  }

  private static String iso(LocalDate d) {
    return d == null ? null : d.toString();
  }

  private static Integer day(LocalDate day0, LocalDate d) {
    return d == null ? null : (int) ChronoUnit.DAYS.between(day0, d);
  }

  private static List<StoredCount> read(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<StoredCount>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bloodCountSeries is not a JSON array of counts", e);
    }
  }

  private static String write(List<StoredCount> series) {
    try {
      return JSON.writeValueAsString(series);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

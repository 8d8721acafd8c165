package org.ucbislet.forms;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Every weighing submitted on a form becomes the child's current weight ({@link DosingWeight#record}). A form weighs
 * the child when it asks for both fields of a pair: {@code weightKg} with {@code weightDate} (the contract every form
 * follows), or the follow-up visit's {@code visitWeightKg} with {@code visitDate}. A read-only weight (a form that only
 * shows it) is no weighing. A weighing without its date (only the enrolment form allows that) was measured on the day
 * the form is submitted.
 */
final class Weighings {

  private static final Logger LOG = LoggerFactory.getLogger(Weighings.class);

  /** Weight field and its date field. */
  static final Map<String, String> PAIRS = Map.of(
      DosingWeight.WEIGHT_KG, DosingWeight.WEIGHT_DATE,
      "visitWeightKg", "visitDate");

  private Weighings() {
  }

  /** The weight fields of this form that are weighings. */
  static List<String> weightFields(FormSchema schema) {
    List<String> inputs = schema.inputFieldKeys();
    return PAIRS.entrySet().stream()
        .filter(pair -> inputs.contains(pair.getKey()) && schema.fieldKeys().contains(pair.getValue()))
        .map(Map.Entry::getKey).sorted().toList();
  }

  /** Records the weighing this completed form carries, if it carries one. */
  static void record(FormSchema schema, VariableScope values, ExecutionEntity execution, String source) {
    for (String weightField : weightFields(schema)) {
      ZoneId zone = ClinicalTimeZone.get();
      Object date = values.getVariable(PAIRS.get(weightField));
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
      DosingWeight.Weighing weighing = DosingWeight.of(values.getVariable(weightField),
          date == null || "".equals(date) ? today : date, zone);
      if (weighing != null && DosingWeight.record(execution, weighing, source)) {
        LOG.info("Subject {}: current weight from '{}' of {}", execution.getProcessBusinessKey(), source,
            weighing.date());
      }
    }
  }
}

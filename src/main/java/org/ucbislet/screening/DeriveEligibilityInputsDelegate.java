package org.ucbislet.screening;

import static org.ucbislet.screening.ScreeningVariables.AGE_YEARS;
import static org.ucbislet.screening.ScreeningVariables.EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT;
import static org.ucbislet.screening.ScreeningVariables.WORK_UP_DATE;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.protocol.ProtocolVariables;

/**
 * Derives the eligibility inputs the work-up form does not ask for directly: {@code ageYears} on the
 * work-up date from the enrolled date of birth, and {@code extrapancreaticOrganDamageCount} from the
 * 11 organ-damage checkboxes (a REST client may send the count itself instead of the checkboxes).
 */
@Component
public class DeriveEligibilityInputsDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(DeriveEligibilityInputsDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate birth = toDate(execution.getVariable(ProtocolVariables.DATE_OF_BIRTH));
    LocalDate workUp = toDate(execution.getVariable(WORK_UP_DATE));
    if (workUp == null) {
      workUp = ClockUtil.getCurrentTime().toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
    }
    if (birth != null) {
      execution.setVariable(AGE_YEARS, AgeCalculator.ageYears(birth, workUp));
    }
    Integer count = OrganDamage.count(execution.getVariables());
    if (count != null) {
      execution.setVariable(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT, count);
    }
    LOG.info("Subject {}: eligibility inputs derived (organ damage types: {})", execution.getBusinessKey(),
        execution.getVariable(EXTRAPANCREATIC_ORGAN_DAMAGE_COUNT));
  }

  static LocalDate toDate(Object value) {
    if (value instanceof Date d) {
      return d.toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
    }
    if (value instanceof String s && s.length() >= 10) {
      return LocalDate.parse(s.substring(0, 10));
    }
    return null;
  }
}

package org.ucbislet.protocol;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.islettransplant.IsletSettings;

/**
 * The next tacrolimus trough level after the islet transplant's own schedule (which ends at month
 * {@code ucbi.islet.trough-monthly-until-month}, default 12): monthly, on the same day of the month as the last islet
 * infusion (month 13, 14, ...), an absolute date from the infusion date so that a late result never shifts the next
 * date. Sets {@code longTermTroughMonth} and {@code troughDueDate} (ISO-8601 date-time, start of the day in the
 * clinical time zone) and clears the previous level's values, so each month's form starts empty.
 */
@Component
public class ScheduleLongTermTroughDelegate implements JavaDelegate {

  private final IsletSettings settings;

  public ScheduleLongTermTroughDelegate(IsletSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate infusionDate = ClinicalDates.toLocalDate(execution.getVariable(ProtocolVariables.LAST_ISLET_INFUSION_DATE), zone);
    if (infusionDate == null) {
      throw new IllegalStateException("Tacrolimus troughs after the islet transplant without " + ProtocolVariables.LAST_ISLET_INFUSION_DATE);
    }
    Object previous = execution.getVariable(ProtocolVariables.LONG_TERM_TROUGH_MONTH);
    int month = previous instanceof Number n ? n.intValue() + 1 : settings.followUpPlan().troughMonthlyUntilMonth() + 1;
    execution.setVariable(ProtocolVariables.LONG_TERM_TROUGH_MONTH, month);
    execution.setVariable(ProtocolVariables.TROUGH_DUE_DATE,
        infusionDate.plusMonths(month).atStartOfDay(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    for (String perLevel : ProtocolVariables.LONG_TERM_TROUGH_LEVEL_VARIABLES) {
      execution.setVariable(perLevel, null);
    }
  }
}

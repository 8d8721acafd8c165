package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.cordbloodtransplant.CordBloodTransplantVariables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ClinicalDates;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Immune function not yet stable: the next yearly immune panel on the anniversary of day 0 (domain.md
 * Part A, B 2.4: yearly, +/- 6 months), an absolute date from the clinical anchor. Its window opens
 * the task and closes its due date.
 */
@Component
public class ScheduleNextImmunePanelDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleNextImmunePanelDelegate.class);

  private final CordBloodTransplantSettings settings;

  public ScheduleNextImmunePanelDelegate(CordBloodTransplantSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ZoneId zone = ClinicalTimeZone.get();
    LocalDate day0 = ClinicalDates.toLocalDate(execution.getVariable(CORD_BLOOD_INFUSION_DATE), zone);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    CordBloodFollowUpSchedule.ImmunePanelVisit next =
        CordBloodFollowUpSchedule.nextYearlyImmunePanel(day0, settings.followUpPlan(), today);
    execution.setVariable(NEXT_IMMUNE_PANEL_MONTH, next.month());
    execution.setVariable(NEXT_IMMUNE_PANEL_OPENS, ScheduleMonitoringDelegate.date(next.opens(), zone));
    execution.setVariable(NEXT_IMMUNE_PANEL_CLOSES, ScheduleMonitoringDelegate.date(next.closes(), zone));
    LOG.info("Subject {}: next immune panel at month {} ({} to {})", execution.getBusinessKey(), next.month(),
        next.opens(), next.closes());
  }
}

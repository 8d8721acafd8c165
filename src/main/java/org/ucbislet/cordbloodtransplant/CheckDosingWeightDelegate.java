package org.ucbislet.cordbloodtransplant;

import static org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_DATE;
import static org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_KG;
import static org.ucbislet.clinical.DosingWeight.DOSING_WEIGHT_RECENT;
import static org.ucbislet.clinical.DosingWeight.WEIGH_FIRST_REASON;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.DosingWeightSettings;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * Before a per-kg decision: is the child's current weight (on the child's protocol, {@link DosingWeight}) measured
 * within {@code ucbi.dosing-weight.max-age-days} days before today? Writes the weight the decision will use,
 * {@code dosingWeightKg} and {@code dosingWeightDate} (the forms show them read-only), {@code dosingWeightRecent} for the
 * gateway and, when the weight is older or missing, {@code weighFirstReason} for the weigh-first task.
 */
@Component
public class CheckDosingWeightDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CheckDosingWeightDelegate.class);

  private final DosingWeightSettings settings;

  public CheckDosingWeightDelegate(DosingWeightSettings settings) {
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DosingWeight.Weighing weighing = DosingWeight.current((ExecutionEntity) execution);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
    boolean recent = settings.isRecent(weighing, today);
    execution.setVariable(DOSING_WEIGHT_KG, weighing == null ? null : weighing.kg());
    execution.setVariable(DOSING_WEIGHT_DATE, weighing == null ? null : weighing.date().toString());
    execution.setVariable(DOSING_WEIGHT_RECENT, recent);
    execution.setVariable(WEIGH_FIRST_REASON, recent ? null : execution.getCurrentActivityName() + ": "
        + DosingWeight.staleReason(weighing, today, settings.getMaxAgeDays()) + ".");
    LOG.info("Subject {}: {}: weight of {} {}", execution.getBusinessKey(), execution.getCurrentActivityName(),
        weighing == null ? "none" : weighing.date(), recent ? "recent" : "too old, weigh first");
  }
}

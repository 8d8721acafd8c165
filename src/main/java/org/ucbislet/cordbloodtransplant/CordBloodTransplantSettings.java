package org.ucbislet.cordbloodtransplant;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * Schedules of {@code cordBloodTransplant} that a trial may set (application.yaml, {@code ucbi.cord-blood.*}).
 * Bean {@code cordBloodTransplantSettings}: the BPMN reads the durations, e.g. the re-search timer
 * {@code ${cordBloodTransplantSettings.researchInterval}}.
 */
@Component
public class CordBloodTransplantSettings {

  private final String researchInterval;
  private final String chimerismResultOverdue;
  private final int backupUnits;
  private final CordBloodFollowUpPlan plan;

  public CordBloodTransplantSettings(
      @Value("${ucbi.cord-blood.research-interval}") String researchInterval,
      @Value("${ucbi.cord-blood.backup-units}") int backupUnits,
      @Value("${ucbi.cord-blood.chimerism-days}") String chimerismDays,
      @Value("${ucbi.cord-blood.chimerism-result-overdue}") String chimerismResultOverdue,
      @Value("${ucbi.cord-blood.gvhd-assessment-days}") String gvhdAssessmentDays,
      @Value("${ucbi.cord-blood.immune-panel-months}") String immunePanelMonths,
      @Value("${ucbi.cord-blood.immune-panel-windows}") String immunePanelWindows,
      @Value("${ucbi.cord-blood.yearly-immune-panel-window}") String yearlyImmunePanelWindow) {
    this.researchInterval = duration("research-interval", researchInterval);
    this.chimerismResultOverdue = duration("chimerism-result-overdue", chimerismResultOverdue);
    if (backupUnits < 0) {
      throw new IllegalArgumentException("ucbi.cord-blood.backup-units must be >= 0, was " + backupUnits);
    }
    this.backupUnits = backupUnits;
    List<Integer> months = numbers(immunePanelMonths);
    List<String> windows = texts(immunePanelWindows);
    if (months.size() != windows.size()) {
      throw new IllegalArgumentException("ucbi.cord-blood.immune-panel-windows needs one window per month " + months
          + ", was " + windows);
    }
    List<ImmunePanelTimepoint> panels = new ArrayList<>();
    for (int i = 0; i < months.size(); i++) {
      panels.add(new ImmunePanelTimepoint(months.get(i), period("immune-panel-windows", windows.get(i))));
    }
    this.plan = new CordBloodFollowUpPlan(numbers(chimerismDays), numbers(gvhdAssessmentDays), panels,
        period("yearly-immune-panel-window", yearlyImmunePanelWindow));
  }

  /** The defaults of application.yaml. */
  public static CordBloodTransplantSettings defaults() {
    return ApplicationDefaults.of(CordBloodTransplantSettings.class);
  }

  /** Timer duration before the bank is searched again when the MDT chooses to wait (default P30D). */
  public String getResearchInterval() {
    return researchInterval;
  }

  /** Timer duration after a chimerism sample's dispatch after which the result is overdue (default P14D). */
  public String getChimerismResultOverdue() {
    return chimerismResultOverdue;
  }

  /** Backup units reserved beside the primary unit (domain.md Part A: 2). */
  public int backupUnits() {
    return backupUnits;
  }

  public CordBloodFollowUpPlan followUpPlan() {
    return plan;
  }

  private static String duration(String name, String text) {
    try {
      if (text != null && text.contains("T")) {
        Duration.parse(text);
      } else {
        Period.parse(text);
      }
      return text;
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("ucbi.cord-blood." + name + " must be an ISO-8601 duration such as P30D, was '"
          + text + "'", e);
    }
  }

  private static Period period(String name, String text) {
    try {
      return Period.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("ucbi.cord-blood." + name + " must be ISO-8601 periods such as P2W, was '"
          + text + "'", e);
    }
  }

  private static List<Integer> numbers(String commaSeparated) {
    return texts(commaSeparated).stream().map(Integer::valueOf).toList();
  }

  private static List<String> texts(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
  }
}

package org.ucbislet.report;

import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.time.Week;
import org.ucbislet.audit.Csv;
import org.ucbislet.followup.FollowUpJson;
import org.ucbislet.followup.FollowUpVariables;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.protocol.RecordProtocolEndListener;

/**
 * The cohort report a trial manager looks at, made from the engine's history (so it works for a simulated cohort and a
 * real one alike): tasks per role per week, missed visit windows, time from the cord blood infusion to engraftment and
 * to islet eligibility (stable immune function), and where every child is or how its protocol ended. Writes CSV files,
 * PNG charts and an {@code index.html} that shows them.
 */
public final class CohortReport {

  /** One child's line of {@code children.csv}. */
  record ChildLine(String subjectId, LocalDate referral, String sex, String gene, String status,
      LocalDate cordBloodInfusion, Integer neutrophilDay, Integer plateletDay, LocalDate stableImmuneFunction,
      Long daysToIsletEligibility, LocalDate lastIsletInfusion, String graftFunction, int deviations,
      int adverseEvents) {}

  /** One missed visit window (SDTM DV fields of the child's protocol deviations). */
  record MissedWindow(String subjectId, String visit, String epoch, String date) {}

  private static final Map<String, String> STAGES = Map.of(ProtocolVariables.CALL_SCREENING, "In screening",
      ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT, "In stage 1 (cord blood)",
      ProtocolVariables.CALL_ISLET_TRANSPLANT, "In stage 2 (islets)",
      ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS, "In long-term follow-up",
      ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD, "In long-term follow-up");
  private static final int BATCH = 500;

  private final HistoryService history;
  private final ZoneId zone;

  public CohortReport(ProcessEngine engine, ZoneId zone) {
    this.history = engine.getHistoryService();
    this.zone = zone;
  }

  /** What the report found, for tests and the console. */
  public record Summary(int children, Map<String, Long> outcomes, long tasks, int missedWindows, Path index) {}

  public Summary write(Path directory) throws IOException {
    Files.createDirectories(directory);
    List<ChildLine> children = children();
    TreeMap<LocalDate, Map<String, Long>> weekly = tasksPerRolePerWeek();
    List<MissedWindow> missed = missedWindows();
    Map<String, Long> outcomes = children.stream().collect(Collectors.groupingBy(ChildLine::status, TreeMap::new,
        Collectors.counting()));

    writeChildren(directory.resolve("children.csv"), children);
    writeWeekly(directory.resolve("tasks-per-role-per-week.csv"), weekly);
    writeMissed(directory.resolve("missed-windows.csv"), missed);
    try (Writer w = Files.newBufferedWriter(directory.resolve("outcomes.csv"), StandardCharsets.UTF_8)) {
      row(w, "status", "children");
      for (Map.Entry<String, Long> e : outcomes.entrySet()) {
        row(w, e.getKey(), String.valueOf(e.getValue()));
      }
    }
    charts(directory, children, weekly, missed, outcomes);
    Path index = directory.resolve("index.html");
    Files.writeString(index, html(children, weekly, missed, outcomes), StandardCharsets.UTF_8);
    long tasks = weekly.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    return new Summary(children.size(), outcomes, tasks, missed.size(), index);
  }

  // ------------------------------------------------------------------ from the history

  List<ChildLine> children() {
    List<HistoricProcessInstance> protocols = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(ProtocolVariables.PROCESS_KEY).orderByProcessInstanceStartTime().asc().list();
    Map<String, Map<String, Object>> variables = variables(protocols.stream().map(HistoricProcessInstance::getId).toList());
    Map<String, Map<String, Object>> stage1BySubject = new HashMap<>();
    List<HistoricProcessInstance> stage1 = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey("cordBloodTransplant").orderByProcessInstanceStartTime().asc().list();
    Map<String, Map<String, Object>> stage1Variables = variables(stage1.stream().map(HistoricProcessInstance::getId).toList());
    for (HistoricProcessInstance s : stage1) {
      Map<String, Object> v = stage1Variables.getOrDefault(s.getId(), Map.of());
      if (v.get("neutrophilEngraftmentDay") != null || !stage1BySubject.containsKey(s.getBusinessKey())) {
        stage1BySubject.put(s.getBusinessKey(), v);
      }
    }
    List<ChildLine> lines = new ArrayList<>();
    for (HistoricProcessInstance protocol : protocols) {
      Map<String, Object> v = variables.getOrDefault(protocol.getId(), Map.of());
      String subject = protocol.getBusinessKey();
      Map<String, Object> s1 = stage1BySubject.getOrDefault(subject, Map.of());
      LocalDate infusion = date(v.get(ProtocolVariables.CORD_BLOOD_INFUSION_DATE));
      LocalDate stable = date(v.get(ProtocolVariables.STABLE_IMMUNE_FUNCTION_CONFIRMED_DATE));
      Long toEligibility = infusion != null && stable != null ? ChronoUnit.DAYS.between(infusion, stable) : null;
      lines.add(new ChildLine(subject, LocalDate.ofInstant(protocol.getStartTime().toInstant(), zone),
          text(v.get(ProtocolVariables.SEX)), text(v.get(ProtocolVariables.GENE_NAME)), status(protocol, v), infusion,
          integer(s1.get("neutrophilEngraftmentDay")), integer(s1.get("plateletEngraftmentDay")), stable, toEligibility,
          date(v.get(ProtocolVariables.LAST_ISLET_INFUSION_DATE)), text(v.get(ProtocolVariables.ISLET_GRAFT_FUNCTION)),
          count(v.get(FollowUpVariables.PROTOCOL_DEVIATION_COUNT)),
          FollowUpJson.records(v.get(ProtocolVariables.ADVERSE_EVENT_REPORTS)).size()));
    }
    return lines;
  }

  private String status(HistoricProcessInstance protocol, Map<String, Object> v) {
    if (protocol.getEndTime() != null) {
      Object end = v.get(RecordProtocolEndListener.PROTOCOL_END);
      return end == null ? String.valueOf(protocol.getEndActivityId()) : "Ended: " + end;
    }
    List<HistoricActivityInstance> open = history.createHistoricActivityInstanceQuery()
        .processInstanceId(protocol.getId()).unfinished().list();
    for (HistoricActivityInstance a : open) {
      String stage = STAGES.get(a.getActivityId());
      if (stage != null && !(a.getActivityId().equals(ProtocolVariables.CALL_FOLLOW_UP_AFTER_CORD_BLOOD_INFUSION))) {
        return stage;
      }
    }
    return "In progress";
  }

  /** Variables of many process instances (JSON values as their serialized text), by process instance. */
  private Map<String, Map<String, Object>> variables(List<String> processInstanceIds) {
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    for (int i = 0; i < processInstanceIds.size(); i += BATCH) {
      String[] ids = processInstanceIds.subList(i, Math.min(processInstanceIds.size(), i + BATCH)).toArray(String[]::new);
      for (HistoricVariableInstance var : history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
          .disableCustomObjectDeserialization().list()) {
        if (var.getActivityInstanceId() != null && !var.getActivityInstanceId().equals(var.getProcessInstanceId())) {
          continue; // a local variable of an activity (task card, multi-instance)
        }
        Object value = valueOrSerialized(var);
        byInstance.computeIfAbsent(var.getProcessInstanceId(), k -> new HashMap<>()).put(var.getName(), value);
      }
    }
    return byInstance;
  }

  /** Completed tasks per candidate group per week (weeks starting on Monday). */
  TreeMap<LocalDate, Map<String, Long>> tasksPerRolePerWeek() {
    Map<String, String> groupOfTask = new HashMap<>();
    for (HistoricIdentityLinkLog link : history.createHistoricIdentityLinkLogQuery().type("candidate").list()) {
      if (link.getGroupId() != null && link.getTaskId() != null) {
        groupOfTask.putIfAbsent(link.getTaskId(), link.getGroupId());
      }
    }
    TreeMap<LocalDate, Map<String, Long>> weekly = new TreeMap<>();
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().finished().list()) {
      if (task.getEndTime() == null || "deleted".equals(task.getDeleteReason()) || task.getDeleteReason() != null
          && !"completed".equals(task.getDeleteReason())) {
        continue;
      }
      LocalDate week = LocalDate.ofInstant(task.getEndTime().toInstant(), zone)
          .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      weekly.computeIfAbsent(week, k -> new TreeMap<>()).merge(groupOfTask.getOrDefault(task.getId(), "(none)"), 1L,
          Long::sum);
    }
    return weekly;
  }

  List<MissedWindow> missedWindows() {
    List<MissedWindow> missed = new ArrayList<>();
    for (HistoricVariableInstance var : history.createHistoricVariableInstanceQuery()
        .variableName(FollowUpVariables.PROTOCOL_DEVIATIONS).disableCustomObjectDeserialization().list()) {
      if (!ProtocolVariables.PROCESS_KEY.equals(var.getProcessDefinitionKey())) {
        continue;
      }
      for (Map<String, Object> d : FollowUpJson.records(valueOrSerialized(var))) {
        if ("MISSED VISIT".equals(d.get("DVCAT"))) {
          missed.add(new MissedWindow(text(d.get("USUBJID")), text(d.get("VISIT")), text(d.get("EPOCH")),
              text(d.get("DVSTDTC"))));
        }
      }
    }
    return missed;
  }

  /** A JSON or other serialized object value as its text (the report reads it without the classes); else the value. */
  private static Object valueOrSerialized(HistoricVariableInstance variable) {
    return variable.getTypedValue() instanceof SerializableValue serializable && !serializable.isDeserialized()
        ? serializable.getValueSerialized() : variable.getValue();
  }

  // ------------------------------------------------------------------ files

  private static void writeChildren(Path file, List<ChildLine> children) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      row(w, "subjectId", "referralDate", "sex", "gene", "status", "cordBloodInfusionDate", "neutrophilEngraftmentDay",
          "plateletEngraftmentDay", "stableImmuneFunctionDate", "daysInfusionToIsletEligibility", "lastIsletInfusionDate",
          "isletGraftFunction", "protocolDeviations", "adverseEvents");
      for (ChildLine c : children) {
        row(w, c.subjectId(), s(c.referral()), s(c.sex()), s(c.gene()), c.status(), s(c.cordBloodInfusion()),
            s(c.neutrophilDay()), s(c.plateletDay()), s(c.stableImmuneFunction()), s(c.daysToIsletEligibility()),
            s(c.lastIsletInfusion()), s(c.graftFunction()), String.valueOf(c.deviations()),
            String.valueOf(c.adverseEvents()));
      }
    }
  }

  private static void writeWeekly(Path file, TreeMap<LocalDate, Map<String, Long>> weekly) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      row(w, "weekStarting", "group", "tasksCompleted");
      for (Map.Entry<LocalDate, Map<String, Long>> week : weekly.entrySet()) {
        for (Map.Entry<String, Long> g : week.getValue().entrySet()) {
          row(w, week.getKey().toString(), g.getKey(), String.valueOf(g.getValue()));
        }
      }
    }
  }

  private static void writeMissed(Path file, List<MissedWindow> missed) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      row(w, "subjectId", "visit", "epoch", "recordedOn");
      for (MissedWindow m : missed) {
        row(w, m.subjectId(), m.visit(), m.epoch(), m.date());
      }
    }
  }

  private static void row(Writer w, String... fields) throws IOException {
    Csv.write(w, java.util.Arrays.asList(fields));
  }

  // ------------------------------------------------------------------ charts

  private void charts(Path dir, List<ChildLine> children, TreeMap<LocalDate, Map<String, Long>> weekly,
      List<MissedWindow> missed, Map<String, Long> outcomes) throws IOException {
    // every week from the first to the last, zero where a group had nothing, stacked per group
    TimeTableXYDataset stacked = new TimeTableXYDataset(java.util.TimeZone.getTimeZone(zone), java.util.Locale.UK);
    java.util.Set<String> groups = new java.util.TreeSet<>();
    weekly.values().forEach(m -> groups.addAll(m.keySet()));
    if (!weekly.isEmpty()) {
      LocalDate last = weekly.lastKey();
      for (LocalDate week = weekly.firstKey(); !week.isAfter(last);
          week = week.plusWeeks(1)) {
        Week w = new Week(Date.from(week.atStartOfDay(zone).toInstant()), java.util.TimeZone.getTimeZone(zone),
            java.util.Locale.UK);
        Map<String, Long> counts = weekly.getOrDefault(week, Map.of());
        for (String group : groups) {
          stacked.add(w, counts.getOrDefault(group, 0L), group, false);
        }
      }
    }
    XYPlot plot = new XYPlot(stacked, new DateAxis("Week"), new NumberAxis("Tasks completed"),
        new StackedXYBarRenderer(0.05));
    plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((StackedXYBarRenderer) plot.getRenderer()).setBarPainter(new StandardXYBarPainter());
    ((StackedXYBarRenderer) plot.getRenderer()).setShadowVisible(false);
    save(dir.resolve("tasks-per-role-per-week.png"), new JFreeChart("Tasks completed per role per week",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true), 1100, 500);

    DefaultCategoryDataset status = new DefaultCategoryDataset();
    outcomes.forEach((k, n) -> status.addValue(n, "Children", k));
    save(dir.resolve("outcomes.png"), integerAxis(ChartFactory.createBarChart("Where the children are", null, "Children",
        status, PlotOrientation.HORIZONTAL, false, false, false)), 900, 60 + 40 * Math.max(3, outcomes.size()));

    histogram(dir.resolve("neutrophil-engraftment.png"), "Cord blood infusion to neutrophil engraftment",
        "Days after the infusion", children.stream().map(ChildLine::neutrophilDay).filter(d -> d != null)
            .map(Integer::doubleValue).toList(), 20, 0, 60);
    histogram(dir.resolve("islet-eligibility.png"), "Cord blood infusion to islet eligibility (stable immune function)",
        "Months after the infusion", children.stream().map(ChildLine::daysToIsletEligibility).filter(d -> d != null)
            .map(d -> d / 30.4375).toList(), 18, 0, 36);

    DefaultCategoryDataset perVisit = new DefaultCategoryDataset();
    missed.stream().collect(Collectors.groupingBy(m -> m.visit() + " (" + m.epoch().toLowerCase(java.util.Locale.ROOT)
        + ")", TreeMap::new, Collectors.counting())).forEach((k, n) -> perVisit.addValue(n, "Missed", k));
    save(dir.resolve("missed-windows.png"), integerAxis(ChartFactory.createBarChart("Missed visit windows", null,
        "Visits", perVisit, PlotOrientation.HORIZONTAL, false, false, false)), 900,
        60 + 30 * Math.max(3, perVisit.getColumnCount()));
  }

  private static JFreeChart integerAxis(JFreeChart chart) {
    chart.getCategoryPlot().getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return chart;
  }

  private static void histogram(Path file, String title, String axis, List<Double> values, int bins, double min,
      double max) throws IOException {
    HistogramDataset data = new HistogramDataset();
    data.addSeries("Children", values.stream().mapToDouble(v -> Math.max(min, Math.min(max - 1e-9, v))).toArray(),
        bins, min, max);
    JFreeChart chart = ChartFactory.createHistogram(title, axis, "Children", data, PlotOrientation.VERTICAL, false,
        false, false);
    chart.getXYPlot().getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    chart.getXYPlot().getDomainAxis().setRange(min, max);
    save(file, chart, 700, 400);
  }

  private static void save(Path file, JFreeChart chart, int width, int height) throws IOException {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(248, 248, 248));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
  }

  // ------------------------------------------------------------------ the page

  private String html(List<ChildLine> children, TreeMap<LocalDate, Map<String, Long>> weekly, List<MissedWindow> missed,
      Map<String, Long> outcomes) {
    long tasks = weekly.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    List<Long> eligibility = children.stream().map(ChildLine::daysToIsletEligibility).filter(d -> d != null).sorted()
        .toList();
    List<Integer> engraftment = children.stream().map(ChildLine::neutrophilDay).filter(d -> d != null).sorted().toList();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Cohort report</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1150px}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#eee}img{max-width:100%}")
        .append("</style></head><body><h1>Cohort report</h1>");
    h.append("<p>Made ").append(LocalDate.now(zone)).append(" from the process history: ").append(children.size())
        .append(" children, ").append(tasks).append(" tasks completed, ").append(missed.size())
        .append(" missed visit windows. Median infusion to neutrophil engraftment: ")
        .append(median(engraftment.stream().map(Integer::longValue).toList())).append(" days; to islet eligibility: ")
        .append(median(eligibility)).append(" days. Data: <a href=\"children.csv\">children.csv</a>, ")
        .append("<a href=\"tasks-per-role-per-week.csv\">tasks-per-role-per-week.csv</a>, ")
        .append("<a href=\"missed-windows.csv\">missed-windows.csv</a>, <a href=\"outcomes.csv\">outcomes.csv</a>.</p>");
    h.append("<h2>Where the children are</h2><img src=\"outcomes.png\" alt=\"Children per stage and outcome\">");
    table(h, List.of("Status", "Children"), outcomes.entrySet().stream()
        .map(e -> List.of(e.getKey(), String.valueOf(e.getValue()))).toList());
    h.append("<h2>Workload</h2><img src=\"tasks-per-role-per-week.png\" alt=\"Tasks per role per week\">");
    Map<String, Long> perRole = new TreeMap<>();
    weekly.values().forEach(m -> m.forEach((g, n) -> perRole.merge(g, n, Long::sum)));
    long weeks = weekly.isEmpty() ? 1 : ChronoUnit.WEEKS.between(weekly.firstKey(), weekly.lastKey()) + 1;
    table(h, List.of("Role", "Tasks", "Per week (mean over " + weeks + " weeks)"), perRole.entrySet().stream()
        .map(e -> List.of(e.getKey(), String.valueOf(e.getValue()), String.format("%.1f", e.getValue() / (double) weeks)))
        .toList());
    h.append("<h2>Engraftment and islet eligibility</h2>")
        .append("<img src=\"neutrophil-engraftment.png\" alt=\"Days to neutrophil engraftment\"> ")
        .append("<img src=\"islet-eligibility.png\" alt=\"Months to islet eligibility\">");
    h.append("<h2>Missed visit windows</h2><img src=\"missed-windows.png\" alt=\"Missed windows per visit\">");
    h.append("<h2>Children</h2>");
    table(h, List.of("Subject", "Referred", "Gene", "Status", "UCB infusion", "ANC day", "PLT day",
        "Stable immune function", "Last islet infusion", "Graft", "Deviations", "AEs"), children.stream()
        .map(c -> List.of(c.subjectId(), s(c.referral()), s(c.gene()), c.status(), s(c.cordBloodInfusion()),
            s(c.neutrophilDay()), s(c.plateletDay()), s(c.stableImmuneFunction()), s(c.lastIsletInfusion()),
            s(c.graftFunction()), String.valueOf(c.deviations()), String.valueOf(c.adverseEvents()))).toList());
    return h.append("</body></html>\n").toString();
  }

  private static void table(StringBuilder h, List<String> header, Collection<List<String>> rows) {
    h.append("<table><tr>");
    header.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
    h.append("</tr>");
    for (List<String> row : rows) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(escape(c)).append("</td>"));
      h.append("</tr>");
    }
    h.append("</table>");
  }

  private static String median(List<Long> sorted) {
    return sorted.isEmpty() ? "n/a" : String.valueOf(sorted.get(sorted.size() / 2));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String s(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String text(Object o) {
    return o == null ? null : o.toString();
  }

  private static LocalDate date(Object o) {
    return o == null || o.toString().isBlank() ? null : LocalDate.parse(o.toString().substring(0, 10));
  }

  private static Integer integer(Object o) {
    return o instanceof Number n ? n.intValue() : null;
  }

  private static int count(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }
}

package org.ucbislet.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The cohort benchmark's factor switches (issue 21 item 1, bench/cohort-factors.sh): {@code ucbi.bench.factors-off}, a
 * comma-separated list of the engine extensions to leave out, so that one factor's cost is the difference between a
 * run with it and a run without it on the same cohort. Empty by default: every extension is on. The switches take
 * away the protocol's safety checks and its audit trail, so the application refuses to start with any of them unless
 * the profile {@code cohort-bench} (the benchmark's synthetic, throw-away database) is active. Names:
 * <ul>
 *   <li>{@value #FORM_VALIDATION}: the server-side check of every form submission (forms.FormValidationPlugin; the weighing
 *   a valid form records is still recorded, so that the run does the same work);</li>
 *   <li>{@value #GUARDS}: the submission guard (forms.FormSubmissionGuardPlugin), the path guard
 *   (security.ProtocolPathGuardPlugin) and the decision result guard (config.DecisionResultGuardPlugin);</li>
 *   <li>{@value #AUDIT}: the audit log's history event handler (audit.AuditPlugin; the tables are still created);</li>
 *   <li>{@value #TASK_CARD}: the task card variable and name (security.TaskCardPlugin).</li>
 * </ul>
 * The history level is Camunda's own property ({@code camunda.bpm.history-level}).
 */
@Component
public class BenchFactors {

  public static final String PROPERTY = "ucbi.bench.factors-off";
  public static final String FORM_VALIDATION = "form-validation";
  public static final String GUARDS = "guards";
  public static final String AUDIT = "audit";
  public static final String TASK_CARD = "task-card";
  public static final Set<String> NAMES = Set.of(FORM_VALIDATION, GUARDS, AUDIT, TASK_CARD);
  /** The profile that allows switching factors off. */
  public static final String BENCH_PROFILE = "cohort-bench";

  private static final Logger LOG = LoggerFactory.getLogger(BenchFactors.class);

  private final Set<String> off;

  @org.springframework.beans.factory.annotation.Autowired
  public BenchFactors(@Value("${" + PROPERTY + ":}") String off, Environment environment) {
    this.off = parse(off);
    if (!this.off.isEmpty()) {
      if (!environment.acceptsProfiles(Profiles.of(BENCH_PROFILE))) {
        throw new IllegalStateException(PROPERTY + " switches off safety checks and the audit trail: only allowed with"
            + " the profile " + BENCH_PROFILE + " (a synthetic benchmark database), was " + this.off);
      }
      LOG.warn("Benchmark: engine extensions switched off: {}", this.off);
    }
  }

  /** Every extension on (production, tests). */
  public static BenchFactors allOn() {
    return new BenchFactors(Set.of());
  }

  private BenchFactors(Set<String> off) {
    this.off = off;
  }

  static Set<String> parse(String list) {
    Set<String> names = new LinkedHashSet<>();
    if (list == null) {
      return names;
    }
    for (String name : Arrays.asList(list.split(","))) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      if (!NAMES.contains(n)) {
        throw new IllegalArgumentException(PROPERTY + ": unknown factor '" + n + "' (known: " + NAMES + ")");
      }
      names.add(n);
    }
    return Set.copyOf(names);
  }

  /** Whether the extension runs (always, outside the benchmark). */
  public boolean on(String name) {
    return !off.contains(name);
  }
}

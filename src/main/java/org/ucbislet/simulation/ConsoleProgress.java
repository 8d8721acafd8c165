package org.ucbislet.simulation;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.ucbislet.clinical.ClinicalTimeZone;

/**
 * A progress bar on the console for a long simulation: share done (simulated time for a run to a date, children ended
 * for a run to the end), tasks per second and the time remaining. On a terminal the bar redraws in place; in a log (no
 * console) a line is printed at every tenth.
 */
public final class ConsoleProgress implements Consumer<CohortSimulator.Progress> {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final Instant from;
  private final Instant until;
  private final boolean terminal;
  private final long startedNanos = System.nanoTime();
  private int lastTenth = -1;

  /** {@code until == null}: progress is the share of children whose protocol has ended. */
  public ConsoleProgress(PrintStream out, Instant from, Instant until, boolean terminal) {
    this.out = out;
    this.from = from;
    this.until = until;
    this.terminal = terminal;
  }

  public static ConsoleProgress onConsole(Instant from, Instant until) {
    return new ConsoleProgress(System.out, from, until, System.console() != null);
  }

  @Override
  public void accept(CohortSimulator.Progress p) {
    double share = until != null
        ? ratio(Duration.between(from, p.simulatedNow()).toMinutes(), Duration.between(from, until).toMinutes())
        : ratio(p.ended(), p.children());
    share = Math.max(0, Math.min(1, share));
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    String line = line(share, seconds, p);
    if (terminal) {
      out.print("\r" + line);
      if (share >= 1) {
        out.println();
      }
      out.flush();
    } else {
      int tenth = (int) Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.println(line);
      }
    }
  }

  String line(double share, double seconds, CohortSimulator.Progress p) {
    int filled = (int) Math.round(share * WIDTH);
    String remaining = share <= 0.001 ? "--" : format(seconds * (1 - share) / share);
    return String.format("Simulating cohort [%s%s] %3.0f%% | %s | %d/%d referred, %d ended | %d tasks, %.0f tasks/s"
            + " | elapsed %s, remaining %s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), share * 100,
        LocalDate.ofInstant(p.simulatedNow(), ClinicalTimeZone.get()), p.referred(), p.children(), p.ended(),
        p.tasksCompleted(), seconds <= 0 ? 0 : p.tasksCompleted() / seconds, format(seconds), remaining);
  }

  private static double ratio(double a, double b) {
    return b <= 0 ? 1 : a / b;
  }

  static String format(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}

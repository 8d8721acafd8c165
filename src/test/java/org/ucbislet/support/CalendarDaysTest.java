package org.ucbislet.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The suite does not depend on the calendar date (issue 14): the tests that run on the engine's default clock (the
 * real date: enrolment ages, clinical dates typed as "today", due dates, audit export periods) run again with the
 * engine clock on the 1st of a month, the 9th (the form-js date display drops the leading zero of days 1-9), 29
 * February of a leap year and 31 December (year end), through the shared fixture {@link CalendarDayClock}. Each
 * day's run must pass entirely. The process tests set their own fixed clock; the browser test and the Tasklist
 * encoding contract test use the same fixture but are left out here for their length (minutes each).
 */
class CalendarDaysTest {

  static final List<String> DATE_SENSITIVE = List.of("org.ucbislet.screening.ScreeningRestTest",
      "org.ucbislet.forms.FormValidationRestTest", "org.ucbislet.safety.AdverseEventRestTest",
      "org.ucbislet.security.GroupTaskVisibilityTest", "org.ucbislet.security.ProtocolEventMessageRestTest",
      "org.ucbislet.audit.AuditRestTest");

  @ParameterizedTest(name = "the date-sensitive tests pass on {0}")
  @ValueSource(strings = {"2027-03-01", "2027-06-09", "2027-12-31", "2028-02-29"})
  void dateSensitiveTestsPassOn(String day) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DATE_SENSITIVE.stream().map(c -> selectClass(c)).toList())
        .configurationParameter(CalendarDayClock.DAY, day)
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);

    TestExecutionSummary summary = listener.getSummary();
    StringWriter failures = new StringWriter();
    summary.printFailuresTo(new PrintWriter(failures), 30);
    assertThat(summary.getTestsFoundCount()).as("tests found").isGreaterThan(50);
    assertThat(summary.getTotalFailureCount()).as("failures on %s:%n%s", day, failures).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(summary.getTestsFoundCount() - summary.getTestsSkippedCount());
  }
}

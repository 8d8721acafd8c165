package org.ucbislet.conventions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/**
 * The package borders of docs/architecture.md ("Where things go"), checked on the compiled production classes:
 *
 * <ul>
 *   <li>one package per process family ({@link #PROCESS_FAMILIES}) plus the neutral {@code clinical} package, and
 *       no package cycle anywhere;</li>
 *   <li>domain code (the process families and {@code clinical}) imports no web, security, audit, report or
 *       simulation code; only its REST controllers may use the web layer ({@code config}, Spring Web);</li>
 *   <li>{@code clinical} depends on no other package of the application;</li>
 *   <li>only the simulation moves the engine's clock or stops the job executor, and nothing depends on it;</li>
 *   <li>delegates, listeners and variables classes live in a process family's package.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "org.ucbislet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The packages named for the processes they implement (design.md section 3). */
  static final String[] PROCESS_FAMILIES = {
      "org.ucbislet.protocol..", "org.ucbislet.screening..", "org.ucbislet.cordblood..",
      "org.ucbislet.cordbloodtransplant..", "org.ucbislet.isletisolation..", "org.ucbislet.islettransplant..",
      "org.ucbislet.followup..", "org.ucbislet.safety.."};

  static final String[] DOMAIN = concat(PROCESS_FAMILIES, "org.ucbislet.clinical..");

  @ArchTest
  static final ArchRule noPackageCycle = slices().matching("org.ucbislet.(*)..").namingSlices("$1")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule domainCodeImportsNoApplicationLayer = noClasses().that().resideInAnyPackage(DOMAIN)
      .should().dependOnClassesThat().resideInAnyPackage("org.ucbislet.simulation..", "org.ucbislet.security..",
          "org.ucbislet.audit..", "org.ucbislet.report..")
      .because("domain code is used by the application's layers, never the reverse");

  @ArchTest
  static final ArchRule domainCodeImportsNoWebCode = noClasses().that().resideInAnyPackage(DOMAIN)
      .and().areNotAnnotatedWith(RestController.class)
      .should().dependOnClassesThat().resideInAnyPackage("org.ucbislet.config..", "org.springframework.web..",
          "org.springframework.http..", "jakarta.servlet..", "jakarta.ws.rs..", "org.camunda.bpm.engine.rest..")
      .because("only a feature's REST controller speaks HTTP; delegates and domain code throw clinical exceptions");

  @ArchTest
  static final ArchRule clinicalIsNeutral = noClasses().that().resideInAPackage("org.ucbislet.clinical..")
      .should().dependOnClassesThat(outside("org.ucbislet.clinical."))
      .because("the shared clinical utilities sit below every process family");

  @ArchTest
  static final ArchRule onlyTheSimulationMovesTheEngineClock = noClasses()
      .that().resideOutsideOfPackage("org.ucbislet.simulation..")
      .should().callMethod(ClockUtil.class, "setCurrentTime", Date.class)
      .orShould().callMethod(ClockUtil.class, "offset", Long.class)
      .orShould().callMethod(ClockUtil.class, "reset")
      .orShould().callMethod(JobExecutor.class, "shutdown");

  @ArchTest
  static final ArchRule nothingDependsOnTheSimulation = noClasses()
      .that().resideOutsideOfPackage("org.ucbislet.simulation..")
      .should().dependOnClassesThat().resideInAPackage("org.ucbislet.simulation..");

  @ArchTest
  static final ArchRule delegatesAndListenersLiveInAProcessFamily = classes()
      .that().areAnnotatedWith(Component.class).and(implementAnyOf(JavaDelegate.class, ExecutionListener.class,
          TaskListener.class))
      .should().resideInAnyPackage(PROCESS_FAMILIES);

  @ArchTest
  static final ArchRule variablesClassesLiveInAProcessFamily = classes()
      .that().haveSimpleNameEndingWith("Variables").and().resideOutsideOfPackage("org.ucbislet.clinical..")
      .should().resideInAnyPackage(PROCESS_FAMILIES);

  @ArchTest
  static final ArchRule controllersAreNamedSo = classes().that().areAnnotatedWith(RestController.class)
      .should().haveSimpleNameEndingWith("Controller");

  private static DescribedPredicate<JavaClass> outside(String packagePrefix) {
    return DescribedPredicate.describe("are application classes outside " + packagePrefix,
        type -> type.getPackageName().startsWith("org.ucbislet.")
            && !type.getPackageName().startsWith(packagePrefix.substring(0, packagePrefix.length() - 1)));
  }

  private static DescribedPredicate<JavaClass> implementAnyOf(Class<?>... types) {
    return DescribedPredicate.describe("implement a delegate or listener interface",
        type -> java.util.Arrays.stream(types).anyMatch(type::isAssignableTo));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}

package org.ucbislet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ucbislet.support.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.support.CalendarDayClock;

/**
 * The webapps in headless Chromium (Debian's chromium and chromedriver; Selenium Manager never runs, so
 * nothing is downloaded): an endocrinologist works the diagnostic work-up of UCBI-0901 in Tasklist
 * through its Camunda Form, sees no task of another group, and a trial manager sees the screening
 * diagram in Cockpit. Every app shows the trial's name and no Camunda 8 migration banner
 * (src/main/resources/META-INF/resources/webjars/camunda/app/{app}/scripts/config.js and styles/user-styles.css).
 * Screenshots of every step go to target/screenshots.
 */
@Tag("browser")
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = org.ucbislet.Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the same properties as the REST tests: one shared application context (and one engine named "default")
    properties = {"spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class TasklistCockpitBrowserTest {

  private static final Logger LOG = LoggerFactory.getLogger(TasklistCockpitBrowserTest.class);
  private static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
  private static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private static final String PROTOCOL = "ucbIsletProtocol";
  private static final String SCREENING = "screening";
  private static final String TASK_WORK_UP = "Task_RecordDiagnosticWorkUp";
  private static final String TASK_CONSENT = "Task_ObtainInformedConsent";
  private static final String SUBJECT = "UCBI-0901";
  private static final String OTHER_SUBJECT = "UCBI-0902";
  private static final String CORRECTED_SUBJECT = "UCBI-0903";
  private static final String TYPED_SUBJECT = "UCBI-0904";
  private static final String WITHDRAWN_SUBJECT = "UCBI-0905";
  private static final String ADVERSE_EVENT_SUBJECT = "UCBI-0906";
  private static final String RELEASE_RECIPIENT = "UCBI-0907";
  private static final String RELEASE_DONOR = "OPO-2027-00907";
  private static final String PASSWORD = "demo";
  private static final String VENDOR = "UCB + islet transplantation trial";
  /** How the tests type a date into a form-js date field. */
  static final java.time.format.DateTimeFormatter TYPED_DATE = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy");
  /** How form-js shows a date it parsed: month and day without leading zeros (12/7/2026), with them accepted too. */
  static final java.time.format.DateTimeFormatter SHOWN_DATE = java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  IdentityService identityService;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired
  org.camunda.bpm.engine.ManagementService managementService;

  private WebDriver driver;
  private WebDriverWait wait;
  private Path userDataDir;
  private int shot;
  private long started;

  @BeforeAll
  static void requireDebianChromium() {
    if ("true".equals(System.getenv("CI"))) { // CI installs them (.ci/run): a missing browser is a failure there
      org.assertj.core.api.Assertions.assertThat(CHROMIUM).isExecutable();
      org.assertj.core.api.Assertions.assertThat(CHROMEDRIVER).isExecutable();
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium chromium-driver");
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
  }

  @BeforeAll
  static void clearScreenshots() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    try (Stream<Path> old = Files.list(SCREENSHOTS)) {
      for (Path p : old.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".html")).toList()) {
        Files.delete(p);
      }
    }
  }

  @BeforeEach
  void startBrowser() throws IOException {
    userDataDir = Files.createTempDirectory("ucbi-chromium-");
    ChromeOptions options = HeadlessChromium.options(userDataDir, "1400,1000");
    // a prompt (Cockpit's correction reason) stays open until the test answers it
    options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.IGNORE);
    driver = HeadlessChromium.start(options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    started = System.currentTimeMillis();
  }

  @AfterEach
  void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        screenshot("last-page");
        Files.writeString(SCREENSHOTS.resolve("last-page.html"), driver.getPageSource(), StandardCharsets.UTF_8);
      }
    } finally {
      if (driver != null) {
        driver.quit();
      }
      if (userDataDir != null) {
        try (Stream<Path> files = Files.walk(userDataDir)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
    }
  }

  @Test
  void endocrinologistCompletesWorkUpInTasklistAndTrialManagerSeesDiagramInCockpit() throws IOException {
    ProcessInstance screening = enrol(SUBJECT);
    consentViaJavaApi(screening); // consent first: the work-up and eligibility come with consent recorded
    String workUpTaskId = openTask(screening.getId(), TASK_WORK_UP).getId();

    // a second child just enrolled: its consent task belongs to trial-coordinator
    ProcessInstance otherScreening = enrol(OTHER_SUBJECT);
    String otherConsentTaskId = openTask(otherScreening.getId(), TASK_CONSENT).getId();
    LOG.info("two children enrolled, one consented, at {} ms", System.currentTimeMillis() - started);

    // --- Tasklist as endocrinologist
    login("tasklist", "endocrinologist");
    assertTrialBranding("UCB-Islet Tasklist");
    awaitTaskListWithoutError("Endocrinologist tasks"); // Tasklist opens the first filter by priority: the group's
    screenshot("tasklist-my-tasks");

    WebElement endoFilter = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'Endocrinologist tasks')]")));
    assertThat(filterNames()).as("filters visible to the endocrinologist")
        .contains("Endocrinologist tasks")
        .doesNotContain("Trial coordinator tasks", "Psychologist tasks", "Multidisciplinary team tasks");
    endoFilter.click();
    wait.until(ExpectedConditions.attributeContains(By.xpath(
        "//div[contains(@class,'task-filter')][.//a[contains(normalize-space(.),'Endocrinologist tasks')]]"), "class", "active"));
    By workUpInList = taskLink(workUpTaskId);
    awaitTaskListWithoutError("Endocrinologist tasks");
    wait.until(ExpectedConditions.visibilityOfElementLocated(workUpInList));
    // the context is shared with other tests: other children's work-ups may be listed too, nothing else
    assertThat(taskLinkTexts()).as("tasks in the Endocrinologist tasks filter")
        .isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("Record diagnostic work-up · UCBI-"));
    // the card names the child: the filter shows the variable subjectId
    fresh(d -> {
      WebElement card = d.findElement(By.xpath("//li[contains(@class,'task')][.//a[contains(@href,'task=" + workUpTaskId + "')]]"));
      assertThat(card.getText()).contains("Subject ID").contains(SUBJECT);
      return true;
    });
    assertThat(driver.findElements(taskLink(otherConsentTaskId))).as("another group's consent task").isEmpty();
    fresh(d -> { // no filter tooltip on the shot
      new Actions(d).moveToElement(d.findElement(workUpInList)).perform();
      return true;
    });
    screenshot("tasklist-endocrinologist-filter");

    clickFresh(workUpInList);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), "Record diagnostic work-up"));
    screenshot("tasklist-work-up-task-opened");

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.unclaim")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
    screenshot("tasklist-work-up-claimed");

    tick("t1dDiagnosisConfirmed");
    type("fastingGlucoseMmolL", "9.4");
    type("hba1cPercent", "8.1");
    screenshot("tasklist-form-glucose-hba1c");
    tick("pathogenicVariantConfirmed");
    tick("organDamageInflammatoryBowelDisease");
    tick("organDamageImmuneHepatitis");
    tick("recurrenceAfterStandardTreatment");
    scrollTo(field("organDamageInflammatoryBowelDisease"));
    screenshot("tasklist-form-inclusion-criteria");
    for (String exclusion : List.of("matureEffectiveTreatmentAvailable", "hivPositive", "hbvPositive", "hcvPositive",
        "activeInfection", "activeMalignancy", "otherFatalDisease", "mentalOrPsychologicalDisorder")) {
      assertThat(field(exclusion).isSelected()).as(exclusion + " stays unticked").isFalse();
    }
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary') and normalize-space(.)='Complete']")));
    scrollTo(complete);
    screenshot("tasklist-form-exclusions-unticked");
    complete.click();

    // the engine has it: completed by the endocrinologist, eligible, psychological assessment next
    wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(workUpTaskId).finished().count() == 1);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(workUpInList));
    screenshot("tasklist-after-complete");

    HistoricTaskInstance workUp = historyService.createHistoricTaskInstanceQuery().taskId(workUpTaskId).singleResult();
    assertThat(workUp.getTaskDefinitionKey()).isEqualTo(TASK_WORK_UP);
    assertThat(workUp.getAssignee()).isEqualTo("endocrinologist");
    assertThat(workUp.getDeleteReason()).isEqualTo("completed");
    UserOperationLogEntry completion = historyService.createUserOperationLogQuery().taskId(workUpTaskId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
    assertThat(completion.getUserId()).isEqualTo("endocrinologist");
    Task psychological = openTask(screening.getId(), "Task_AssessPsychologicalFitness");
    assertThat(psychological.getName()).isEqualTo("Assess psychological fitness · " + SUBJECT);
    assertThat(taskService.getIdentityLinksForTask(psychological.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("psychologist"));
    Map<String, Object> vars = runtimeService.getVariables(screening.getId());
    assertThat(vars.get("eligible")).isEqualTo(true);
    assertThat(vars).containsEntry("t1dDiagnosisConfirmed", true).containsEntry("hivPositive", false)
        .containsEntry("extrapancreaticOrganDamageCount", 2);
    assertThat(((Number) vars.get("fastingGlucoseMmolL")).doubleValue()).isEqualTo(9.4);
    assertThat(((Number) vars.get("hba1cPercent")).doubleValue()).isEqualTo(8.1);

    // neither the psychologist's task nor the other child's consent task is listed for the endocrinologist
    driver.navigate().refresh();
    wait.until(ExpectedConditions.attributeContains(By.xpath(
        "//div[contains(@class,'task-filter')][.//a[contains(normalize-space(.),'Endocrinologist tasks')]]"), "class", "active"));
    awaitTaskListWithoutError("Endocrinologist tasks after completion");
    assertThat(driver.findElements(taskLink(psychological.getId()))).isEmpty();
    assertThat(driver.findElements(taskLink(otherConsentTaskId))).isEmpty();
    assertThat(taskLinkTexts()).noneMatch(name -> name.startsWith("Obtain informed consent"));

    logout();

    // --- Cockpit as trial manager
    login("cockpit", "trial-manager");
    assertTrialBranding("UCB-Islet Cockpit");
    screenshot("cockpit-dashboard");
    String screeningDefinitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(SCREENING)
        .latestVersion().singleResult().getId();
    driver.get(appUrl("cockpit") + "#/process-definition/" + screeningDefinitionId + "/runtime");
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("svg [data-element-id=\"" + TASK_CONSENT + "\"]")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("svg [data-element-id=\"" + TASK_WORK_UP + "\"]")));
    assertThat(driver.findElement(By.cssSelector("svg [data-element-id=\"" + TASK_WORK_UP + "\"]")).getText())
        .contains("Record diagnostic work-up");
    // the second child (and any other test's) waits at consent: Cockpit's badge shows the engine's count
    String atConsent = String.valueOf(runtimeService.createExecutionQuery().activityId(TASK_CONSENT).count());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".djs-overlays[data-container-id=\"" + TASK_CONSENT + "\"] .badge"), atConsent));
    assertTrialBranding("UCB-Islet Cockpit");
    screenshot("cockpit-screening-diagram");
    logout();

    // --- Admin as the demo administrator: branding only
    login("admin", "demo");
    assertTrialBranding("UCB-Islet Admin");
    screenshot("admin-users");
  }

  /**
   * Issue 4: the HLA laboratory enters a child's typing in Tasklist (nomenclature checked by the form), the bank
   * search runs as the engine's job, and the transplant physician picks the primary and two backup units from the
   * ranked candidates shown in the form. The bank holds five units made for this typing (see {@link #TYPED_BANK}).
   */
  @Test
  void hlaLabEntersTypingAndTransplantPhysicianPicksUnitsFromTheRankedList() throws Exception {
    replaceInventory(TYPED_BANK);
    String typingTaskId = screenedChildAtHlaTyping(TYPED_SUBJECT);

    login("tasklist", "hla-lab");
    openTaskInTasklist(typingTaskId, "Type HLA");
    claim();
    type("hlaA1", "A*02:01");
    type("hlaA2", "A*11:01:01");   // three fields: matching uses the first two
    type("hlaB1", "B*46:01");
    type("hlaB2", "B*40:01");
    type("hlaC1", "C*01:02");
    type("hlaC2", "C*07:02");
    type("hlaDRB1_1", "DRB1*09:01");
    type("hlaDRB1_2", "DRB1*1501"); // not WHO nomenclature: the form refuses it
    pickDate("hlaTypingDate", "01/11/2026");
    pick("hlaTypingMethod", 0);
    // Tasklist keeps Complete disabled while the form is invalid (the server would refuse it too: FormValidationRestTest)
    By complete = By.xpath("//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary') and normalize-space(.)='Complete']");
    wait.until(d -> !d.findElement(complete).isEnabled());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        "[cam-tasklist-form-camunda] .fjs-form [id$=\"-Field_hlaDRB1_2-error-message\"]")));
    screenshot("tasklist-hla-typing-refused");
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(typingTaskId).finished().count()).isZero();
    type("hlaDRB1_2", "DRB1*15:01");
    screenshot("tasklist-hla-typing");
    completeButton().click();
    wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(typingTaskId).finished().count() == 1);
    logout();

    // the bank search is an asynchronous job (the job executor is off in tests: run it here)
    String stage1 = runtimeService.createProcessInstanceQuery().processDefinitionKey("cordBloodTransplant")
        .processInstanceBusinessKey(TYPED_SUBJECT).singleResult().getId();
    org.camunda.bpm.engine.runtime.Job search = managementService.createJobQuery().processInstanceId(stage1).singleResult();
    assertThat(search).as("the bank search job").isNotNull();
    managementService.executeJob(search.getId());
    Task selection = taskService.createTaskQuery().processInstanceBusinessKey(TYPED_SUBJECT)
        .taskDefinitionKey("Task_SelectCordBloodUnits").singleResult();
    assertThat(selection).as("unit selection after the search").isNotNull();

    login("tasklist", "transplant-physician");
    openTaskInTasklist(selection.getId(), "Select");
    claim();
    List<String> candidates = options("primaryCordBloodUnit");
    screenshot("tasklist-unit-candidates");
    // ranking (domain.md Part A): allele matches, antigen matches, TNC/kg, CD34/kg; the 3/8 unit is below the floor
    assertThat(candidates).hasSize(4);
    assertThat(candidates.get(0)).startsWith("SHCBB/SH-0000001").contains("8/8").contains("acceptable");
    assertThat(candidates.get(1)).startsWith("SDCBB/SD-0000004").contains("8/8").contains("not acceptable");
    assertThat(candidates.get(2)).startsWith("BJCBB/BJ-0000002").contains("7/8");
    assertThat(candidates.get(3)).startsWith("GDCBB/GD-0000003").contains("7/8");
    closeDropdown();
    pick("primaryCordBloodUnit", 0);
    pick("backupCordBloodUnit1", 2);
    pick("backupCordBloodUnit2", 3);
    tick("unitsReservedWithBank");
    screenshot("tasklist-units-picked");
    completeButton().click();
    signInDialog("transplant-physician", "I approve the cord blood unit selection for " + TYPED_SUBJECT);
    wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(selection.getId()).finished().count() == 1);

    String processInstanceId = selection.getProcessInstanceId();
    assertThat(historicValue(processInstanceId, "primaryCordBloodUnit")).isEqualTo("SHCBB/SH-0000001");
    assertThat(historicValue(processInstanceId, "backupCordBloodUnit1")).isEqualTo("BJCBB/BJ-0000002");
    assertThat(historicValue(processInstanceId, "backupCordBloodUnit2")).isEqualTo("GDCBB/GD-0000003");
    assertThat(String.valueOf(historicValue(processInstanceId, "reservedUnits")))
        .contains("SHCBB/SH-0000001").contains("transplant-physician");
    // the REST search gives the same ranking the process showed
    String answer = searchAs("hla-lab", "{\"typing\": {\"A\": [\"A*02:01\", \"A*11:01\"], \"B\": [\"B*46:01\", \"B*40:01\"], "
        + "\"C\": [\"C*01:02\", \"C*07:02\"], \"DRB1\": [\"DRB1*09:01\", \"DRB1*15:01\"]}, \"weightKg\": 23.5, \"limit\": 10}");
    assertThat(answer.indexOf("SH-0000001")).isLessThan(answer.indexOf("SD-0000004"));
    assertThat(answer.indexOf("SD-0000004")).isLessThan(answer.indexOf("BJ-0000002"));
    assertThat(answer.indexOf("BJ-0000002")).isLessThan(answer.indexOf("GD-0000003"));
    assertThat(answer).doesNotContain("ZJ-0000005");
  }

  /**
   * Five units for the typing A*02:01/A*11:01, B*46:01/B*40:01, C*01:02/C*07:02, DRB1*09:01/DRB1*15:01 and a child of
   * 23.5 kg (acceptance: TNC >= 1.175e9, CD34 >= 3.525e6): SH 8/8 acceptable; SD 8/8 but TNC 4.3 x10^7/kg (not
   * acceptable, still above the 1.5 x10^7/kg floor); BJ 7/8 (C mismatch) antigen 6/6, TNC 8.5; GD 7/8 (A*02:06: an
   * allele mismatch, the same antigen) antigen 6/6, TNC 6.4; ZJ 3/8, below the search floor.
   */
  private static final String TYPED_BANK = String.join("\n",
      "bank,unitId,A1,A2,B1,B2,C1,C2,DRB1_1,DRB1_2,tncTotal,cd34Total,collectionDate",
      "SHCBB,SH-0000001,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.8E9,6.0E6,2019-04-02",
      "BJCBB,BJ-0000002,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*03:04,DRB1*09:01,DRB1*15:01,2.0E9,5.0E6,2017-09-14",
      "GDCBB,GD-0000003,A*02:06,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.5E9,4.0E6,2021-01-20",
      "SDCBB,SD-0000004,A*02:01,A*11:01,B*46:01,B*40:01,C*01:02,C*07:02,DRB1*09:01,DRB1*15:01,1.0E9,3.0E6,2015-06-30",
      "ZJCBB,ZJ-0000005,A*24:02,A*33:03,B*58:01,B*13:01,C*03:02,C*07:02,DRB1*03:01,DRB1*15:01,2.2E9,7.0E6,2020-11-11") + "\n";

  private String screenedChildAtHlaTyping(String subjectId) {
    ProcessInstance screening = enrol(subjectId);
    consentViaJavaApi(screening);
    completeWorkUpViaJavaApi(openTask(screening.getId(), TASK_WORK_UP).getId());
    completeAs("psychologist", openTask(screening.getId(), "Task_AssessPsychologicalFitness").getId(),
        Map.of("psychologicallyFit", true, "psychologicalAssessmentDate", "2026-01-05"));
    completeAs("mdt", openTask(screening.getId(), "Task_ReviewIndicationsMdt").getId(), Map.of("mdtApprovedTransplant", true,
        "mdtMeetingDate", "2026-01-06", "mdtRationale", "Indications met, no contraindication"));
    Task typing = taskService.createTaskQuery().processInstanceBusinessKey(subjectId).taskDefinitionKey("Task_RecordHlaTyping").singleResult();
    assertThat(typing).as("HLA typing task of " + subjectId).isNotNull();
    return typing.getId();
  }

  /** Screening's first step: the trial coordinator records the informed consent (signed). */
  private void consentViaJavaApi(ProcessInstance screening) {
    completeAs("trial-coordinator", openTask(screening.getId(), TASK_CONSENT).getId(), Map.of("consentObtained", true,
        "guardianConsentSigned", true, "childAssent", "obtained", "consentDate", "2026-01-04",
        "consentFormVersion", "v2.1 2026-06-01"));
  }

  private void completeAs(String user, String taskId, Map<String, Object> values) {
    Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
    // signed where the model asks for it (issue 20): the signature fields stay typed (transient)
    org.camunda.bpm.engine.variable.VariableMap submitted = org.ucbislet.audit.SignedElements
        .of(repositoryService, task.getProcessDefinitionId(), task.getTaskDefinitionKey())
        .map(signed -> org.ucbislet.audit.SignatureFields.of(user, PASSWORD, signed.meaning()))
        .orElseGet(org.camunda.bpm.engine.variable.Variables::createVariables);
    submitted.putAll(values);
    identityService.setAuthentication(user, List.of(user));
    try {
      taskService.claim(taskId, user);
      taskService.complete(taskId, submitted);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private Object historicValue(String processInstanceId, String name) {
    // the form's answer may exist as the task's local copy and in the process scope: prefer the process scope
    var variables = historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name).list();
    return variables.stream().filter(v -> processInstanceId.equals(v.getActivityInstanceId())).findFirst()
        .or(() -> variables.stream().findFirst()).map(org.camunda.bpm.engine.history.HistoricVariableInstance::getValue).orElse(null);
  }

  private void replaceInventory(String csv) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/cord-blood/inventory"))
        .header("Authorization", basicAuth("demo")).header("Content-Type", "text/csv")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private String searchAs(String user, String body) throws Exception {
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/cord-blood/search"))
        .header("Authorization", basicAuth(user)).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static String basicAuth(String user) {
    return org.ucbislet.support.EngineRest.basic(user, PASSWORD);
  }

  private void openTaskInTasklist(String taskId, String nameStart) throws IOException {
    driver.get(appUrl("tasklist") + "#/?task=" + taskId);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-details"), nameStart));
  }

  private void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.unclaim")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
  }

  private WebElement completeButton() {
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary') and normalize-space(.)='Complete']")));
    scrollTo(complete);
    return complete;
  }

  /** A form-js select: opens its list and returns the option texts in order. */
  private List<String> options(String key) {
    WebElement display = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[cam-tasklist-form-camunda] .fjs-form [id$=\"-Field_" + key + "-display\"]")));
    scrollTo(display);
    display.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item")));
    return driver.findElements(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item")).stream()
        .map(e -> e.getText().trim()).toList();
  }

  private void closeDropdown() {
    driver.findElement(By.cssSelector(".task-details")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-dropdownlist")));
  }

  private void pick(String key, int index) {
    options(key);
    WebElement item = driver.findElements(By.cssSelector(".fjs-dropdownlist .fjs-dropdownlist-item")).get(index);
    String text = item.getText().trim();
    new Actions(driver).moveToElement(item).click().perform();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("[cam-tasklist-form-camunda] .fjs-form [id$=\"-Field_" + key + "-display\"]"), text.substring(0, Math.min(12, text.length()))));
  }

  private void pickDate(String key, String mmddyyyy) {
    WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[cam-tasklist-form-camunda] .fjs-form input[id$=\"-Field_" + key + "-date\"]")));
    scrollTo(input);
    input.click();
    input.sendKeys(mmddyyyy, org.openqa.selenium.Keys.ENTER);
    driver.findElement(By.cssSelector(".task-details h2, .task-details")).click();
  }

  /**
   * Issue 6: the trial coordinator withdraws a child from Tasklist ("Start process", "Record consent withdrawal"): a
   * subject ID that has no running protocol is refused with the field's error in the form, the right one ends the
   * child's protocol at "Withdrawn" and the endocrinologist's open work-up of the child is gone.
   */
  @Test
  void trialCoordinatorWithdrawsAChildFromTasklistAndItsOpenTasksAreCancelled() throws IOException {
    enrol(WITHDRAWN_SUBJECT);
    String protocolId = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROTOCOL)
        .processInstanceBusinessKey(WITHDRAWN_SUBJECT).singleResult().getId();
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(WITHDRAWN_SUBJECT).count()).isOne();

    login("tasklist", "trial-coordinator");
    clickFresh(By.cssSelector("[cam-widget-header] .start-process-action a"));
    WebElement choice = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal')]//a[normalize-space(.)='Record consent withdrawal']")));
    screenshot("tasklist-start-process-list");
    choice.click();
    By form = By.cssSelector(".modal [cam-tasklist-form-camunda] .fjs-form");
    wait.until(ExpectedConditions.visibilityOfElementLocated(form));
    typeIn(".modal", "subjectId", "UCBI-0999");
    WebElement date = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".modal .fjs-form input[id$=\"-Field_withdrawalDate-date\"]")));
    date.click();
    date.sendKeys(TYPED_DATE.format(CalendarDayClock.today()),
        org.openqa.selenium.Keys.ENTER);
    typeInTextarea(".modal", "withdrawalReason", "Guardian withdrew consent at the clinic");
    By start = By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary') and normalize-space(.)='Start']");
    wait.until(ExpectedConditions.elementToBeClickable(start)).click();
    signInDialog("trial-coordinator", "I take responsibility for the consent withdrawal record of UCBI-0999");
    // the server refuses a child without a running protocol, naming the field; the modal stays open
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "no running protocol"));
    screenshot("tasklist-withdrawal-refused");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(protocolId).count()).isOne();

    typeIn(".modal", "subjectId", WITHDRAWN_SUBJECT);
    wait.until(ExpectedConditions.elementToBeClickable(start)).click();
    signInDialog("trial-coordinator", "consent withdrawal record of " + WITHDRAWN_SUBJECT);
    wait.until(d -> historyService.createHistoricActivityInstanceQuery().processInstanceId(protocolId)
        .activityId("End_Withdrawn").count() == 1);
    screenshot("tasklist-withdrawal-started");
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(WITHDRAWN_SUBJECT).count())
        .as("the work-up of the withdrawn child is cancelled").isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(protocolId)
        .variableName("withdrawalRecordedBy").singleResult().getValue()).isEqualTo("trial-coordinator");
    logout();
  }

  /**
   * Issue 6: an endocrinologist reports an adverse event of a child in the protocol with Tasklist's start form
   * "Adverse event" (message start of adverseEvent): the serious event's initial report lands in the transplant
   * physician's list with its 24-hour due date, and the child's protocol lists the event.
   */
  @Test
  void endocrinologistReportsAnAdverseEventInTasklistAndTheInitialReportClockStarts() throws IOException {
    enrol(ADVERSE_EVENT_SUBJECT);
    String protocolId = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROTOCOL)
        .processInstanceBusinessKey(ADVERSE_EVENT_SUBJECT).singleResult().getId();
    try {
      login("tasklist", "endocrinologist");
      clickFresh(By.cssSelector("[cam-widget-header] .start-process-action a"));
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
          "//div[contains(@class,'modal')]//a[normalize-space(.)='Adverse event']"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal [cam-tasklist-form-camunda] .fjs-form")));
      typeIn(".modal", "subjectId", ADVERSE_EVENT_SUBJECT);
      pick("aeTerm", 14); // 3. opportunistic infection of immunodeficiency (after the 13 pretreatment terms and GVHD)
      typeDateIn(".modal", "aeOnsetDate",
          TYPED_DATE.format(CalendarDayClock.today()));
      // first awareness (day 0 of the clocks): today at 00:00, never in the future and not before the onset
      typeDateIn(".modal", "aeAwarenessDate", TYPED_DATE.format(CalendarDayClock.today()));
      typeTimeIn(".modal", "aeAwarenessDate", "00:00");
      typeIn(".modal", "ctcaeGrade", "3");
      tick("hospitalization");
      tick("relatedToIntervention");
      typeInTextarea(".modal", "aeDescription", "CMV reactivation with fever, admitted for ganciclovir");
      // form-js takes typed text into its state after a 300 ms debounce: a user is never faster than that, a test is
      new Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).pause(java.time.Duration.ofMillis(600)).perform();
      screenshot("tasklist-adverse-event-report");
      By start = By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary') and normalize-space(.)='Start']");
      try {
        wait.until(ExpectedConditions.elementToBeClickable(start)).click();
      } catch (org.openqa.selenium.TimeoutException e) {
        screenshot("tasklist-adverse-event-not-startable");
        throw new AssertionError("Start stayed disabled; form errors: " + driver.findElements(By.cssSelector(
            ".modal .fjs-form-field-error")).stream().map(WebElement::getText).filter(t -> !t.isBlank()).toList(), e);
      }
      wait.until(d -> runtimeService.createProcessInstanceQuery().processDefinitionKey("adverseEvent")
          .processInstanceBusinessKey(ADVERSE_EVENT_SUBJECT).count() == 1);
      ProcessInstance ae = runtimeService.createProcessInstanceQuery().processDefinitionKey("adverseEvent")
          .processInstanceBusinessKey(ADVERSE_EVENT_SUBJECT).singleResult();
      assertThat(runtimeService.getVariable(ae.getId(), "aeTerm")).isEqualTo("opportunistic-infection-immunodeficiency");
      assertThat(runtimeService.getVariable(ae.getId(), "serious")).isEqualTo(true);
      assertThat(runtimeService.getVariable(ae.getId(), "reportedBy")).isEqualTo("endocrinologist");
      assertThat(runtimeService.getVariable(protocolId, "adverseEventReports").toString()).contains(ae.getId());
      Task initialReport = taskService.createTaskQuery().processInstanceId(ae.getId())
          .taskDefinitionKey("Task_SubmitInitialSaeReport").singleResult();
      java.time.Instant aware = ((java.util.Date) runtimeService.getVariable(ae.getId(), "adverseEventAwareAt")).toInstant();
      assertThat(aware).isEqualTo(CalendarDayClock.today().atStartOfDay(ClinicalTimeZone.get()).toInstant());
      assertThat(initialReport.getDueDate()).isEqualTo(java.util.Date.from(aware.plus(java.time.Duration.ofHours(24))));
      logout();

      login("tasklist", "transplant-physician");
      openTaskInTasklist(initialReport.getId(), "Submit initial SAE report");
      screenshot("tasklist-sae-initial-report");
      logout();
    } finally {
      // the context is shared: no adverse event task or enrolled child may stay in other tests' group lists
      runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ADVERSE_EVENT_SUBJECT).rootProcessInstances()
          .list().forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test clean-up"));
    }
  }

  /**
   * Types a date (MM/dd/yyyy) into a form-js date field inside the container until it holds that date, then leaves
   * the field. form-js shows the date it parsed in its own way (12/07/2026 becomes 12/7/2026), so the field's text is
   * compared as a date, never as the typed string: the test holds on every day of the month.
   */
  private void typeDateIn(String container, String key, String mmddyyyy) {
    By input = By.cssSelector(container + " .fjs-form input[id$=\"-Field_" + key + "-date\"]");
    java.time.LocalDate wanted = java.time.LocalDate.parse(mmddyyyy, TYPED_DATE);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      WebElement element = d.findElement(input);
      if (!wanted.equals(shownDate(element.getDomProperty("value")))) {
        scrollTo(element);
        element.click();
        element.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), mmddyyyy,
            org.openqa.selenium.Keys.ENTER);
      }
      return wanted.equals(shownDate(d.findElement(input).getDomProperty("value")));
    });
  }

  /** The date a form-js date field shows (M/d/yyyy, with or without leading zeros), or null while it holds none. */
  static java.time.LocalDate shownDate(String text) {
    try {
      return text == null ? null : java.time.LocalDate.parse(text.trim(), SHOWN_DATE);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Types into a form-js text area inside the container until it holds the text: form-js may render the field anew
   * while the test types (e.g. after a checkbox above it changed), so the element is looked up afresh each try.
   */
  /** Types HH:mm into the time half of a form-js date-and-time field and leaves it, so form-js takes it. */
  private void typeTimeIn(String container, String key, String hhmm) {
    By input = By.cssSelector(container + " .fjs-form input[id$=\"-Field_" + key + "-time\"]");
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      WebElement element = d.findElement(input);
      if (!hhmm.equals(element.getDomProperty("value"))) {
        scrollTo(element);
        element.click();
        element.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), hhmm,
            org.openqa.selenium.Keys.TAB);
      }
      return hhmm.equals(d.findElement(input).getDomProperty("value"));
    });
  }

  private void typeInTextarea(String container, String key, String value) {
    By area = By.cssSelector(container + " .fjs-form textarea[id$=\"-Field_" + key + "\"]");
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      WebElement element = d.findElement(area);
      if (!value.equals(element.getDomProperty("value"))) {
        scrollTo(element);
        element.click();
        element.clear();
        element.sendKeys(value);
      }
      return value.equals(d.findElement(area).getDomProperty("value"));
    });
  }

  /** Types into a form-js text field or text area inside the container (e.g. a start form's modal). */
  private void typeIn(String container, String key, String value) {
    WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
        container + " .fjs-form input[id$=\"-Field_" + key + "\"]")));
    scrollTo(input);
    input.clear();
    input.sendKeys(value);
    wait.until(ExpectedConditions.attributeToBe(input, "value", value));
  }

  /**
   * Issue 8: a manual correction in Cockpit needs a reason. The demo administrator edits a child's weight in the
   * process instance's variables table; Cockpit (our script) asks why, the server records the reason with the old
   * and new value. Cancelling the question sends no reason: the server refuses and the value stays.
   */
  @Test
  void variableCorrectionInCockpitAsksForAReasonAndRecordsIt() throws IOException {
    ProcessInstance screening = enrol(CORRECTED_SUBJECT);
    login("cockpit", "demo");
    driver.get(appUrl("cockpit") + "#/process-instance/" + screening.getId() + "/runtime?tab=variables-tab");
    By weightRow = By.xpath("//table//tr[td[normalize-space(.)='weightKg']]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(weightRow));
    screenshot("cockpit-variables");

    // cancelled question: no reason, the server refuses, nothing changes
    editWeight(weightRow, "25.5");
    answerCorrectionDialog(null);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "could not be changed"));
    screenshot("cockpit-correction-refused");
    assertThat(runtimeService.getVariable(screening.getId(), "weightKg")).isEqualTo(23.5);

    // with a reason: saved, and the reason sits in the audit record of the change
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(weightRow));
    editWeight(weightRow, "25.5");
    answerCorrectionDialog("Reweighed on admission, scale recalibrated");
    wait.until(d -> Double.valueOf(25.5).equals(runtimeService.getVariable(screening.getId(), "weightKg")));
    screenshot("cockpit-correction-saved");
    String changes = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'variable' AND SUBJECT_ID = ? "
        + "AND EVENT_TYPE = 'update' AND CHANGES LIKE '%weightKg%' ORDER BY ID DESC LIMIT 1", String.class, CORRECTED_SUBJECT);
    assertThat(changes).contains("\"correctionReason\":\"Reweighed on admission, scale recalibrated\"")
        .contains("\"newValue\":25.5").contains("\"correctionSignedBy\":\"demo\"");
  }

  /**
   * Issue 20: the second islet-lab member signs the islet product release in Tasklist. Complete opens the signature
   * dialog with the meaning and what is signed (donor, recipient); cancelled, the server refuses the unsigned release
   * and the task stays open; signed with user ID and password, the release completes, the product reaches the waiting
   * child and the signature record (name, UTC time, meaning, values and their hash) is in the audit log.
   */
  @Test
  void secondIsletLabMemberSignsTheProductReleaseInTasklist() throws IOException {
    runtimeService.startProcessInstanceByKey("isletTransplant", RELEASE_RECIPIENT,
        Map.of("subjectId", RELEASE_RECIPIENT, "weightKg", 24.0));
    ProcessInstance isolation = runtimeService.createProcessInstanceByKey("isletIsolation").businessKey(RELEASE_DONOR)
        .startBeforeActivity("Task_DecideRelease").setVariables(Map.of("donorId", RELEASE_DONOR, "countedBy", "islet-lab",
            "allocatedSubjectId", RELEASE_RECIPIENT, "ieqPerKg", 9200.0, "isletEquivalents", 220800.0,
            "settledTissueVolumeMl", 4.5))
        .execute();
    Task release = taskService.createTaskQuery().processInstanceId(isolation.getId()).singleResult();
    try {
      login("tasklist", "islet-lab-2");
      openTaskInTasklist(release.getId(), "Decide product release");
      claim();
      tick("releaseApproved");
      completeButton().click();
      WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-signature-dialog")));
      assertThat(dialog.findElement(By.cssSelector(".ucbi-signature-meaning")).getText()).isEqualTo("Meaning: Approval");
      assertThat(dialog.findElement(By.cssSelector(".ucbi-signature-statement")).getText()).isEqualTo(
          "I approve the release decision on the islet product from donor " + RELEASE_DONOR + " for " + RELEASE_RECIPIENT);
      screenshot("tasklist-signature-dialog");
      dialog.findElement(By.cssSelector(".ucbi-signature-cancel")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "signature"));
      screenshot("tasklist-signature-refused");
      assertThat(taskService.createTaskQuery().taskId(release.getId()).count()).as("unsigned: still open").isOne();

      completeButton().click();
      signInDialog("islet-lab-2", "for " + RELEASE_RECIPIENT);
      wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(release.getId()).finished().count() == 1);
      screenshot("tasklist-release-signed");
      String changes = jdbc.queryForObject("SELECT CHANGES FROM UCBI_AUDIT_LOG WHERE ENTITY = 'signature' "
          + "AND EVENT_TYPE = 'sign' AND ENTITY_ID = ?", String.class, release.getId());
      assertThat(changes).contains("\"signerId\":\"islet-lab-2\"").contains("\"meaning\":\"approval\"")
          .contains("\"releaseApproved\":true").contains("\"valuesSha256\":\"");
      assertThat(taskService.createTaskQuery().processInstanceBusinessKey(RELEASE_RECIPIENT)
          .taskDefinitionKey("Task_DecideIsletInfusion").count()).as("the product reached the waiting child").isOne();
      assertThat(historyService.createHistoricVariableInstanceQuery().variableNameLike("signature%").count()).isZero();
      logout();
    } finally {
      for (String key : List.of(RELEASE_RECIPIENT, RELEASE_DONOR)) {
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).rootProcessInstances().list()
            .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test clean-up"));
      }
    }
  }

  /** Tasklist's signature dialog (our script): checks what is signed, types user ID and password, signs. */
  private void signInDialog(String user, String statementContains) throws IOException {
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-signature-dialog")));
    assertThat(dialog.findElement(By.cssSelector(".ucbi-signature-statement")).getText()).contains(statementContains);
    dialog.findElement(By.cssSelector(".ucbi-signature-user")).sendKeys(user);
    dialog.findElement(By.cssSelector(".ucbi-signature-password")).sendKeys(PASSWORD);
    screenshot("tasklist-signing-" + user);
    dialog.findElement(By.cssSelector(".ucbi-signature-sign")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ucbi-signature-dialog")));
  }

  /** Cockpit's correction dialog (our script): cancel it (null) or give the reason; a too short reason is refused first. */
  private void answerCorrectionDialog(String reason) throws IOException {
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-correction-dialog")));
    assertThat(dialog.findElement(By.cssSelector(".ucbi-correction-request")).getText())
        .matches("POST /execution/[^/]+/localVariables");
    screenshot("cockpit-correction-dialog");
    if (reason == null) {
      dialog.findElement(By.cssSelector(".ucbi-correction-cancel")).click();
    } else {
      WebElement text = dialog.findElement(By.cssSelector(".ucbi-correction-reason"));
      text.sendKeys("typo");
      dialog.findElement(By.cssSelector(".ucbi-correction-record")).click();
      assertThat(dialog.findElement(By.cssSelector(".ucbi-correction-problem")).getText()).contains("at least 10 characters");
      text.clear();
      text.sendKeys(reason);
      dialog.findElement(By.cssSelector(".ucbi-correction-record")).click();
      assertThat(dialog.findElement(By.cssSelector(".ucbi-correction-problem")).getText()).contains("user ID and password");
      dialog.findElement(By.cssSelector(".ucbi-correction-user")).sendKeys("demo");
      dialog.findElement(By.cssSelector(".ucbi-correction-password")).sendKeys(PASSWORD);
      screenshot("cockpit-correction-signed");
      dialog.findElement(By.cssSelector(".ucbi-correction-record")).click();
    }
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ucbi-correction-dialog")));
  }

  private void editWeight(By weightRow, String value) {
    fresh(d -> {
      d.findElement(weightRow).findElement(By.cssSelector("td.actions button .glyphicon-pencil")).click();
      return true;
    });
    By valueInput = By.cssSelector("td.col-value input.form-control");
    fresh(d -> {
      WebElement input = d.findElement(weightRow).findElement(valueInput);
      input.click();
      input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), value);
      return value.equals(d.findElement(weightRow).findElement(valueInput).getAttribute("value"));
    });
    By save = By.xpath(".//td[contains(@class,'actions')]//button[span[contains(@class,'glyphicon-ok')]]");
    fresh(d -> d.findElement(weightRow).findElement(save).isEnabled());
    fresh(d -> {
      d.findElement(weightRow).findElement(save).click();
      return true;
    });
  }

  // ---- engine helpers

  private ProcessInstance enrol(String subjectId) {
    identityService.setAuthentication("trial-coordinator", List.of("trial-coordinator"));
    try {
      VariableMap vars = Variables.createVariables()
          .putValue("subjectId", subjectId)
          .putValue("dateOfBirth", "2015-03-01")
          .putValue("sex", "male")
          .putValue("weightKg", 23.5)
          .putValue("heightCm", 120.0)
          .putValue("geneName", "FOXP3")
          .putValue("variantHgvs", "c.1150G>A");
      ProcessInstance protocol = runtimeService.startProcessInstanceByKey(PROTOCOL, vars);
      assertThat(protocol.getBusinessKey()).isEqualTo(subjectId);
    } finally {
      identityService.clearAuthentication();
    }
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(SCREENING)
        .processInstanceBusinessKey(subjectId).singleResult();
  }

  private Task openTask(String processInstanceId, String taskDefinitionKey) {
    Task task = taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as(taskDefinitionKey + " of " + processInstanceId).isNotNull();
    return task;
  }

  private void completeWorkUpViaJavaApi(String taskId) {
    identityService.setAuthentication("endocrinologist", List.of("endocrinologist"));
    try {
      taskService.claim(taskId, "endocrinologist");
      taskService.complete(taskId, Variables.createVariables()
          .putValue("t1dDiagnosisConfirmed", true)
          .putValue("pathogenicVariantConfirmed", true)
          .putValue("organDamageRenalImpairment", true)
          .putValue("recurrenceAfterStandardTreatment", true)
          .putValue("fastingGlucoseMmolL", 10.2)
          .putValue("hba1cPercent", 8.6)
          .putValue("matureEffectiveTreatmentAvailable", false)
          .putValue("hivPositive", false)
          .putValue("hbvPositive", false)
          .putValue("hcvPositive", false)
          .putValue("activeInfection", false)
          .putValue("activeMalignancy", false)
          .putValue("otherFatalDisease", false)
          .putValue("mentalOrPsychologicalDisorder", false));
    } finally {
      identityService.clearAuthentication();
    }
  }

  // ---- browser helpers

  private String appUrl(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/default/";
  }

  private void login(String app, String user) throws IOException {
    driver.get(appUrl(app));
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
    assertNoMigrationBanner();
    username.clear();
    username.sendKeys(user);
    WebElement password = driver.findElement(By.cssSelector("input[ng-model=\"password\"]"));
    password.clear();
    password.sendKeys(PASSWORD);
    screenshot(app + "-login");
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    // the brand link and the account menu only render once authenticated
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
  }

  private void logout() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-widget-header] li.logout a"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
  }

  /** config.js app name and vendor: header brand and page title; user-styles.css: no Camunda 8 banner. */
  private void assertTrialBranding(String appName) {
    String brand = VENDOR + " " + appName;
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name"), brand));
    // the page title is "<vendor> <name>", Cockpit appends " | <page>"
    wait.until(ExpectedConditions.titleContains(brand));
    assertThat(driver.getTitle()).startsWith(brand);
    assertNoMigrationBanner();
  }

  private void assertNoMigrationBanner() {
    // the webapp still renders <div class="ce-eol-banner"> (isCommunityEdition is hard-coded); it must not show
    List<WebElement> banners = driver.findElements(By.cssSelector(".ce-eol-banner"));
    for (WebElement banner : banners) {
      assertThat(banner.isDisplayed()).as("Camunda 8 migration banner displayed").isFalse();
      assertThat(banner.getCssValue("display")).isEqualTo("none");
    }
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("time to migrate to Camunda 8");
  }

  /** Waits until the task list column has loaded (tasks, "no task" or an error) and fails on an error. */
  private void awaitTaskListWithoutError(String filter) {
    By error = By.cssSelector("section.tasks-list .alert-danger");
    wait.until(ExpectedConditions.or(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.tasks-list li.task")),
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.tasks-list .well")),
        ExpectedConditions.visibilityOfElementLocated(error)));
    List<String> errors = driver.findElements(error).stream().filter(WebElement::isDisplayed)
        .map(e -> e.getText().trim()).toList();
    assertThat(errors).as("Tasklist error shown for the filter '" + filter + "'").isEmpty();
  }

  private List<String> filterNames() {
    return fresh(d -> d.findElements(By.cssSelector(".task-filters .task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s+\\d+$", "").trim()).toList());
  }

  private List<String> taskLinkTexts() {
    return fresh(d -> d.findElements(By.cssSelector(".tasks-list li.task h4.task a")).stream()
        .map(a -> a.getText().trim()).toList());
  }

  /**
   * Tasklist re-renders its lists (the filters refresh themselves), so an element found a moment ago can
   * go stale: read or act again on the fresh element instead of failing.
   */
  private <T> T fresh(java.util.function.Function<WebDriver, T> action) {
    return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(action::apply);
  }

  private void clickFresh(By by) {
    fresh(d -> {
      d.findElement(by).click();
      return true;
    });
  }

  private static By taskLink(String taskId) {
    return By.cssSelector(".tasks-list li.task h4.task a[href$=\"task=" + taskId + "\"]");
  }

  /** The input of a Camunda Form field: form-js derives its id from the component id Field_{key}. */
  private WebElement field(String key) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("[cam-tasklist-form-camunda] .fjs-form input[id$=\"-Field_" + key + "\"]")));
  }

  private void tick(String key) {
    WebElement box = field(key);
    scrollTo(box);
    wait.until(ExpectedConditions.elementToBeClickable(box)).click();
    wait.until(ExpectedConditions.elementToBeSelected(box));
  }

  private void type(String key, String value) {
    WebElement input = field(key);
    scrollTo(input);
    input.clear();
    input.sendKeys(value);
    wait.until(ExpectedConditions.attributeToBe(input, "value", value));
  }

  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private void screenshot(String name) throws IOException {
    LOG.info("browser step '{}' at {} ms", name, System.currentTimeMillis() - started);
    File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    String file = name.equals("last-page") ? name + ".png" : String.format("%02d-%s.png", ++shot, name);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
  }
}

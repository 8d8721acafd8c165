package org.ucbislet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.support.HeadlessChromium;
import org.ucbislet.support.CalendarDayClock;
import org.ucbislet.support.RunningProtocol;

/**
 * Tasklist as the clinical front door (issue 14), in headless Chromium as a clinician uses it: the README's address
 * shows the trial; a clinical user starts on the group's open work with its count; a subject ID typed into the search
 * finds that child's tasks; the MDT completes the immune stability review with its checklist, and the transplant
 * physician a form with a date-time field; a format mistake is explained in words; a read-only Cockpit user sees no
 * edit or delete control. Every wait is for a condition, never for a fixed time. Screenshots go to
 * target/screenshots/front-door-*.png.
 */
@Tag("browser")
@ExtendWith(CalendarDayClock.class)
@SpringBootTest(classes = org.ucbislet.Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // the same properties as the REST tests: one shared application context (and one engine named "default")
    properties = {"spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class TasklistFrontDoorBrowserTest {

  private static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
  private static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final String PASSWORD = "demo";
  private static final String VENDOR = "UCB + islet transplantation trial";
  private static final java.time.format.DateTimeFormatter TYPED_DATE = java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy");
  /** Subject IDs of this class: UCBI-0950 to UCBI-0969 (the other browser test uses 0901-0906, 0999). */
  private static final java.util.concurrent.atomic.AtomicInteger SUBJECTS = new java.util.concurrent.atomic.AtomicInteger(950);

  @LocalServerPort
  int port;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  IdentityService identityService;

  private WebDriver driver;
  private WebDriverWait wait;
  private Path userDataDir;
  private String test;
  private int shot;

  @BeforeAll
  static void requireDebianChromium() {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(CHROMIUM).isExecutable();
      assertThat(CHROMEDRIVER).isExecutable();
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium chromium-driver");
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
  }

  @BeforeEach
  void startBrowser(org.junit.jupiter.api.TestInfo info) throws IOException {
    test = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
    Files.createDirectories(SCREENSHOTS);
    userDataDir = Files.createTempDirectory("ucbi-chromium-");
    driver = HeadlessChromium.start(userDataDir, "1400,1000");
    // generous: two busy cores shared with other builds make a page take seconds; every wait ends as soon as it holds
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        screenshot("last-page");
      }
    } finally {
      HeadlessChromium.quit(driver, userDataDir);
    }
  }

  /** Item 5: the README's first address opens the Welcome app branded with the trial, before and after login. */
  @Test
  void readmeAddressShowsTheTrialWithoutVendorBanner() throws IOException {
    driver.get("http://localhost:" + port + "/camunda/app/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
    assertThat(driver.getCurrentUrl()).contains("/camunda/app/welcome/");
    // before login the page title and the login box name the trial (the header brand appears after login)
    wait.until(ExpectedConditions.titleContains(VENDOR + " UCB-Islet trial"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "UCB-Islet trial"));
    assertNoBanner();
    screenshot("welcome-login");

    typeLogin("trial-manager");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
    assertBrandedWithoutBanner("UCB-Islet trial");
    // the apps the user may open, by their names
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Tasklist"));
    screenshot("welcome-after-login");
  }

  /**
   * Items 3 and 4: after login the endocrinologist sees the group's open work, its filter first, selected and with
   * its count, "My tasks" after it; a subject ID typed into the search box (Enter) lists that child's tasks only.
   */
  @Test
  void clinicianStartsOnTheGroupsWorkAndFindsAChildBySubjectId() throws IOException {
    String wanted = nextSubjectId();
    String other = nextSubjectId();
    // screening starts with the informed consent; with consent recorded the work-up is the endocrinologist's
    new org.ucbislet.support.EngineRest(port).consent(subjectOf(enrol(wanted)));
    new org.ucbislet.support.EngineRest(port).consent(subjectOf(enrol(other)));

    login("tasklist", "endocrinologist");
    By filters = By.cssSelector(".task-filters .task-filter");
    wait.until(d -> !d.findElements(filters).isEmpty() && d.findElements(filters).get(0).getAttribute("class").contains("active"));
    String first = fresh(d -> d.findElements(filters).get(0).findElement(By.cssSelector("h4.name a")).getText());
    assertThat(first).startsWith("Endocrinologist tasks");
    assertThat(filterNames()).startsWith("Endocrinologist tasks").contains("My tasks")
        .doesNotContain("Trial coordinator tasks");
    // the count of the selected filter equals the group's open tasks the user may see
    long open = taskService.createTaskQuery().taskCandidateGroup("endocrinologist").includeAssignedTasks().count();
    wait.until(d -> String.valueOf(open).equals(
        d.findElements(filters).get(0).findElement(By.cssSelector(".counter")).getText().replaceAll("\\D", "")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.tasks-list li.task")));
    screenshot("tasklist-first-screen");

    WebElement search = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[cam-widget-search] input.main-field")));
    search.click();
    search.sendKeys(wanted, Keys.ENTER);
    wait.until(d -> {
      List<String> names = taskNames(d);
      return !names.isEmpty() && names.stream().allMatch(n -> n.endsWith(" · " + wanted));
    });
    assertThat(taskNames(driver)).containsExactly("Record diagnostic work-up · " + wanted);
    screenshot("tasklist-search-subject-id");
  }

  /**
   * Items 1 and 2, the blocking defect: the MDT confirms stable immune function in Tasklist, ticking the checklist;
   * the engine stores the ticked criteria as a list.
   */
  @Test
  void mdtCompletesTheImmuneStabilityReviewWithItsChecklist() throws IOException {
    String subjectId = nextSubjectId();
    Task review = taskAt("cordBloodTransplant", "Task_ConfirmImmuneStability", subjectId);

    login("tasklist", "mdt");
    openTask(review.getId());
    claim();
    LocalDate today = CalendarDayClock.today();
    typeDate("immuneStabilityReviewDate", today);
    tick("immuneFunctionStable");
    List<String> criteria = List.of("t-cell-recovery", "naive-t-cells", "igg-without-substitution", "no-active-gvhd");
    for (String criterion : criteria) {
      tickOption("immuneStabilityCriteria", criterion);
    }
    typeTextarea("immuneStabilityRationale", "CD4 and naive T cells recovered, IgG without substitution, no GVHD");
    screenshot("tasklist-immune-stability-review");
    complete();
    // the confirmation is signed (docs/electronic-signatures.md): the MDT member signs in the page's dialog
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-signature-dialog")));
    assertThat(dialog.findElement(By.cssSelector(".ucbi-signature-statement")).getText())
        .contains("immune function stability review");
    dialog.findElement(By.cssSelector(".ucbi-signature-user")).sendKeys("mdt");
    dialog.findElement(By.cssSelector(".ucbi-signature-password")).sendKeys("demo");
    dialog.findElement(By.cssSelector(".ucbi-signature-sign")).click();
    wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(review.getId()).finished().count() == 1);

    Object stored = historicValue(review.getProcessInstanceId(), "immuneStabilityCriteria");
    assertThat(stored).isInstanceOf(List.class);
    assertThat(((List<?>) stored).stream().map(String::valueOf).toList()).containsExactlyInAnyOrderElementsOf(criteria);
    assertThat(historicValue(review.getProcessInstanceId(), "immuneStabilityReviewDate")).isEqualTo(today.toString());
    assertThat(historicValue(review.getProcessInstanceId(), "immuneFunctionStable")).isEqualTo(true);
  }

  /** Item 2: a form with a date-time field (date and time of the basiliximab dose) completes in Tasklist. */
  @Test
  void transplantPhysicianRecordsTheBasiliximabDoseWithDateAndTime() throws IOException {
    String subjectId = nextSubjectId();
    Task dose = taskAt("isletTransplant", "Task_AdministerBasiliximab", subjectId);

    login("tasklist", "transplant-physician");
    openTask(dose.getId());
    claim();
    type("basiliximabGivenMg", "10");
    // given now (the clinic's time, minutes): not in the future, and on the day of the MDT's go
    // (the form's time field takes 5-minute steps: the time is rounded down to one)
    java.time.ZonedDateTime clock = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant()
        .atZone(org.ucbislet.clinical.ClinicalTimeZone.get()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    java.time.ZonedDateTime now = clock.minusMinutes(clock.getMinute() % 5);
    LocalDate today = now.toLocalDate();
    typeDate("basiliximabGivenAt", today);
    typeTime("basiliximabGivenAt", now.toLocalTime().toString());
    screenshot("tasklist-basiliximab");
    complete();
    wait.until(d -> historyService.createHistoricTaskInstanceQuery().taskId(dose.getId()).finished().count() == 1);

    Object givenAt = historicValue(dose.getProcessInstanceId(), "basiliximabGivenAt");
    assertThat(givenAt).isInstanceOf(String.class);
    OffsetDateTime at = OffsetDateTime.parse((String) givenAt);
    assertThat(at.toLocalDate()).isEqualTo(today);
    assertThat(at.toLocalTime()).isEqualTo(now.toLocalTime());
    assertThat(((Number) historicValue(dose.getProcessInstanceId(), "basiliximabGivenMg")).intValue()).isEqualTo(10);
  }

  /**
   * Item 6: a subject ID in the wrong format is explained in words (the field's description), never with the
   * regular expression; a variant written as clinicians write it, with its protein consequence, is accepted and
   * kept whole.
   */
  @Test
  void formatMistakesAreExplainedInWordsAndTheHgvsProteinConsequenceIsKept() throws IOException {
    String subjectId = nextSubjectId();
    login("tasklist", "trial-coordinator");
    clickFresh(By.cssSelector("[cam-widget-header] .start-process-action a"));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'modal')]//a[normalize-space(.)='UCB + islet transplantation protocol']"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal [cam-tasklist-form-camunda] .fjs-form")));

    typeIn(".modal", "subjectId", "John Smith");
    By error = By.cssSelector(".modal .fjs-form [id$=\"-Field_subjectId-error-message\"]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(error, "Not in the expected format"));
    String message = driver.findElement(error).getText();
    assertThat(message).contains("UCBI- and four digits").doesNotContain("^").doesNotContain("\\d").doesNotContain("pattern");
    screenshot("tasklist-subject-id-in-words");

    typeIn(".modal", "subjectId", subjectId);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(error));
    typeDateIn(".modal", "dateOfBirth", LocalDate.of(2015, 3, 1));
    pickIn(".modal", "sex", "Female");
    typeIn(".modal", "weightKg", "23.5");
    typeIn(".modal", "heightCm", "120");
    pickIn(".modal", "geneName", "FOXP3 (IPEX)");
    typeIn(".modal", "variantHgvs", "c.1189C>T (p.Arg397Trp)");
    // form-js validates the typed text after its input debounce: the "required" of the cleared field goes away
    By hgvsError = By.cssSelector(".modal .fjs-form [id$=\"-Field_variantHgvs-error-message\"]");
    wait.until(d -> d.findElements(hgvsError).stream().noneMatch(WebElement::isDisplayed));
    assertThat(driver.findElements(hgvsError).stream().filter(WebElement::isDisplayed).toList())
        .as("HGVS with protein consequence accepted").isEmpty();
    typeDateIn(".modal", "referralDate", CalendarDayClock.today());
    screenshot("tasklist-enrolment-hgvs");
    clickFresh(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary') and normalize-space(.)='Start']"));
    wait.until(d -> runtimeService.createProcessInstanceQuery().processDefinitionKey("ucbIsletProtocol")
        .processInstanceBusinessKey(subjectId).count() == 1);
    String protocol = runtimeService.createProcessInstanceQuery().processDefinitionKey("ucbIsletProtocol")
        .processInstanceBusinessKey(subjectId).singleResult().getId();
    assertThat(runtimeService.getVariable(protocol, "variantHgvs")).isEqualTo("c.1189C>T (p.Arg397Trp)");
  }

  /** Item 8: the trial manager reads a child's variables in Cockpit and is offered no edit or delete control. */
  @Test
  void readOnlyCockpitUserSeesNoEditOrDeleteControls() throws IOException {
    String subjectId = nextSubjectId();
    ProcessInstance screening = enrol(subjectId);
    login("cockpit", "trial-manager");
    driver.get(appUrl("cockpit") + "#/process-instance/" + screening.getId() + "/runtime?tab=variables-tab");
    By weightRow = By.xpath("//table//tr[td[normalize-space(.)='weightKg']]");
    wait.until(ExpectedConditions.visibilityOfElementLocated(weightRow));
    WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-read-only-note")));
    assertThat(note.getText()).contains("Read-only").contains("administrator");
    wait.until(d -> d.findElements(By.cssSelector("td.actions button")).stream().noneMatch(WebElement::isDisplayed));
    assertThat(driver.findElements(By.cssSelector(".glyphicon-pencil, .glyphicon-trash")).stream()
        .filter(WebElement::isDisplayed).toList()).as("edit and delete icons shown").isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("The user with id")
        .doesNotContain("does not have");
    screenshot("cockpit-read-only");
  }

  // ---- engine helpers

  private static String nextSubjectId() {
    return String.format("UCBI-%04d", SUBJECTS.incrementAndGet());
  }

  private static String subjectOf(ProcessInstance screening) {
    return screening.getBusinessKey();
  }

  private ProcessInstance enrol(String subjectId) {
    identityService.setAuthentication("trial-coordinator", List.of("trial-coordinator"));
    try {
      runtimeService.startProcessInstanceByKey("ucbIsletProtocol", Variables.createVariables()
          .putValue("subjectId", subjectId).putValue("dateOfBirth", "2015-03-01").putValue("sex", "male")
          .putValue("weightKg", 23.5).putValue("heightCm", 120.0).putValue("geneName", "FOXP3")
          .putValue("variantHgvs", "c.1150G>A"));
    } finally {
      identityService.clearAuthentication();
    }
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("screening")
        .processInstanceBusinessKey(subjectId).singleResult();
  }

  /** The child's process started at the task, with what the steps before it would have stored. */
  private Task taskAt(String processKey, String taskId, String subjectId) {
    Map<String, Object> variables = RunningProtocol.variables(subjectId);
    ProcessInstance instance = runtimeService.createProcessInstanceByKey(processKey).businessKey(subjectId)
        .setVariables(variables).startBeforeActivity(taskId).execute();
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskId).singleResult();
    assertThat(task).as(taskId).isNotNull();
    return task;
  }

  private Object historicValue(String processInstanceId, String name) {
    List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).includeDeleted().list();
    return variables.stream().filter(v -> processInstanceId.equals(v.getActivityInstanceId())).findFirst()
        .or(() -> variables.stream().findFirst()).map(HistoricVariableInstance::getValue).orElse(null);
  }

  // ---- browser helpers

  private String appUrl(String app) {
    return "http://localhost:" + port + "/camunda/app/" + app + "/default/";
  }

  private void login(String app, String user) {
    driver.get(appUrl(app));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
    typeLogin(user);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
  }

  private void typeLogin(String user) {
    WebElement username = driver.findElement(By.cssSelector("input[ng-model=\"username\"]"));
    username.clear();
    username.sendKeys(user);
    WebElement password = driver.findElement(By.cssSelector("input[ng-model=\"password\"]"));
    password.clear();
    password.sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
  }

  private void assertBrandedWithoutBanner(String appName) {
    String brand = VENDOR + " " + appName;
    wait.until(ExpectedConditions.titleContains(brand));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-widget-header] .navbar-brand"), brand));
    assertNoBanner();
  }

  private void assertNoBanner() {
    for (WebElement banner : driver.findElements(By.cssSelector(".ce-eol-banner"))) {
      assertThat(banner.isDisplayed()).as("Camunda 8 migration banner displayed").isFalse();
    }
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("migrate to Camunda 8");
  }

  private void openTask(String taskId) {
    driver.get(appUrl("tasklist") + "#/?task=" + taskId);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-form-camunda] .fjs-form")));
  }

  private void claim() {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("button.unclaim")));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".disabled-form")));
  }

  private void complete() {
    By button = By.xpath("//div[contains(@class,'form-actions')]/button[contains(@class,'btn-primary') and normalize-space(.)='Complete']");
    wait.until(d -> d.findElement(button).isEnabled());
    clickFresh(button);
  }

  private List<String> filterNames() {
    return fresh(d -> d.findElements(By.cssSelector(".task-filters .task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s+\\d+$", "").trim()).toList());
  }

  private List<String> taskNames(WebDriver d) {
    try {
      return d.findElements(By.cssSelector(".tasks-list li.task h4.task a")).stream().map(a -> a.getText().trim()).toList();
    } catch (StaleElementReferenceException e) {
      return List.of();
    }
  }

  private String fieldCss(String container, String key) {
    return container + " .fjs-form [id$=\"-Field_" + key + "\"]";
  }

  private void type(String key, String value) {
    typeIn("[cam-tasklist-form-camunda]", key, value);
  }

  /** Types into a form-js input until it holds the text: form-js may render the field anew meanwhile. */
  private void typeIn(String container, String key, String value) {
    By input = By.cssSelector(fieldCss(container, key));
    fresh(d -> {
      WebElement element = d.findElement(input);
      if (!value.equals(element.getDomProperty("value"))) {
        scrollTo(element);
        element.click();
        element.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        element.sendKeys(value);
      }
      return value.equals(d.findElement(input).getDomProperty("value"));
    });
  }

  private void typeTextarea(String key, String value) {
    typeIn("[cam-tasklist-form-camunda]", key, value);
  }

  private void typeDate(String key, LocalDate date) {
    typeDateIn("[cam-tasklist-form-camunda]", key, date);
  }

  /** Types a date into a form-js date field until it shows that date (form-js writes 3/1/2027 for 03/01/2027). */
  private void typeDateIn(String container, String key, LocalDate date) {
    By input = By.cssSelector(container + " .fjs-form input[id$=\"-Field_" + key + "-date\"]");
    java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy");
    fresh(d -> {
      WebElement element = d.findElement(input);
      if (!date.format(shown).equals(element.getDomProperty("value")) && !date.format(TYPED_DATE).equals(element.getDomProperty("value"))) {
        scrollTo(element);
        element.click();
        element.sendKeys(Keys.chord(Keys.CONTROL, "a"), date.format(TYPED_DATE), Keys.ENTER);
      }
      String now = d.findElement(input).getDomProperty("value");
      return date.format(shown).equals(now) || date.format(TYPED_DATE).equals(now);
    });
  }

  /** Types a time (HH:mm, 24 h) into the time part of a form-js date-time field until it holds it. */
  private void typeTime(String key, String hhmm) {
    By input = By.cssSelector("[cam-tasklist-form-camunda] .fjs-form input[id$=\"-Field_" + key + "-time\"]");
    fresh(d -> {
      WebElement element = d.findElement(input);
      if (!hhmm.equals(element.getDomProperty("value"))) {
        scrollTo(element);
        element.click();
        element.sendKeys(Keys.chord(Keys.CONTROL, "a"), hhmm, Keys.TAB);
      }
      return hhmm.equals(d.findElement(input).getDomProperty("value"));
    });
  }

  private void tick(String key) {
    By box = By.cssSelector("[cam-tasklist-form-camunda] .fjs-form input[id$=\"-Field_" + key + "\"]");
    fresh(d -> {
      WebElement element = d.findElement(box);
      if (!element.isSelected()) {
        scrollTo(element);
        element.click();
      }
      return d.findElement(box).isSelected();
    });
  }

  /** Ticks one option of a checklist: form-js gives each box the id {@code <form>-Field_<key>-<index>}. */
  private void tickOption(String key, String value) {
    By boxes = By.cssSelector("[cam-tasklist-form-camunda] .fjs-form input[type=\"checkbox\"][id*=\"-Field_" + key + "-\"]");
    int index = optionIndex(key, value);
    fresh(d -> {
      WebElement element = d.findElements(boxes).get(index);
      if (!element.isSelected()) {
        scrollTo(element);
        element.click();
      }
      return d.findElements(boxes).get(index).isSelected();
    });
  }

  private static int optionIndex(String key, String value) {
    try {
      com.fasterxml.jackson.databind.JsonNode form = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(Paths.get("forms", "immune-stability-review.form").toFile());
      for (com.fasterxml.jackson.databind.JsonNode c : form.path("components")) {
        if (key.equals(c.path("key").asText())) {
          for (int i = 0; i < c.path("values").size(); i++) {
            if (value.equals(c.path("values").get(i).path("value").asText())) {
              return i;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no option " + value + " of " + key);
  }

  /** Picks an option of a form-js select by its label: the select's display then shows that label. */
  private void pickIn(String container, String key, String label) {
    By display = By.cssSelector(container + " .fjs-form [id$=\"-Field_" + key + "-display\"]");
    By option = By.xpath("//div[contains(@class,'fjs-dropdownlist')]//div[contains(@class,'fjs-dropdownlist-item')]"
        + "[normalize-space(.)='" + label + "']");
    fresh(d -> {
      if (!d.findElement(display).getText().contains(label)) {
        if (d.findElements(option).isEmpty()) {
          scrollTo(d.findElement(display));
          d.findElement(display).click();
        }
        new org.openqa.selenium.interactions.Actions(d).moveToElement(d.findElement(option)).click().perform();
      }
      return d.findElement(display).getText().contains(label);
    });
  }

  private <T> T fresh(java.util.function.Function<WebDriver, T> action) {
    return wait.ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(IndexOutOfBoundsException.class)
        .until(action::apply);
  }

  private void clickFresh(By by) {
    fresh(d -> {
      WebElement element = d.findElement(by);
      scrollTo(element);
      element.click();
      return true;
    });
  }

  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private void screenshot(String name) throws IOException {
    File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    String file = name.equals("last-page") ? "front-door-" + test + "-last-page.png"
        : String.format("front-door-%02d-%s.png", ++shot, name);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
  }
}

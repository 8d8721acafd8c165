package org.ucbislet.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.ucbislet.audit.AmendmentRecords;
import org.ucbislet.support.EngineRest;
import org.ucbislet.support.HeadlessChromium;

/**
 * Cockpit's "Amendments" page (app/cockpit/scripts/amendments.js) in headless Debian Chromium, on the amendment engine's
 * fixture models ({@link AmendmentFixture}: version 1 running, version 2 deployed with amendment 2026-12-08-fixture): the
 * trial manager dry-runs two children and sees where one lands (Task_Review to Task_ReviewRenamed) and why the other
 * cannot move (its call activity left the sub-process; the amendment's rule and Camunda's report), nothing changed;
 * then signs and applies with a reason and sees the movable child migrated with its re-consent task, the other
 * untouched. A clinical user cannot open the page. Screenshots in target/screenshots/amendments-*.png.
 */
@Tag("browser")
@SpringBootTest(classes = org.ucbislet.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class AmendmentsBrowserTest {

  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static int next = 1;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcTemplate jdbc;

  private WebDriver driver;
  private WebDriverWait wait;
  private WebDriverWait firstPage;
  private Path userDataDir;
  private Deployment[] deployments;

  @BeforeAll
  static void requireDebianChromium() {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(HeadlessChromium.CHROMIUM).isExecutable();
      assertThat(HeadlessChromium.CHROMEDRIVER).isExecutable();
    }
    Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.CHROMIUM),
        "no " + HeadlessChromium.CHROMIUM + ": apt-get install chromium chromium-driver");
    Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.CHROMEDRIVER), "no " + HeadlessChromium.CHROMEDRIVER);
  }

  @BeforeEach
  void startBrowser() throws IOException {
    deployments = AmendmentFixture.deployOnce(engine);
    Files.createDirectories(SCREENSHOTS);
    userDataDir = Files.createTempDirectory("ucbi-chromium-");
    driver = HeadlessChromium.start(userDataDir, "1400,1100");
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    // the first page of a web application in this JVM loads its bundles cold, on a loaded machine
    firstPage = new WebDriverWait(driver, Duration.ofSeconds(240));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        screenshot("amendments-last-page");
      }
    } finally {
      HeadlessChromium.quit(driver, userDataDir);
    }
  }

  @Test
  void trialManagerDryRunsSeesWhereChildrenLandOrWhyNotThenSignsAndAppliesToTheMovableChild() throws IOException {
    String movable = childAtReview();
    String stuck = childInStagedCall();
    ProcessInstance movableRoot = root(movable);
    ProcessInstance stuckRoot = root(stuck);

    login("trial-manager");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.ucbi-amendments-nav"))).click();
    // the deployed amendments: the repository's and the fixture's; open the fixture's
    wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText(AmendmentFixture.AMENDMENT_ID))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ucbi-amendment h3"),
        "Fixture amendment"));
    WebElement subjects = driver.findElement(By.cssSelector(".ucbi-amendment input[name='subjectIds']"));
    subjects.sendKeys(movable + ", " + stuck);
    driver.findElement(By.xpath("//div[contains(@class,'ucbi-amendment')]//button[text()='Dry run']")).click();

    // the dry run: migrates and where it lands; cannot move and why
    WebElement movableRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".ucbi-amendment-report tr[data-subject-id='" + movable + "']")));
    assertThat(driver.findElement(By.cssSelector(".ucbi-amendment-summary")).getText()).startsWith("Dry run at ")
        .contains("by trial-manager", "1 migrates", "1 cannot-move");
    assertThat(movableRow.findElement(By.cssSelector(".ucbi-outcome")).getText()).isEqualTo(MigrationReport.MIGRATES);
    assertThat(movableRow.getText()).contains(AmendmentFixture.ROOT + " v1 → v2", "Task_Review → Task_ReviewRenamed",
        "Timers: ");
    WebElement stuckRow = driver.findElement(By.cssSelector(".ucbi-amendment-report tr[data-subject-id='" + stuck + "']"));
    assertThat(stuckRow.findElement(By.cssSelector(".ucbi-outcome")).getText()).isEqualTo(MigrationReport.CANNOT_MOVE);
    String stuckText = String.join("\n", driver.findElements(
        By.cssSelector(".ucbi-amendment-report tr[data-subject-id='" + stuck + "']")).stream().map(WebElement::getText)
        .toList());
    // the amendment's rule and reason, and Camunda's own report naming the activity that has no place
    assertThat(stuckText).contains("the child moves whole", "Call_Staged");
    assertThat(driver.findElements(By.cssSelector(".ucbi-amendment-report .text-danger"))).isNotEmpty();
    // nothing changed
    assertThat(definitionOf(movableRoot)).isEqualTo(movableRoot.getProcessDefinitionId());
    assertThat(definitionOf(stuckRoot)).isEqualTo(stuckRoot.getProcessDefinitionId());
    scrollTo(By.cssSelector(".ucbi-amendment-report"));
    screenshot("amendments-dry-run");

    // sign and apply, with the reason
    WebElement apply = driver.findElement(By.cssSelector(".ucbi-amendment-apply button[type='submit']"));
    assertThat(apply.isEnabled()).isTrue();
    driver.findElement(By.cssSelector(".ucbi-amendment-apply textarea[name='reason']"))
        .sendKeys("Ethics committee approval EC-2026-118 of the review change (browser test)");
    driver.findElement(By.cssSelector(".ucbi-amendment-apply input[name='signatureUserId']")).sendKeys("trial-manager");
    driver.findElement(By.cssSelector(".ucbi-amendment-apply input[name='signaturePassword']"))
        .sendKeys(EngineRest.DEMO_PASSWORD);
    scrollTo(By.cssSelector(".ucbi-amendment-apply button[type='submit']"));
    apply.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".ucbi-amendment-summary"), "Applied at "));
    assertThat(driver.findElement(By.cssSelector(".ucbi-amendment-summary")).getText()).contains("1 migrated")
        .doesNotContain("cannot-move");
    movableRow = driver.findElement(By.cssSelector(".ucbi-amendment-report tr[data-subject-id='" + movable + "']"));
    assertThat(movableRow.findElement(By.cssSelector(".ucbi-outcome")).getText()).isEqualTo(MigrationReport.MIGRATED);
    assertThat(movableRow.getText()).contains("Re-consent task created for the trial coordinators");
    // only the movable child was applied to (the dry run's), the page never sends the password back
    assertThat(driver.findElements(By.cssSelector(".ucbi-amendment-report tr[data-subject-id='" + stuck + "']"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector(".ucbi-amendment-apply input[name='signaturePassword']"))
        .getAttribute("value")).isEmpty();
    scrollTo(By.cssSelector(".ucbi-amendment-summary"));
    screenshot("amendments-applied");

    // the engine: the movable child on version 2 at the renamed task, recorded and asked to re-consent; the other as it was
    String target = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployments[1].getId())
        .processDefinitionKey(AmendmentFixture.ROOT).singleResult().getId();
    assertThat(definitionOf(movableRoot)).isEqualTo(target);
    assertThat(engine.getRuntimeService().getActiveActivityIds(movableRoot.getId())).contains("Task_ReviewRenamed");
    assertThat(definitionOf(stuckRoot)).isEqualTo(stuckRoot.getProcessDefinitionId());
    assertThat(jdbc.queryForObject("select count(*) from UCBI_AUDIT_LOG where ENTITY = ? and EVENT_TYPE = ?"
        + " and SUBJECT_ID = ?", Long.class, AmendmentRecords.ENTITY, AmendmentRecords.MIGRATED, movable)).isEqualTo(1L);
    assertThat(engine.getTaskService().createTaskQuery().taskVariableValueEquals("subjectId", movable)
        .taskVariableValueEquals("amendmentId", AmendmentFixture.AMENDMENT_ID).count()).isEqualTo(1L);
  }

  @Test
  void clinicalUserCannotOpenTheAmendmentsPage() throws IOException {
    // a transplant physician has no Cockpit access at all: the login is refused by Cockpit
    driver.get(cockpit());
    firstPage.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")))
        .sendKeys("transplant-physician");
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notifications .alert-danger, .alert-danger")));
    screenshot("amendments-clinical-login-refused");
    // the page's address without a Cockpit session: the login again, never the amendments
    driver.get(cockpit() + "#/amendments");
    try {
      wait.until(ExpectedConditions.or(
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")),
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ucbi-amendment-message"))));
    } finally {
      screenshot("amendments-clinical-page-address");
    }
    assertThat(driver.findElements(By.cssSelector(".ucbi-amendment-list, .ucbi-amendment-report"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("Clinical safety amendment").doesNotContain("Dry run");
    // signed in to Tasklist, the same user's session gets 403 from the data behind the page and cannot dry-run
    driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    firstPage.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")))
        .sendKeys("transplant-physician");
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
    Object list = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[0]; fetch('/api/amendments', {credentials: 'same-origin'})"
            + ".then(r => done(r.status)).catch(e => done(String(e)));");
    assertThat(list).isEqualTo(403L);
    Object dryRun = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[0]; fetch('/api/amendments/" + AmendmentFixture.AMENDMENT_ID + "/dry-run', {method: 'POST',"
            + " credentials: 'same-origin', headers: {'Content-Type': 'application/json'}, body: '{}'})"
            + ".then(r => done(r.status)).catch(e => done(String(e)));");
    assertThat(dryRun).isEqualTo(403L);
    screenshot("amendments-clinical-refused");
  }

  // ------------------------------------------------------------------ children on version 1 of the fixture

  private static synchronized String key() {
    return String.format("UCBI-97%02d", next++); // subject IDs: a migrated child gets a re-consent task
  }

  private String definition(String key, int deployment) {
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployments[deployment].getId())
        .processDefinitionKey(key).singleResult().getId();
  }

  /** A child on version 1 at the review task (with its boundary timer): version 2 renamed the task. */
  private String childAtReview() {
    String key = key();
    engine.getRuntimeService().startProcessInstanceById(definition(AmendmentFixture.ROOT, 0), key);
    return key;
  }

  /** A child past the first call, at the staged call inside the sub-process version 2 no longer has. */
  private String childInStagedCall() {
    String key = key();
    RuntimeService runtime = engine.getRuntimeService();
    ProcessInstance pi = runtime.startProcessInstanceById(definition(AmendmentFixture.ROOT, 0), key);
    completeTask(pi.getId());
    ProcessInstance sub = runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(sub.getId()).singleResult().getId());
    completeTask(sub.getId());
    return key;
  }

  private void completeTask(String processInstanceId) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).singleResult();
    engine.getTaskService().complete(task.getId());
  }

  private ProcessInstance root(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(AmendmentFixture.ROOT).singleResult();
  }

  private String definitionOf(ProcessInstance pi) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
        .getProcessDefinitionId();
  }

  // ------------------------------------------------------------------ the browser

  private String cockpit() {
    return "http://localhost:" + port + "/camunda/app/cockpit/default/";
  }

  private void login(String user) {
    driver.get(cockpit());
    firstPage.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")))
        .sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
  }

  private void scrollTo(By what) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
        driver.findElement(what));
  }

  private void screenshot(String name) throws IOException {
    File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}

package org.ucbislet.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.ucbislet.audit.ChildRecordTestData;
import org.ucbislet.cordblood.CordBloodInventoryService;
import org.ucbislet.protocol.ProtocolVariables;
import org.ucbislet.simulation.CohortRun;
import org.ucbislet.support.HeadlessChromium;
import org.ucbislet.support.EngineRest;

/**
 * Cockpit's "Children" pages (app/cockpit/scripts/children.js) in headless Debian Chromium: the auditor finds a
 * screen-failed child by subject ID and sees its path end at the screen failure, with the eligibility decision's
 * inputs; the trial manager opens a child in long-term follow-up and sees stage 1 and stage 2 drawn as taken; a
 * clinical user cannot open the page. Screenshots in target/screenshots/children-*.png (the documentation's copies
 * are docs/images/children-*.png).
 */
@Tag("browser")
@SpringBootTest(classes = org.ucbislet.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.datasource.url=jdbc:h2:mem:ucbi-rest-tests;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
class ChildrenBrowserTest {

  private static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
  private static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final String SCREEN_FAILED = "UCBI-0972";

  private static ExtensionContext extensionContext;

  @RegisterExtension
  static final BeforeAllCallback CONTEXT = context -> extensionContext = context;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  CordBloodInventoryService inventory;

  private WebDriver driver;
  private WebDriverWait wait;
  private Path userDataDir;

  @BeforeAll
  static void requireDebianChromium() {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(CHROMIUM).isExecutable();
      assertThat(CHROMEDRIVER).isExecutable();
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install chromium chromium-driver");
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER);
  }

  @BeforeEach
  void startBrowser() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    userDataDir = Files.createTempDirectory("ucbi-chromium-");
    driver = HeadlessChromium.start(userDataDir, "1400,1100");
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    try {
      if (driver != null) {
        screenshot("children-last-page");
      }
    } finally {
      HeadlessChromium.quit(driver, userDataDir);
    }
  }

  @Test
  void auditorFindsAScreenFailedChildAndSeesItsPathEndAtTheScreenFailureWithTheEligibilityInputs() throws IOException {
    EngineRest rest = new EngineRest(port);
    if (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(SCREEN_FAILED).count() == 0) {
      ChildRecordTestData.screenFailure(rest, SCREEN_FAILED);
    }
    login("auditor");
    // the Children entry in Cockpit's header
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.ucbi-children-nav"))).click();
    WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input.ucbi-children-search")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ucbi-children-table tbody tr")));
    search.sendKeys(SCREEN_FAILED);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ucbi-children-table tbody tr"), 1));
    WebElement row = driver.findElement(By.cssSelector("tr[data-subject-id='" + SCREEN_FAILED + "']"));
    assertThat(row.getText()).contains("Ended: Screen failure");
    screenshot("children-list-search");
    row.findElement(By.cssSelector("a.ucbi-child-link")).click();

    // the protocol's diagram: the path ends at the screen failure
    By protocolDiagram = By.cssSelector(".ucbi-diagram[data-process-key='ucbIsletProtocol'][data-drawn='true']");
    WebElement diagram = wait.until(ExpectedConditions.presenceOfElementLocated(protocolDiagram));
    assertThat(marker(diagram, ProtocolVariables.END_SCREEN_FAILURE)).contains("ucbi-visited", "ucbi-ended-here");
    assertThat(marker(diagram, ProtocolVariables.CALL_SCREENING)).contains("ucbi-visited");
    assertThat(marker(diagram, ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT)).doesNotContain("ucbi-visited");
    WebElement screening = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".ucbi-diagram[data-process-key='screening'][data-drawn='true']")));
    assertThat(marker(screening, "End_NotEligible")).contains("ucbi-ended-here");
    // the eligibility decision with its inputs
    WebElement decision = driver.findElement(By.cssSelector(".ucbi-decisions tr[data-decision-key='eligibility']"));
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", decision);
    assertThat(decision.findElement(By.cssSelector(".ucbi-decision-inputs")).getText()).contains("HIV positive = true");
    assertThat(decision.findElement(By.cssSelector(".ucbi-decision-outputs")).getText()).contains("eligible = false");
    // the auditor's tools: export links for this child and the live chain check
    assertThat(driver.findElement(By.cssSelector("a.ucbi-export-zip")).getAttribute("href"))
        .endsWith("/api/audit/export?subjectId=" + SCREEN_FAILED + "&format=zip");
    assertThat(driver.findElements(By.cssSelector("a.ucbi-export-odm, a.ucbi-export-fhir"))).hasSize(2);
    WebElement verify = driver.findElement(By.cssSelector("button.ucbi-verify"));
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", verify);
    wait.until(ExpectedConditions.elementToBeClickable(verify)).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".ucbi-verify-result"), "data-valid", "true"));
    assertThat(driver.findElement(By.cssSelector(".ucbi-verify-result")).getText()).startsWith("Chain valid:");
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    screenshot("children-screen-failure");
  }

  @Test
  void trialManagerOpensAChildInFollowUpAndSeesStage1AndStage2DrawnAsTaken() throws Exception {
    String subject = ChildRecordTestData.followUp(new CohortRun(engine, inventory), engine, inventory, extensionContext).subjectIds().get(0);
    login("trial-manager");
    driver.get(cockpit() + "#/children");
    // the shared test database holds many children: find this one as a trial manager would, by its subject ID
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input.ucbi-children-search"))).sendKeys(subject);
    WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr[data-subject-id='" + subject + "']")));
    assertThat(row.getAttribute("data-status")).isEqualTo("follow-up");
    // sortable: by status, then back by subject ID
    driver.findElement(By.cssSelector("#ucbi-children-table th[data-sort='status']")).click();
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#ucbi-children-table th[data-sort='status']"),
        "aria-sort", "ascending"));
    screenshot("children-list");
    row = driver.findElement(By.cssSelector("tr[data-subject-id='" + subject + "']"));
    row.findElement(By.cssSelector("a.ucbi-child-link")).click();

    WebElement protocol = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".ucbi-diagram[data-process-key='ucbIsletProtocol'][data-drawn='true']")));
    assertThat(marker(protocol, ProtocolVariables.CALL_CORD_BLOOD_TRANSPLANT)).contains("ucbi-visited")
        .doesNotContain("ucbi-running");
    assertThat(marker(protocol, ProtocolVariables.CALL_ISLET_TRANSPLANT)).contains("ucbi-visited")
        .doesNotContain("ucbi-running");
    assertThat(marker(protocol, ProtocolVariables.CALL_FOLLOW_UP_AFTER_ISLETS)).contains("ucbi-visited", "ucbi-running");
    assertThat(connectionMarker(protocol, "Flow_Stage1StableImmuneFunction")).contains("ucbi-taken");
    for (String stage : List.of("cordBloodTransplant", "isletTransplant")) {
      WebElement d = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".ucbi-diagram[data-process-key='" + stage + "'][data-drawn='true']")));
      assertThat(d.findElements(By.cssSelector("g.djs-element.ucbi-visited"))).as(stage).hasSizeGreaterThan(10);
      assertThat(d.findElements(By.cssSelector("g.djs-element.ucbi-ended-here"))).as(stage).hasSize(1);
    }
    assertThat(driver.findElement(By.cssSelector(".ucbi-child-status")).getText()).isEqualTo("In long-term follow-up");
    // the trial manager is no auditor: no export buttons
    assertThat(driver.findElements(By.cssSelector(".ucbi-auditor"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector(".ucbi-timeline tbody tr"))).hasSizeGreaterThan(50);
    ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    screenshot("children-follow-up");
  }

  @Test
  void clinicalUserCannotOpenTheChildrenPages() throws IOException {
    EngineRest rest = new EngineRest(port);
    if (engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(SCREEN_FAILED).count() == 0) {
      ChildRecordTestData.screenFailure(rest, SCREEN_FAILED);
    }
    // a transplant physician has no Cockpit access at all: the login is refused by Cockpit
    driver.get(cockpit() + "#/children/" + SCREEN_FAILED);
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
    username.sendKeys("transplant-physician");
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notifications .alert-danger, .alert-danger")));
    assertThat(driver.findElements(By.cssSelector(".ucbi-child-page h1"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("eligibility");
    // signed in to Tasklist, the same user's session gets 403 from the data behind the page
    driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]"))).sendKeys("transplant-physician");
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
    Object status = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[0]; fetch('/api/children/" + SCREEN_FAILED + "', {credentials: 'same-origin'})"
            + ".then(r => done(r.status)).catch(e => done(String(e)));");
    assertThat(status).isEqualTo(403L);
    screenshot("children-clinical-refused");
  }

  private String marker(WebElement diagram, String elementId) {
    return diagram.findElement(By.cssSelector("g.djs-element[data-element-id='" + elementId + "']")).getAttribute("class");
  }

  private String connectionMarker(WebElement diagram, String flowId) {
    return diagram.findElement(By.cssSelector("g.djs-connection[data-element-id='" + flowId + "']")).getAttribute("class");
  }

  private String cockpit() {
    return "http://localhost:" + port + "/camunda/app/cockpit/default/";
  }

  private void login(String user) {
    driver.get(cockpit());
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=\"username\"]")));
    username.sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=\"password\"]")).sendKeys(EngineRest.DEMO_PASSWORD);
    driver.findElement(By.cssSelector("button[type=\"submit\"]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] li.account .dropdown-toggle")));
  }

  private void screenshot(String name) throws IOException {
    File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}

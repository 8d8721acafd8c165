package org.ucbislet.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the browser tests, started with an explicit driver and binary (Selenium Manager never
 * runs, nothing is downloaded) and a fresh profile directory that {@link #quit} removes again.
 */
public final class HeadlessChromium {

  public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

  private HeadlessChromium() {
  }

  /** A browser of the given window size (e.g. "1400,1000") using the profile directory. */
  public static ChromeDriver start(Path userDataDir, String windowSize) {
    return start(options(userDataDir, windowSize));
  }

  /** Debian's headless Chromium with our flags: a caller may add to them and then {@link #start(ChromeOptions)}. */
  public static ChromeOptions options(Path userDataDir, String windowSize) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=" + windowSize, "--user-data-dir=" + userDataDir.toAbsolutePath());
    return options;
  }

  /** The browser through the system chromedriver (Selenium Manager is never consulted). */
  public static ChromeDriver start(ChromeOptions options) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
        // the browser in the clinic's time zone, as the site's workstations are: "today" in a date field is the clinical day
        .withEnvironment(java.util.Map.of("TZ", org.ucbislet.clinical.ClinicalTimeZone.get().getId())).build();
    return new ChromeDriver(service, options);
  }

  /** Quits the browser (if any) and deletes its profile directory (if any). */
  public static void quit(WebDriver driver, Path userDataDir) throws IOException {
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

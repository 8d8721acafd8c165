package org.ucbislet.config;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The demo profile (demo users with the password "demo", password policy off) runs only on the embedded H2 database
 * it was made for (issue 15 item 7): with any other database (PostgreSQL, an H2 server over TCP) the application
 * refuses to start, before it connects, naming the profile and the database URL. Registered in
 * {@code META-INF/spring.factories}, so it runs before any bean is created.
 */
public class DemoProfileGuard implements EnvironmentPostProcessor {

  static final String DEMO = "demo";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    boolean demo = Arrays.asList(environment.getActiveProfiles()).contains(DEMO)
        || environment.getActiveProfiles().length == 0 && Arrays.asList(environment.getDefaultProfiles()).contains(DEMO);
    String url = environment.getProperty("spring.datasource.url", "");
    if (demo && !isEmbeddedH2(url)) {
      throw new IllegalStateException("Profile 'demo' (demo users with known passwords) runs only on the embedded H2 "
          + "database, not on " + url.replaceAll("//[^/@]*@", "//") + ". For PostgreSQL start with "
          + "--spring.profiles.active=postgres (docs/security.md, production checklist).");
    }
  }

  /** {@code jdbc:h2:file:...}, {@code jdbc:h2:mem:...} or a plain path; not {@code jdbc:h2:tcp:} or {@code ssl:}. */
  static boolean isEmbeddedH2(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.startsWith("jdbc:h2:") && !u.startsWith("jdbc:h2:tcp:") && !u.startsWith("jdbc:h2:ssl:");
  }
}

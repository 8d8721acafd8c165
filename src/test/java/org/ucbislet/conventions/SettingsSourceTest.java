package org.ucbislet.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.ucbislet.clinical.ApplicationDefaults;

/**
 * One source for each clinical default: application.yaml. Every {@code *Settings} bean takes its values through
 * {@code @Value} keys without a fallback value (a fallback would be a second copy of the default in Java), every key
 * is in application.yaml, and the settings build from the file alone, which also runs their own checks of the values.
 */
class SettingsSourceTest {

  private static final Pattern KEY_ONLY = Pattern.compile("\\$\\{([a-z0-9.-]+)}");

  /** Every {@code @Component} of the application whose name ends in "Settings". */
  static List<Class<?>> settingsClasses() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    return scanner.findCandidateComponents("org.ucbislet").stream()
        .map(BeanDefinition::getBeanClassName)
        .filter(name -> name.endsWith("Settings"))
        .sorted()
        .<Class<?>>map(name -> {
          try {
            return Class.forName(name);
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  @Test
  void everySettingsClassIsFound() {
    assertThat(settingsClasses()).extracting(Class::getSimpleName).contains("CordBloodSettings",
        "CordBloodTransplantSettings", "EngraftmentSettings", "FollowUpSettings", "IsletSettings",
        "AdverseEventSettings");
  }

  @Test
  void everyKeyIsInApplicationYamlWithoutAFallbackInJava() throws Exception {
    List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yaml",
        new ClassPathResource("application.yaml"));
    for (Class<?> type : settingsClasses()) {
      Constructor<?> constructor = ApplicationDefaults.valueConstructor(type);
      for (Parameter parameter : constructor.getParameters()) {
        String expression = parameter.getAnnotation(Value.class).value();
        Matcher key = KEY_ONLY.matcher(expression);
        assertThat(key.matches()).as("%s %s: a key without a fallback value", type.getSimpleName(), expression)
            .isTrue();
        assertThat(yaml.stream().anyMatch(document -> document.containsProperty(key.group(1))))
            .as("%s: %s is in application.yaml", type.getSimpleName(), key.group(1)).isTrue();
      }
    }
  }

  @Test
  void everySettingsClassBuildsFromApplicationYamlAlone() {
    for (Class<?> type : settingsClasses()) {
      assertThat(ApplicationDefaults.of(type)).as(type.getSimpleName()).isInstanceOf(type);
    }
  }

  @Test
  void aKeyMissingFromApplicationYamlFails() {
    assertThatThrownBy(() -> ApplicationDefaults.of(NotConfigured.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ucbi.not-configured");
  }

  /** Settings whose key application.yaml does not have. */
  public static final class NotConfigured {
    public NotConfigured(@Value("${ucbi.not-configured}") int value) {
    }
  }
}

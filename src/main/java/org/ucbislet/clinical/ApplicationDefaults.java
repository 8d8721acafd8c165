package org.ucbislet.clinical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The clinical defaults have one source: {@code application.yaml} ({@code ucbi.*}), each value with its source in
 * domain.md. A {@code *Settings} bean gets them from Spring through its {@code @Value} constructor, whose keys carry no
 * fallback value; code and tests that run without Spring (process tests on an in-memory engine) build the same settings
 * from the same file with {@link #of(Class)}, through the same constructor, so a key missing from the file fails here as
 * it fails at start-up.
 */
public final class ApplicationDefaults {

  /** The file the defaults are read from (classpath). */
  public static final String FILE = "application.yaml";

  private static final PropertyResolver YAML = load();
  private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

  private ApplicationDefaults() {
  }

  /** The settings of that type as {@value #FILE} (without a profile) configures them. */
  public static <T> T of(Class<T> type) {
    Constructor<?> constructor = valueConstructor(type);
    Parameter[] parameters = constructor.getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      String expression = parameters[i].getAnnotation(Value.class).value();
      arguments[i] = CONVERSION.convert(YAML.resolveRequiredPlaceholders(expression), parameters[i].getType());
    }
    try {
      return type.cast(constructor.newInstance(arguments));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName() + " from " + FILE, e);
    }
  }

  /** The public constructor whose every parameter is an {@code @Value} key: the one Spring uses. */
  public static Constructor<?> valueConstructor(Class<?> type) {
    return Arrays.stream(type.getConstructors())
        .filter(c -> c.getParameterCount() > 0
            && Arrays.stream(c.getParameters()).allMatch(p -> p.isAnnotationPresent(Value.class)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no constructor of @Value keys"));
  }

  private static PropertyResolver load() {
    try {
      List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(FILE, new ClassPathResource(FILE));
      MutablePropertySources sources = new MutablePropertySources();
      documents.forEach(sources::addLast);
      return new PropertySourcesPropertyResolver(sources);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE + " from the classpath", e);
    }
  }
}

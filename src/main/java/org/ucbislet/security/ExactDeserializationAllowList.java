package org.ucbislet.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.WhitelistingDeserializationTypeValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's deserialization allow-list, exactly as configured (issue 15 item 1, docs/security.md "Deserialization
 * allow-list"). With {@code deserialization-type-validation-enabled} the engine deserializes an object variable (JSON or
 * Java serialization, its class and the classes of its elements, keys and values) only when the validator allows every
 * class. The engine's default validator always adds the whole {@code java.lang} package (so {@code ProcessBuilder} or
 * {@code Runtime} would pass) and a fixed set of java.util classes; this one allows nothing but
 * {@code deserialization-allowed-classes} and {@code deserialization-allowed-packages}. A refused class is logged at
 * WARN with its name only (never a value), so an operator sees what a stored variable needed.
 */
@Component
public class ExactDeserializationAllowList extends AbstractProcessEnginePlugin implements WhitelistingDeserializationTypeValidator {

  private static final Logger LOG = LoggerFactory.getLogger(ExactDeserializationAllowList.class);

  private volatile Set<String> classes = Set.of();
  private volatile Set<String> packages = Set.of();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getDeserializationTypeValidator() == null) {
      configuration.setDeserializationTypeValidator(this);
    }
  }

  @Override
  public void setAllowedClasses(String allowedClasses) {
    classes = split(allowedClasses);
  }

  @Override
  public void setAllowedPackages(String allowedPackages) {
    packages = split(allowedPackages).stream().map(p -> p.endsWith(".") ? p : p + ".").collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public boolean validate(String className) {
    if (className == null || className.isBlank()) {
      return true; // the engine asks for the class of a null value
    }
    String name = className.trim();
    boolean allowed = classes.contains(name) || packages.stream().anyMatch(name::startsWith);
    if (!allowed) {
      LOG.warn("Deserialization of class {} refused: not on the engine's deserialization allow-list "
          + "(camunda.bpm.generic-properties.properties.deserialization-allowed-classes)", name.replaceAll("[^\\w.$\\[\\];]", "?"));
    }
    return allowed;
  }

  /** The classes allowed now (for the tests and the documentation check). */
  public Set<String> allowedClasses() {
    return classes;
  }

  private static Set<String> split(String list) {
    if (list == null) {
      return Set.of();
    }
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}

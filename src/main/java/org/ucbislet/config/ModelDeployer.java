package org.ucbislet.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the top-level {@code bpmn/} (BPMN, DMN), {@code forms/} (Camunda Forms) and the protocol amendments
 * ({@code amendments/<id>/amendment.json}, docs/amendments.md) as one deployment, so that
 * {@code camunda:formRefBinding="deployment"} finds every form and an amendment's target versions are the
 * definitions deployed with it. Resource names
 * are stable ({@code bpmn/screening.bpmn}, {@code forms/mdt-review.form}) whether the application
 * runs from the jar, {@code mvn spring-boot:run} or a test; unchanged models create no new versions.
 * Used instead of the starter's auto-deployment, whose names change with the launch mode.
 */
@Component
public class ModelDeployer extends AbstractProcessEnginePlugin {

  public static final String DEPLOYMENT_NAME = "ucb-islet-protocol";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);
  private static final String[] PATTERNS = {
      "classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn", "classpath*:forms/**/*.form",
      "classpath*:amendments/*/amendment.json"};

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    Map<String, Resource> resources = findModels();
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME).source("ucbi-model-deployer").enableDuplicateFiltering(false);
    resources.forEach((name, resource) -> {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(name, new java.io.ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read model " + name, e);
      }
    });
    Deployment deployment = builder.deploy();
    LOG.info("Models deployed: {} resources, deployment {}", resources.size(), deployment.getId());
  }

  static Map<String, Resource> findModels() {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(ModelDeployer.class.getClassLoader());
    Map<String, Resource> byName = new TreeMap<>();
    for (String pattern : PATTERNS) {
      try {
        for (Resource r : resolver.getResources(pattern)) {
          byName.putIfAbsent(stableName(r), r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot scan " + pattern, e);
      }
    }
    return byName;
  }

  static String stableName(Resource resource) throws IOException {
    String url = resource.getURL().toString();
    int at = url.endsWith("/amendment.json") ? url.lastIndexOf("/amendments/")
        : Math.max(url.lastIndexOf("/bpmn/"), url.lastIndexOf("/forms/"));
    return url.substring(at + 1);
  }
}

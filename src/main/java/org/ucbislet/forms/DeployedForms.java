package org.ucbislet.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * Finds the Camunda Form a process element refers to in the element's own deployment
 * ({@code camunda:formRefBinding="deployment"}), parsed once and cached per deployment.
 */
public class DeployedForms {

  private final Map<String, FormSchema> cache = new ConcurrentHashMap<>();

  public FormSchema find(RepositoryService repository, String deploymentId, String formId) {
    return cache.computeIfAbsent(deploymentId + "/" + formId, k -> load(repository, deploymentId, formId));
  }

  /** Every form of the deployment (parsed once per deployment). */
  public java.util.List<FormSchema> all(RepositoryService repository, String deploymentId) {
    return everyForm.computeIfAbsent(deploymentId, id -> Context.getCommandContext().runWithoutAuthorization(() -> {
      java.util.List<FormSchema> schemas = new java.util.ArrayList<>();
      for (String name : repository.getDeploymentResourceNames(id)) {
        if (name.endsWith(".form")) {
          try (InputStream in = repository.getResourceAsStream(id, name)) {
            schemas.add(FormSchema.parse(in));
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read form resource " + name, e);
          }
        }
      }
      return java.util.List.copyOf(schemas);
    }));
  }

  private final Map<String, java.util.List<FormSchema>> everyForm = new ConcurrentHashMap<>();

  private static FormSchema load(RepositoryService repository, String deploymentId, String formId) {
    // the acting clinician need not read deployments: the form's rules are read on the engine's behalf
    FormSchema schema = Context.getCommandContext().runWithoutAuthorization(() -> read(repository, deploymentId, formId));
    if (schema == null) {
      throw new ProcessEngineException("Form '" + formId + "' is not part of deployment " + deploymentId);
    }
    return schema;
  }

  /** The form with this ID among the deployment's resources, parsed (not cached); null when it has none. */
  public static FormSchema read(RepositoryService repository, String deploymentId, String formId) {
    for (String name : repository.getDeploymentResourceNames(deploymentId)) {
      if (!name.endsWith(".form")) {
        continue;
      }
      try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
        FormSchema schema = FormSchema.parse(in);
        if (formId.equals(schema.id())) {
          return schema;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read form resource " + name, e);
      }
    }
    return null;
  }
}

package org.ucbislet.amendment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/**
 * The amendments deployed with the models: every resource {@code amendments/<id>/amendment.json} of an engine
 * deployment (config.ModelDeployer deploys the repository's {@code amendments/} beside {@code bpmn/} and
 * {@code forms/}, so every node of a cluster sees the same files). An amendment belongs to the deployment that first
 * carried its current content: that deployment's process definitions are the versions it migrates to. A later
 * deployment (the next amendment's models) carries the file unchanged and does not move its target.
 */
@Component
public class AmendmentCatalog {

  /** An amendment file as deployed: parsed, or the problems that make it unusable. */
  public record Entry(String id, String resourceName, String deploymentId, Amendment amendment, List<String> problems) {}

  private record Resource(String name, byte[] content) {}

  private final RepositoryService repository;
  private final Map<String, List<Resource>> byDeployment = new ConcurrentHashMap<>();

  public AmendmentCatalog(ProcessEngine engine) {
    this.repository = engine.getRepositoryService();
  }

  /** Every deployed amendment, newest date first. */
  public List<Entry> all() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    Map<String, byte[]> contents = new LinkedHashMap<>();
    List<Deployment> deployments = repository.createDeploymentQuery().orderByDeploymentTime().asc().list();
    for (Deployment deployment : deployments) {
      for (Resource r : resources(deployment.getId())) {
        String id = AmendmentFile.directoryOf(r.name());
        if (contents.containsKey(id) && Arrays.equals(contents.get(id), r.content())) {
          continue; // the same file in a later deployment: the amendment keeps its first deployment
        }
        contents.put(id, r.content());
        entries.put(id, entry(id, r, deployment.getId()));
      }
    }
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(Comparator.comparing(Entry::id).reversed());
    return list;
  }

  /** The deployed amendment with this ID. */
  public Amendment get(String id) {
    Entry entry = all().stream().filter(e -> e.id().equals(id)).findFirst()
        .orElseThrow(() -> new AmendmentNotFoundException(id));
    if (entry.amendment() == null) {
      throw new AmendmentFileException(entry.resourceName(), entry.problems());
    }
    return entry.amendment();
  }

  private static Entry entry(String id, Resource r, String deploymentId) {
    try {
      return new Entry(id, r.name(), deploymentId, AmendmentFile.parse(r.name(), r.content()).withDeployment(deploymentId),
          List.of());
    } catch (AmendmentFileException e) {
      return new Entry(id, r.name(), deploymentId, null, e.problems());
    }
  }

  /** The amendment files of a deployment, read once (a deployment never changes). */
  private List<Resource> resources(String deploymentId) {
    return byDeployment.computeIfAbsent(deploymentId, id -> {
      List<Resource> found = new ArrayList<>();
      for (String name : repository.getDeploymentResourceNames(id)) {
        if (name.startsWith(AmendmentFile.DIRECTORY + "/") && name.endsWith("/" + AmendmentFile.FILE_NAME)) {
          try (InputStream in = repository.getResourceAsStream(id, name)) {
            found.add(new Resource(name, in.readAllBytes()));
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " of deployment " + id, e);
          }
        }
      }
      return List.copyOf(found);
    });
  }
}

package org.ucbislet.audit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Which elements of a deployed process are signed, read from the model (the same BPMN properties the engine enforces):
 * for clients that sign for their users, such as the cohort simulation. Cached per process definition.
 */
public final class SignedElements {

  /** A signed element: its meaning code and statement template. */
  public record Signed(String elementId, String meaning, String statement) {}

  private static final Map<String, Map<String, Signed>> CACHE = new ConcurrentHashMap<>();

  private SignedElements() {
  }

  /** The signature an element needs, if any. */
  public static Optional<Signed> of(RepositoryService repository, String processDefinitionId, String elementId) {
    return Optional.ofNullable(all(repository, processDefinitionId).get(elementId));
  }

  /** The signature the process's start form needs (a signed top-level start event), if any. */
  public static Optional<Signed> ofStart(RepositoryService repository, String processDefinitionId) {
    BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
    return model.getModelElementsByType(StartEvent.class).stream()
        .filter(start -> start.getParentElement() instanceof Process)
        .map(start -> all(repository, processDefinitionId).get(start.getId())).filter(s -> s != null).findFirst();
  }

  private static Map<String, Signed> all(RepositoryService repository, String processDefinitionId) {
    return CACHE.computeIfAbsent(processDefinitionId, id -> {
      Map<String, Signed> signed = new ConcurrentHashMap<>();
      BpmnModelInstance model = repository.getBpmnModelInstance(id);
      for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
        if (element.getExtensionElements() == null) {
          continue;
        }
        String meaning = null;
        String statement = null;
        for (CamundaProperties properties : element.getExtensionElements().getElementsQuery()
            .filterByType(CamundaProperties.class).list()) {
          for (CamundaProperty property : properties.getCamundaProperties()) {
            if (SignatureFields.PROPERTY_MEANING.equals(property.getCamundaName())) {
              meaning = property.getCamundaValue();
            } else if (SignatureFields.PROPERTY_STATEMENT.equals(property.getCamundaName())) {
              statement = property.getCamundaValue();
            }
          }
        }
        if (meaning != null) {
          signed.put(element.getId(), new Signed(element.getId(), meaning, statement));
        }
      }
      return signed;
    });
  }
}

package org.ucbislet.audit;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Electronic signatures, enforced by the engine (issue 20): every user task or start event whose BPMN carries the
 * extension property {@code signature} (the meaning, see {@link SignatureMeaning}) completes, or starts its process,
 * only with a valid signature in the submission ({@link SignatureFields}), whoever submits (Tasklist, REST, Java).
 * The check is a built-in listener, so it runs before the model's own listeners and the form check; a refused
 * signature rolls the whole command back. See {@link ElectronicSignatures}.
 */
@Component
public class ElectronicSignaturePlugin extends AbstractProcessEnginePlugin {

  private final AuditStore store;
  private ElectronicSignatures signatures;

  public ElectronicSignaturePlugin(AuditStore store) {
    this.store = store;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    signatures = new ElectronicSignatures(configuration, store);
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPostBPMNParseListeners(listeners);
    }
    listeners.add(new SignedElementParseListener());
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new CorrectionSignatureHandler(signatures));
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** The step an element's BPMN declares as signed, or null (an unknown meaning or a missing statement fails the deployment). */
  static SignedStep signedStep(Element element) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return null;
    }
    String meaningCode = null;
    String statement = null;
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      if (SignatureFields.PROPERTY_MEANING.equals(property.attribute("name"))) {
        meaningCode = property.attribute("value");
      } else if (SignatureFields.PROPERTY_STATEMENT.equals(property.attribute("name"))) {
        statement = property.attribute("value");
      }
    }
    if (meaningCode == null) {
      return null;
    }
    SignatureMeaning meaning = SignatureMeaning.of(meaningCode);
    if (meaning == null || statement == null || statement.isBlank()) {
      throw new org.camunda.bpm.engine.ProcessEngineException("Signed element " + element.attribute("id")
          + " needs a known signature meaning (approval, review, responsibility, authorship, correction) and a "
          + "signatureStatement; found '" + meaningCode + "'");
    }
    String formId = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
    return new SignedStep(element.attribute("id"), element.attribute("name"), meaning, statement, formId);
  }

  private final class SignedElementParseListener extends AbstractBpmnParseListener {
    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      SignedStep step = signedStep(element);
      if (step != null && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
        behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
            (TaskListener) (DelegateTask task) -> signatures.signTask(step, task));
      }
    }

    @Override
    public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
      SignedStep step = signedStep(element);
      if (step != null) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            (ExecutionListener) (DelegateExecution execution) -> signatures.signStart(step, execution), 0);
      }
    }
  }
}

package org.ucbislet.audit;

import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Manual corrections are signed (issue 20): the first history event a correction produces (a variable changed, an
 * instance cancelled or moved) triggers the check of the request's signature in the same command, so an unsigned or
 * wrongly signed correction rolls back and changes nothing. Registered beside the audit handler.
 */
final class CorrectionSignatureHandler implements HistoryEventHandler {

  private final ElectronicSignatures signatures;

  CorrectionSignatureHandler(ElectronicSignatures signatures) {
    this.signatures = signatures;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    ManualCorrection correction = ManualCorrection.current();
    if (correction == null) {
      return;
    }
    CorrectionSignature.Holder holder = CorrectionSignature.current();
    if (holder != null && holder.recorded) {
      return;
    }
    signatures.signCorrection(correction, holder == null ? null : holder.signature, event.getProcessInstanceId(),
        event.getProcessDefinitionKey());
    if (holder != null) {
      holder.recorded = true;
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }
}

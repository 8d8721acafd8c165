package org.ucbislet.followup;

import static org.ucbislet.followup.FollowUpVariables.PROTOCOL_DEVIATIONS;
import static org.ucbislet.followup.FollowUpVariables.PROTOCOL_DEVIATION_COUNT;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The JSON list variables of records that make up a child's record (protocolDeviations, growthMeasurements,
 * adverseEventReports). A record is kept in the instance where it happened and, for a child in the protocol, also in
 * the protocol's instance: the child's whole list, which survives the cancellation of a follow-up or stage.
 */
public final class ChildRecord {

  /** Where the lists live: a process instance's variables, read and written. */
  public interface Holder {
    Object getVariable(String name);

    void setVariable(String name, Object value);
  }

  private ChildRecord() {
  }

  public static Holder of(VariableScope scope) {
    return new Holder() {
      @Override
      public Object getVariable(String name) {
        return scope.getVariable(name);
      }

      @Override
      public void setVariable(String name, Object value) {
        scope.setVariable(name, value);
      }
    };
  }

  /**
   * The outermost caller of a process instance (ucbIsletProtocol for a follow-up it called): the child's whole
   * record; null when the instance was started on its own.
   */
  public static Holder caller(DelegateExecution instance) {
    DelegateExecution top = instance;
    while (top.getSuperExecution() != null) {
      top = top.getSuperExecution().getProcessInstance();
    }
    return top == instance ? null : of(top);
  }

  /** Appends the record to the list variable and answers the list's new size. */
  public static int append(Holder holder, String listVariable, Map<String, Object> record) {
    List<Map<String, Object>> records = FollowUpJson.records(holder.getVariable(listVariable));
    records.add(record);
    holder.setVariable(listVariable, FollowUpJson.spin(records));
    return records.size();
  }

  /** Appends the record to the instance's list and, when there is one, to the child's whole list. */
  public static void append(Holder own, Holder child, String listVariable, Map<String, Object> record) {
    append(own, listVariable, record);
    if (child != null) {
      append(child, listVariable, record);
    }
  }

  /**
   * Records a protocol deviation in the instance's protocolDeviations and, when there is one, in the child's whole
   * list, counting both. DVSEQ is unique per subject: the deviation is made with the next number of the child's whole
   * list (of the instance's own list when there is none).
   */
  public static ProtocolDeviation addDeviation(Holder own, Holder child, IntFunction<ProtocolDeviation> withSequence) {
    Holder numbering = child != null ? child : own;
    ProtocolDeviation deviation = withSequence.apply(FollowUpJson.records(numbering.getVariable(PROTOCOL_DEVIATIONS)).size() + 1);
    own.setVariable(PROTOCOL_DEVIATION_COUNT, append(own, PROTOCOL_DEVIATIONS, deviation.toMap()));
    if (child != null) {
      child.setVariable(PROTOCOL_DEVIATION_COUNT, append(child, PROTOCOL_DEVIATIONS, deviation.toMap()));
    }
    return deviation;
  }
}

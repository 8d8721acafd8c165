package org.ucbislet.cordblood;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ucbislet.clinical.ClinicalTimeZone;
import org.ucbislet.clinical.DosingWeight;
import org.ucbislet.clinical.DosingWeightSettings;
import static org.ucbislet.cordblood.CordBloodSearchVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stage 1 "Search cord blood bank": reads the child's HLA typing and weight, runs the bank search
 * ({@link CordBloodSearch#propose}) and writes the candidates, the select options for the unit selection form and
 * the proposed primary and backup units (variables: {@link CordBloodSearchVariables}). A typing that is not valid
 * WHO nomenclature or a missing weight is an error with a clear message (an incident: the typing form validates,
 * so this is not a clinical outcome); an inventory still loading is an error too, so the job is retried.
 * Logs the subject ID and counts only: never the typing.
 */
@Component(CordBloodSearchVariables.DELEGATE_BEAN)
public class SearchCordBloodBankDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(SearchCordBloodBankDelegate.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CordBloodSearch search;
  private final CordBloodSettings settings;

  /** The BPMN error code of "no checked weight reached the search" (boundary Boundary_SearchWeightNotChecked). */
  public static final String WEIGHT_NOT_CHECKED_ERROR = "DosingWeightNotChecked";

  private final DosingWeightSettings dosingWeight;

  public SearchCordBloodBankDelegate(CordBloodSearch search, CordBloodSettings settings) {
    this(search, settings, DosingWeightSettings.defaults());
  }

  @org.springframework.beans.factory.annotation.Autowired
  public SearchCordBloodBankDelegate(CordBloodSearch search, CordBloodSettings settings, DosingWeightSettings dosingWeight) {
    this.search = search;
    this.dosingWeight = dosingWeight;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String[] alleles = HLA_TYPING.stream().map(name -> execution.getVariable(name) instanceof String s ? s : null)
        .toArray(String[]::new);
    HlaTyping typing;
    try {
      typing = HlaTyping.parse(alleles, (locus, position) -> HLA_TYPING.get(2 * locus.ordinal() + position));
    } catch (HlaTyping.InvalidTypingException e) {
      throw new IllegalArgumentException("Cord blood search: HLA typing variable " + e.field() + ": " + e.problem());
    }
    if (execution.getVariable(WEIGHT_KG) == null) {
      checkWeightHere(execution);
    }
    if (!(execution.getVariable(WEIGHT_KG) instanceof Number weight) || !(weight.doubleValue() > 0)) {
      throw new IllegalArgumentException("Cord blood search: variable " + WEIGHT_KG
          + " must be the child's weight in kg (a number greater than 0), was " + execution.getVariable(WEIGHT_KG));
    }
    int limit = execution.getVariable(SEARCH_LIMIT) instanceof Number n ? n.intValue() : settings.processLimit();
    if (limit < 1 || limit > settings.maxLimit()) {
      throw new IllegalArgumentException("Cord blood search: variable " + SEARCH_LIMIT + " must be 1 to "
          + settings.maxLimit() + ", was " + limit);
    }

    CordBloodSearch.Proposal proposal = search.propose(typing, weight.doubleValue(), limit, PROPOSED_UNITS.size());

    ArrayNode candidates = JSON.createArrayNode();
    ArrayNode options = JSON.createArrayNode();
    int acceptable = 0;
    for (CordBloodSearch.AssessedUnit unit : proposal.candidates()) {
      ObjectNode candidate = JSON.valueToTree(SearchAnswer.Unit.of(unit));
      candidate.put(UNIT_KEY, unit.unit().unitKey());
      // the unit's pre-freeze counts: a reserved backup is re-evaluated on the child's weight of the day it is chosen
      candidate.put(TNC_TOTAL, unit.unit().tncTotal());
      candidate.put(CD34_TOTAL, unit.unit().cd34Total());
      candidates.add(candidate);
      options.addObject().put(OPTION_LABEL, label(unit)).put(OPTION_VALUE, unit.unit().unitKey());
      acceptable += unit.acceptable() ? 1 : 0;
    }
    execution.setVariable(CANDIDATES, SpinValues.jsonValue(candidates.toString()).create());
    execution.setVariable(CANDIDATE_OPTIONS, SpinValues.jsonValue(options.toString()).create());
    execution.setVariable(SEARCHED, proposal.searched());
    execution.setVariable(ACCEPTABLE_UNIT_COUNT, acceptable);
    execution.setVariable(ACCEPTABLE_UNIT_FOUND, !proposal.proposed().isEmpty());
    for (int i = 0; i < PROPOSED_UNITS.size(); i++) {
      execution.setVariable(PROPOSED_UNITS.get(i),
          i < proposal.proposed().size() ? proposal.proposed().get(i).unit().unitKey() : null);
    }
    LOG.info("Cord blood search for {}: {} units searched, {} candidates, {} acceptable among them, {} proposed",
        execution.getBusinessKey(), proposal.searched(), proposal.candidates().size(), acceptable, proposal.proposed().size());
  }

  /** {@code SHCBB/SH-000123 · 7/8 allele · 6/6 antigen · TNC 9.74 x10^7/kg · CD34 3.10 x10^5/kg · acceptable}. */
  static String label(CordBloodSearch.AssessedUnit assessed) {
    CandidateUnit u = assessed.unit();
    return u.unitKey() + " · " + u.grade().alleleMatches8() + "/8 allele · " + u.grade().antigenMatches6() + "/6 antigen · TNC "
        + DoseDisplay.text(u.tncPerKgE7()) + " x10^7/kg · CD34 " + DoseDisplay.text(u.cd34PerKgE5()) + " x10^5/kg · "
        + (assessed.acceptable() ? "acceptable" : "not acceptable");
  }

  /**
   * The dosing weight check of the step before the search, for a child whose search job was already waiting when an
   * amendment moved it onto models with that step: the search uses the child's current weight only when it was
   * measured within the limit; otherwise a BPMN error sends the child back to the weight check, which opens the
   * weighing (boundary event {@code Boundary_SearchWeightNotChecked}).
   */
  private void checkWeightHere(DelegateExecution execution) {
    DosingWeight.Weighing weighing = DosingWeight.current((ExecutionEntity) execution);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ClinicalTimeZone.get()).toLocalDate();
    if (!dosingWeight.isRecent(weighing, today) && !goesBackToTheWeightCheck(execution)) {
      if (weighing == null) {
        throw new IllegalArgumentException("Cord blood search: no weight is recorded for " + execution.getBusinessKey()
            + " (variable " + WEIGHT_KG + " or the child's current weight)");
      }
      // a model version before the dosing weight amendment (2026-12-07: no weight check before the search, nowhere to
      // go back to): the search runs as that version's did, on the child's last recorded weight (for a child enrolled
      // then: the enrolment weight), whatever its age. A child kept on that version by an amendment's rule finishes
      // under it; the amended models never get here without a checked weight.
      LOG.warn("Subject {}: bank search on protocol version {} (before the dosing weight check) with the last recorded "
          + "weight, {}", execution.getBusinessKey(), execution.getProcessDefinitionId(),
          DosingWeight.staleReason(weighing, today, dosingWeight.getMaxAgeDays()));
    } else if (!dosingWeight.isRecent(weighing, today)) {
      // back to the weight check before the search (boundary event Boundary_SearchWeightNotChecked), which opens
      // the weighing: never a search on an old weight
      LOG.info("Subject {}: the search found no checked weight; back to the weight check", execution.getBusinessKey());
      throw new BpmnError(WEIGHT_NOT_CHECKED_ERROR, "Cord blood search for " + execution.getBusinessKey() + ": "
          + DosingWeight.staleReason(weighing, today, dosingWeight.getMaxAgeDays()) + ": weigh the child first");
    }
    execution.setVariable(DosingWeight.DOSING_WEIGHT_KG, weighing.kg());
    execution.setVariable(DosingWeight.DOSING_WEIGHT_DATE, weighing.date().toString());
  }

  /**
   * Whether the model version running the search catches {@value #WEIGHT_NOT_CHECKED_ERROR} on the search itself
   * (boundary event Boundary_SearchWeightNotChecked of the amended models). A BPMN error nothing catches would end the
   * whole stage silently, so a version without the boundary never gets one.
   */
  static boolean goesBackToTheWeightCheck(DelegateExecution execution) {
    org.camunda.bpm.model.bpmn.instance.FlowElement search = execution.getBpmnModelElementInstance();
    if (search == null) {
      return true;
    }
    return execution.getBpmnModelInstance().getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BoundaryEvent.class)
        .stream().filter(b -> b.getAttachedTo() != null && search.getId().equals(b.getAttachedTo().getId()))
        .flatMap(b -> b.getEventDefinitions().stream())
        .filter(org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition.class::isInstance)
        .map(d -> ((org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition) d).getError())
        .anyMatch(error -> error != null && WEIGHT_NOT_CHECKED_ERROR.equals(error.getErrorCode()));
  }
}

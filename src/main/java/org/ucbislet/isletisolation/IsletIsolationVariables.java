package org.ucbislet.isletisolation;

import java.util.Map;

/** Process key, messages, element IDs and variables of {@code isletIsolation} (bpmn/islet-isolation.bpmn). */
public final class IsletIsolationVariables {

  public static final String PROCESS_KEY = "isletIsolation";
  public static final String MESSAGE_PANCREAS_OFFERED = "PancreasOffered";
  public static final String MESSAGE_ISLET_PRODUCT_RELEASED = "IsletProductReleased";
  public static final String ERROR_RECIPIENT_NO_LONGER_WAITING = "RecipientNoLongerWaiting";
  public static final String RELEASE_DECISION_KEY = "isletProductRelease";
  public static final String OFFER_FORM = "pancreas-offer";

  // the offer (message PancreasOffered) and the donor decision (contract inputs of pancreasDonorAcceptance)
  public static final String DONOR_ID = "donorId";
  public static final String DONOR_ACCEPTED = "donorAccepted";
  public static final String DONOR_REJECTION_REASON = "donorRejectionReason";

  // the cold ischaemia clock: cross-clamp (procurement) to the start of digestion
  public static final String COLD_ISCHEMIA_STARTED_AT = "coldIschemiaStartedAt";
  public static final String DIGESTION_STARTED_AT = "digestionStartedAt";
  public static final String COLD_ISCHEMIA_HOURS = "coldIschemiaHours";
  public static final String COLD_ISCHEMIA_ACCEPTABLE = "coldIschemiaAcceptable";

  // counting (form count-islets) and the engine's IEQ
  public static final String SAMPLE_VOLUME_UL = "sampleVolumeUl";
  public static final String SUSPENSION_VOLUME_ML = "suspensionVolumeMl";
  /** Form field of each diameter class (key of design.md section 6) . */
  public static final Map<String, String> COUNT_FIELDS = Map.of(
      "50-100", "isletCount50to100", "100-150", "isletCount100to150", "150-200", "isletCount150to200",
      "200-250", "isletCount200to250", "250-300", "isletCount250to300", "300-350", "isletCount300to350",
      ">=350", "isletCount350plus");
  public static final String ISLET_COUNT = "isletCount";
  public static final String ISLET_EQUIVALENTS = "isletEquivalents";
  public static final String ISLET_PARTICLE_INDEX = "isletParticleIndex";
  public static final String COUNTED_BY = "countedBy";

  // release tests (form record-release-tests), contract inputs of isletProductRelease where per product
  public static final String PURITY_PERCENT = "purityPercent";
  public static final String VIABILITY_PERCENT = "viabilityPercent";
  public static final String SETTLED_TISSUE_VOLUME_ML = "settledTissueVolumeMl";
  public static final String ENDOTOXIN_EU = "endotoxinEu";
  public static final String GRAM_STAIN_NEGATIVE = "gramStainNegative";

  // allocation and release
  public static final String PRODUCT_RELEASED = "productReleased";
  public static final String RELEASE_FAILURE_REASON = "releaseFailureReason";
  public static final String ALLOCATED_SUBJECT_ID = "allocatedSubjectId";
  public static final String IEQ_PER_KG = "ieqPerKg";
  public static final String ALLOCATION_EVALUATIONS = "allocationEvaluations";
  public static final String RELEASE_APPROVED = "releaseApproved";
  public static final String RELEASED_BY = "releasedBy";
  public static final String DISCARD_REASON = "discardReason";

  // the recipient side (isletTransplant), read for allocation and set by the release message
  public static final String TRANSPLANT_PROCESS_KEY = "isletTransplant";
  public static final String TRANSPLANT_AWAIT_PRODUCT = "Task_AwaitIsletProduct";
  public static final String RECIPIENT_WEIGHT_KG = "weightKg";
  public static final String RECIPIENT_INFUSION_NUMBER = "infusionNumber";
  public static final String RECIPIENT_WAITING_SINCE = "waitingSince";
  public static final String PRODUCT_ID = "isletProductId";
  public static final String PRODUCT_IEQ = "isletProductIeq";
  public static final String PRODUCT_IEQ_PER_KG = "isletProductIeqPerKg";
  public static final String PRODUCT_RELEASED_AT = "isletProductReleasedAt";
  /** The product's settled tissue volume (mL): isletTransplant checks it per kg again at the infusion. */
  public static final String PRODUCT_TISSUE_VOLUME_ML = "isletProductTissueVolumeMl";

  // element IDs
  public static final String START_OFFERED = "Start_PancreasOffered";
  public static final String TASK_EVALUATE_DONOR = "Task_EvaluateDonor";
  public static final String END_OFFER_DECLINED = "End_OfferDeclined";
  public static final String TASK_PROCURE = "Task_ProcurePancreas";
  public static final String TASK_TRIM = "Task_TrimPancreas";
  public static final String TASK_DIGEST = "Task_DigestPancreas";
  public static final String TASK_MEASURE_COLD_ISCHEMIA = "Task_MeasureColdIschemia";
  public static final String TASK_RECHECK_DONOR = "Task_RecheckDonorAtDigestion";
  public static final String TASK_COLLECT = "Task_CollectDigest";
  public static final String TASK_PURIFY = "Task_PurifyIslets";
  public static final String TASK_COUNT = "Task_CountIslets";
  public static final String TASK_CALCULATE = "Task_CalculateIslets";
  public static final String TASK_RELEASE_TESTS = "Task_RecordReleaseTests";
  public static final String TASK_ALLOCATE = "Task_AllocateProduct";
  public static final String TASK_DECIDE_RELEASE = "Task_DecideRelease";
  public static final String TASK_DELIVER = "Task_DeliverProduct";
  public static final String TASK_DISCARD = "Task_DiscardProduct";
  public static final String END_RELEASED = "End_ProductReleased";
  public static final String END_DISCARDED = "End_ProductDiscarded";

  private IsletIsolationVariables() {
  }
}

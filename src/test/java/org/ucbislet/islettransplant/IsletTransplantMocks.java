package org.ucbislet.islettransplant;

import org.camunda.bpm.engine.test.mock.Mocks;
import org.ucbislet.safety.AdverseEventReviews;
import org.ucbislet.safety.OpenReviewedAdverseEventDelegate;

/** The beans bpmn/islet-transplant.bpmn names, registered for the plain process tests (one place for every test). */
public final class IsletTransplantMocks {

  private IsletTransplantMocks() {
  }

  public static void register(IsletSettings settings) {
    Mocks.register("isletSettings", settings);
    Mocks.register("enterIsletWaitingListDelegate", new EnterIsletWaitingListDelegate());
    Mocks.register("registerIsletProductDelegate", new RegisterIsletProductDelegate());
    Mocks.register("scheduleIsletFollowUpDelegate", new ScheduleIsletFollowUpDelegate(settings));
    Mocks.register("computeMonthsSinceInfusionDelegate", new ComputeMonthsSinceInfusionDelegate());
    Mocks.register("registerFurtherInfusionDelegate", new RegisterFurtherInfusionDelegate());
    Mocks.register("recordPortalPressureListener", new RecordPortalPressureListener());
    Mocks.register("checkPortalAccessDecisionListener", new CheckPortalAccessDecisionListener());
    Mocks.register("checkHeparinDoseListener", new CheckHeparinDoseListener());
    Mocks.register("adverseEventReviews", new AdverseEventReviews());
    Mocks.register("openReviewedAdverseEventDelegate", new OpenReviewedAdverseEventDelegate());
    Mocks.register("checkBasiliximabDoseListener", new CheckBasiliximabDoseListener(settings));
    Mocks.register("checkIsletWeighingListener", new CheckIsletWeighingListener(org.ucbislet.clinical.DosingWeightSettings.defaults()));
  }
}

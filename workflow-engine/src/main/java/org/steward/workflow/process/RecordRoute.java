package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.request.RequestProgress;
import org.springframework.stereotype.Component;

/** Writes the route the decision table chose onto the request and into its audit trail. */
@Component("recordRoute")
@BuildingBlock
class RecordRoute implements JavaDelegate {

    private final RequestProgress progress;

    RecordRoute(RequestProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.recordRoute(execution.getProcessBusinessKey(),
                Boolean.TRUE.equals(execution.getVariable("privacyReviewRequired")),
                Boolean.TRUE.equals(execution.getVariable("agreementRequired")));
    }
}

package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.request.RequestParticipants;
import org.steward.workflow.request.RequestProgress;
import org.springframework.stereotype.Component;

/**
 * Writes the route the decision table chose onto the request and into its audit trail, and puts the privacy office
 * and the signatories on the request when the route needs them.
 */
@Component("recordRoute")
@BuildingBlock
class RecordRoute implements JavaDelegate {

    private final RequestProgress progress;
    private final RequestParticipants participants;
    private final Departments departments;
    private final String privacyGroup;

    RecordRoute(RequestProgress progress, RequestParticipants participants, Departments departments,
            ProcessSettings settings) {
        this.progress = progress;
        this.participants = participants;
        this.departments = departments;
        this.privacyGroup = settings.privacyGroup();
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        boolean privacyReview = Boolean.TRUE.equals(execution.getVariable("privacyReviewRequired"));
        boolean agreement = Boolean.TRUE.equals(execution.getVariable("agreementRequired"));
        progress.recordRoute(reference, privacyReview, agreement);
        if (privacyReview) {
            participants.addGroup(reference, privacyGroup);
        }
        if (agreement) {
            for (String code : departments.list((String) execution.getVariable("owningDepartments"))) {
                participants.addPerson(reference, departments.signatory(code));
            }
            progress.recipientDepartment(reference)
                    .ifPresent(code -> participants.addPerson(reference, departments.signatory(code)));
        }
    }
}

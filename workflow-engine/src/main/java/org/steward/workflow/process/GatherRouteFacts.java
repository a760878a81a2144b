package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.request.RequestParticipants;
import org.steward.workflow.request.RequestProgress;
import org.steward.workflow.request.RouteFacts;
import org.springframework.stereotype.Component;

/**
 * Starts a review round: puts the facts of the request's current text into the process (as plain strings and
 * booleans) and puts the owning departments' stewards and custodians on the request.
 */
@Component("gatherRouteFacts")
@BuildingBlock
class GatherRouteFacts implements JavaDelegate {

    private final RequestProgress progress;
    private final RequestParticipants participants;
    private final CatalogService catalog;

    GatherRouteFacts(RequestProgress progress, RequestParticipants participants, CatalogService catalog) {
        this.progress = progress;
        this.participants = participants;
        this.catalog = catalog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        RouteFacts facts = progress.routeFacts(reference);
        execution.setVariable("highestClassification", facts.highestClassification().name());
        execution.setVariable("anyPii", facts.anyPii());
        execution.setVariable("recipientType", facts.recipientType().name());
        execution.setVariable("owningDepartments", String.join(",", facts.owningDepartments()));
        Object round = execution.getVariable("round");
        execution.setVariable("round", round instanceof Integer r ? r + 1 : 1);
        for (String code : facts.owningDepartments()) {
            catalog.department(code).ifPresent(department -> {
                participants.addGroup(reference, department.getStewardGroup());
                participants.addGroup(reference, department.getCustodianGroup());
            });
        }
    }
}

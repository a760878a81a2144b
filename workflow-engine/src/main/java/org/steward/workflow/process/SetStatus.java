package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestProgress;
import org.steward.workflow.request.RequestStatus;
import org.springframework.stereotype.Component;

/**
 * Sets the request's status from the input parameter {@code status}; an unknown status shows as IN_REVIEW with the
 * step's name beside it, so a step an admin adds still reads well.
 */
@Component("setStatus")
@BuildingBlock
class SetStatus implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SetStatus.class);

    private final RequestProgress progress;

    SetStatus(RequestProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object value = execution.getVariable("status");
        if (value == null) {
            throw new StewardProblem(StewardProblem.Kind.MISCONFIGURED, "The step \""
                    + execution.getCurrentActivityName() + "\" sets a status but names none (input parameter status).");
        }
        RequestStatus status;
        String step = null;
        try {
            status = RequestStatus.valueOf(value.toString().trim());
        } catch (IllegalArgumentException notOneOfOurs) {
            status = RequestStatus.IN_REVIEW;
            step = value.toString().trim();
        }
        progress.changeStatus(execution.getProcessBusinessKey(), status, step);
        // The engine names the request in the line's context (EngineLogContext), on whichever thread runs the step.
        log.info("Status now {}{}", status, step == null ? "" : " (" + step + ")");
    }
}

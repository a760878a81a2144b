package org.steward.workflow.task;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who took the decision on a task and from where, for what acts on it as the engine completes the task (a signature's
 * evidence, the links to void). Needs nothing of the engine, so the model's building blocks may use it.
 */
@Component
public class RecordedDecisions {

    private final DecisionRepository decisions;

    RecordedDecisions(DecisionRepository decisions) {
        this.decisions = decisions;
    }

    /** The decision recorded on a task; empty for a task completed outside Steward's pages, API and links. */
    @Transactional(readOnly = true)
    public Optional<Decided> on(String taskId) {
        return decisions.findByTaskId(taskId).map(d -> new Decided(d.getActor(), d.getClientIp(), d.getUserAgent(),
                d.getActionLinkId()));
    }

    /** Who decided on a task, from which address and browser, and the action link it came through, if any. */
    public record Decided(String actor, String clientIp, String userAgent, Long actionLinkId) {
    }
}

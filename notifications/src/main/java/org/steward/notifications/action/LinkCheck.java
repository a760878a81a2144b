package org.steward.notifications.action;

import java.time.Instant;
import org.steward.workflow.task.HistoryEntry;

/**
 * What an action link is for and whether it can still be used, for the page that opens it.
 *
 * @param decided the decision taken on the task, once someone (this person or another) took it
 */
public record LinkCheck(State state, String reference, String taskId, String taskName, String personId,
        String personName, String decision, String decisionLabel, boolean needsReason, Instant expiresAt,
        Instant usedAt, String voidReason, HistoryEntry decided) {

    /** What can be done with a link. */
    public enum State {
        /** It can be confirmed. */
        VALID,
        /** It was confirmed already. */
        USED,
        EXPIRED,
        /** Its task was completed by someone, cancelled or given to someone else, or its email never went out. */
        VOIDED,
        /** Its person is no longer one of those the task waits for. */
        NOT_YOURS,
        /** No link has this token: mistyped, cut short or made up. */
        NOT_FOUND;

        /** Whether the link is dead for good: it answers 410 Gone. */
        public boolean gone() {
            return this == USED || this == EXPIRED || this == VOIDED;
        }
    }

    static LinkCheck notFound() {
        return new LinkCheck(State.NOT_FOUND, null, null, null, null, null, null, null, false, null, null, null, null);
    }
}

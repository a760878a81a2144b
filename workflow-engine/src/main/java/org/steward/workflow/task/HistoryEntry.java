package org.steward.workflow.task;

import java.time.Instant;

/** One step of a request's timeline: who did what, when, and through which channel. */
public record HistoryEntry(Instant time, String actor, String actorName, String step, String stepName,
        String outcome, String comment, String channel) {
}

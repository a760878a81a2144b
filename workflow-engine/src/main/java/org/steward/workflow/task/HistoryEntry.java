package org.steward.workflow.task;

import java.time.Instant;

/**
 * One step of a request's timeline: who did what, when, and through which channel; the outcome also in the words of
 * the step's model (null when there are none), so that a step an admin added reads as its form names its decisions.
 */
public record HistoryEntry(Instant time, String actor, String actorName, String step, String stepName,
        String outcome, String comment, String channel, String outcomeLabel) {
}

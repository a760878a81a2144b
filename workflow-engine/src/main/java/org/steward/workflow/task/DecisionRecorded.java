package org.steward.workflow.task;

/**
 * Published inside the transaction that recorded a decision on a task, however it was taken (portal, API, email link,
 * Cockpit).
 *
 * @param step the task's definition key, as in the model
 * @param outcome the decision taken ({@code completed} for a task with no decision field)
 * @param channel {@code web}, {@code email} or {@code api}
 */
public record DecisionRecorded(String reference, String step, String outcome, String channel) {
}

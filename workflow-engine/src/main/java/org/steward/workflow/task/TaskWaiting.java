package org.steward.workflow.task;

/** Published inside the transaction that created a user task; notifications turn it into email. */
public record TaskWaiting(String requestReference, String taskId, String taskDefinitionKey, String taskName) {
}

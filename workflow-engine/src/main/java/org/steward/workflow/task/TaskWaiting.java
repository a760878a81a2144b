package org.steward.workflow.task;

/** Published inside the transaction that created a user task; notifications turn it into email. */
public record TaskWaiting(String requestReference, String taskId, String taskDefinitionKey, String taskName,
        String assignee, java.util.List<String> candidateUsers, java.util.List<String> candidateGroups) {
}

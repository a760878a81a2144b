package org.steward.workflow.task;

import java.time.Instant;
import java.util.List;

/** An open task as a person sees it: what it is, for which request, who may act, and its form. */
public record TaskView(String id, String name, String taskDefinitionKey, String requestReference,
        List<String> candidateGroups, String assignee, Instant created, Instant due, List<FormFieldView> fields) {

    /** One field of a task's form; an enum field lists its values. */
    public record FormFieldView(String id, String label, String type, boolean required, List<Option> values) {
    }

    /** A value of an enum field and its label. */
    public record Option(String id, String name) {
    }
}

package org.steward.workflow.task;

import java.util.List;

/**
 * Published when a waiting task's reminder or escalation timer fires: which request, which step, and the people
 * and groups to tell.
 */
public record ReminderDue(Kind kind, String requestReference, String step, String department, List<String> people,
        List<String> groups) {

    /** A reminder goes to those the task waits for; an escalation to those above them. */
    public enum Kind { REMINDER, ESCALATION }

    public ReminderDue {
        people = List.copyOf(people);
        groups = List.copyOf(groups);
    }
}

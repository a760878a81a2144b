package org.steward.workflow.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.request.RequestParticipants;
import org.steward.workflow.task.ReminderDue;
import org.springframework.stereotype.Component;

/** Reads who a reminder or escalation is for from the step's input parameters, and records that it was sent. */
@Component
class ReminderRecipients {

    private final RequestParticipants participants;
    private final AuditTrail audit;

    ReminderRecipients(RequestParticipants participants, AuditTrail audit) {
        this.participants = participants;
        this.audit = audit;
    }

    ReminderDue reminder(ReminderDue.Kind kind, DelegateExecution execution) {
        String person = text(execution.getVariable("notifyPerson"));
        String group = text(execution.getVariable("notifyGroup"));
        ReminderDue due = new ReminderDue(kind, execution.getProcessBusinessKey(), text(execution.getVariable("step")),
                text(execution.getVariable("department")), person == null ? List.of() : List.of(person),
                group == null ? List.of() : List.of(group));
        audit.record(due.requestReference(), AuditEventType.valueOf(kind.name()), AuditTrail.SYSTEM, null,
                new AuditDetail.Reminder(due.step(), due.department(), List.copyOf(due.people()),
                        List.copyOf(due.groups())));
        return due;
    }

    void putOnRequest(ReminderDue due) {
        due.people().forEach(p -> participants.addPerson(due.requestReference(), p));
        due.groups().forEach(g -> participants.addGroup(due.requestReference(), g));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}

package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.task.ReminderDue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells those above a task that it waits too long (input parameters {@code step}, and {@code notifyGroup} or
 * {@code notifyPerson}: a department's director, or the admins), and puts them on the request so they can see it.
 */
@Component("escalate")
@BuildingBlock
class Escalate implements JavaDelegate {

    private final ApplicationEventPublisher events;
    private final ReminderRecipients recipients;

    Escalate(ApplicationEventPublisher events, ReminderRecipients recipients) {
        this.events = events;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReminderDue escalation = recipients.reminder(ReminderDue.Kind.ESCALATION, execution);
        recipients.putOnRequest(escalation);
        events.publishEvent(escalation);
    }
}

package org.steward.workflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.steward.workflow.task.ReminderDue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Reminds those a task waits for (input parameters {@code step}, and {@code notifyGroup} or {@code notifyPerson}). */
@Component("sendReminder")
@BuildingBlock
class SendReminder implements JavaDelegate {

    private final ApplicationEventPublisher events;
    private final ReminderRecipients recipients;

    SendReminder(ApplicationEventPublisher events, ReminderRecipients recipients) {
        this.events = events;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        events.publishEvent(recipients.reminder(ReminderDue.Kind.REMINDER, execution));
    }
}

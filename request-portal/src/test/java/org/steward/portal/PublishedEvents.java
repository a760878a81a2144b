package org.steward.portal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.steward.workflow.agreement.AgreementExpiring;
import org.steward.workflow.comment.CommentPosted;
import org.steward.workflow.request.RequestStatusChanged;
import org.steward.workflow.task.ReminderDue;
import org.steward.workflow.task.TaskWaiting;

/**
 * Collects the events the engine's building blocks publish for notifications (a task waiting, a reminder due, a
 * status changed, an agreement expiring), so tests can see who would be told. A bean of the shared test context
 * (found by component scanning like the application's own), never replaced per test class; tests read the events
 * of their own request only.
 */
@Component
public class PublishedEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void taskWaiting(TaskWaiting event) {
        events.add(event);
    }

    @EventListener
    void reminderDue(ReminderDue event) {
        events.add(event);
    }

    @EventListener
    void statusChanged(RequestStatusChanged event) {
        events.add(event);
    }

    @EventListener
    void agreementExpiring(AgreementExpiring event) {
        events.add(event);
    }

    @EventListener
    void commentPosted(CommentPosted event) {
        events.add(event);
    }

    public List<CommentPosted> commentsPostedOn(String reference) {
        return of(CommentPosted.class).stream().filter(e -> reference.equals(e.reference())).toList();
    }

    public List<ReminderDue> remindersOf(String reference) {
        return of(ReminderDue.class).stream().filter(e -> reference.equals(e.requestReference())).toList();
    }

    public List<TaskWaiting> tasksWaitingOn(String reference) {
        return of(TaskWaiting.class).stream().filter(e -> reference.equals(e.requestReference())).toList();
    }

    public List<RequestStatusChanged> statusChangesOf(String reference) {
        return of(RequestStatusChanged.class).stream().filter(e -> reference.equals(e.reference())).toList();
    }

    public List<AgreementExpiring> expiringAgreementsOf(String reference) {
        return of(AgreementExpiring.class).stream().filter(e -> reference.equals(e.requestReference())).toList();
    }

    private <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package org.steward.notifications.action;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Kills a task's action links the moment the task is completed (by anyone, from any channel), cancelled, or given
 * to someone else, in the same transaction: no old email can act on it afterwards.
 */
@Component
class ActionLinkVoider {

    private final ActionLinks links;

    ActionLinkVoider(ActionLinks links) {
        this.links = links;
    }

    @EventListener
    public void onTaskEvent(DelegateTask task) {
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_COMPLETE -> links.voidForTask(task.getId(), ActionLinks.COMPLETED);
            case TaskListener.EVENTNAME_DELETE -> links.voidForTask(task.getId(), ActionLinks.CANCELLED);
            case TaskListener.EVENTNAME_ASSIGNMENT -> {
                if (task.getAssignee() != null) {
                    links.voidForOthersThan(task.getId(), task.getAssignee());
                }
            }
            default -> { }
        }
    }
}

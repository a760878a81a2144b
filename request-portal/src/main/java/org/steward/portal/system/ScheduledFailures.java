package org.steward.portal.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * A scheduled task (the email sender's look at its outbox, every second) that finds the database away logs one line
 * saying so, not a stack trace a second; it runs again at its next turn, and works again once the database is back.
 */
@Component
class ScheduledFailures implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledFailures.class);

    @Override
    public void customize(ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(failure -> {
            if (DatabaseAway.causedBy(failure)) {
                log.warn("A scheduled task cannot reach the database; it tries again at its next turn: {}",
                        DatabaseAway.reason(failure));
            } else {
                log.error("Unexpected error occurred in scheduled task", failure);
            }
        });
    }
}

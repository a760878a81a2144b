package org.steward.portal.monitoring;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxBacklog;

/**
 * Whether emails go out in time: an email due longer than {@code steward.health.outbox-max-wait} without being sent
 * makes the outbox OUT_OF_SERVICE (no node is sending: none has a mail server or mailbox set, or senders are stuck or
 * far behind). Emails waiting for a retry after a failed try are not due yet; the mail server's check shows those.
 */
@Component("emailOutboxHealthIndicator")
class EmailOutboxHealth implements HealthIndicator {

    private final EmailOutbox outbox;
    private final Duration maxWait;

    EmailOutboxHealth(EmailOutbox outbox, HealthSettings settings) {
        this.outbox = outbox;
        this.maxWait = settings.outboxMaxWait();
    }

    @Override
    public Health health() {
        OutboxBacklog backlog = outbox.backlog();
        Duration waited = backlog.longestWait();
        Health.Builder health = waited.compareTo(maxWait) > 0 ? Health.outOfService().withDetail("message",
                "Emails are late: one has waited " + Words.duration(waited) + " to be sent (at most "
                        + Words.duration(maxWait) + " is fine, steward.health.outbox-max-wait). Check the mail "
                        + "server's health and the nodes' logs for \"Email\".")
                : Health.up().withDetail("message", backlog.due() == 0 ? "No email is waiting to be sent."
                        : backlog.due() + (backlog.due() == 1 ? " email is" : " emails are") + " being sent; the "
                                + "oldest has waited " + Words.duration(waited) + ".");
        return health.withDetail("emailsWaiting", backlog.queued()).withDetail("emailsDue", backlog.due())
                .withDetail("emailsFailed", backlog.failed()).build();
    }
}

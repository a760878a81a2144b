package org.steward.notifications.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * How the outbox stands: emails waiting to go out and those every try of which failed.
 *
 * @param readAt when it was read
 * @param queued emails waiting to be sent, first tries and retries alike
 * @param due those of them whose time to be tried has come
 * @param oldestDueSince when the email that has been due longest fell due; null when none is due
 * @param failed emails every try of which failed, waiting for an admin to send them again
 */
public record OutboxBacklog(Instant readAt, long queued, long due, Instant oldestDueSince, long failed) {

    /** How long the email that has been due longest has waited to be sent; zero when none is due. */
    public Duration longestWait() {
        return oldestDueSince == null || oldestDueSince.isAfter(readAt) ? Duration.ZERO
                : Duration.between(oldestDueSince, readAt);
    }
}

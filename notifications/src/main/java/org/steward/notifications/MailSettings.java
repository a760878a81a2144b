package org.steward.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Steward sends email ({@code steward.mail.*}): the sender's address, how long action links live, when a
 * failed email is tried again, how often the outbox is read, and whether the in-app mailbox keeps a copy.
 *
 * @param from the From header
 * @param linkValidity how long an action link can be used
 * @param retryDelays the waits after the first, second, … failed try; after the last one the email is failed
 * @param pollMillis how often the sender looks for emails to send
 * @param claimFor how long a node holds an email it is sending before another node may take it over
 * @param batchSize how many emails one look at the outbox sends at most, over one SMTP connection
 * @param mailbox keep every email in the in-app mailbox; unset means: only on the demo city with no SMTP server
 */
@ConfigurationProperties("steward.mail")
public record MailSettings(
        @DefaultValue("Steward <steward@example.org>") String from,
        @DefaultValue("7d") Duration linkValidity,
        @DefaultValue({"5s", "30s", "2m", "10m", "30m", "1h", "2h", "4h"}) List<Duration> retryDelays,
        @DefaultValue("1000") long pollMillis,
        @DefaultValue("10m") Duration claimFor,
        @DefaultValue("20") int batchSize,
        Boolean mailbox) {

    public MailSettings {
        retryDelays = List.copyOf(retryDelays);
    }

    /**
     * Whether emails land in the in-app mailbox: when set so, or, unset, only on the demo city with no SMTP server,
     * where it stands in for everyone's inbox. Anywhere else it is off unless an admin turns it on.
     */
    public boolean mailboxOn(boolean smtp, boolean demo) {
        return mailbox == null ? demo && !smtp : mailbox;
    }

    /** How many tries an email gets in all. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /**
     * When an email whose try number {@code attempt} (counted from 1) just failed is tried again; empty when that was
     * its last try and it is failed for good.
     */
    public Optional<Instant> nextTry(int attempt, Instant failedAt) {
        int tried = Math.max(attempt, 1);
        return tried >= maxAttempts() ? Optional.empty() : Optional.of(failedAt.plus(retryDelays.get(tried - 1)));
    }
}

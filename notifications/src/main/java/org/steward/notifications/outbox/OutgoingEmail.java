package org.steward.notifications.outbox;

import java.time.Instant;

/**
 * An email ready to go: the outbox row it comes from, its recipient, subject and both bodies, and when it was queued
 * (with the row's id, it makes the email's Message-ID, the same at every try).
 */
public record OutgoingEmail(long emailId, String recipient, String address, String subject, String text,
        String html, Instant queuedAt) {

    /** An email whose Message-ID the mail library makes up. */
    public OutgoingEmail(long emailId, String recipient, String address, String subject, String text, String html) {
        this(emailId, recipient, address, subject, text, html, null);
    }
}

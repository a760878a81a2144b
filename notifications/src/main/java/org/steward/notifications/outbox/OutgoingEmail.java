package org.steward.notifications.outbox;

/** An email ready to go: the outbox row it comes from, its recipient, subject and both bodies. */
public record OutgoingEmail(long emailId, String recipient, String address, String subject, String text,
        String html) {
}

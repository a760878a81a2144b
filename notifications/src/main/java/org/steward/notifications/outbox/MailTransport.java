package org.steward.notifications.outbox;

/** Where sent emails go: a real SMTP server, or the in-app mailbox of the embedded default. */
public interface MailTransport {

    /** Hands the email over; throws when it could not be, so that the outbox tries again later. */
    void deliver(OutgoingEmail email) throws Exception;
}

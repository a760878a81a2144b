package org.steward.notifications.outbox;

/**
 * Published inside the transaction that records how one try to send an email went.
 *
 * @param emailId the outbox row
 * @param sent whether the email went out
 * @param failedForGood whether it failed on its last try and now waits for an admin to send it again
 */
public record EmailSettled(long emailId, boolean sent, boolean failedForGood) {
}

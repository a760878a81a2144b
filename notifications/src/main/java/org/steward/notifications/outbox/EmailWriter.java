package org.steward.notifications.outbox;

/** Makes the text of an outbox email as it is sent (with fresh action links), or says why it has no point now. */
public interface EmailWriter {

    /** The email ready to go, or a reason to skip it. */
    Written write(OutboxEmail email);

    /** The email could not be handed over: whatever was made for it (its action links) must die with it. */
    void unsent(long emailId);

    /** Either an email or the reason it is skipped. */
    record Written(OutgoingEmail email, String skipped) {

        public static Written skip(String why) {
            return new Written(null, why);
        }
    }
}

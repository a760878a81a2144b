package org.steward.notifications.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where sent emails go: a real SMTP server, or the in-app mailbox of the embedded default. */
public interface MailTransport {

    /** Hands the email over; throws when it could not be, so that the outbox tries again later. */
    void deliver(OutgoingEmail email) throws Exception;

    /**
     * Hands several emails over (on one connection where the transport has connections); answers those that could
     * not be, by outbox id, each with its reason. The others were handed over.
     */
    default Map<Long, Exception> deliverAll(List<OutgoingEmail> emails) {
        Map<Long, Exception> failed = new LinkedHashMap<>();
        for (OutgoingEmail email : emails) {
            try {
                deliver(email);
            } catch (Exception failure) {
                failed.put(email.emailId(), failure);
            }
        }
        return failed;
    }
}

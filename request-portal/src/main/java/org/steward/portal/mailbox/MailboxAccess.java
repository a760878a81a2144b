package org.steward.portal.mailbox;

import org.steward.notifications.outbox.EmailSender;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may open the in-app mailbox, and whether it receives emails at all (as {@code @mailboxAccess} in templates):
 * admins always; anyone logged in only on the demo city, where every demo person reads their own emails there.
 */
@Component
public class MailboxAccess {

    private final EmailSender sender;
    private final CurrentPerson currentPerson;
    private final boolean demo;
    private final String smtpHost;

    MailboxAccess(EmailSender sender, CurrentPerson currentPerson, @Value("${steward.demo-data:false}") boolean demo,
            @Value("${spring.mail.host:}") String smtpHost) {
        this.sender = sender;
        this.currentPerson = currentPerson;
        this.demo = demo;
        this.smtpHost = smtpHost;
    }

    /** Whether the person logged in may open the mailbox (and so sees it in the menu). */
    public boolean mayOpen(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return false;
        }
        return demo || PeopleService.isAdmin(currentPerson.of(authentication));
    }

    /** Whether emails land here; when not, they go to the SMTP server only. */
    public boolean receiving() {
        return sender.transports().contains("mailbox");
    }

    /** The SMTP server emails go to, as set in {@code spring.mail.host}; empty when none is set. */
    public String smtpHost() {
        return smtpHost == null ? "" : smtpHost;
    }
}

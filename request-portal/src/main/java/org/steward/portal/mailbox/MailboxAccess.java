package org.steward.portal.mailbox;

import java.util.List;
import org.steward.notifications.SiteSettings;
import org.steward.notifications.outbox.EmailSender;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may open the in-app mailbox, whether it receives emails, and whether it stands in for outside partners' inboxes
 * (as {@code @mailboxAccess} in templates). Where it receives emails, everyone logged in reads their own there;
 * admins may open it anyway, to read what came before. It stands in for partners only on the demo city with no mail
 * server: nowhere else may anyone use a partner's signing link from it.
 */
@Component
public class MailboxAccess {

    private final EmailSender sender;
    private final CurrentPerson currentPerson;
    private final boolean demo;
    private final String smtpHost;

    MailboxAccess(EmailSender sender, CurrentPerson currentPerson, SiteSettings site,
            @Value("${spring.mail.host:}") String smtpHost) {
        this.sender = sender;
        this.currentPerson = currentPerson;
        this.demo = site.demoData();
        this.smtpHost = smtpHost == null ? "" : smtpHost.strip();
    }

    /** Whether the person logged in may open the mailbox (and so sees it in the menu). */
    public boolean mayOpen(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return false;
        }
        return receiving() || PeopleService.isAdmin(currentPerson.of(authentication));
    }

    /** Whether emails land here; when not, they go to the SMTP server only, or wait in the outbox. */
    public boolean receiving() {
        return sender.transports().contains("mailbox");
    }

    /**
     * Whether the mailbox is the inbox of outside partners' signatories, who have no account, so that anyone logged in
     * reads their emails with working signing links: on the demo city with no mail server, and only there.
     */
    public boolean standsInForPartners() {
        return demo && sender.transports().equals(List.of("mailbox"));
    }

    /** The SMTP server emails go to, as set in {@code spring.mail.host}; empty when none is set. */
    public String smtpHost() {
        return smtpHost;
    }
}

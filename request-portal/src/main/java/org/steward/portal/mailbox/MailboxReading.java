package org.steward.portal.mailbox;

import java.time.Instant;
import java.util.List;
import org.steward.notifications.mailbox.DevMailbox;
import org.steward.notifications.mailbox.MailboxMessage;
import org.steward.notifications.outbox.EmailKind;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The only way the mailbox pages read emails: a person's own (and, on the demo city, outside partners') come as
 * sent; anyone else's, which only admins see, come with every action and signing link replaced by a note naming
 * whose it is. Someone who may not open the mailbox, or an email, gets "not found".
 */
@Component
class MailboxReading {

    private final DevMailbox mailbox;
    private final MailboxAccess access;
    private final CurrentPerson currentPerson;
    private final PeopleService people;
    private final LinkRemover remover;

    MailboxReading(DevMailbox mailbox, MailboxAccess access, CurrentPerson currentPerson, PeopleService people,
            LinkRemover remover) {
        this.mailbox = mailbox;
        this.access = access;
        this.currentPerson = currentPerson;
        this.people = people;
        this.remover = remover;
    }

    /** One line of the mailbox; {@code links} says in words whether its links work here. */
    record Row(long id, String to, String subject, Instant sentAt, String links) {
    }

    /**
     * One email as its reader may see it.
     *
     * @param removedFor whose links were taken out; null when they work for the reader
     */
    record Letter(long id, String to, String subject, Instant sentAt, String text, String html, String removedFor) {
    }

    /** Who reads, with their email address; admins see everyone's emails. */
    Person reader(Authentication authentication) {
        if (!access.mayOpen(authentication)) {
            throw StewardProblem.notFound("The mailbox");
        }
        return people.find(authentication.getName()).orElseGet(() -> currentPerson.of(authentication));
    }

    List<Row> newest(Person reader, int max) {
        return mailbox.newest(reader, access.standsInForPartners(), max).stream().map(seen -> {
            MailboxMessage m = seen.message();
            return new Row(m.getId(), to(m), m.getSubject(), m.getSentAt(), links(reader, seen));
        }).toList();
    }

    Letter letter(Authentication authentication, long id) {
        Person reader = reader(authentication);
        DevMailbox.Seen seen = mailbox.message(reader, access.standsInForPartners(), id)
                .orElseThrow(() -> StewardProblem.notFound("Email " + id));
        MailboxMessage m = seen.message();
        if (seen.linksWork()) {
            return new Letter(m.getId(), to(m), m.getSubject(), m.getSentAt(), m.getBodyText(), m.getBodyHtml(), null);
        }
        String owner = owner(m);
        return new Letter(m.getId(), to(m), m.getSubject(), m.getSentAt(), remover.text(m.getBodyText(), owner),
                remover.html(m.getBodyHtml(), owner), owner);
    }

    private String links(Person reader, DevMailbox.Seen seen) {
        MailboxMessage m = seen.message();
        if (!LinkRemover.hasLinks(m.getBodyText()) && !LinkRemover.hasLinks(m.getBodyHtml())) {
            return "None";
        }
        if (!seen.linksWork()) {
            return "Removed: only " + owner(m) + " can use them";
        }
        boolean toTheReader = !partner(m) || m.getAddress().equalsIgnoreCase(reader.email());
        return toTheReader ? "Yours to use" : "Usable here: this mailbox is the partner's inbox on the demo city";
    }

    /** Who may use an email's links: the person it was sent to, or an outside signatory's address. */
    private String owner(MailboxMessage message) {
        return partner(message) ? message.getAddress() : people.displayName(message.getRecipient());
    }

    private String to(MailboxMessage message) {
        String name = partner(message) ? "Outside partner's signatory" : people.displayName(message.getRecipient());
        return (name == null ? message.getRecipient() : name) + " <" + message.getAddress() + ">";
    }

    private static boolean partner(MailboxMessage message) {
        return EmailKind.PARTNER_RECIPIENT.equals(message.getRecipient());
    }
}

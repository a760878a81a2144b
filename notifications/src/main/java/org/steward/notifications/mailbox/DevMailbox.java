package org.steward.notifications.mailbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.MailTransport;
import org.steward.notifications.outbox.OutgoingEmail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app mailbox: where it is on, emails land here as sent, links and all. A person reads their own emails with
 * working links; admins read everyone's for support, but never through someone else's links (see {@link Seen}); on
 * the demo city it also stands in for outside partners' inboxes, who have no account.
 */
@Service
public class DevMailbox implements MailTransport {

    private final MailboxMessageRepository messages;
    private final PeopleService people;
    private final Clock clock;

    DevMailbox(MailboxMessageRepository messages, PeopleService people, Clock clock) {
        this.messages = messages;
        this.people = people;
        this.clock = clock;
    }

    /**
     * One email as its reader may see it.
     *
     * @param linksWork whether its action and signing links are the reader's to use: their own email, or an outside
     *     partner's where the mailbox stands in for partners; when not, whatever shows it must remove them
     */
    public record Seen(MailboxMessage message, boolean linksWork) {
    }

    @Override
    @Transactional
    public void deliver(OutgoingEmail email) {
        messages.save(new MailboxMessage(email.emailId(), email.recipient(), email.address(), email.subject(),
                email.text(), email.html(), clock.instant()));
    }

    /**
     * The newest messages the person may read: everyone's for admins, else their own and, where the mailbox stands in
     * for partners, outside partners' emails. The reader must come with their email address.
     */
    @Transactional(readOnly = true)
    public List<Seen> newest(Person reader, boolean partners, int max) {
        List<MailboxMessage> found = PeopleService.isAdmin(reader)
                ? messages.findAllByOrderByIdDesc(PageRequest.of(0, max))
                : messages.findOpenTo(reader.id(), reader.email(), partners, EmailKind.PARTNER_RECIPIENT,
                        PageRequest.of(0, max));
        return found.stream().map(m -> seen(reader, partners, m)).flatMap(Optional::stream).toList();
    }

    /** One message, if the person may read it, and whether its links are theirs. */
    @Transactional(readOnly = true)
    public Optional<Seen> message(Person reader, boolean partners, long id) {
        return messages.findById(id).flatMap(m -> seen(reader, partners, m));
    }

    private Optional<Seen> seen(Person reader, boolean partners, MailboxMessage message) {
        if (own(reader, message) || partners && toAPartner(message)) {
            return Optional.of(new Seen(message, true));
        }
        return PeopleService.isAdmin(reader) ? Optional.of(new Seen(message, false)) : Optional.empty();
    }

    /**
     * Sent to the person: an account's email by its user id (never by address, which another account may share), an
     * outside signatory's by the address, when it is the reader's. "partner" marks outside signatories and is nobody's
     * id here.
     */
    private static boolean own(Person reader, MailboxMessage message) {
        boolean toPartner = EmailKind.PARTNER_RECIPIENT.equals(message.getRecipient());
        boolean byId = !toPartner && reader.id().equals(message.getRecipient());
        boolean byAddress = toPartner && reader.email() != null && !reader.email().isBlank()
                && reader.email().strip().equalsIgnoreCase(message.getAddress());
        return byId || byAddress;
    }

    /** To an outside partner's signatory whose address is no account's: that account's links stay its own. */
    private boolean toAPartner(MailboxMessage message) {
        return EmailKind.PARTNER_RECIPIENT.equals(message.getRecipient())
                && !people.anyoneWithEmail(message.getAddress());
    }
}

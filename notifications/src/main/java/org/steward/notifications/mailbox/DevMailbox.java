package org.steward.notifications.mailbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.steward.notifications.outbox.MailTransport;
import org.steward.notifications.outbox.OutgoingEmail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app mailbox: with no SMTP server configured, every email lands here (links and all), so a city can walk
 * the email journey with nothing installed. Admins read every message; others their own, where the mailbox is on.
 */
@Service
public class DevMailbox implements MailTransport {

    private final MailboxMessageRepository messages;
    private final Clock clock;

    DevMailbox(MailboxMessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void deliver(OutgoingEmail email) {
        messages.save(new MailboxMessage(email.emailId(), email.recipient(), email.address(), email.subject(),
                email.text(), email.html(), clock.instant()));
    }

    /** The newest messages the person may read: all of them for admins, their own for anyone else. */
    @Transactional(readOnly = true)
    public List<MailboxMessage> newest(Person reader, int max) {
        return PeopleService.isAdmin(reader) ? messages.findAllByOrderByIdDesc(PageRequest.of(0, max))
                : messages.findByRecipientOrderByIdDesc(reader.id(), PageRequest.of(0, max));
    }

    /** One message, if the person may read it. */
    @Transactional(readOnly = true)
    public Optional<MailboxMessage> message(Person reader, long id) {
        return messages.findById(id)
                .filter(m -> PeopleService.isAdmin(reader) || m.getRecipient().equals(reader.id()));
    }
}

package org.steward.notifications.mailbox;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** The in-app mailbox's messages. */
interface MailboxMessageRepository extends JpaRepository<MailboxMessage, Long> {

    List<MailboxMessage> findAllByOrderByIdDesc(Pageable page);

    List<MailboxMessage> findByRecipientOrderByIdDesc(String recipient, Pageable page);
}

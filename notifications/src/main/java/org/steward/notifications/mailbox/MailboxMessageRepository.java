package org.steward.notifications.mailbox;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The in-app mailbox's messages. */
interface MailboxMessageRepository extends JpaRepository<MailboxMessage, Long> {

    List<MailboxMessage> findAllByOrderByIdDesc(Pageable page);

    /**
     * Emails to a person (an account's by user id; an outside signatory's by the address), and to outside partners
     * when asked; newest first.
     */
    @Query("select m from MailboxMessage m where (m.recipient = :person and m.recipient <> :partner)"
            + " or (m.recipient = :partner and lower(m.address) = lower(:address))"
            + " or (:partners = true and m.recipient = :partner) order by m.id desc")
    List<MailboxMessage> findOpenTo(@Param("person") String person, @Param("address") String address,
            @Param("partners") boolean partners, @Param("partner") String partner, Pageable page);
}

package org.steward.notifications.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The outbox's rows. */
interface OutboxEmailRepository extends JpaRepository<OutboxEmail, Long> {

    @Query("select e.id from OutboxEmail e where e.status = 'PENDING' and e.nextAttemptAt <= :now"
            + " and (e.claimedUntil is null or e.claimedUntil < :now) order by e.nextAttemptAt, e.id")
    List<Long> due(@Param("now") Instant now, Pageable page);

    /** Takes an email for one node: the condition is checked again under the row's lock, so only one node wins. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update OutboxEmail e set e.claimedBy = :node, e.claimedUntil = :until, e.attempts = e.attempts + 1"
            + " where e.id = :id and e.status = 'PENDING' and e.nextAttemptAt <= :now"
            + " and (e.claimedUntil is null or e.claimedUntil < :now)")
    int claim(@Param("id") long id, @Param("node") String node, @Param("now") Instant now,
            @Param("until") Instant until);

    List<OutboxEmail> findByStatusInOrderByIdDesc(Collection<OutboxEmail.Status> statuses, Pageable page);

    List<OutboxEmail> findAllByOrderByIdDesc(Pageable page);

    List<OutboxEmail> findByRequestReferenceOrderByIdAsc(String reference);

    long countByStatus(OutboxEmail.Status status);

    /**
     * Per status (pending and failed only): how many emails, how many of them are due by then, and the earliest time
     * one of them is or was due. One aggregate over the (status, next_attempt_at) index.
     */
    @Query("select e.status, count(e), sum(case when e.nextAttemptAt <= :now then 1 else 0 end), min(e.nextAttemptAt)"
            + " from OutboxEmail e where e.status in ('PENDING', 'FAILED') group by e.status")
    List<Object[]> backlog(@Param("now") Instant now);
}

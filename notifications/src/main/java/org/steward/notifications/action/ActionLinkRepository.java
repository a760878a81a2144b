package org.steward.notifications.action;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The action links' rows, found by the hash of their token. */
interface ActionLinkRepository extends JpaRepository<ActionLink, Long> {

    // Written out rather than derived: Hibernate caches a query string's plan, not a derived (Criteria) query's.
    @Query("select l from ActionLink l where l.tokenHash = :tokenHash")
    Optional<ActionLink> findByTokenHash(@Param("tokenHash") String tokenHash);

    @Query("select count(l) > 0 from ActionLink l where l.tokenHash = :tokenHash")
    boolean existsByTokenHash(@Param("tokenHash") String tokenHash);

    /** What became of a link: used, voided and why. */
    interface Fate {
        Instant getUsedAt();

        Instant getVoidedAt();

        String getVoidReason();
    }

    /** Read from the database each time, not from a link already loaded in this transaction. */
    @Query("select l.usedAt as usedAt, l.voidedAt as voidedAt, l.voidReason as voidReason from ActionLink l"
            + " where l.id = :id")
    Fate fateOf(@Param("id") long id);

    /** Uses a link once: under the row's lock, so two confirmations of one link cannot both succeed. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ActionLink l set l.usedAt = :now where l.id = :id and l.usedAt is null and l.voidedAt is null"
            + " and l.expiresAt > :now")
    int use(@Param("id") long id, @Param("now") Instant now);

    @Modifying(flushAutomatically = true)
    @Query("update ActionLink l set l.voidedAt = :now, l.voidReason = :reason"
            + " where l.taskId = :taskId and l.usedAt is null and l.voidedAt is null")
    int voidForTask(@Param("taskId") String taskId, @Param("now") Instant now, @Param("reason") String reason);

    /** As {@link #voidForTask}, but for the one link whose confirmation completes the task. */
    @Modifying(flushAutomatically = true)
    @Query("update ActionLink l set l.voidedAt = :now, l.voidReason = :reason"
            + " where l.taskId = :taskId and l.id <> :linkId and l.usedAt is null and l.voidedAt is null")
    int voidForTaskExceptLink(@Param("taskId") String taskId, @Param("linkId") long linkId, @Param("now") Instant now,
            @Param("reason") String reason);

    @Modifying(flushAutomatically = true)
    @Query("update ActionLink l set l.voidedAt = :now, l.voidReason = :reason"
            + " where l.taskId = :taskId and l.personId <> :personId and l.usedAt is null and l.voidedAt is null")
    int voidForTaskExcept(@Param("taskId") String taskId, @Param("personId") String personId,
            @Param("now") Instant now, @Param("reason") String reason);

    @Modifying(flushAutomatically = true)
    @Query("update ActionLink l set l.voidedAt = :now, l.voidReason = :reason"
            + " where l.emailId = :emailId and l.usedAt is null and l.voidedAt is null")
    int voidForEmail(@Param("emailId") long emailId, @Param("now") Instant now, @Param("reason") String reason);
}

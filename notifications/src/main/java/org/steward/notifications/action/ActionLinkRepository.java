package org.steward.notifications.action;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The action links' rows, found by the hash of their token. */
interface ActionLinkRepository extends JpaRepository<ActionLink, Long> {

    Optional<ActionLink> findByTokenHash(String tokenHash);

    /** Uses a link once: under the row's lock, so two confirmations of one link cannot both succeed. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update ActionLink l set l.usedAt = :now where l.id = :id and l.usedAt is null and l.voidedAt is null"
            + " and l.expiresAt > :now")
    int use(@Param("id") long id, @Param("now") Instant now);

    @Modifying(flushAutomatically = true)
    @Query("update ActionLink l set l.voidedAt = :now, l.voidReason = :reason"
            + " where l.taskId = :taskId and l.usedAt is null and l.voidedAt is null")
    int voidForTask(@Param("taskId") String taskId, @Param("now") Instant now, @Param("reason") String reason);

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

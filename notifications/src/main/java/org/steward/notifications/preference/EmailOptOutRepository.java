package org.steward.notifications.preference;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The status emails people turned off. */
interface EmailOptOutRepository extends JpaRepository<EmailOptOut, EmailOptOut.Key> {

    // Written out rather than derived: Hibernate caches a query string's plan, not a derived (Criteria) query's.
    @Query("select o from EmailOptOut o where o.personId = :personId")
    List<EmailOptOut> findByPersonId(@Param("personId") String personId);

    @Query("select count(o) > 0 from EmailOptOut o where o.personId = :personId and o.topic = :topic")
    boolean existsByPersonIdAndTopic(@Param("personId") String personId, @Param("topic") StatusTopic topic);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from EmailOptOut o where o.personId = :personId")
    void deleteByPerson(@Param("personId") String personId);
}

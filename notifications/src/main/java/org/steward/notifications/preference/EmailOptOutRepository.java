package org.steward.notifications.preference;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The status emails people turned off. */
interface EmailOptOutRepository extends JpaRepository<EmailOptOut, EmailOptOut.Key> {

    List<EmailOptOut> findByPersonId(String personId);

    boolean existsByPersonIdAndTopic(String personId, StatusTopic topic);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from EmailOptOut o where o.personId = :personId")
    void deleteByPerson(@Param("personId") String personId);
}

package org.steward.workflow.request;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** Who is on which request. */
interface RequestParticipantRepository extends JpaRepository<RequestParticipant, Long> {

    // Written out: see DepartmentRepository.
    @Query("select p from RequestParticipant p where p.requestId = :requestId")
    List<RequestParticipant> findByRequestId(@Param("requestId") Long requestId);

    @Query("select count(p) > 0 from RequestParticipant p"
            + " where p.requestId = :requestId and p.kind = :kind and p.name = :name")
    boolean existsByRequestIdAndKindAndName(@Param("requestId") Long requestId,
            @Param("kind") RequestParticipant.Kind kind, @Param("name") String name);
}

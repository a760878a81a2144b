package org.steward.workflow.request;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored data requests. */
public interface DataRequestRepository extends JpaRepository<DataRequest, Long> {

    Optional<DataRequest> findByReference(String reference);

    /** The requests a person may see: their own, and those they or their groups are on. */
    @Query("""
            select r from DataRequest r
            where (:everything = true
                   or r.requester = :userId
                   or exists (select p from RequestParticipant p where p.requestId = r.id
                              and ((p.kind = org.steward.workflow.request.RequestParticipant.Kind.USER and p.name = :userId)
                                   or (p.kind = org.steward.workflow.request.RequestParticipant.Kind.GROUP and p.name in :groups))))
              and (:status is null or r.status = :status)
            order by r.createdAt desc, r.id desc
            """)
    List<DataRequest> findVisible(@Param("userId") String userId, @Param("groups") Collection<String> groups,
            @Param("everything") boolean everything, @Param("status") RequestStatus status);
}

package org.steward.workflow.request;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Who is on which request. */
interface RequestParticipantRepository extends JpaRepository<RequestParticipant, Long> {

    List<RequestParticipant> findByRequestId(Long requestId);

    boolean existsByRequestIdAndKindAndName(Long requestId, RequestParticipant.Kind kind, String name);
}

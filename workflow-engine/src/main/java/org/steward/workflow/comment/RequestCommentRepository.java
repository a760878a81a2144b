package org.steward.workflow.comment;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The comment threads of requests, read in the order comments were posted. */
interface RequestCommentRepository extends JpaRepository<RequestComment, Long> {

    List<RequestComment> findByRequestReferenceOrderByIdAsc(String requestReference);
}

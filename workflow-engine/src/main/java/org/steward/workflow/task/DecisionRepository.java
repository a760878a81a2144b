package org.steward.workflow.task;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored decisions, by request and by task. */
public interface DecisionRepository extends JpaRepository<Decision, Long> {

    List<Decision> findByRequestReferenceOrderByDecidedAtAscIdAsc(String requestReference);

    Optional<Decision> findByTaskId(String taskId);
}

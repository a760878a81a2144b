package org.steward.workflow.task;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** Stored decisions, by request and by task. */
public interface DecisionRepository extends JpaRepository<Decision, Long> {

    List<Decision> findByRequestReferenceOrderByDecidedAtAscIdAsc(String requestReference);

    // Written out: see DepartmentRepository.
    @Query("select d from Decision d where d.taskId = :taskId")
    Optional<Decision> findByTaskId(@Param("taskId") String taskId);
}

package org.steward.workflow.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** Departments by their code. */
public interface DepartmentRepository extends JpaRepository<Department, Long> {

    // Queries written out rather than derived from the name: Hibernate caches the plan of a query string, and
    // retranslates a derived (Criteria) query on every call; these lookups run on every request and task.
    @Query("select d from Department d where d.code = :code")
    Optional<Department> findByCode(@Param("code") String code);
}

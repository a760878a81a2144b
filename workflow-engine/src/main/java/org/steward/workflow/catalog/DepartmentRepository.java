package org.steward.workflow.catalog;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Departments by their code. */
public interface DepartmentRepository extends JpaRepository<Department, Long> {

    Optional<Department> findByCode(String code);
}

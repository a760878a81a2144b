package org.steward.workflow.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;

/** The catalogue's datasets. */
public interface DatasetRepository extends JpaRepository<Dataset, Long> {

    // Written out, with the department fetched in the same query: see DepartmentRepository.
    @Query("select d from Dataset d join fetch d.department where d.code = :code")
    Optional<Dataset> findByCode(@Param("code") String code);

    @Query("select d from Dataset d join fetch d.department where d.code in :codes")
    List<Dataset> findByCodeIn(@Param("codes") Collection<String> codes);

    List<Dataset> findAllByOrderByCode();
}

package org.steward.workflow.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The catalogue's datasets. */
public interface DatasetRepository extends JpaRepository<Dataset, Long> {

    Optional<Dataset> findByCode(String code);

    List<Dataset> findByCodeIn(Collection<String> codes);

    List<Dataset> findAllByOrderByCode();
}

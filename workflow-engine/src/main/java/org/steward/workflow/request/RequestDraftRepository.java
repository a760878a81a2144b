package org.steward.workflow.request;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored drafts, always read through their owner. */
interface RequestDraftRepository extends JpaRepository<RequestDraft, Long> {

    @Query("""
            select d from RequestDraft d where d.owner = :owner
              and (:pattern is null or lower(d.title) like :pattern escape '!')
            order by d.updatedAt desc, d.id desc
            """)
    List<RequestDraft> findOwned(@Param("owner") String owner, @Param("pattern") String pattern);
}

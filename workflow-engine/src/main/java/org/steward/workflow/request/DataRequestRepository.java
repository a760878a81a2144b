package org.steward.workflow.request;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored data requests. */
public interface DataRequestRepository extends JpaRepository<DataRequest, Long> {

    // Written out: see DepartmentRepository. Read on nearly every call of the API and every page.
    @Query("select r from DataRequest r where r.reference = :reference")
    Optional<DataRequest> findByReference(@Param("reference") String reference);

    /** The requests that renew the one with this reference, oldest first. */
    List<DataRequest> findByRenewalOfOrderByCreatedAtAscIdAsc(String reference);

    Page<DataRequest> findByRequesterAndStatusInOrderByCreatedAtDescIdDesc(String requester,
            Collection<RequestStatus> statuses, Pageable page);

    /** The requests a person may see: their own, and those they or their groups are on. */
    @Query("select r from DataRequest r " + VISIBLE + """
              and (:status is null or r.status = :status)
            order by r.createdAt desc, r.id desc
            """)
    List<DataRequest> findVisible(@Param("userId") String userId, @Param("groups") Collection<String> groups,
            @Param("everything") boolean everything, @Param("status") RequestStatus status);

    /** The reference and title of each request named, in one query. */
    @Query("select r.reference, r.title from DataRequest r where r.reference in :references")
    List<Object[]> findTitles(@Param("references") Collection<String> references);

    /** The requests a person may see, as {@link #findVisible}, that have a data-sharing agreement. */
    @Query("select r from DataRequest r " + VISIBLE + """
              and exists (select a from DataSharingAgreement a where a.requestReference = r.reference)
            """)
    List<DataRequest> findVisibleWithAgreement(@Param("userId") String userId,
            @Param("groups") Collection<String> groups, @Param("everything") boolean everything);

    /**
     * The same visibility as {@link #findVisible}, one page at a time, in the order the pageable says: the requests a
     * person may see, with a status (or any) and a text (a lower-case LIKE pattern with escape character !, or null)
     * found in the reference or the title.
     */
    @Query(value = "select new org.steward.workflow.request.RequestSummary(r.reference, r.title, r.status, "
            + "r.statusStep, r.requester, r.createdAt, r.updatedAt) from DataRequest r " + VISIBLE_PAGE_WHERE,
            countQuery = "select count(r) from DataRequest r " + VISIBLE_PAGE_WHERE)
    Page<RequestSummary> findVisiblePage(@Param("userId") String userId, @Param("groups") Collection<String> groups,
            @Param("everything") boolean everything, @Param("status") RequestStatus status,
            @Param("pattern") String pattern, Pageable pageable);

    /** Who may see a request: everyone who sees everything, its requester, and the people and groups on it. */
    String VISIBLE = """
            where (:everything = true
                   or r.requester = :userId
                   or exists (select p from RequestParticipant p where p.requestId = r.id
                              and ((p.kind = org.steward.workflow.request.RequestParticipant.Kind.USER and p.name = :userId)
                                   or (p.kind = org.steward.workflow.request.RequestParticipant.Kind.GROUP and p.name in :groups))))
            """;

    /** The conditions of {@link #findVisiblePage}: findVisible's visibility, a status, a text. */
    String VISIBLE_PAGE_WHERE = VISIBLE + """
              and (:status is null or r.status = :status)
              and (:pattern is null or lower(r.reference) like :pattern escape '!' or lower(r.title) like :pattern escape '!')
            """;
}

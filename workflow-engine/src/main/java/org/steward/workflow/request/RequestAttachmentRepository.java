package org.steward.workflow.request;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored attachments; lists never read the bytes. */
interface RequestAttachmentRepository extends JpaRepository<RequestAttachment, Long> {

    String INFO = "select new org.steward.workflow.request.AttachmentInfo(a.id, a.fileName, a.contentType, "
            + "a.sizeBytes, a.uploadedBy, a.uploadedAt) from RequestAttachment a ";

    @Query(INFO + "where a.requestReference = :reference order by a.id")
    List<AttachmentInfo> infoOfRequest(@Param("reference") String reference);

    @Query(INFO + "where a.draftId = :draftId order by a.id")
    List<AttachmentInfo> infoOfDraft(@Param("draftId") Long draftId);

    long countByRequestReference(String reference);

    long countByDraftId(Long draftId);

    @Modifying(flushAutomatically = true)
    @Query("update RequestAttachment a set a.requestReference = :reference, a.draftId = null where a.draftId = :draftId")
    int moveDraftToRequest(@Param("draftId") Long draftId, @Param("reference") String reference);

    @Modifying(flushAutomatically = true)
    @Query("delete from RequestAttachment a where a.draftId = :draftId")
    int deleteOfDraft(@Param("draftId") Long draftId);

    @Modifying(flushAutomatically = true)
    @Query("delete from RequestAttachment a where a.draftId = :draftId and a.id in :ids")
    int deleteOfDraft(@Param("draftId") Long draftId, @Param("ids") List<Long> ids);
}

package org.steward.workflow.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A file attached to a draft or to a submitted request; its bytes are kept apart, in pieces ({@link AttachmentChunks}).
 */
@Entity
@Table(name = "request_attachment")
class RequestAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_reference")
    private String requestReference;
    @Column(name = "draft_id")
    private Long draftId;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "size_bytes")
    private long sizeBytes;
    @Column(name = "uploaded_by")
    private String uploadedBy;
    @Column(name = "uploaded_at")
    private Instant uploadedAt;

    protected RequestAttachment() {
    }

    RequestAttachment(String requestReference, Long draftId, String fileName, String contentType, long sizeBytes,
            String uploadedBy, Instant uploadedAt) {
        this.requestReference = requestReference;
        this.draftId = draftId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    Long getId() { return id; }
    String getRequestReference() { return requestReference; }
    Long getDraftId() { return draftId; }
    String getFileName() { return fileName; }
    String getContentType() { return contentType; }
    long getSizeBytes() { return sizeBytes; }

    /** The size as stored, when it differs from the size the upload announced. */
    void stored(long bytes) {
        this.sizeBytes = bytes;
    }
}

package org.steward.workflow.request;

import java.time.Instant;
import java.util.Locale;

/** A file attached to a request or a draft, without its bytes. */
public record AttachmentInfo(Long id, String fileName, String contentType, long sizeBytes, String uploadedBy,
        Instant uploadedAt) {

    /** The size as a person reads it: "840 bytes", "12.5 KB", "3.2 MB". */
    public String readableSize() {
        return RequestAttachments.readable(sizeBytes);
    }

    /** What kind of file it is, in words: "PDF", "Word document" … */
    public String kind() {
        return RequestAttachments.kindOf(fileName).map(k -> k.words).orElse(contentType.toUpperCase(Locale.ROOT));
    }
}

package org.steward.portal.request;

import java.nio.charset.StandardCharsets;
import org.steward.portal.system.CurrentPerson;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestAttachments;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Downloads of attached files: a request's for whoever may see the request, a draft's for its owner; anything else
 * answers 404 as a file that does not exist. Files are always sent as downloads, never shown in the page.
 */
@Controller
class RequestAttachmentController {

    private final RequestAttachments attachments;
    private final CurrentPerson currentPerson;

    RequestAttachmentController(RequestAttachments attachments, CurrentPerson currentPerson) {
        this.attachments = attachments;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/requests/{reference}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> ofRequest(@PathVariable String reference, @PathVariable String attachmentId,
            Authentication authentication) {
        return send(attachments.download(currentPerson.of(authentication), reference, id(attachmentId)));
    }

    @GetMapping("/requests/drafts/{draftId}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> ofDraft(@PathVariable String draftId, @PathVariable String attachmentId,
            Authentication authentication) {
        return send(attachments.downloadFromDraft(currentPerson.of(authentication), id(draftId), id(attachmentId)));
    }

    /** Sent as it is read from the database, piece by piece. */
    private static ResponseEntity<InputStreamResource> send(RequestAttachments.Download file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(file.fileName()))
                .cacheControl(CacheControl.noStore())
                .contentLength(file.size())
                .body(new InputStreamResource(file.content()));
    }

    /** A download named as it was uploaded: plainly when the name is ASCII, else in UTF-8 as RFC 6266 says. */
    static String disposition(String fileName) {
        boolean plain = fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        ContentDisposition.Builder builder = ContentDisposition.attachment();
        return (plain ? builder.filename(fileName) : builder.filename(fileName, StandardCharsets.UTF_8)).build()
                .toString();
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw StewardProblem.notFound("Attachment " + value);
        }
    }
}

package org.steward.workflow.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files attached to requests and drafts: which kinds and sizes are accepted, who may read them (whoever may see the
 * request, through the one access policy; a draft's only its owner), and who may add them.
 */
@Service
public class RequestAttachments {

    /** The largest file accepted: 10 MB (stored in pieces, so no server setting limits it). */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** The most files a request (or a draft) may have. */
    public static final int MAX_FILES = 10;
    /** The file name endings accepted, as an HTML file input's {@code accept} attribute takes them. */
    public static final String ACCEPT = ".pdf,.docx,.xlsx,.csv,.txt,.png,.jpg,.jpeg";
    /** The limits in words, for a form to show before anyone uploads. */
    public static final String LIMITS = "PDF, Word (DOCX), Excel (XLSX), CSV, plain text (TXT), PNG or JPEG files, "
            + "up to 10 MB each and " + MAX_FILES + " files per request.";

    /** A file as it arrives from a form: its size, and its bytes to read as a stream (a form's file on disk). */
    public record Upload(String fileName, String contentType, long size, InputStreamSource content) {

        /** A file already in memory. */
        public Upload(String fileName, String contentType, byte[] bytes) {
            this(fileName, contentType, bytes == null ? 0 : bytes.length,
                    new ByteArrayResource(bytes == null ? new byte[0] : bytes));
        }

        /** The first bytes, at most {@code max}, to tell what kind of file it is. */
        byte[] head(int max) {
            try (InputStream in = content.getInputStream()) {
                return in.readNBytes(max);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("An uploaded file could not be read", unreadable);
            }
        }
    }

    /** A file as it is sent back: its name, its type, its size, and its bytes as a stream read piece by piece. */
    public record Download(String fileName, String contentType, long size, InputStream content) {
    }

    /** A kind of file accepted, by its name's ending, and how its first bytes look. */
    enum Kind {
        PDF("application/pdf", "PDF", bytes("%PDF-")),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (DOCX)",
                new byte[] {'P', 'K', 3, 4}),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook (XLSX)",
                new byte[] {'P', 'K', 3, 4}),
        CSV("text/csv", "CSV", null),
        TXT("text/plain", "Plain text", null),
        PNG("image/png", "PNG image", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
        JPEG("image/jpeg", "JPEG image", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

        final String contentType;
        final String words;
        private final byte[] magic;

        Kind(String contentType, String words, byte[] magic) {
            this.contentType = contentType;
            this.words = words;
            this.magic = magic;
        }

        /** Whether the first bytes (at least 64 KB, or all) look like this kind of file: its signature, or no NUL. */
        boolean matches(byte[] content) {
            if (magic == null) {
                for (int i = 0; i < Math.min(content.length, HEAD_BYTES); i++) {
                    if (content[i] == 0) {
                        return false;
                    }
                }
                return true;
            }
            return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** How much of a file its kind is judged by. */
    private static final int HEAD_BYTES = 64 * 1024;

    private static final Map<String, Kind> BY_ENDING = Map.of("pdf", Kind.PDF, "docx", Kind.DOCX, "xlsx", Kind.XLSX,
            "csv", Kind.CSV, "txt", Kind.TXT, "png", Kind.PNG, "jpg", Kind.JPEG, "jpeg", Kind.JPEG);

    private final RequestAttachmentRepository attachments;
    private final AttachmentChunks chunks;
    private final RequestDraftRepository drafts;
    private final RequestService requests;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Clock clock;

    RequestAttachments(RequestAttachmentRepository attachments, AttachmentChunks chunks, RequestDraftRepository drafts,
            RequestService requests, AccessPolicy access, AuditTrail audit, Clock clock) {
        this.attachments = attachments;
        this.chunks = chunks;
        this.drafts = drafts;
        this.requests = requests;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is wrong with a file, in plain words, or nothing if it is accepted. */
    public Optional<String> problemWith(Upload upload) {
        String name = cleanName(upload.fileName());
        if (FieldLimit.ATTACHMENT_NAME.exceededBy(name)) {
            return Optional.of("The file name \u201c" + name.substring(0, 40) + "\u2026\u201d is "
                    + name.length() + " characters long; names can be up to " + FieldLimit.ATTACHMENT_NAME.max()
                    + ". Rename the file and attach it again.");
        }
        Optional<Kind> kind = kindOf(name);
        if (kind.isEmpty()) {
            return Optional.of("\u201c" + name + "\u201d is not a kind of file we accept. Attach " + LIMITS);
        }
        if (upload.size() <= 0) {
            return Optional.of("\u201c" + name + "\u201d is empty. Choose the file again, or a file that has content.");
        }
        Optional<String> tooLarge = tooLarge(name, upload.size());
        if (tooLarge.isPresent()) {
            return tooLarge;
        }
        if (!kind.get().matches(upload.head(HEAD_BYTES))) {
            return Optional.of("\u201c" + name + "\u201d is named like a " + kind.get().words
                    + " file but is not one inside. Save it again as " + kind.get().words + " and attach it once more.");
        }
        return Optional.empty();
    }

    /** Whether a file is too large, by its size alone: a form checks this before it reads the file's bytes. */
    public Optional<String> tooLarge(String fileName, long size) {
        if (size <= MAX_BYTES) {
            return Optional.empty();
        }
        return Optional.of("\u201c" + cleanName(fileName) + "\u201d is " + readable(size)
                + ": files can be up to 10 MB each. Make it smaller (for a PDF, save it at a lower quality) or "
                + "split it into parts.");
    }

    /** The files of a request, for whoever may see the request (else 404, as for a request that does not exist). */
    @Transactional(readOnly = true)
    public List<AttachmentInfo> ofRequest(Person person, String reference) {
        requests.visible(person, reference);
        return attachments.infoOfRequest(reference);
    }

    /**
     * One file of a request with its bytes, for whoever may see the request; a file of another request, or of a
     * request the person may not see, answers 404 as one that does not exist.
     */
    @Transactional(readOnly = true)
    public Download download(Person person, String reference, long attachmentId) {
        requests.visible(person, reference);
        RequestAttachment attachment = attachments.findById(attachmentId)
                .filter(a -> reference.equals(a.getRequestReference()))
                .orElseThrow(() -> StewardProblem.notFound("Attachment " + attachmentId + " of request " + reference));
        return download(attachment);
    }

    /** The files of a draft, for its owner only. */
    @Transactional(readOnly = true)
    public List<AttachmentInfo> ofDraft(Person owner, long draftId) {
        return attachments.infoOfDraft(ownedDraft(owner, draftId).getId());
    }

    /** One file of a draft with its bytes, for the draft's owner only. */
    @Transactional(readOnly = true)
    public Download downloadFromDraft(Person owner, long draftId, long attachmentId) {
        RequestDraft draft = ownedDraft(owner, draftId);
        RequestAttachment attachment = attachments.findById(attachmentId)
                .filter(a -> draft.getId().equals(a.getDraftId()))
                .orElseThrow(() -> StewardProblem.notFound("Attachment " + attachmentId));
        return download(attachment);
    }

    private Download download(RequestAttachment attachment) {
        return new Download(attachment.getFileName(), attachment.getContentType(), attachment.getSizeBytes(),
                chunks.read(attachment.getId()));
    }

    /**
     * The requester adds files to their request while changes are requested (with a revision); the files stay with
     * the request for good and each is recorded in the audit trail.
     */
    @Transactional
    public List<AttachmentInfo> addToRequest(Person requester, String reference, List<Upload> uploads, String channel) {
        DataRequest request = requests.visible(requester, reference);
        if (!access.canActAsRequester(requester, request)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "Only the person who made request " + reference + " may add files to it.");
        }
        access.requireMayChange(requester);
        if (request.getStatus() != RequestStatus.CHANGES_REQUESTED) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "Files can be added to request " + reference
                    + " only while changes are requested.");
        }
        attachToRequest(requester, reference, uploads, channel);
        return attachments.infoOfRequest(reference);
    }

    /** Checks every file and how many there would be; throws INVALID on the field "attachments". */
    void check(List<Upload> uploads, long alreadyThere) {
        for (Upload upload : uploads) {
            problemWith(upload).ifPresent(problem -> {
                throw StewardProblem.invalid(Map.of("attachments", problem));
            });
        }
        if (alreadyThere + uploads.size() > MAX_FILES) {
            throw StewardProblem.invalid(Map.of("attachments", "A request can have up to " + MAX_FILES
                    + " files. Remove some, or put several documents into one PDF."));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void attachToRequest(Person person, String reference, List<Upload> uploads, String channel) {
        check(uploads, attachments.countByRequestReference(reference));
        for (Upload upload : uploads) {
            RequestAttachment saved = store(new RequestAttachment(reference, null, cleanName(upload.fileName()),
                    kindOf(cleanName(upload.fileName())).orElseThrow().contentType, upload.size(), person.id(),
                    clock.instant()), upload);
            audit.record(reference, AuditEventType.ATTACHMENT_ADDED, person.id(), channel, new AuditDetail.FileAttached(
                    saved.getFileName(), saved.getSizeBytes(), readable(saved.getSizeBytes())));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void attachToDraft(Person owner, RequestDraft draft, List<Upload> uploads) {
        check(uploads, attachments.countByDraftId(draft.getId()));
        for (Upload upload : uploads) {
            store(new RequestAttachment(null, draft.getId(), cleanName(upload.fileName()),
                    kindOf(cleanName(upload.fileName())).orElseThrow().contentType, upload.size(), owner.id(),
                    clock.instant()), upload);
        }
    }

    /** Saves the file's row, then its bytes piece by piece as they are read; the row keeps the size stored. */
    private RequestAttachment store(RequestAttachment attachment, Upload upload) {
        RequestAttachment saved = attachments.saveAndFlush(attachment);
        try (InputStream in = upload.content().getInputStream()) {
            long stored = chunks.store(saved.getId(), in);
            if (stored != saved.getSizeBytes()) {
                saved.stored(stored);
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("An uploaded file could not be read", unreadable);
        }
        return saved;
    }

    /** Moves a draft's files to the request it became, recording each in the audit trail. */
    @Transactional(propagation = Propagation.MANDATORY)
    void moveDraftToRequest(Person person, Long draftId, String reference, String channel) {
        List<AttachmentInfo> moving = attachments.infoOfDraft(draftId);
        attachments.moveDraftToRequest(draftId, reference);
        for (AttachmentInfo file : moving) {
            audit.record(reference, AuditEventType.ATTACHMENT_ADDED, person.id(), channel, new AuditDetail.FileAttached(
                    file.fileName(), file.sizeBytes(), readable(file.sizeBytes())));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void removeFromDraft(Long draftId, Collection<Long> attachmentIds) {
        // A form's blank "remove" box binds as null: it names no file.
        List<Long> named = attachmentIds == null ? List.of()
                : attachmentIds.stream().filter(Objects::nonNull).toList();
        if (!named.isEmpty()) {
            attachments.deleteOfDraft(draftId, named);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void deleteOfDraft(Long draftId) {
        attachments.deleteOfDraft(draftId);
    }

    List<AttachmentInfo> listOfDraft(Long draftId) {
        return attachments.infoOfDraft(draftId);
    }

    long countOfDraft(Long draftId) {
        return attachments.countByDraftId(draftId);
    }

    private RequestDraft ownedDraft(Person owner, long draftId) {
        return drafts.findById(draftId).filter(d -> d.getOwner().equals(owner.id()))
                .orElseThrow(() -> StewardProblem.notFound("Draft " + draftId));
    }

    /** The kind of file a name says it is, by its ending. */
    static Optional<Kind> kindOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(BY_ENDING.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The name without any folder a browser sent or control characters; a name too long is refused, not cut. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        return name.isEmpty() ? "attachment" : name;
    }

    static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

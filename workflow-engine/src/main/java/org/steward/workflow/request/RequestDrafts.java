package org.steward.workflow.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts of requests: saved as typed, without validation, seen and changed only by the person who started them, and
 * submitted (with their files) as a request once they are complete.
 */
@Service
public class RequestDrafts {

    /** The largest draft kept, in bytes of JSON: under MySQL's 64 KB TEXT whatever the characters typed. */
    static final int MAX_JSON_BYTES = 60_000;

    /** A draft as its owner reopens it. */
    public record Draft(Long id, String owner, DraftText content, List<AttachmentInfo> attachments,
            Instant createdAt, Instant updatedAt) {
    }

    /** A draft in a list: its title (null until one is typed) and when it was last saved. */
    public record Summary(Long id, String title, Instant createdAt, Instant updatedAt) {
    }

    private final RequestDraftRepository drafts;
    private final RequestAttachments attachments;
    private final RequestService requests;
    private final RequestValidator validator;
    private final AccessPolicy access;
    private final ObjectMapper json;
    private final Clock clock;

    RequestDrafts(RequestDraftRepository drafts, RequestAttachments attachments, RequestService requests,
            RequestValidator validator, AccessPolicy access, ObjectMapper json, Clock clock) {
        this.drafts = drafts;
        this.attachments = attachments;
        this.requests = requests;
        this.validator = validator;
        this.access = access;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Saves the form as it is, checked only for files: a new draft when {@code draftId} is null, else the owner's
     * draft (404 for anyone else's). Files ticked for removal go, new files are added.
     */
    @Transactional
    public Draft save(Person owner, Long draftId, DraftText content, List<RequestAttachments.Upload> uploads,
            Collection<Long> removeAttachments) {
        access.requireMayChange(owner);
        checkLengths(content);
        String contentJson = write(content);
        RequestDraft draft = draftId == null ? new RequestDraft(owner.id(), clock.instant()) : owned(owner, draftId);
        draft.keep(content.title(), contentJson, clock.instant());
        draft = drafts.save(draft);
        attachments.removeFromDraft(draft.getId(), removeAttachments);
        attachments.attachToDraft(owner, draft, uploads == null ? List.of() : uploads);
        return view(draft);
    }

    /** The owner's draft; anyone else's answers 404, as a draft that does not exist. */
    @Transactional(readOnly = true)
    public Draft open(Person owner, long draftId) {
        return view(owned(owner, draftId));
    }

    /** The person's drafts, last saved first. */
    @Transactional(readOnly = true)
    public List<Summary> of(Person owner) {
        return search(owner, null);
    }

    /** The person's drafts whose title contains the text (any case), last saved first. */
    @Transactional(readOnly = true)
    public List<Summary> search(Person owner, String text) {
        return drafts.findOwned(owner.id(), likePattern(text)).stream()
                .map(d -> new Summary(d.getId(), d.getTitle(), d.getCreatedAt(), d.getUpdatedAt())).toList();
    }

    /** Deletes the owner's draft and its files. */
    @Transactional
    public void delete(Person owner, long draftId) {
        access.requireMayChange(owner);
        RequestDraft draft = owned(owner, draftId);
        attachments.deleteOfDraft(draft.getId());
        drafts.delete(draft);
    }

    /**
     * Submits a request, from a draft or straight from the form: checks the files, submits the text (which
     * validates it and starts the process), gives the request the draft's files and the new ones, and deletes the
     * draft. All or nothing: when anything is refused, the draft stays as it was.
     */
    @Transactional
    public DataRequest submit(Person requester, Long draftId, RequestText text,
            List<RequestAttachments.Upload> uploads, Collection<Long> removeAttachments, String channel) {
        return submit(requester, draftId, text, uploads, removeAttachments, channel, null);
    }

    /** Submits as above, as a renewal of the request {@code renewalOf} when it is not blank. */
    @Transactional
    public DataRequest submit(Person requester, Long draftId, RequestText text,
            List<RequestAttachments.Upload> uploads, Collection<Long> removeAttachments, String channel,
            String renewalOf) {
        access.requireMayChange(requester);
        List<RequestAttachments.Upload> files = uploads == null ? List.of() : uploads;
        RequestDraft draft = draftId == null ? null : owned(requester, draftId);
        if (draft != null) {
            attachments.removeFromDraft(draft.getId(), removeAttachments);
        }
        attachments.check(files, draft == null ? 0 : attachments.countOfDraft(draft.getId()));
        DataRequest request = requests.submit(requester, text, channel, renewalOf);
        if (draft != null) {
            attachments.moveDraftToRequest(requester, draft.getId(), request.getReference(), channel);
            drafts.delete(draft);
        }
        attachments.attachToRequest(requester, request.getReference(), files, channel);
        return request;
    }

    /** Checks a request's text as a submission would, without submitting: throws INVALID with every field error. */
    public void check(RequestText text) {
        validator.check(text);
    }

    /** A draft is not checked for what is missing, but what it keeps must fit where a request keeps it. */
    private static void checkLengths(DraftText content) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        RequestValidator.checkLengths(errors, new RequestText(content.title(), content.purpose(),
                content.legalBasis(), content.datasets(), content.recipient(), content.frequency(),
                content.deliveryMethod(), content.retention(), content.securityControls(), null, null));
        if (!errors.isEmpty()) {
            throw StewardProblem.invalid(errors);
        }
    }

    private RequestDraft owned(Person owner, long draftId) {
        return drafts.findById(draftId).filter(d -> d.getOwner().equals(owner.id()))
                .orElseThrow(() -> StewardProblem.notFound("Draft " + draftId));
    }

    private Draft view(RequestDraft draft) {
        return new Draft(draft.getId(), draft.getOwner(), read(draft.getContentJson()),
                attachments.listOfDraft(draft.getId()),
                draft.getCreatedAt(), draft.getUpdatedAt());
    }

    private String write(DraftText content) {
        try {
            String text = json.writeValueAsString(content);
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_JSON_BYTES) {
                throw StewardProblem.invalid(Map.of("draft", "This draft is too long to save. Shorten the longest "
                        + "answers (purpose, security controls) and save again."));
            }
            return text;
        } catch (JsonProcessingException unlikely) {
            throw new IllegalStateException("A draft could not be written as JSON", unlikely);
        }
    }

    private DraftText read(String contentJson) {
        try {
            return contentJson == null ? DraftText.empty() : json.readValue(contentJson, DraftText.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("A stored draft could not be read", unreadable);
        }
    }

    /** A LIKE pattern for text anywhere, lower case, with % and _ taken literally (escape character !). */
    static String likePattern(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}

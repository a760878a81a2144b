package org.steward.workflow.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.task.Channel;
import org.steward.workflow.task.Decision;
import org.steward.workflow.task.DecisionRepository;
import org.steward.workflow.task.Client;
import org.steward.workflow.task.Inbox;
import org.steward.workflow.task.TaskCommands;
import org.steward.workflow.task.TaskDecision;
import org.steward.workflow.task.TaskView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revising a request while changes are requested: what the reviewers asked, saving a revision, sending it round
 * again, and the summary of what changed that the next round's reviewers see.
 */
@Service
public class RequestRevisions {

    /** The decision of any step that sends a request back to its requester. */
    static final String CHANGES = "changes";
    /** The revise task's decision that sends the request round again. */
    static final String RESUBMIT = "resubmit";

    /** RequestService's field names in the audit trail, in the form's order, and what a person calls them. */
    static final Map<String, String> FIELD_WORDS;
    private static final List<String> ORDER;

    static {
        Map<String, String> words = new LinkedHashMap<>();
        words.put("title", "Title");
        words.put("purpose", "Purpose");
        words.put("legalBasis", "Legal basis or authority");
        words.put("datasets", "Datasets and elements");
        words.put("recipient", "Recipient");
        words.put("frequency", "How often");
        words.put("deliveryMethod", "Delivery method");
        words.put("retention", "Retention and destruction");
        words.put("securityControls", "Security controls");
        words.put("startDate", "Start date");
        words.put("endDate", "End date");
        words.put("attachments", "Attachments");
        FIELD_WORDS = Map.copyOf(words);
        ORDER = List.copyOf(words.keySet());
    }

    /** One decision of the round that sent the request back: who, at which step, what they decided and said. */
    public record ReviewerDecision(String actor, String actorName, String step, String stepName, String outcome,
            String comment, String conditions, Instant decidedAt) {

        /** Whether this is the decision that asked for changes. */
        public boolean askedForChanges() {
            return CHANGES.equals(outcome);
        }
    }

    /** A request open for revision by its requester, with what the reviewers asked and what changed so far. */
    public record Revising(DataRequest request, List<ReviewerDecision> reviewers, List<String> changedSoFar,
            List<AttachmentInfo> attachments) {
    }

    private final RequestService requests;
    private final Inbox inbox;
    private final TaskCommands commands;
    private final RequestAttachments attachments;
    private final AccessPolicy access;
    private final DecisionRepository decisions;
    private final AuditTrail audit;
    private final PeopleService people;

    RequestRevisions(RequestService requests, Inbox inbox, TaskCommands commands, RequestAttachments attachments,
            AccessPolicy access, DecisionRepository decisions, AuditTrail audit, PeopleService people) {
        this.requests = requests;
        this.inbox = inbox;
        this.commands = commands;
        this.attachments = attachments;
        this.access = access;
        this.decisions = decisions;
        this.audit = audit;
        this.people = people;
    }

    /**
     * What changed in the latest revision, for the reviewers of the round after it: the fields the requester changed
     * (in every save) since a reviewer last asked for changes, in plain words and in the form's order, such as
     * {@code ["Purpose", "End date", "Attachments"]}. Empty when changes were never asked for, or when the requester
     * sent the request round again without changing anything. It reads the audit trail's REVISED events (and files
     * attached), and does not check who may see the request: the caller shows it on a page that did.
     */
    @Transactional(readOnly = true)
    public List<String> lastRevisionChanges(String reference) {
        Map<String, Decision> byTask = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference).stream()
                .collect(Collectors.toMap(Decision::getTaskId, Function.identity(), (a, b) -> a));
        Set<String> changed = null;
        for (AuditEvent event : audit.of(reference)) {
            if ("TASK_COMPLETED".equals(event.getType()) && byTask.containsKey(event.getTaskId())
                    && CHANGES.equals(byTask.get(event.getTaskId()).getOutcome())) {
                changed = new LinkedHashSet<>();
            } else if (changed != null && event.getEventType() == AuditEventType.REVISED) {
                Set<String> into = changed;
                audit.detail(event, AuditDetail.Revised.class).ifPresent(revised -> into.addAll(revised.fields()));
            } else if (changed != null && event.getEventType() == AuditEventType.ATTACHMENT_ADDED) {
                changed.add("attachments");
            }
        }
        if (changed == null) {
            return List.of();
        }
        Set<String> found = changed;
        return ORDER.stream().filter(found::contains).map(FIELD_WORDS::get).toList();
    }

    /**
     * The request as its requester revises it: 404 if they may not see it, 403 if they did not make it, 409 unless
     * changes are requested.
     */
    @Transactional(readOnly = true)
    public Revising open(Person requester, String reference) {
        DataRequest request = revisable(requester, reference);
        return new Revising(request, lastRoundAskingForChanges(reference), lastRevisionChanges(reference),
                attachments.ofRequest(requester, reference));
    }

    /**
     * The decisions of the latest round that ended by asking for changes, in the order they were taken: the
     * approvals given before it, and the request for changes with its comment.
     */
    @Transactional(readOnly = true)
    public List<ReviewerDecision> lastRoundAskingForChanges(String reference) {
        List<Decision> all = decisions.findByRequestReferenceOrderByDecidedAtAscIdAsc(reference);
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (CHANGES.equals(all.get(i).getOutcome())) {
                last = i;
            }
        }
        if (last < 0) {
            return List.of();
        }
        int first = last;
        while (first > 0 && !RESUBMIT.equals(all.get(first - 1).getOutcome())) {
            first--;
        }
        List<ReviewerDecision> round = new ArrayList<>();
        for (Decision d : all.subList(first, last + 1)) {
            round.add(new ReviewerDecision(d.getActor(), people.displayName(d.getActor()), d.getStep(),
                    d.getStepName(), d.getOutcome(), d.getComment(), d.getConditions(), d.getDecidedAt()));
        }
        return round;
    }

    /** Saves a revision of the text, and any new files, without sending it round yet. */
    @Transactional
    public DataRequest save(Person requester, String reference, RequestText text,
            List<RequestAttachments.Upload> uploads, Channel channel) {
        DataRequest request = revisable(requester, reference);
        attachments.check(uploads == null ? List.of() : uploads, 0);
        request = requests.revise(requester, reference, text, channel.code());
        if (uploads != null && !uploads.isEmpty()) {
            attachments.attachToRequest(requester, reference, uploads, channel.code());
        }
        return request;
    }

    /**
     * Saves the revision (when the text or the files changed) and sends the request round again: completes the
     * revise task with "resubmit", so the whole review starts afresh.
     */
    @Transactional
    public DataRequest sendRoundAgain(Person requester, String reference, RequestText text,
            List<RequestAttachments.Upload> uploads, Channel channel) {
        DataRequest request = revisable(requester, reference);
        boolean newFiles = uploads != null && !uploads.isEmpty();
        if (!request.text().equals(text) || newFiles) {
            save(requester, reference, text, uploads, channel);
        }
        TaskView revise = inbox.currentTasks(reference).stream().filter(RequestRevisions::isReviseTask).findFirst()
                .orElseThrow(() -> new StewardProblem(StewardProblem.Kind.CONFLICT, "Request " + reference
                        + " is not waiting for a revision any more."));
        commands.decide(TaskDecision.by(requester, revise.id(), RESUBMIT, null, Map.of(), channel, Client.UNKNOWN));
        return requests.visible(requester, reference);
    }

    private DataRequest revisable(Person requester, String reference) {
        DataRequest request = requests.visible(requester, reference);
        if (!access.canActAsRequester(requester, request)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "Only the person who made request " + reference + " may revise it.");
        }
        access.requireMayChange(requester);
        if (request.getStatus() != RequestStatus.CHANGES_REQUESTED) {
            throw new StewardProblem(StewardProblem.Kind.CONFLICT, "Request " + reference
                    + " can be revised only while changes are requested.");
        }
        return request;
    }

    private static boolean isReviseTask(TaskView task) {
        return task.fields().stream().anyMatch(f -> "decision".equals(f.id())
                && f.values().stream().anyMatch(v -> RESUBMIT.equals(v.id())));
    }

    /** The fields named in a REVISED event's detail, "Revision 3; changed: title, purpose". */
}

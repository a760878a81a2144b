package org.steward.workflow.comment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.FieldLimit;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comment thread of a request: everyone who may see the request reads it and, but for auditors, may post to it;
 * to anyone else the thread does not exist, like the request.
 */
@Service
public class CommentService {

    /** The longest comment, in characters. */
    public static final int MAX_LENGTH = FieldLimit.COMMENT.max();

    private final RequestCommentRepository comments;
    private final RequestService requests;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommentService(RequestCommentRepository comments, RequestService requests, AccessPolicy access, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock) {
        this.comments = comments;
        this.requests = requests;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Posts a comment as typed (line breaks made plain); 404 if the person may not see the request, 403 for an auditor,
     * who reads the thread but does not write to it.
     */
    @Transactional
    public RequestComment post(Person author, String reference, String body, Channel channel) {
        requests.visible(author, reference);
        access.requireMayChange(author);
        String text = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
        if (text.isBlank()) {
            throw StewardProblem.invalid(Map.of("body", "Write your comment before posting it."));
        }
        FieldLimit.COMMENT.require("body", text);
        RequestComment comment = comments.save(new RequestComment(reference, author.id(), text, clock.instant()));
        audit.record(reference, AuditEventType.COMMENTED, author.id(), channel.code(), new AuditDetail.Comment(text));
        events.publishEvent(new CommentPosted(reference, author.id(), comment.getId()));
        return comment;
    }

    /** The request's comments, oldest first; 404 if the person may not see the request. */
    @Transactional(readOnly = true)
    public List<RequestComment> of(Person reader, String reference) {
        requests.visible(reader, reference);
        return comments.findByRequestReferenceOrderByIdAsc(reference);
    }
}

package org.steward.workflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the append-only record of what changed, who did it, how and from where: each event typed, with its
 * structured detail, written in the transaction of the change (so a change that rolls back leaves no event).
 */
@Service
public class AuditTrail {

    /** The user id recorded when the platform itself acts (a timer, a route decision); also its channel. */
    public static final String SYSTEM = "system";
    /** The channel of a change made through the admin pages. */
    public static final String WEB = "web";
    /** The channel of a change made through the engine's REST API, as the Camunda Modeler does. */
    public static final String MODELER = "modeler";

    private final AuditEventRepository events;
    private final ObjectMapper json;
    private final ObjectProvider<AuditOrigin> origin;
    private final Clock clock;

    public AuditTrail(AuditEventRepository events, ObjectMapper json, ObjectProvider<AuditOrigin> origin,
            Clock clock) {
        this.events = events;
        this.json = json;
        this.origin = origin;
        this.clock = clock;
    }

    /** Records a change; the actor is {@link #SYSTEM} when none is given, and so is the channel. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String requestReference, AuditEventType type, String actor, String channel,
            AuditDetail detail) {
        recordForTask(requestReference, null, type, actor, channel, detail);
    }

    /** Records something that happened to one task of the request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordForTask(String requestReference, String taskId, AuditEventType type, String actor,
            String channel, AuditDetail detail) {
        if (!type.detail().isInstance(detail)) {
            throw new IllegalArgumentException(type + " carries a " + type.detail().getSimpleName() + ", not "
                    + (detail == null ? "nothing" : detail.getClass().getSimpleName()));
        }
        String address = origin.stream().findFirst().flatMap(AuditOrigin::clientAddress).orElse(null);
        events.save(new AuditEvent(requestReference, type, actor == null ? SYSTEM : actor,
                channel == null ? SYSTEM : channel, address, truncate(detail.words(), 4000), write(detail), taskId,
                clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> of(String requestReference) {
        return events.findByRequestReferenceOrderByIdAsc(requestReference);
    }

    /**
     * An event's structured detail, as its type's record; a {@link AuditDetail.Note} holding the words for a row from
     * before events were typed whose text the conversion could not read.
     */
    public AuditDetail detail(AuditEvent event) {
        if (event.getDetailData() == null || event.getDetailData().isBlank()) {
            return new AuditDetail.Note(event.getDetail());
        }
        try {
            return json.readValue(event.getDetailData(), event.getEventType().detail());
        } catch (JsonProcessingException unreadable) {
            return new AuditDetail.Note(event.getDetail());
        }
    }

    /** An event's detail as its type's record, if it is one (not a converted row that could not be read). */
    public <T extends AuditDetail> Optional<T> detail(AuditEvent event, Class<T> kind) {
        AuditDetail detail = detail(event);
        return kind.isInstance(detail) ? Optional.of(kind.cast(detail)) : Optional.empty();
    }

    /**
     * How an event reads on its request's timeline, for the types its people are shown
     * ({@link AuditEventType#onTimeline}): a move between versions, an agreement that expired or that a person ended
     * (with their reason), a renewal. Empty for every other event, and for an unsigned agreement ended with its request (the
     * request's own ending says it).
     */
    public Optional<TimelineEvent> onTimeline(AuditEvent event) {
        AuditEventType type = event.getEventType();
        if (!type.onTimeline()) {
            return Optional.empty();
        }
        AuditDetail detail = detail(event);
        String outcome = type.words();
        if (detail instanceof AuditDetail.VersionMoved moved) {
            outcome = "Moved from version " + moved.fromVersion() + " to version " + moved.toVersion();
        } else if (detail instanceof AuditDetail.AgreementEnded ended) {
            outcome = "Agreement " + ended.number() + (type == AuditEventType.AGREEMENT_EXPIRED ? " expired"
                    : " ended early");
        } else if (detail instanceof AuditDetail.Renewed renewed) {
            outcome = "Renewal requested: " + renewed.renewedBy();
        }
        String comment = detail instanceof AuditDetail.AgreementEnded ended ? ended.reason() : null;
        if (type == AuditEventType.AGREEMENT_TERMINATED && SYSTEM.equals(event.getActor())) {
            return Optional.empty();
        }
        return Optional.of(new TimelineEvent(event.getOccurredAt(), event.getActor(), type.name().toLowerCase(),
                type.words(), type.name().toLowerCase(), outcome, comment, event.getChannel()));
    }

    /** An audit event as a line of its request's timeline: the outcome's key and its words, and any reason given. */
    public record TimelineEvent(java.time.Instant time, String actor, String step, String stepName, String outcome,
            String outcomeWords, String comment, String channel) {
    }

    private String write(AuditDetail detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("An audit detail could not be written as JSON", impossible);
        }
    }

    private static String truncate(String detail, int limit) {
        return detail == null || detail.length() <= limit ? detail : detail.substring(0, limit - 3) + "...";
    }
}

package org.steward.workflow.audit;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes and reads the append-only record of what changed which request, who did it and how. */
@Service
public class AuditTrail {

    /** The user id recorded when the platform itself acts (a timer, a route decision). */
    public static final String SYSTEM = "system";

    private final AuditEventRepository events;
    private final Clock clock;

    public AuditTrail(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String requestReference, String type, String actor, String channel, String detail) {
        recordForTask(requestReference, null, type, actor, channel, detail);
    }

    /** Records something that happened to one task of the request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordForTask(String requestReference, String taskId, String type, String actor, String channel,
            String detail) {
        events.save(new AuditEvent(requestReference, type, actor == null ? SYSTEM : actor, channel,
                truncate(detail), taskId, clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> of(String requestReference) {
        return events.findByRequestReferenceOrderByIdAsc(requestReference);
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3997) + "...";
    }
}

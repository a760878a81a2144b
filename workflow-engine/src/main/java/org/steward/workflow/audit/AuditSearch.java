package org.steward.workflow.audit;

import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.report.ReportPeriod;

/**
 * The audit trail as auditors and admins read it: filtered by request, person, event type and period, newest first, a
 * page at a time (or all of it, for a download). Everyone else is refused, as the access policy says.
 */
@Service
public class AuditSearch {

    /** Events on one page. */
    public static final int PAGE_SIZE = 50;
    /** The most events one download holds; a longer trail is downloaded a period at a time. */
    public static final int DOWNLOAD_LIMIT = 50_000;

    private final AuditEventRepository events;
    private final AuditTrail trail;
    private final AccessPolicy access;
    private final PeopleService people;
    private final Clock clock;

    AuditSearch(AuditEventRepository events, AuditTrail trail, AccessPolicy access, PeopleService people, Clock clock) {
        this.events = events;
        this.trail = trail;
        this.access = access;
        this.people = people;
        this.clock = clock;
    }

    /** The filters as typed: each optional; a period only when a date is given (then as the reports read it). */
    public record Filter(String reference, String actor, AuditEventType type, LocalDate from, LocalDate to) {
    }

    /** One event as it is shown: its type and detail both structured and in plain words. */
    public record Entry(long id, AuditEventType type, String typeWords, Instant time, String actor, String actorName,
            String channel, String clientAddress, String reference, String taskId, AuditDetail detail,
            String words) {
    }

    /** One page of events (numbered from 1), and how many there are in all. */
    public record Found(Filter filter, List<Entry> entries, int page, int pages, long total) {
    }

    /**
     * Reads the filters as typed: an unknown event type or a date that cannot be read is refused with the field named,
     * 400; a page below 1 is the first.
     */
    public Filter filter(String reference, String actor, String type, String from, String to) {
        AuditEventType eventType = null;
        if (type != null && !type.isBlank()) {
            try {
                eventType = AuditEventType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw StewardProblem.invalid(Map.of("type", "There is no event type \"" + type.strip()
                        + "\". Choose one of: " + String.join(", ", Arrays.stream(AuditEventType.values())
                                .map(Enum::name).toList()) + "."));
            }
        }
        LocalDate start = null;
        LocalDate end = null;
        if (!blank(from) || !blank(to)) {
            ReportPeriod period = ReportPeriod.read(from, to, LocalDate.now(clock));
            start = period.from();
            end = period.to();
        }
        return new Filter(blank(reference) ? null : reference.strip().toUpperCase(Locale.ROOT),
                blank(actor) ? null : actor.strip(), eventType, start, end);
    }

    /** One page of the events that match, newest first: 403 for anyone but auditors and admins. */
    @Transactional(readOnly = true)
    public Found page(Person reader, Filter filter, int page) {
        access.requireMaySeeAuditTrail(reader);
        // A page past the last shows the last, as the inbox does: a number typed into the address cannot overflow.
        long total = events.count(matching(filter));
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int number = Math.min(Math.max(page, 1), pages);
        Page<AuditEvent> found = events.findAll(matching(filter),
                PageRequest.of(number - 1, PAGE_SIZE, Sort.by(Sort.Direction.DESC, "id")));
        Map<String, String> names = new HashMap<>();
        return new Found(filter, found.getContent().stream().map(e -> entry(e, names)).toList(), number, pages,
                total);
    }

    /** Every event that matches, oldest first, for a download (at most {@link #DOWNLOAD_LIMIT}): 403 as above. */
    @Transactional(readOnly = true)
    public List<Entry> all(Person reader, Filter filter) {
        access.requireMaySeeAuditTrail(reader);
        Map<String, String> names = new HashMap<>();
        return events.findAll(matching(filter), PageRequest.of(0, DOWNLOAD_LIMIT, Sort.by(Sort.Direction.ASC, "id")))
                .getContent().stream().map(e -> entry(e, names)).toList();
    }

    /** An event as shown; names are looked up once per person for all the events shown together. */
    private Entry entry(AuditEvent event, Map<String, String> names) {
        AuditDetail detail = trail.detail(event);
        return new Entry(event.getId(), event.getEventType(), event.getEventType().words(), event.getOccurredAt(),
                event.getActor(), names.computeIfAbsent(event.getActor(), people::displayName), event.getChannel(),
                event.getClientAddress(),
                event.getRequestReference(), event.getTaskId(), detail, event.getDetail());
    }

    private Specification<AuditEvent> matching(Filter filter) {
        return (root, query, builder) -> {
            List<Predicate> all = new ArrayList<>();
            if (filter.reference() != null) {
                all.add(builder.equal(root.get("requestReference"), filter.reference()));
            }
            if (filter.actor() != null) {
                all.add(builder.equal(root.get("actor"), filter.actor()));
            }
            if (filter.type() != null) {
                all.add(builder.equal(root.get("type"), filter.type()));
            }
            if (filter.from() != null) {
                ReportPeriod period = new ReportPeriod(filter.from(), filter.to());
                all.add(builder.greaterThanOrEqualTo(root.get("occurredAt"), period.start(clock.getZone())));
                all.add(builder.lessThan(root.get("occurredAt"), period.end(clock.getZone())));
            }
            return builder.and(all.toArray(Predicate[]::new));
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}

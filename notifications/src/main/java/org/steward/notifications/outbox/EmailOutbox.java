package org.steward.notifications.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.steward.notifications.MailSettings;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: emails are added in the transaction of the change that causes them, and the sender claims, sends and
 * settles them afterwards, each step in a short transaction of its own.
 */
@Service
public class EmailOutbox {

    private final OutboxEmailRepository emails;
    private final MailSettings settings;
    private final Clock clock;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    EmailOutbox(OutboxEmailRepository emails, MailSettings settings, Clock clock, ObjectMapper json,
            ApplicationEventPublisher events) {
        this.events = events;
        this.emails = emails;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    /** Adds an email to the outbox; it must run inside the change's own transaction, so a rollback takes it back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(EmailKind kind, Person recipient, String reference, String taskId, Map<String, String> facts) {
        try {
            emails.save(new OutboxEmail(kind, recipient.id(), recipient.email(), reference, taskId,
                    json.writeValueAsString(facts), clock.instant()));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The ids of emails due to be tried now, oldest first. */
    @Transactional(readOnly = true)
    public List<Long> due() {
        return emails.due(clock.instant(), PageRequest.of(0, settings.batchSize()));
    }

    /** Takes an email for this node; false when another node took it first or it is no longer due. */
    @Transactional
    public boolean claim(long id, String node) {
        Instant now = clock.instant();
        return emails.claim(id, node, now, now.plus(settings.claimFor())) == 1;
    }

    @Transactional(readOnly = true)
    public Optional<OutboxEmail> find(long id) {
        return emails.findById(id);
    }

    /** What an email is about, as it was written. */
    public Map<String, String> facts(OutboxEmail email) {
        try {
            return json.readValue(email.getFactsJson(), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException unreadable) {
            return Map.of();
        }
    }

    @Transactional
    public void sent(long id, String subject) {
        emails.findById(id).ifPresent(e -> {
            e.sent(subject, clock.instant());
            events.publishEvent(new EmailSettled(id, true, false));
        });
    }

    @Transactional
    public void skipped(long id, String why) {
        emails.findById(id).ifPresent(e -> e.skipped(why));
    }

    /** Records a failed try: the email waits for its next try, or is failed for good after its last one. */
    @Transactional
    public void failed(long id, String subject, String error) {
        emails.findById(id).ifPresent(e -> {
            Instant next = settings.nextTry(e.getAttempts(), clock.instant()).orElse(null);
            e.failed(subject, error.length() > 1000 ? error.substring(0, 997) + "..." : error, next);
            events.publishEvent(new EmailSettled(id, false, next == null));
        });
    }

    /** An admin sends a failed (or any) email again, with a fresh set of tries. */
    @Transactional
    public void resend(Person admin, long id) {
        PeopleService.requireAdmin(admin);
        OutboxEmail email = emails.findById(id).orElseThrow(() -> StewardProblem.notFound("Email " + id));
        email.resend(clock.instant());
    }

    /** The newest emails, for the admins' page; only the failed and waiting ones when asked. */
    @Transactional(readOnly = true)
    public List<OutboxEmail> recent(Person admin, boolean troubleOnly, int max) {
        PeopleService.requireAdmin(admin);
        return troubleOnly
                ? emails.findByStatusInOrderByIdDesc(EnumSet.of(OutboxEmail.Status.FAILED, OutboxEmail.Status.PENDING),
                        PageRequest.of(0, max))
                : emails.findAllByOrderByIdDesc(PageRequest.of(0, max));
    }

    @Transactional(readOnly = true)
    public long count(OutboxEmail.Status status) {
        return emails.countByStatus(status);
    }

    /** How many emails wait to go out, how long the one due longest has waited, and how many failed for good. */
    @Transactional(readOnly = true)
    public OutboxBacklog backlog() {
        Instant now = clock.instant();
        long queued = 0;
        long due = 0;
        Instant oldestDue = null;
        long failed = 0;
        for (Object[] row : emails.backlog(now)) {
            long count = ((Number) row[1]).longValue();
            if (row[0] == OutboxEmail.Status.FAILED) {
                failed = count;
            } else {
                queued = count;
                due = row[2] == null ? 0 : ((Number) row[2]).longValue();
                Instant earliest = (Instant) row[3];
                oldestDue = earliest != null && !earliest.isAfter(now) ? earliest : null;
            }
        }
        return new OutboxBacklog(now, queued, due, oldestDue, failed);
    }

    /** Every email written about a request, in the order they were written. */
    @Transactional(readOnly = true)
    public List<OutboxEmail> about(String reference) {
        return emails.findByRequestReferenceOrderByIdAsc(reference);
    }
}

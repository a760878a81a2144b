package org.steward.workflow.report;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditDetail;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditEventType;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;
import org.steward.workflow.problem.StewardProblem;
import org.steward.workflow.request.RequestStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turnaround figures for auditors and admins: per step of the process (whatever steps the deployed models have, an
 * admin's new ones included), the decisions taken in a period and how long they waited, and the tasks waiting now;
 * per status, the requests submitted in the period; and how long finished requests took. Read from our own decision
 * and audit rows, which the engine's history cleanup leaves alone, and from the engine's open tasks.
 */
@Service
@Transactional(readOnly = true)
public class TurnaroundReport {

    /**
     * The statuses at which a request's way through the process ends; an agreement that later expires or is ended
     * early reached IN_FORCE first, and that is when its turnaround ended.
     */
    static final Set<RequestStatus> FINISHING = EnumSet.of(RequestStatus.DELIVERED, RequestStatus.IN_FORCE,
            RequestStatus.REJECTED, RequestStatus.WITHDRAWN);

    private static final double SECONDS_PER_HOUR = 3600;

    private final EntityManager entities;
    private final TaskService tasks;
    private final AccessPolicy access;
    private final AuditTrail audit;
    private final Clock clock;

    TurnaroundReport(EntityManager entities, TaskService tasks, AccessPolicy access, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.entities = entities;
        this.tasks = tasks;
        this.access = access;
        this.clock = clock;
    }

    /** Whether the person may read the reports (auditors and admins), for menus and links. */
    public boolean maySee(Person person) {
        return access.canSeeReports(person);
    }

    /**
     * The step figures over the period typed ({@link ReportPeriod#read}): 403 for anyone but auditors and admins,
     * 400 for a period that cannot be read.
     */
    public StepReport steps(Person reader, String from, String to) {
        mustSee(reader);
        ReportPeriod period = ReportPeriod.read(from, to, LocalDate.now(clock));
        Instant now = clock.instant();
        Map<String, StepTally> tallies = new LinkedHashMap<>();
        List<Object[]> decided = entities.createQuery("""
                        select d.step, d.stepName, d.outcome, d.waitingSince, d.decidedAt, r.createdAt
                        from Decision d left join DataRequest r on r.reference = d.requestReference
                        where d.decidedAt >= :start and d.decidedAt < :end
                        order by d.decidedAt, d.id
                        """, Object[].class)
                .setParameter("start", period.start(clock.getZone()))
                .setParameter("end", period.end(clock.getZone()))
                .getResultList();
        for (Object[] row : decided) {
            StepTally tally = tallies.computeIfAbsent((String) row[0], StepTally::new);
            tally.decided((String) row[1], (String) row[2], (Instant) row[3], (Instant) row[4], (Instant) row[5]);
        }
        // Tasks of requests only (a business key), as the decisions are: a task with no request is none of ours.
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKeyLike("%").list()) {
            if (task.getTaskDefinitionKey() != null) {
                tallies.computeIfAbsent(task.getTaskDefinitionKey(), StepTally::new).waiting(task.getName(),
                        task.getCreateTime() == null ? null : task.getCreateTime().toInstant());
            }
        }
        List<StepTally> ordered = new ArrayList<>(tallies.values());
        // The order requests usually reach the steps in: by the typical time from submission to a decision there.
        ordered.sort(Comparator.comparing(StepTally::typicalPosition, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(t -> t.name == null ? t.key : t.name));
        return new StepReport(period, now, ordered.stream().map(StepTally::figures).toList());
    }

    /**
     * The requests submitted in the period by their status now, and the requests whose way through the process
     * ended in the period, with how long that took: 403 for anyone but auditors and admins, 400 for a bad period.
     */
    public RequestReport requests(Person reader, String from, String to) {
        mustSee(reader);
        ReportPeriod period = ReportPeriod.read(from, to, LocalDate.now(clock));
        Instant start = period.start(clock.getZone());
        Instant end = period.end(clock.getZone());
        List<StatusCount> byStatus = new ArrayList<>();
        for (Object[] row : entities.createQuery("""
                        select r.status, r.statusStep, count(r) from DataRequest r
                        where r.createdAt >= :start and r.createdAt < :end
                        group by r.status, r.statusStep
                        """, Object[].class)
                .setParameter("start", start).setParameter("end", end).getResultList()) {
            RequestStatus status = (RequestStatus) row[0];
            String step = status == RequestStatus.IN_REVIEW ? (String) row[1] : null;
            byStatus.add(new StatusCount(status, step, status.inPlainWords(step), ((Number) row[2]).longValue()));
        }
        byStatus.sort(Comparator.comparing(StatusCount::status)
                .thenComparing(StatusCount::step, Comparator.nullsFirst(Comparator.naturalOrder())));
        // Counts of IN_REVIEW rows that differ only in a blank step read as one.
        List<StatusCount> merged = new ArrayList<>();
        for (StatusCount count : byStatus) {
            StatusCount last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.status() == count.status() && last.words().equals(count.words())) {
                merged.set(merged.size() - 1, new StatusCount(last.status(), last.step(), last.words(),
                        last.requests() + count.requests()));
            } else {
                merged.add(count);
            }
        }
        return new RequestReport(period, merged.stream().mapToLong(StatusCount::requests).sum(), merged,
                finished(start, end));
    }

    /**
     * Each request's first arrival at a finishing status, from the audit trail's status changes (their structured
     * detail, the status reached), counted when it fell in the period.
     */
    private List<Finished> finished(Instant start, Instant end) {
        List<Object[]> changes = entities.createQuery("""
                select a, r.createdAt
                from AuditEvent a join DataRequest r on r.reference = a.requestReference
                where a.type = :type and a.occurredAt < :end
                order by a.occurredAt, a.id""", Object[].class)
                .setParameter("type", AuditEventType.STATUS_CHANGED).setParameter("end", end).getResultList();
        Map<String, Boolean> seen = new HashMap<>();
        Map<RequestStatus, List<Double>> hours = new LinkedHashMap<>();
        FINISHING.forEach(status -> hours.put(status, new ArrayList<>()));
        for (Object[] row : changes) {
            AuditEvent change = (AuditEvent) row[0];
            RequestStatus reached = audit.detail(change, AuditDetail.StatusChanged.class)
                    .map(AuditDetail.StatusChanged::to).map(TurnaroundReport::status).orElse(null);
            if (reached == null || !FINISHING.contains(reached)
                    || seen.putIfAbsent(change.getRequestReference(), true) != null) {
                continue;
            }
            Instant at = change.getOccurredAt();
            Instant submitted = (Instant) row[1];
            if (!at.isBefore(start) && submitted != null) {
                hours.get(reached).add(Duration.between(submitted, at).toSeconds() / SECONDS_PER_HOUR);
            }
        }
        return hours.entrySet().stream().map(e -> new Finished(e.getKey(), e.getKey().inPlainWords(null),
                e.getValue().size(), rounded(Percentile.of(e.getValue(), 0.5)))).toList();
    }

    private static RequestStatus status(String name) {
        try {
            return RequestStatus.valueOf(name);
        } catch (IllegalArgumentException notAStatus) {
            return null;
        }
    }

    private void mustSee(Person reader) {
        if (!access.canSeeReports(reader)) {
            throw new StewardProblem(StewardProblem.Kind.FORBIDDEN,
                    "The turnaround reports are for auditors and admins.");
        }
    }

    /** A figure to one decimal: finer than anyone reads a turnaround, and the same in every format. */
    private static Double rounded(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    /** Everything known of one step while the report is drawn up. */
    private static final class StepTally {

        private final String key;
        private String name;
        private Instant nameAt;
        private int decisions;
        private final Map<String, Integer> outcomes = new HashMap<>();
        private final List<Double> hoursToDecide = new ArrayList<>();
        private final List<Double> sinceSubmission = new ArrayList<>();
        private int waitingNow;
        private Instant oldestWaiting;

        StepTally(String key) {
            this.key = key;
        }

        void decided(String stepName, String outcome, Instant waitingSince, Instant decidedAt, Instant submitted) {
            decisions++;
            outcomes.merge(outcome, 1, Integer::sum);
            named(stepName, decidedAt);
            if (waitingSince != null && decidedAt != null && !waitingSince.isAfter(decidedAt)) {
                hoursToDecide.add(Duration.between(waitingSince, decidedAt).toSeconds() / SECONDS_PER_HOUR);
            }
            if (submitted != null && decidedAt != null) {
                sinceSubmission.add((double) Duration.between(submitted, decidedAt).toSeconds());
            }
        }

        void waiting(String taskName, Instant since) {
            waitingNow++;
            if (since != null && (oldestWaiting == null || since.isBefore(oldestWaiting))) {
                oldestWaiting = since;
            }
            named(taskName, since);
        }

        /** The step's latest name: an admin may rename a step in a new version of the model. */
        private void named(String candidate, Instant at) {
            if (candidate != null && !candidate.isBlank()
                    && (name == null || at != null && (nameAt == null || !at.isBefore(nameAt)))) {
                name = candidate;
                nameAt = at;
            }
        }

        Double typicalPosition() {
            return Percentile.of(sinceSubmission, 0.5);
        }

        Step figures() {
            Map<String, Integer> byOutcome = new LinkedHashMap<>();
            outcomes.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> byOutcome.put(e.getKey(), e.getValue()));
            return new Step(key, name == null ? key : name, decisions, Collections.unmodifiableMap(byOutcome),
                    hoursToDecide.size(), rounded(Percentile.of(hoursToDecide, 0.5)),
                    rounded(Percentile.of(hoursToDecide, 0.9)), waitingNow, oldestWaiting);
        }
    }

    /** The step figures of a period, drawn up at a moment (which "waiting now" refers to). */
    public record StepReport(ReportPeriod period, Instant drawnUpAt, List<Step> steps) {
    }

    /**
     * One step (a task definition key, under its latest name): the decisions taken in the period and how many of
     * each outcome, most first; of those, how many have a known waiting time, and the median and 90th percentile of
     * those times in hours (null when none is known); and its tasks waiting now, with the oldest one's start.
     */
    public record Step(String step, String name, int decisions, Map<String, Integer> outcomes, int timedDecisions,
            Double medianHours, Double percentile90Hours, int waitingNow, Instant oldestWaitingSince) {
    }

    /** The request figures of a period: how many were submitted, by status now, and those that finished. */
    public record RequestReport(ReportPeriod period, long submitted, List<StatusCount> byStatus,
            List<Finished> finished) {
    }

    /** Requests with one status now (and, for a step an admin added, its name), in plain words. */
    public record StatusCount(RequestStatus status, String step, String words, long requests) {
    }

    /**
     * Requests whose way through the process ended at this status in the period, and the median time from
     * submission to that end in hours (null when none).
     */
    public record Finished(RequestStatus status, String words, int requests, Double medianHours) {
    }
}

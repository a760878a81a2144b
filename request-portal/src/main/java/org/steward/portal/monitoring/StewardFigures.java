package org.steward.portal.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxBacklog;
import org.steward.workflow.monitoring.WorkFigures;
import org.steward.workflow.request.RequestStatus;

/**
 * Steward's gauges: requests by status, tasks waiting by step and how long the oldest has waited, emails queued and
 * failed, the engine's due and failed jobs, open incidents. They count what is in the shared database, so every node
 * shows the same figures. All are read together in a few aggregate queries and kept for
 * {@code steward.metrics.cache-time}, so that a scrape costs the database those queries at most once.
 */
@Component
class StewardFigures implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(StewardFigures.class);

    private final WorkFigures work;
    private final EmailOutbox outbox;
    private final long cacheNanos;
    private final TreeSet<String> stepsSeen = new TreeSet<>();
    private Snapshot last;
    private long lastReadNanos;
    private MultiGauge tasksWaiting;
    private MultiGauge oldestTask;

    StewardFigures(WorkFigures work, EmailOutbox outbox, MetricsSettings settings) {
        this.work = work;
        this.outbox = outbox;
        this.cacheNanos = settings.cacheTime().toNanos();
    }

    /** The figures with nothing read: every gauge shows NaN (no value) rather than an old figure. */
    private record Snapshot(WorkFigures.Figures work, OutboxBacklog emails) {

        double requests(String status) {
            return work == null ? Double.NaN : work.requestsByStatus().getOrDefault(status, 0L);
        }

        double tasks(String step) {
            if (work == null) {
                return Double.NaN;
            }
            WorkFigures.StepWaiting waiting = work.tasksByStep().get(step);
            return waiting == null ? 0 : waiting.tasks();
        }

        double oldestTaskSeconds(String step) {
            if (work == null) {
                return Double.NaN;
            }
            WorkFigures.StepWaiting waiting = work.tasksByStep().get(step);
            return waiting == null || waiting.oldestSince() == null ? 0
                    : Math.max(0, Duration.between(waiting.oldestSince(), work.readAt()).toMillis() / 1000.0);
        }

        double work(ToDoubleFunction<WorkFigures.Figures> figure) {
            return work == null ? Double.NaN : figure.applyAsDouble(work);
        }

        double emails(ToDoubleFunction<OutboxBacklog> figure) {
            return emails == null ? Double.NaN : figure.applyAsDouble(emails);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RequestStatus status : RequestStatus.values()) {
            Gauge.builder("steward.requests", this, f -> f.snapshot().requests(status.name()))
                    .description("Requests in each status").tag("status", status.name()).register(registry);
        }
        tasksWaiting = MultiGauge.builder("steward.tasks.waiting")
                .description("Open tasks waiting on each step of the process").register(registry);
        oldestTask = MultiGauge.builder("steward.tasks.oldest.waiting").baseUnit("seconds")
                .description("How long the task that has waited longest on each step has waited").register(registry);
        gauge(registry, "steward.jobs.due", "Engine jobs due now: reminders, escalations, steps after a decision",
                s -> s.work(WorkFigures.Figures::jobsDue));
        gauge(registry, "steward.jobs.failed", "Engine jobs with no retries left; Cockpit shows them as incidents",
                s -> s.work(WorkFigures.Figures::jobsFailed));
        gauge(registry, "steward.incidents.open", "Open incidents of the engine (Cockpit)",
                s -> s.work(WorkFigures.Figures::incidentsOpen));
        gauge(registry, "steward.emails.queued", "Emails waiting to be sent, first tries and retries",
                s -> s.emails(OutboxBacklog::queued));
        gauge(registry, "steward.emails.failed", "Emails every try of which failed, waiting for an admin to resend",
                s -> s.emails(OutboxBacklog::failed));
        Gauge.builder("steward.emails.oldest.due", this,
                f -> f.snapshot().emails(b -> b.longestWait().toMillis() / 1000.0)).baseUnit("seconds")
                .description("How long the email that has been due longest has waited to be sent").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> figure) {
        Gauge.builder(name, this, f -> figure.applyAsDouble(f.snapshot())).description(description)
                .register(registry);
    }

    /** Reads the figures once the node is up, so that the first scrape already lists every step. */
    @EventListener(ApplicationReadyEvent.class)
    void firstRead() {
        snapshot();
    }

    /** The figures, read afresh when those kept are older than the cache time. */
    synchronized Snapshot snapshot() {
        if (last != null && System.nanoTime() - lastReadNanos < cacheNanos) {
            return last;
        }
        Snapshot read;
        try {
            read = new Snapshot(work.read(), outbox.backlog());
        } catch (RuntimeException failure) {
            if (last == null || last.work() != null) {
                LOG.warn("Steward's figures for /actuator/prometheus could not be read from the database; they show "
                        + "no value until it answers again: {}", failure.toString());
            }
            read = new Snapshot(null, null);
        }
        last = read;
        lastReadNanos = System.nanoTime();
        if (read.work() != null) {
            rowsPerStep(read.work().tasksByStep());
        }
        return read;
    }

    /** Steps seen since start keep their row (at 0 when nothing waits there), so that a graph drops to 0. */
    private void rowsPerStep(Map<String, WorkFigures.StepWaiting> steps) {
        if (tasksWaiting == null || stepsSeen.containsAll(steps.keySet())) {
            return;
        }
        stepsSeen.addAll(steps.keySet());
        List<MultiGauge.Row<?>> waiting = new ArrayList<>();
        List<MultiGauge.Row<?>> oldest = new ArrayList<>();
        for (String step : stepsSeen) {
            waiting.add(MultiGauge.Row.of(Tags.of("step", step), this, f -> f.snapshot().tasks(step)));
            oldest.add(MultiGauge.Row.of(Tags.of("step", step), this, f -> f.snapshot().oldestTaskSeconds(step)));
        }
        tasksWaiting.register(waiting, true);
        oldestTask.register(oldest, true);
    }
}

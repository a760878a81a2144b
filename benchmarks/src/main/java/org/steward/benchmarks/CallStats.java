package org.steward.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the calls of one pass took, by kind of call, and what went wrong: 5xx answers and failed lifecycles. */
final class CallStats {

    private final Map<String, List<Long>> nanosByKind = new ConcurrentHashMap<>();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failedLifecycles = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();

    /** One call of a kind (submit, task poll, complete, sign, read) and how long it took. */
    void record(String kind, long nanos) {
        nanosByKind.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
    }

    void serverError(String what) {
        serverErrors.incrementAndGet();
        problem(what);
    }

    void failed(String what) {
        failedLifecycles.incrementAndGet();
        problem(what);
    }

    /** A look for the next task (API call or task query). */
    void poll() {
        polls.incrementAndGet();
    }

    private void problem(String what) {
        // A few examples are enough to find the cause in Steward's log.
        if (problems.size() < 10) {
            problems.add(what);
        }
    }

    long serverErrors() {
        return serverErrors.get();
    }

    long failedLifecycles() {
        return failedLifecycles.get();
    }

    long polls() {
        return polls.get();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** All calls of a kind, in ms, sorted; empty when there were none. */
    List<Double> millis(String kind) {
        List<Long> nanos = nanosByKind.getOrDefault(kind, List.of());
        synchronized (nanos) {
            return nanos.stream().sorted().map(n -> n / 1e6).toList();
        }
    }

    /** Adds another pass's calls to these (both passes of a client count together in the latency table). */
    void addAll(CallStats other) {
        other.nanosByKind.forEach((kind, nanos) -> {
            synchronized (nanos) {
                nanosByKind.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).addAll(nanos);
            }
        });
        serverErrors.addAndGet(other.serverErrors());
        failedLifecycles.addAndGet(other.failedLifecycles());
        polls.addAndGet(other.polls());
        other.problems.forEach(this::problem);
    }

    /** "p50 / p95" in ms of one kind of call, or "–" when none was made. */
    String percentiles(String kind) {
        List<Double> sorted = millis(kind);
        if (sorted.isEmpty()) {
            return "–";
        }
        return String.format(java.util.Locale.ROOT, "%.0f / %.0f", percentile(sorted, 50), percentile(sorted, 95));
    }

    int count(String kind) {
        return nanosByKind.getOrDefault(kind, List.of()).size();
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}

package org.steward.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lifecycles per second through Steward's API against the bare engine, with 1, 2, 4 and 8 clients, the passes
 * interleaved (Steward, bare, Steward, bare for each client count) so that a change in the shared machine's load
 * falls on both sides alike.
 */
final class LifecycleBenchmark {

    static final int[] CLIENTS = {1, 2, 4, 8};
    private static final int MAX_CLIENTS = 8;
    /** A pass stops early when this many lifecycles failed: something is broken, not slow. */
    private static final int GIVE_UP_AFTER_FAILURES = 20;
    /** Each client's lifecycles in the warm-up, at least. */
    private static final int WARM_UP_LIFECYCLES = 3;

    /** Where a pass's CPU time is read: Steward's process, or this JVM for the bare engine. */
    interface CpuClock {
        double seconds() throws Exception;
    }

    /** One timed pass. */
    record Pass(String side, int clients, int lifecycles, double seconds, double cpuSeconds, CallStats stats,
            String loadBefore, String loadAfter) {

        double perSecond() {
            return lifecycles / seconds;
        }

        double cpuPerLifecycle() {
            return lifecycles == 0 ? Double.NaN : cpuSeconds / lifecycles;
        }
    }

    /** Both sides' passes at one client count. */
    record Row(int clients, List<Pass> steward, List<Pass> bare) {
    }

    private final Options options;
    private final Report report;
    private final GreenMail smtp;

    LifecycleBenchmark(Options options, Report report, GreenMail smtp) {
        this.options = options;
        this.report = report;
        this.smtp = smtp;
    }

    /** What decides whether the run failed: 5xx answers and lifecycles that did not finish, warm-up included. */
    record Outcome(long serverErrors, long failedLifecycles) {
    }

    /** Runs every pass and prints the tables. */
    Outcome run(StewardProcess steward, BareEngine bare) throws Exception {
        List<LifecycleClient> api = new ArrayList<>();
        List<LifecycleClient> engine = new ArrayList<>();
        for (int i = 1; i <= MAX_CLIENTS; i++) {
            api.add(new ApiLifecycle(steward.baseUrl(), i));
            engine.add(bare.client());
        }
        CpuClock stewardCpu = steward::cpuSeconds;
        CpuClock thisJvm = () -> ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;

        // Untimed: every client's people log in, and both JVMs compile the hot paths. A cold Steward takes over 15 s
        // for its first lifecycles at 8 clients, so each client runs at least a few, however long that takes.
        Report.progress("warm-up: Steward, %d clients, %d s and %d lifecycles each at least", MAX_CLIENTS,
                options.warmUp().toSeconds(), WARM_UP_LIFECYCLES);
        Pass warmSteward = pass("Steward", api, MAX_CLIENTS, options.warmUp().toNanos(), WARM_UP_LIFECYCLES,
                stewardCpu);
        Report.progress("warm-up: bare engine, %d clients, %d s and %d lifecycles each at least", MAX_CLIENTS,
                options.warmUp().toSeconds(), WARM_UP_LIFECYCLES);
        Pass warmBare = pass("bare", engine, MAX_CLIENTS, options.warmUp().toNanos(), WARM_UP_LIFECYCLES, thisJvm);

        List<Row> rows = new ArrayList<>();
        for (int clients : CLIENTS) {
            Row row = new Row(clients, new ArrayList<>(), new ArrayList<>());
            for (int round = 1; round <= 2; round++) {
                row.steward().add(timed("Steward", api, clients, round, stewardCpu));
                row.bare().add(timed("bare", engine, clients, round, thisJvm));
            }
            rows.add(row);
        }
        print(rows, warmSteward, warmBare);
        List<Pass> all = new ArrayList<>(List.of(warmSteward, warmBare));
        rows.forEach(row -> {
            all.addAll(row.steward());
            all.addAll(row.bare());
        });
        return new Outcome(all.stream().mapToLong(p -> p.stats().serverErrors()).sum(),
                all.stream().mapToLong(p -> p.stats().failedLifecycles()).sum());
    }

    private Pass timed(String side, List<LifecycleClient> pool, int clients, int round, CpuClock cpu)
            throws Exception {
        Report.progress("%s, %d client(s), pass %d: %d s", side, clients, round, options.passLength().toSeconds());
        Pass pass = pass(side, pool, clients, options.passLength().toNanos(), 0, cpu);
        // The lifecycles' emails are not counted anywhere; dropped so that they do not fill this JVM's memory.
        smtp.purgeEmailFromAllMailboxes();
        Report.progress("  %d lifecycles in %.1f s = %.2f/s, %.3f CPU s each, %d 5xx, %d failed; load %s -> %s",
                pass.lifecycles(), pass.seconds(), pass.perSecond(), pass.cpuPerLifecycle(),
                pass.stats().serverErrors(), pass.stats().failedLifecycles(), pass.loadBefore(), pass.loadAfter());
        return pass;
    }

    /**
     * N threads, each running whole lifecycles back to back, starting new ones until the pass's time is up and
     * finishing the one under way; the rate is the lifecycles finished over the time until the last one finished.
     */
    private static Pass pass(String side, List<LifecycleClient> pool, int clients, long nanos, int minimumEach,
            CpuClock cpu) throws Exception {
        CallStats stats = new CallStats();
        AtomicInteger failures = new AtomicInteger();
        String loadBefore = Machine.loadAverage();
        double cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        long deadline = start + nanos;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LifecycleClient client = pool.get(i);
            done.add(threads.submit(() -> {
                int lifecycles = 0;
                while ((System.nanoTime() < deadline || lifecycles < minimumEach)
                        && failures.get() < GIVE_UP_AFTER_FAILURES) {
                    try {
                        client.runOne(stats);
                        lifecycles++;
                    } catch (Exception | AssertionError failed) {
                        failures.incrementAndGet();
                        stats.failed(side + ": " + failed);
                    }
                }
                return lifecycles;
            }));
        }
        int lifecycles = 0;
        for (Future<Integer> each : done) {
            lifecycles += each.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        double cpuSeconds = cpu.seconds() - cpuBefore;
        return new Pass(side, clients, lifecycles, seconds, cpuSeconds, stats, loadBefore, Machine.loadAverage());
    }

    private void print(List<Row> rows, Pass warmSteward, Pass warmBare) {
        report.line("");
        report.line("### Lifecycles per second (%d s passes, interleaved: Steward 1, bare 1, Steward 2, bare 2)",
                options.passLength().toSeconds());
        report.line("");
        report.line("| clients | Steward lifecycles/s (pass 1, pass 2) | bare lifecycles/s (pass 1, pass 2) | ratio "
                + "(mean/mean) | CPU s per lifecycle, Steward / bare | 5xx | failed lifecycles | load before → after "
                + "(1 min) |");
        report.line("|---:|---|---|---:|---|---:|---:|---|");
        for (Row row : rows) {
            double steward = mean(row.steward().stream().mapToDouble(Pass::perSecond).toArray());
            double bare = mean(row.bare().stream().mapToDouble(Pass::perSecond).toArray());
            double stewardCpu = cpuPerLifecycle(row.steward());
            double bareCpu = cpuPerLifecycle(row.bare());
            long serverErrors = row.steward().stream().mapToLong(p -> p.stats().serverErrors()).sum();
            long failed = row.steward().stream().mapToLong(p -> p.stats().failedLifecycles()).sum()
                    + row.bare().stream().mapToLong(p -> p.stats().failedLifecycles()).sum();
            List<Pass> all = List.of(row.steward().get(0), row.bare().get(0), row.steward().get(1),
                    row.bare().get(1));
            report.line("| %d | %.2f, %.2f | %.2f, %.2f | %.2f | %.3f / %.3f | %s | %d | %s → %s |", row.clients(),
                    row.steward().get(0).perSecond(), row.steward().get(1).perSecond(),
                    row.bare().get(0).perSecond(), row.bare().get(1).perSecond(), steward / bare, stewardCpu,
                    bareCpu, serverErrors == 0 ? "0" : "**" + serverErrors + "**", failed,
                    all.get(0).loadBefore().split(" ")[0], all.get(3).loadAfter().split(" ")[0]);
        }
        report.line("");
        report.line("Warm-up (untimed, %d clients, %d s and %d lifecycles each at least): Steward %d lifecycles in "
                + "%.0f s, %d 5xx; bare %d lifecycles in %.0f s.", MAX_CLIENTS, options.warmUp().toSeconds(),
                WARM_UP_LIFECYCLES, warmSteward.lifecycles(), warmSteward.seconds(),
                warmSteward.stats().serverErrors(), warmBare.lifecycles(), warmBare.seconds());

        report.line("");
        report.line("### Per-call latency through Steward's API, p50 / p95 ms (both passes)");
        report.line("");
        report.line("| clients | submit | task poll | complete | sign | read | task polls per lifecycle | calls |");
        report.line("|---:|---|---|---|---|---|---:|---:|");
        for (Row row : rows) {
            CallStats both = new CallStats();
            row.steward().forEach(p -> both.addAll(p.stats()));
            int lifecycles = row.steward().stream().mapToInt(Pass::lifecycles).sum();
            int calls = 0;
            for (String kind : List.of("submit", "task poll", "complete", "sign", "read")) {
                calls += both.count(kind);
            }
            report.line("| %d | %s | %s | %s | %s | %s | %.1f | %d |", row.clients(), both.percentiles("submit"),
                    both.percentiles("task poll"), both.percentiles("complete"), both.percentiles("sign"),
                    both.percentiles("read"), lifecycles == 0 ? 0.0 : (double) both.count("task poll") / lifecycles,
                    calls);
        }
        report.line("");
        report.line("Bare engine, for comparison (p50 / p95 ms): ");
        report.line("");
        report.line("| clients | start instance | task query | complete (form submit) | instance query |");
        report.line("|---:|---|---|---|---|");
        for (Row row : rows) {
            CallStats both = new CallStats();
            row.bare().forEach(p -> both.addAll(p.stats()));
            report.line("| %d | %s | %s | %s | %s |", row.clients(), both.percentiles("start"),
                    both.percentiles("task query"), both.percentiles("complete"), both.percentiles("read"));
        }
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            row.steward().forEach(p -> problems.addAll(p.stats().problems()));
            row.bare().forEach(p -> problems.addAll(p.stats().problems()));
        }
        problems.addAll(warmSteward.stats().problems());
        if (!problems.isEmpty()) {
            report.line("");
            report.line("Errors seen (first of each pass):");
            report.line("");
            problems.stream().limit(30).forEach(p -> report.line("- `" + p.replace('`', '\'').replace('\n', ' ')
                    + "`"));
        }
    }

    private static double cpuPerLifecycle(List<Pass> passes) {
        double cpu = passes.stream().mapToDouble(Pass::cpuSeconds).sum();
        int lifecycles = passes.stream().mapToInt(Pass::lifecycles).sum();
        return lifecycles == 0 ? Double.NaN : cpu / lifecycles;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}

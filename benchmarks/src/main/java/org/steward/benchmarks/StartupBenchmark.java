package org.steward.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up to the first answered call (on an empty database, and again on the same database) and resident memory
 * at idle; and, to help pick the JVM options the README gives, the same memory figure under other option sets.
 */
final class StartupBenchmark {

    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** Option sets to compare with the chosen one; the JVM's own defaults first. */
    static final List<String> CANDIDATES = List.of(
            "",
            // The README's options before -XX:TrimNativeHeapInterval=5000 was added to them.
            "-Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -Xss512k"
                    + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30",
            "-Xmx512m -XX:+UseG1GC -XX:MaxMetaspaceSize=256m -XX:ReservedCodeCacheSize=96m -Xss512k");

    /** The start-up figures of one Steward. */
    record Startup(Duration firstRun, Duration restart) {
    }

    private final Options options;
    private final Report report;

    StartupBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** Prints start-up times and the resident memory once the (warmed-up) process is idle. */
    void printStartupAndMemory(Startup startup, StewardProcess steward, String after) throws Exception {
        Duration waited = steward.awaitIdle(Duration.ofMinutes(3));
        long rss = steward.residentMiB();
        report.line("");
        report.line("### Start-up and memory");
        report.line("");
        report.line("| start-up, first run (empty database) | start-up, restart | resident memory at idle "
                + "| JVM options |");
        report.line("|---:|---:|---:|---|");
        report.line("| %s | %s | %d MiB | `%s` |", seconds(startup.firstRun()), seconds(startup.restart()), rss,
                steward.settings().javaOpts());
        report.line("");
        report.line("Start-up: from starting `java -jar` to the first 200 of `GET /api/datasets` as alex. Memory: "
                + "VmRSS %s, once the process had used under 5%% of a core for 10 s (reached %.0f s after that).",
                after, waited.toMillis() / 1000.0);
    }

    /**
     * Starts Steward again under each option set on the same database, runs 8 clients' lifecycles for the warm-up
     * time, waits for idle and reads its memory; the chosen options are measured the same way first.
     */
    void printCandidates(StewardProcess.Settings chosen) throws Exception {
        List<String> sets = new ArrayList<>();
        sets.add(chosen.javaOpts());
        CANDIDATES.stream().filter(c -> !c.equals(chosen.javaOpts())).forEach(sets::add);
        List<String> rows = new ArrayList<>();
        for (String javaOpts : sets) {
            StewardProcess.Settings settings = new StewardProcess.Settings(chosen.jar(), javaOpts, chosen.jdbcUrl(),
                    chosen.dbUser(), chosen.dbPassword(), chosen.port(), chosen.smtpPort(), chosen.log());
            Report.progress("memory under JVM options [%s]", javaOpts);
            try (StewardProcess steward = StewardProcess.start(settings)) {
                Duration started = steward.awaitFirstAnswer(START_TIMEOUT);
                int lifecycles = warm(steward);
                steward.awaitIdle(Duration.ofMinutes(3));
                rows.add(String.format(java.util.Locale.ROOT, "| `%s` | %s | %d | %d MiB |",
                        javaOpts.isBlank() ? "(none: the JVM's defaults)" : javaOpts, seconds(started), lifecycles,
                        steward.residentMiB()));
            } catch (Exception failed) {
                rows.add("| `" + javaOpts + "` | failed: " + failed.getMessage() + " | | |");
            }
        }
        report.line("");
        report.line("### Resident memory at idle under other JVM options (restart on the same database, then 8 "
                + "clients' lifecycles for %d s)", options.warmUp().toSeconds());
        report.line("");
        report.line("| JVM options | start-up (restart) | lifecycles run | resident memory at idle |");
        report.line("|---|---:|---:|---:|");
        rows.forEach(report::line);
    }

    private int warm(StewardProcess steward) throws Exception {
        CallStats stats = new CallStats();
        List<Thread> threads = new ArrayList<>();
        int[] done = new int[8];
        long deadline = System.nanoTime() + options.warmUp().toNanos();
        for (int i = 0; i < 8; i++) {
            int client = i;
            ApiLifecycle lifecycle = new ApiLifecycle(steward.baseUrl(), 100 + i);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        lifecycle.runOne(stats);
                        done[client]++;
                    } catch (Exception failed) {
                        stats.failed(failed.toString());
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return java.util.Arrays.stream(done).sum();
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

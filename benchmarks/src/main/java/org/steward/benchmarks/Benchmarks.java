package org.steward.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/** Runs every benchmark in one go and prints their tables; docs/benchmarks.md says what each figure means. */
public final class Benchmarks {

    static final String DATABASE = "steward_bench";
    static final String READS_DATABASE = "steward_bench_reads";
    static final int PORT = 18080;
    static final int READS_PORT = 18081;
    static final int SMTP_PORT = 13025;
    static final Path TARGET = Path.of("benchmarks", "target");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // The engine's and the SMTP server's INFO lines (a user created per address...) would bury the progress.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.exit(2);
            return;
        }
        boolean failed;
        try (Report report = new Report(TARGET.resolve("benchmark-results.md"))) {
            try {
                failed = run(options, report);
            } catch (Exception broken) {
                report.line("");
                report.line("**THE RUN BROKE OFF: %s**", broken);
                broken.printStackTrace();
                failed = true;
            }
        }
        // Exits even while threads of the engine, the SMTP server or the HTTP clients are still about.
        System.exit(failed ? 1 : 0);
    }

    /** Runs the parts asked for; answers whether the run failed (a 5xx, a lifecycle that did not finish). */
    private static boolean run(Options options, Report report) throws Exception {
        Databases databases = new Databases(options);
        // Each run's Steward logs start empty, so what is in them is this run's.
        java.nio.file.Files.deleteIfExists(TARGET.resolve("steward.log"));
        java.nio.file.Files.deleteIfExists(TARGET.resolve("steward-reads.log"));
        report.line("## Steward benchmarks, %s", ZonedDateTime.now().withNano(0));
        report.line("");
        report.line("- command: `java -jar benchmarks/target/benchmarks.jar %s`", String.join(" ", commandLine()));
        report.line("- machine: %d cores (%s), %d MiB memory; load average %s at the start", Machine.cores(),
                Machine.cpuModel(), Machine.memoryMiB(), Machine.loadAverage());
        report.line("- database: %s at %s", databases.version(), options.dbServer());
        report.line("- Java: %s (Steward runs on the same)", Machine.java());
        report.line("- Steward: `%s`, JVM options `%s`", options.jar(), options.javaOpts());
        report.line("- passes: %d s each, after %d s untimed warm-up%s", options.passLength().toSeconds(),
                options.warmUp().toSeconds(), options.quick() ? " (--quick)" : "");

        boolean failed = false;
        boolean needsSteward = options.runs("startup") || options.runs("lifecycles") || options.runs("email");
        // The local SMTP server every email of the run goes to, started before any Steward sends one.
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        if (needsSteward) {
            databases.drop(DATABASE);
            StewardProcess.Settings settings = new StewardProcess.Settings(options.jar(), options.javaOpts(),
                    options.databaseUrl(DATABASE), options.dbUser(), options.dbPassword(), PORT, SMTP_PORT,
                    TARGET.resolve("steward.log"));
            Report.progress("starting Steward on an empty database %s (log: %s)", DATABASE, settings.log());
            StewardProcess steward = StewardProcess.start(settings);
            try {
                Duration firstRun = steward.awaitFirstAnswer(StartupBenchmark.START_TIMEOUT);
                Report.progress("first answer after %s", StartupBenchmark.seconds(firstRun));
                Duration restart = null;
                if (options.runs("startup")) {
                    steward.stop();
                    steward = StewardProcess.start(settings);
                    restart = steward.awaitFirstAnswer(StartupBenchmark.START_TIMEOUT);
                    Report.progress("restarted: first answer after %s", StartupBenchmark.seconds(restart));
                }
                if (options.runs("lifecycles")) {
                    failed |= lifecycles(options, report, steward, smtp);
                }
                StartupBenchmark startup = new StartupBenchmark(options, report);
                if (options.runs("startup")) {
                    startup.printStartupAndMemory(new StartupBenchmark.Startup(firstRun, restart), steward,
                            options.runs("lifecycles") ? "after the lifecycle passes" : "after start-up");
                }
                if (options.runs("email")) {
                    Report.progress("1,000 emails");
                    new EmailBenchmark(options, report).run(steward, DATABASE, smtp);
                }
                steward.stop();
                if (options.runs("startup")) {
                    startup.printCandidates(settings);
                }
            } finally {
                steward.close();
            }
        }
        if (options.runs("reads")) {
            reads(options, report, databases);
        }
        smtp.stop();
        report.line("");
        report.line("Load average at the end: %s", Machine.loadAverage());
        if (failed) {
            report.line("");
            report.line("**THE RUN FAILED: Steward answered 5xx or a lifecycle did not finish (see above and "
                    + "benchmarks/target/steward.log).**");
        }
        return failed;
    }

    private static boolean lifecycles(Options options, Report report, StewardProcess steward, GreenMail smtp)
            throws Exception {
        Report.progress("starting the bare engine on %s", BareEngine.DATABASE);
        try (BareEngine bare = new BareEngine(options)) {
            LifecycleBenchmark.Outcome outcome = new LifecycleBenchmark(options, report, smtp).run(steward, bare);
            if (outcome.serverErrors() > 0) {
                report.line("");
                report.line("**%d answers were 5xx (warm-up included): the run fails.**", outcome.serverErrors());
            }
            if (outcome.failedLifecycles() > 0) {
                report.line("");
                report.line("**%d lifecycles did not finish (warm-up included): the run fails.**",
                        outcome.failedLifecycles());
            }
            return outcome.serverErrors() > 0 || outcome.failedLifecycles() > 0;
        }
    }

    /** Reads at volume, written separately: on a Steward of its own, called by name so that it may be absent. */
    private static void reads(Options options, Report report, Databases databases) throws Exception {
        report.line("");
        report.line("### Reads at volume");
        report.line("");
        Method run;
        try {
            run = Class.forName("org.steward.benchmarks.volume.ReadsAtVolume").getMethod("run", URI.class,
                    String.class, String.class, String.class, boolean.class, PrintStream.class);
        } catch (ClassNotFoundException | NoSuchMethodException missing) {
            report.line("reads at volume: not available");
            return;
        }
        databases.drop(READS_DATABASE);
        StewardProcess.Settings settings = new StewardProcess.Settings(options.jar(), options.javaOpts(),
                options.databaseUrl(READS_DATABASE), options.dbUser(), options.dbPassword(), READS_PORT, SMTP_PORT,
                TARGET.resolve("steward-reads.log"));
        Report.progress("starting Steward for the reads at volume on %s (log: %s)", READS_DATABASE, settings.log());
        try (StewardProcess steward = StewardProcess.start(settings)) {
            steward.awaitFirstAnswer(StartupBenchmark.START_TIMEOUT);
            run.invoke(null, steward.baseUrl(), settings.jdbcUrl(), options.dbUser(), options.dbPassword(),
                    options.quick(), report.out());
        } catch (InvocationTargetException failed) {
            report.line("reads at volume failed: %s", failed.getCause());
            failed.getCause().printStackTrace();
        }
    }

    private static List<String> commandLine() {
        return ProcessHandle.current().info().arguments().map(arguments -> {
            List<String> all = List.of(arguments);
            int jar = all.indexOf("-jar");
            return jar >= 0 && jar + 2 <= all.size() ? all.subList(jar + 2, all.size()) : all;
        }).orElse(List.of());
    }
}

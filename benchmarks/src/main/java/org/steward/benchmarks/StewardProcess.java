package org.steward.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Steward's jar running as a child process, as an operator starts it: the mysql profile, the demo city, its own
 * port and log. Reads its CPU time and resident memory from /proc.
 */
final class StewardProcess implements AutoCloseable {

    /** Linux's clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
    private static final long TICKS_PER_SECOND = clockTicks();

    /** What a Steward is started with; the same settings start it again on its database. */
    record Settings(Path jar, String javaOpts, String jdbcUrl, String dbUser, String dbPassword, int port,
            int smtpPort, Path log) {
    }

    private final Settings settings;
    private final Process process;
    private final long startedNanos;

    private StewardProcess(Settings settings, Process process, long startedNanos) {
        this.settings = settings;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static StewardProcess start(Settings settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : settings.javaOpts().trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(settings.jar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_PROFILES_ACTIVE", "mysql");
        env.put("SPRING_DATASOURCE_URL", settings.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", settings.dbUser());
        env.put("SPRING_DATASOURCE_PASSWORD", settings.dbPassword());
        env.put("STEWARD_DEMODATA", "true");
        env.put("STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE", "true");
        env.put("SERVER_PORT", Integer.toString(settings.port()));
        // Every email goes to the benchmark's own SMTP server (GreenMail), from the start.
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(settings.smtpPort()));
        Files.createDirectories(settings.log().toAbsolutePath().getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile()));
        long started = System.nanoTime();
        Process process = builder.start();
        Children.add(process);
        return new StewardProcess(settings, process, started);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + settings.port());
    }

    Settings settings() {
        return settings;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits for the first answered call, GET /api/datasets as alex answering 200, asking every 50 ms; answers the
     * time from the process's start.
     */
    Duration awaitFirstAnswer(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve("/api/datasets"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "alex:demo".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Steward exited with " + process.exitValue() + " before answering; see "
                        + settings.log());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYetListening) {
                // Connection refused until Tomcat listens: ask again.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Steward did not answer within " + timeout + "; see " + settings.log());
    }

    /** The CPU time the process has used, user and system, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // The command name in parentheses may hold spaces; the fields after it are fixed: state is the first,
        // utime the 12th and stime the 13th (fields 14 and 15 of proc(5)).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** VmRSS of /proc/<pid>/status, in MiB. */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("No VmRSS for process " + process.pid());
    }

    /**
     * Waits until the process has used less than 5% of one core over the last 10 s (the job executor and the mail
     * sender still poll the database now and then), sampling twice a second; answers how long that took.
     */
    Duration awaitIdle(Duration timeout) throws Exception {
        long window = TimeUnit.SECONDS.toNanos(10);
        long start = System.nanoTime();
        // (time in ns, CPU seconds), the oldest kept just old enough to cover the window.
        List<double[]> samples = new ArrayList<>();
        while (System.nanoTime() - start < timeout.toNanos()) {
            long now = System.nanoTime();
            double cpu = cpuSeconds();
            samples.add(new double[] {now, cpu});
            while (samples.size() > 2 && now - samples.get(1)[0] >= window) {
                samples.remove(0);
            }
            double[] oldest = samples.get(0);
            double seconds = (now - oldest[0]) / 1e9;
            if (now - oldest[0] >= window && (cpu - oldest[1]) / seconds < 0.05) {
                return Duration.ofNanos(now - start);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Steward did not become idle within " + timeout);
    }

    /** Stops it as an operator would, with SIGTERM, and waits for it to finish its shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            Report.progress("Steward (pid %d) did not stop within 90 s of SIGTERM: killed", process.pid());
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        Children.remove(process);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (Exception noGetconf) {
            return 100;
        }
    }

    /** Every child process still running; a shutdown hook kills them if the benchmark ends early. */
    static final class Children {

        private static final List<Process> RUNNING = new ArrayList<>();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (RUNNING) {
                    for (Process process : RUNNING) {
                        process.destroy();
                    }
                    for (Process process : RUNNING) {
                        try {
                            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                                process.destroyForcibly();
                            }
                        } catch (InterruptedException interrupted) {
                            process.destroyForcibly();
                        }
                    }
                }
            }, "stop-stewards"));
        }

        private Children() {
        }

        static void add(Process process) {
            synchronized (RUNNING) {
                RUNNING.add(process);
            }
        }

        static void remove(Process process) {
            synchronized (RUNNING) {
                RUNNING.remove(process);
            }
        }
    }
}

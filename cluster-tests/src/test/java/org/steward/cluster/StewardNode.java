package org.steward.cluster;

import java.io.IOException;
import java.net.ServerSocket;
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
 * One Steward node: the release's jar run as an operator runs it ({@code java -jar} with the README's JVM options and
 * settings from the environment), its output in a log file of its own for each start.
 */
final class StewardNode {

    /** The README's JVM options. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:TrimNativeHeapInterval=5000");

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path logs;
    private final List<String> options;
    private Process process;
    private long startedNanos;
    private int starts;
    private volatile boolean up;

    StewardNode(String name, Path jar, int port, Map<String, String> environment, Path logs) {
        this(name, jar, port, environment, logs, List.of());
    }

    /** A node started with JVM options beyond the README's (the class archive's, say). */
    StewardNode(String name, Path jar, int port, Map<String, String> environment, Path logs, List<String> options) {
        this.options = List.copyOf(options);
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    String name() {
        return name;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Whether the test sends calls here: from the first answer after a start until it is stopped or killed. */
    boolean up() {
        return up;
    }

    Path log() {
        return logs.resolve(name + "-" + starts + ".log");
    }

    void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(options);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        starts++;
        Files.createDirectories(logs);
        builder.redirectErrorStream(true).redirectOutput(log().toFile());
        startedNanos = System.nanoTime();
        process = builder.start();
    }

    /** Waits for the node's first 200 to GET /api/datasets (alex, HTTP Basic); answers the time since its start. */
    Duration awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/api/datasets"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("alex:demo".getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build();
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Node " + name + " exited with " + process.exitValue()
                        + " before answering; its log: " + log());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    up = true;
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notListeningYet) {
                // Tomcat listens only once the application has started: ask again.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Node " + name + " did not answer within " + timeout + "; its log: " + log());
    }

    /** SIGKILL: the node dies at once, in the middle of whatever it was doing. */
    void kill() throws InterruptedException {
        up = false;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator stops it; killed if it has not ended within a minute. */
    void stop() throws InterruptedException {
        up = false;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A port nothing listens on just now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

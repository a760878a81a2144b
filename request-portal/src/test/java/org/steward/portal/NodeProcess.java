package org.steward.portal;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Steward in a JVM of its own, started as an operator starts it ({@code java ... org.steward.StewardApplication}) with
 * settings in the environment, on the application's classpath (this build's classes and their dependencies, without
 * the tests'), its output in a log file: for what only a process shows, an exit code, or a database cut off.
 */
public final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a node with these environment variables (over this JVM's own); its output goes to {@code log}. */
    public static NodeProcess start(Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp",
                applicationClassPath(), "org.steward.StewardApplication"));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The test run's own profile and database are not the node's.
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("STEWARD_"));
        builder.environment().putAll(environment);
        Files.createDirectories(log.toAbsolutePath().getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return new NodeProcess(builder.start(), log);
    }

    /** The exit code, once the node ended by itself within the time given. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The node did not end within " + within + "; its log:\n" + log());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the node has written so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the node as an operator does (SIGTERM), and kills it if it has not ended after 20 seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A port nothing listens on just now. */
    public static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Surefire starts tests through a small jar and names the real classpath in its own property. */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').replaceAll("/$", "").endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}

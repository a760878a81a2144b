package org.steward.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's faster start, as an operator (and the Dockerfile) does it: the jar unpacked, a training start that
 * writes a class data sharing archive and ends once the application is ready, and Steward started from the unpacked
 * jar with that archive. The node runs with {@code -Xshare:on}, so the JVM refuses to start if it cannot use the
 * archive: an answer proves the archive works.
 */
class ClassDataSharingTest {

    private final Path jar = Path.of(System.getProperty("steward.jar"));
    private final Path logs = Path.of(System.getProperty("steward.logs"));

    @Test
    void stewardStartsFromTheUnpackedJarWithTheArchiveOfATrainingStart() throws Exception {
        Path unpacked = logs.resolveSibling("class-data-sharing");
        delete(unpacked);
        Path archive = unpacked.resolve("steward.jsa");

        run("unpack", Map.of(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                "--destination", unpacked.toAbsolutePath().toString());
        Path application = unpacked.resolve(jar.getFileName());
        assertThat(application).as("the unpacked application's jar").exists();
        assertThat(unpacked.resolve("lib")).as("the libraries beside it").isDirectory();

        List<String> training = new ArrayList<>(StewardNode.JVM_OPTIONS);
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(),
                "-Dspring.context.exit=onRefresh", "-jar", application.toAbsolutePath().toString()));
        run("training", Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:training", "SERVER_PORT", "0"),
                training.toArray(String[]::new));
        assertThat(archive).as("the class archive of the training start").exists();
        assertThat(Files.size(archive)).as("the archive's size in bytes").isGreaterThan(20_000_000L);

        StewardNode node = new StewardNode("class-data-sharing", application, StewardNode.freePort(),
                Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:steward;DB_CLOSE_DELAY=-1", "STEWARD_DEMODATA", "true"),
                logs, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive.toAbsolutePath()));
        try {
            node.start();
            Duration ready = node.awaitReady(Duration.ofMinutes(3));
            System.out.printf("Class data sharing: archive %d MB; unpacked Steward answered %.1f s after its start"
                    + " (H2 in memory, demo city)%n", Files.size(archive) / 1_000_000, ready.toMillis() / 1000.0);
        } finally {
            node.stop();
        }
    }

    /** Runs java with these arguments in the unpacked folder's parent; fails with its output unless it ends with 0. */
    private void run(String what, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        Files.createDirectories(logs);
        Path output = logs.resolve(what + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("STEWARD_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The " + what + " did not end within 5 minutes: " + Files.readString(output));
        }
        assertThat(process.exitValue()).as("the %s's exit code; its output:%n%s", what, Files.readString(output))
                .isZero();
    }


    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

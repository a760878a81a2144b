package org.steward.portal.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.portal.NodeProcess;

/**
 * What an operator sees when a node cannot start, as a process: its exit code and its log, with the settings given in
 * the environment as a container or a service manager gives them.
 */
class StartRefusedProcessTest {

    private static final Path LOGS = Path.of("target", "faults");

    @Test
    void aNodeWhoseDatabaseNeverAnswersTriesForTheWaitThenExitsNamingTheSetting() throws Exception {
        int port = NodeProcess.unusedPort();
        Instant began = Instant.now();
        try (NodeProcess node = NodeProcess.start(Map.of("SPRING_PROFILES_ACTIVE", "mysql",
                "SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:" + port + "/steward",
                "STEWARD_STARTUP_DATABASEWAIT", "3s"), LOGS.resolve("database-never-answers.log"))) {
            int exit = node.awaitExit(Duration.ofSeconds(60));
            String log = node.log();
            System.out.println("A node whose database never answers (exit " + exit + " after "
                    + Duration.between(began, Instant.now()).toMillis() + " ms):\n" + log);
            assertThat(exit).as("exit code").isEqualTo(StartRefused.DATABASE_UNREACHABLE);
            List<String> tries = log.lines().filter(line -> line.contains("Waiting for the database at 127.0.0.1:"
                    + port + ": nothing answers at that address (connection refused)")).toList();
            assertThat(tries).as("a line a try").hasSizeGreaterThanOrEqualTo(3);
            assertThat(log).contains("Steward could not reach its database at 127.0.0.1:" + port + " within 3s",
                    "set steward.startup.database-wait (environment variable STEWARD_STARTUP_DATABASEWAIT), now 3s.")
                    .doesNotContain("HikariPool", "Flyway", "ENGINE-", "\tat ");
            assertThat(log.strip().lines().reduce((a, b) -> b).orElse("")).as("the last line")
                    .contains("STEWARD_STARTUP_DATABASEWAIT");
        }
    }

    @Test
    void aNodeGivenABaseUrlThatIsNotAWebAddressExitsNamingItsVariable() throws Exception {
        try (NodeProcess node = NodeProcess.start(Map.of("STEWARD_BASEURL", "data.city.example",
                "SPRING_DATASOURCE_URL", "jdbc:h2:mem:never-used"), LOGS.resolve("base-url-refused.log"))) {
            int exit = node.awaitExit(Duration.ofSeconds(60));
            String log = node.log();
            System.out.println("A node with a wrong base URL (exit " + exit + "):\n" + log);
            assertThat(exit).as("exit code").isEqualTo(StartRefused.WRONG_SETTING);
            assertThat(log).contains("steward.base-url (environment variable STEWARD_BASEURL) is \"data.city.example\""
                    + ", which does not start with https:// or http://; it was set by System Environment Property "
                    + "\"STEWARD_BASEURL\".").doesNotContain("\tat ");
        }
    }
}

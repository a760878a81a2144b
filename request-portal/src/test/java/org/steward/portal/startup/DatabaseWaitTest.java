package org.steward.portal.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.StandardEnvironment;
import org.steward.portal.NodeProcess;

/** The wait for the database at start-up, on an H2 server that starts late or refuses the password. */
class DatabaseWaitTest {

    /** H2's client itself tries again for 2 s before it reports a refused connection, so the server starts later. */
    @Test
    void aDatabaseThatStartsDuringTheWaitIsUsedAsSoonAsItAnswers() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(DatabaseWait.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        int port = NodeProcess.unusedPort();
        DatabaseTarget database = target("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:late;DB_CLOSE_DELAY=-1", "sa", "");
        CompletableFuture<Server> late = CompletableFuture.supplyAsync(() -> {
            try {
                return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, CompletableFuture.delayedExecutor(3500, TimeUnit.MILLISECONDS));
        Instant began = Instant.now();
        try {
            new DatabaseWait(new StandardEnvironment(), database, Duration.ofSeconds(15), Clock.systemUTC()).await();
            assertThat(Duration.between(began, Instant.now())).as("started once it answered, not at the end of the "
                    + "wait").isBetween(Duration.ofMillis(3400), Duration.ofSeconds(12));
            String output = log.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", (a, b) -> a + b + "\n");
            assertThat(output).contains("Waiting for the database at 127.0.0.1:" + port
                    + ": nothing answers at that address (connection refused) (try 1; trying again in 3 s",
                    "The database at 127.0.0.1:" + port + " answered after 2 tries");
        } finally {
            logger.detachAppender(log);
            late.get(10, TimeUnit.SECONDS).stop();
        }
    }

    @Test
    void aPasswordTheDatabaseRefusesStopsTheStartAtOnce() throws Exception {
        String url = "jdbc:h2:mem:password-check;DB_CLOSE_DELAY=-1";
        try (Connection owner = DriverManager.getConnection(url, "steward", "right")) {
            DatabaseWait wait = new DatabaseWait(new StandardEnvironment(), target(url, "steward", "wrong"),
                    Duration.ofMinutes(5), Clock.systemUTC());
            Instant began = Instant.now();
            assertThatThrownBy(wait::await).isInstanceOfSatisfying(StartRefused.class, refused -> {
                assertThat(refused.getExitCode()).isEqualTo(StartRefused.WRONG_SETTING);
                assertThat(refused.getMessage()).startsWith("spring.datasource.username (environment variable "
                        + "SPRING_DATASOURCE_USERNAME) or spring.datasource.password (environment variable "
                        + "SPRING_DATASOURCE_PASSWORD) is not accepted by the database").doesNotContain("wrong");
            });
            assertThat(Duration.between(began, Instant.now())).as("no waiting").isLessThan(Duration.ofSeconds(5));
        }
    }

    private static DatabaseTarget target(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return new DatabaseTarget(url, new org.h2.Driver(), properties);
    }
}

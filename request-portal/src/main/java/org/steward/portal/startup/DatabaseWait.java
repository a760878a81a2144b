package org.steward.portal.startup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Waits for the database before anything uses it: a node started with its database (or before it, as containers
 * start together) tries again every few seconds for {@code steward.startup.database-wait}, one log line a try saying
 * why it could not connect, instead of failing at once deep inside the connection pool, Flyway or the engine.
 * Refusals that waiting cannot change (a wrong password, a database that does not exist) stop the start at once.
 */
final class DatabaseWait {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

    private static final String SETTING = "steward.startup.database-wait";

    /** MySQL's and MariaDB's "Unknown database". */
    private static final int UNKNOWN_DATABASE = 1049;

    /** Connector/J's "illegal argument", as for a malformed address or an unknown property. */
    private static final String MALFORMED_URL = "S1009";

    private final Environment environment;
    private final DatabaseTarget database;
    private final Duration wait;
    private final Clock clock;

    DatabaseWait(Environment environment, DatabaseTarget database, Duration wait, Clock clock) {
        this.environment = environment;
        this.database = database;
        this.wait = wait;
        this.clock = clock;
    }

    /** Returns once a connection was made; throws {@link StartRefused} when none was by the end of the wait. */
    void await() {
        Instant began = clock.instant();
        Instant deadline = began.plus(wait);
        Duration interval = interval();
        for (int attempt = 1; ; attempt++) {
            Instant tried = clock.instant();
            Duration remaining = Duration.between(tried, deadline);
            try (Connection connection = database.connect(min(interval.multipliedBy(2), max(remaining,
                    Duration.ofSeconds(1))))) {
                if (attempt > 1) {
                    log.info("The database at {} answered after {} tries ({} s); starting.", database.where(),
                            attempt, Duration.between(began, clock.instant()).toSeconds());
                }
                return;
            } catch (SQLException failure) {
                refuseIfWaitingCannotHelp(failure);
                remaining = Duration.between(clock.instant(), deadline);
                if (remaining.isNegative() || remaining.isZero()) {
                    throw gaveUp(attempt, failure);
                }
                Duration pause = min(interval, remaining);
                log.warn("Waiting for the database at {}: {} (try {}; trying again in {}, giving up at {}, after {}="
                        + "{})", database.where(), reason(failure), attempt, words(pause), LocalTime.ofInstant(
                                deadline, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS), SETTING,
                        StartupSettings.words(wait));
                sleep(pause);
            }
        }
    }

    /** Every 5 seconds, more often for a wait under a minute, so that even a short wait tries a few times. */
    private Duration interval() {
        return min(Duration.ofSeconds(5), max(Duration.ofMillis(500), wait.dividedBy(5)));
    }

    private void refuseIfWaitingCannotHelp(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (state.startsWith("28")) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.username", "or "
                    + StartRefused.named("spring.datasource.password") + " is not accepted by the database at "
                    + database.where() + ", which answered: " + firstLine(failure.getMessage()),
                    "Set the user name and password the database knows for Steward.");
        }
        if (MALFORMED_URL.equals(state)) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.url", "cannot be read by the database "
                    + "driver, which said: " + firstLine(failure.getMessage()), "Set it to your database's JDBC "
                            + "address, such as jdbc:mysql://db.city.example:3306/steward?createDatabaseIfNotExist=true.");
        }
        if (failure.getErrorCode() == UNKNOWN_DATABASE) {
            throw StartRefused.wrongSetting(environment, "spring.datasource.url", "names a database that the server at "
                    + database.where() + " does not have (" + firstLine(failure.getMessage()) + ")",
                    "Create the database, or add ?createDatabaseIfNotExist=true to the address so that Steward "
                            + "creates it (its user then needs the right to).");
        }
    }

    private StartRefused gaveUp(int attempts, SQLException last) {
        return new StartRefused("Steward could not reach its database at " + database.where() + " within "
                + StartupSettings.words(wait) + " (" + attempts + (attempts == 1 ? " try" : " tries")
                + "); the last try said: " + reason(last) + ".",
                "Check that the database is running and that this server can reach it at the address in "
                        + StartRefused.named("spring.datasource.url") + ". To wait longer for it at start-up, set "
                        + StartRefused.named(SETTING) + ", now " + StartupSettings.words(wait) + ".",
                StartRefused.DATABASE_UNREACHABLE, last);
    }

    /** Why a try failed, in words: the network's reason when there is one, else the driver's first line. */
    static String reason(SQLException failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
            deepest = t;
        }
        if (deepest instanceof UnknownHostException unknown) {
            return "no host is known by the name " + hostOf(unknown.getMessage()) + " (unknown host)";
        }
        if (deepest instanceof ConnectException) {
            return "nothing answers at that address (" + firstLine(deepest.getMessage()).toLowerCase() + ")";
        }
        if (deepest instanceof NoRouteToHostException) {
            return "the network has no route to that host (" + firstLine(deepest.getMessage()) + ")";
        }
        if (deepest instanceof SocketTimeoutException) {
            return "no answer in time (" + firstLine(deepest.getMessage()) + ")";
        }
        if (deepest instanceof IOException && deepest.getMessage() != null) {
            return "the connection failed (" + firstLine(deepest.getMessage()) + ")";
        }
        return firstLine(failure.getMessage());
    }

    private static String hostOf(String message) {
        return message == null ? "given" : message.replaceFirst(":.*$", "");
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.strip().lines().findFirst().orElse("").strip();
    }

    private static String words(Duration pause) {
        long millis = pause.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1000.0);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new StartRefused("Steward was stopped while it waited for its database.",
                    "Nothing to do: it was asked to stop.", StartRefused.DATABASE_UNREACHABLE, stopped);
        }
    }
}

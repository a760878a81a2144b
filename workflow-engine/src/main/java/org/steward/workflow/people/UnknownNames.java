package org.steward.workflow.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins under user names that nobody has, held back exactly as the engine holds back a person's: the same
 * growing wait with the same cap, forgotten after the same quiet time. So the answers to a login (wrong, or wait so
 * many seconds) never tell whether a user name exists. Kept in the database, as the engine keeps a person's, so that
 * every node answers alike (a name held back on one node only would tell a made-up name from a real one); only the
 * SHA-256 of the name is stored.
 */
@Component
class UnknownNames {

    /** Databases whose timestamps the application stores in whole seconds (see application-mysql.properties). */
    private static final Set<String> WHOLE_SECONDS = Set.of("mysql", "mariadb");

    private final ObjectProvider<ProcessEngineConfigurationImpl> engine;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    UnknownNames(ObjectProvider<ProcessEngineConfigurationImpl> engine, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Failed tries in a row, and until when further tries are held back. */
    private record Tries(int count, Instant heldUntil) {
    }

    /** How long tries under this name are still held back; a name quiet long enough counts as never tried. */
    Optional<Duration> heldBackFor(String name, Instant now) {
        Optional<Tries> known = read(key(name), false);
        if (known.isEmpty() || PeopleService.forgotten(known.get().heldUntil(), now)) {
            return Optional.empty();
        }
        Instant heldUntil = known.get().heldUntil();
        return now.isBefore(heldUntil) ? Optional.of(Duration.between(now, heldUntil)) : Optional.empty();
    }

    /** Counts a failed try, and holds further ones back as the engine would for a person after as many. */
    void failed(String name, Instant now) {
        // Names quiet for long enough are forgotten, so the table holds only the last quarter of an hour's names.
        jdbc.update("DELETE FROM login_unknown_name WHERE held_until < ?",
                Timestamp.from(now.minus(PeopleService.QUIET)));
        String key = key(name);
        try {
            count(key, now);
        } catch (DuplicateKeyException anotherNodeCountedTheFirst) {
            count(key, now);
        }
    }

    private void count(String key, Instant now) {
        ownTransaction.executeWithoutResult(status -> {
            Optional<Tries> before = read(key, true);
            int count = before.isEmpty() || PeopleService.forgotten(before.get().heldUntil(), now) ? 1
                    : before.get().count() + 1;
            Timestamp heldUntil = Timestamp.from(stored(now.plus(delay(count))));
            if (before.isEmpty()) {
                jdbc.update("INSERT INTO login_unknown_name (name_hash, tries, held_until) VALUES (?, ?, ?)", key,
                        count, heldUntil);
            } else {
                jdbc.update("UPDATE login_unknown_name SET tries = ?, held_until = ? WHERE name_hash = ?", count,
                        heldUntil, key);
            }
        });
    }

    private Optional<Tries> read(String key, boolean lock) {
        List<Tries> rows = jdbc.query("SELECT tries, held_until FROM login_unknown_name WHERE name_hash = ?"
                + (lock ? " FOR UPDATE" : ""), (row, i) -> new Tries(row.getInt(1), row.getTimestamp(2).toInstant()),
                key);
        return rows.stream().findFirst();
    }

    /** The engine's own rule: base × factor^(tries − 1) seconds, at most the maximum. */
    private Duration delay(int count) {
        ProcessEngineConfigurationImpl configuration = engine.getObject();
        double seconds = configuration.getLoginDelayBase() * Math.pow(configuration.getLoginDelayFactor(), count - 1);
        return Duration.ofSeconds((long) Math.min(seconds, configuration.getLoginDelayMaxTime()));
    }

    /** The expiry as the engine's table would give it back, so that the waits read the same to the second. */
    private Instant stored(Instant expiry) {
        String type = engine.getObject().getDatabaseType();
        return type != null && WHOLE_SECONDS.contains(type.toLowerCase(Locale.ROOT))
                ? expiry.truncatedTo(ChronoUnit.SECONDS) : expiry;
    }

    private static String key(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

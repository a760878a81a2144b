package org.steward.workflow.people;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins counted per name typed and client address: each failure from an address holds back further tries of
 * that name from that address for a growing while (3 s, 6 s, 12 s... up to {@code steward.login.delay-max-seconds}),
 * forgotten after {@link #QUIET} without a try. A stranger's failures hold back only the stranger's address, so the
 * person keeps logging in from their own. Real and made-up names take the same path through here, so no answer tells
 * whether a name exists. Kept in the database, so that every node holds back alike; only the SHA-256 of the name is
 * stored.
 */
@Component
class LoginThrottle {

    /** Failed logins are forgotten after this long without another try. */
    static final Duration QUIET = Duration.ofMinutes(15);

    private static final int FIRST_WAIT_SECONDS = 3;
    private static final int GROWTH = 2;
    /** Where no address is known (a call from inside the application): all such tries count together. */
    private static final String NO_ADDRESS = "unknown";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*(%[0-9a-zA-Z]+)?");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final int maxWaitSeconds;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, LoginSettings settings) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.maxWaitSeconds = Math.max(FIRST_WAIT_SECONDS, settings.delayMaxSeconds());
    }

    /** Failed tries in a row, and until when further tries are held back. */
    record Tries(int count, Instant heldUntil) {
    }

    /**
     * What a login reads before it checks a password, in one round trip since every HTTP Basic call makes it: the
     * failed tries of this name from this address, and whether the account must change its password first.
     */
    record Before(Optional<Tries> tries, boolean mustChangePassword) {

        /** How long tries are still held back; tries quiet for long enough count as never made. */
        Optional<Duration> heldBackFor(Instant now) {
            return tries.filter(t -> !forgotten(t.heldUntil(), now) && now.isBefore(t.heldUntil()))
                    .map(t -> Duration.between(now, t.heldUntil()));
        }
    }

    /** A hold on a name from one address, for the admin pages. */
    record Hold(String address, int tries, Duration left) {
    }

    Before before(String name, String clientAddress) {
        String key = key(name);
        String address = address(clientAddress);
        // local_account belongs to LocalAccounts; read here too so that a login costs one query for both.
        return jdbc.query("SELECT (SELECT tries FROM login_failure WHERE name_hash = ? AND address = ?),"
                + " (SELECT held_until FROM login_failure WHERE name_hash = ? AND address = ?),"
                + " (SELECT must_change_password FROM local_account WHERE user_id = ?)",
                row -> {
                    row.next();
                    int tries = row.getInt(1);
                    Timestamp heldUntil = row.getTimestamp(2);
                    boolean mustChange = row.getBoolean(3);
                    return new Before(heldUntil == null ? Optional.empty()
                            : Optional.of(new Tries(tries, heldUntil.toInstant())), mustChange);
                }, key, address, key, address, name);
    }

    /** Counts a failed try of this name from this address, and holds further ones back for longer. */
    void failed(String name, String clientAddress, Instant now) {
        // Tries quiet for long enough are forgotten, so the table holds only the last quarter of an hour's.
        jdbc.update("DELETE FROM login_failure WHERE held_until < ?", Timestamp.from(now.minus(QUIET)));
        String key = key(name);
        String address = address(clientAddress);
        try {
            count(key, address, now);
        } catch (DuplicateKeyException anotherNodeCountedTheFirst) {
            count(key, address, now);
        }
    }

    /** A right password: the failures of this name from this address are forgotten, as after a quiet time. */
    void succeeded(String name, String clientAddress) {
        jdbc.update("DELETE FROM login_failure WHERE name_hash = ? AND address = ?", key(name), address(clientAddress));
    }

    /** The holds on a name that still last, longest first. */
    List<Hold> holds(String name, Instant now) {
        return jdbc.query("SELECT address, tries, held_until FROM login_failure WHERE name_hash = ? AND held_until > ?"
                + " ORDER BY held_until DESC", (row, i) -> new Hold(row.getString(1), row.getInt(2),
                        Duration.between(now, row.getTimestamp(3).toInstant())), key(name), Timestamp.from(now));
    }

    /** The longest hold on each name held back now, by the name's key ({@link #key}): one query for a list. */
    Map<String, Duration> holdsByName(Instant now) {
        Map<String, Duration> holds = new HashMap<>();
        jdbc.query("SELECT name_hash, MAX(held_until) FROM login_failure WHERE held_until > ? GROUP BY name_hash",
                row -> {
                    holds.put(row.getString(1), Duration.between(now, row.getTimestamp(2).toInstant()));
                }, Timestamp.from(now));
        return holds;
    }

    /** Forgets every failed try of a name, from every address (an admin's unlock, a reset). */
    void forget(String name) {
        jdbc.update("DELETE FROM login_failure WHERE name_hash = ?", key(name));
    }

    private void count(String key, String address, Instant now) {
        ownTransaction.executeWithoutResult(status -> {
            Optional<Tries> before = jdbc.query("SELECT tries, held_until FROM login_failure WHERE name_hash = ?"
                    + " AND address = ? FOR UPDATE", (row, i) -> new Tries(row.getInt(1),
                            row.getTimestamp(2).toInstant()), key, address).stream().findFirst();
            int count = before.isEmpty() || forgotten(before.get().heldUntil(), now) ? 1 : before.get().count() + 1;
            // Whole seconds, as MySQL keeps them (sendFractionalSeconds=false): the same wait on every database.
            Timestamp heldUntil = Timestamp.from(now.plus(wait(count)).truncatedTo(ChronoUnit.SECONDS));
            if (before.isEmpty()) {
                jdbc.update("INSERT INTO login_failure (name_hash, address, tries, held_until) VALUES (?, ?, ?, ?)",
                        key, address, count, heldUntil);
            } else {
                jdbc.update("UPDATE login_failure SET tries = ?, held_until = ? WHERE name_hash = ? AND address = ?",
                        count, heldUntil, key, address);
            }
        });
    }

    /** 3 s after the first failure, twice as long after each next one, at most the maximum. */
    Duration wait(int failures) {
        double seconds = FIRST_WAIT_SECONDS * Math.pow(GROWTH, Math.min(failures, 31) - 1);
        return Duration.ofSeconds((long) Math.min(seconds, maxWaitSeconds));
    }

    /** Whether failed logins held back until then are forgotten by now: nobody tried for {@link #QUIET} since. */
    static boolean forgotten(Instant heldUntil, Instant now) {
        return now.isAfter(heldUntil.plus(QUIET));
    }

    /**
     * The address tries are counted under: an IPv4 address as it is, an IPv6 address by its /64 network, since one
     * machine is usually given a whole /64 and could otherwise take a fresh address for every try.
     */
    static String address(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return NO_ADDRESS;
        }
        String address = clientAddress.strip();
        if (IPV4.matcher(address).matches() || !address.contains(":") || !IPV6.matcher(address).matches()) {
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
        try {
            // Starts with a hex digit or a colon and holds a colon: Java parses it as an IPv6 literal, never looks it up.
            byte[] bytes = InetAddress.getByName(address.replaceFirst("%.*$", "")).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            byte[] network = Arrays.copyOf(bytes, 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException notAnAddress) {
            return address.length() > 64 ? address.substring(0, 64) : address;
        }
    }

    /** The name as stored: the SHA-256 of its lower-case form, as user ids are lower-case. */
    static String key(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

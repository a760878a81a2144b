package org.steward.workflow.people;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Passwords that were checked right a moment ago, so that an HTTP Basic client, which sends its password with every
 * call, pays the adaptive hash (tens of milliseconds of CPU by design) once every few minutes rather than on each call.
 *
 * <p>Why it is safe: an entry is a verdict of the hash check, written only after a full check said yes, and keyed on
 * everything that verdict depends on: the user id, the hash stored for them then (which a new password, a reset or an
 * upgraded hash replaces, with a new salt, so that an entry never matches again) and the password given. Each login
 * still reads the stored hash, the person's groups and the hold on their tries from the database, so a group change,
 * a removed account or a held-back address counts at once. The password is kept only as an HMAC under a key made at
 * start-up and never stored, the map is bounded, and entries expire after {@link #KEPT}.
 */
@Component
class VerifiedPasswords {

    /** Enough for every script and scraper of a city; the least recently used entry goes first. */
    static final int CAPACITY = 1_000;
    /** A scraper every 15 s or a script's burst of calls pays one check in this while. */
    static final Duration KEPT = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Map<String, Long> expiries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    VerifiedPasswords() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether this password was checked right against this very stored hash within {@link #KEPT}. */
    boolean contains(String userId, String storedHash, String password) {
        String entry = entry(userId, storedHash, password);
        synchronized (expiries) {
            Long until = expiries.get(entry);
            if (until == null) {
                return false;
            }
            if (System.nanoTime() - until > 0) {
                expiries.remove(entry);
                return false;
            }
            return true;
        }
    }

    /** Notes a password that a full check found right against the stored hash. */
    void remember(String userId, String storedHash, String password) {
        String entry = entry(userId, storedHash, password);
        synchronized (expiries) {
            expiries.put(entry, System.nanoTime() + KEPT.toNanos());
        }
    }

    private String entry(String userId, String storedHash, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // Separated by a character no user id or hash holds, so that no two triples read alike.
            return HexFormat.of().formatHex(mac.doFinal((userId + '\0' + storedHash + '\0' + password)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package org.steward.workflow.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The engine's password hash: BCrypt, an adaptive hash, so that Cockpit, the engine's REST API and the portal check
 * the same stored hash. Stored as {@code {bcrypt}$2a$10$...}; the engine's older {@code {SHA-512}} hashes still verify
 * (the engine keeps its own checker for them) and are replaced at the person's next successful login.
 */
final class PasswordHash implements PasswordEncryptor {

    /** The prefix the engine writes before the hash, so that it knows which checker reads it. */
    static final String ALGORITHM = "bcrypt";

    private final BCryptPasswordEncoder bcrypt;
    /** A hash of nothing anyone types, checked for unknown user names so that they cost what a real check costs. */
    private final String decoy;

    PasswordHash(int cost) {
        this.bcrypt = new BCryptPasswordEncoder(cost);
        this.decoy = bcrypt.encode(preHashed("a password nobody has " + System.nanoTime()));
    }

    /**
     * The engine hands over the password followed by its own salt: together they can exceed the 72 bytes that BCrypt
     * reads (a 60-character passphrase with the 24-character salt does), so BCrypt is given their SHA-256 instead.
     */
    @Override
    public String encrypt(String passwordAndSalt) {
        return bcrypt.encode(preHashed(passwordAndSalt));
    }

    @Override
    public boolean check(String passwordAndSalt, String hash) {
        return bcrypt.matches(preHashed(passwordAndSalt), hash);
    }

    @Override
    public String hashAlgorithmName() {
        return ALGORITHM;
    }

    /** The work of one check, spent on a password nobody has: a made-up user name costs as long as a real one. */
    void checkNothing(String password) {
        bcrypt.matches(preHashed(password == null ? "" : password), decoy);
    }

    /** Whether a stored hash (with its prefix) was made with another algorithm, or with another cost. */
    boolean outdated(String storedHash) {
        if (storedHash == null || !storedHash.startsWith("{" + ALGORITHM + "}")) {
            return true;
        }
        return bcrypt.upgradeEncoding(storedHash.substring(ALGORITHM.length() + 2));
    }

    private static String preHashed(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package org.steward.workflow.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be, in one place for a new person, a person's own change and an admin's reset: at least
 * {@link #MIN} characters, at most {@link #MAX}, without the user name in it, and not one of the passwords people
 * choose most often (the list shipped in {@value #COMMON_LIST}), which attackers try first.
 */
final class PasswordPolicy {

    static final int MIN = 12;
    static final int MAX = 255;
    static final String COMMON_LIST = "steward/people/common-passwords.txt";

    /** User names shorter than this may be part of a password: "al" would forbid every password with "also". */
    private static final int SHORTEST_NAME_REFUSED = 3;

    private PasswordPolicy() {
    }

    /**
     * Why this password may not be the user's, in plain words for the person typing it; empty when it may.
     *
     * @param missing what to say when nothing was typed
     */
    static Optional<String> problem(String userId, String password, String missing) {
        if (password == null || password.isEmpty()) {
            return Optional.of(missing);
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN) {
            return Optional.of("Use at least " + MIN + " characters: a few words in a row make a password that is "
                    + "long and easy to remember.");
        }
        if (length > MAX) {
            return Optional.of("Use at most " + MAX + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (userId != null && userId.length() >= SHORTEST_NAME_REFUSED
                && lower.contains(userId.toLowerCase(Locale.ROOT))) {
            return Optional.of("Choose a password that does not contain the user name (" + userId + ").");
        }
        // Spaces around or inside a listed password do not make it another one.
        if (Common.PASSWORDS.contains(lower) || Common.PASSWORDS.contains(lower.strip())
                || Common.PASSWORDS.contains(lower.replaceAll("\\s+", ""))) {
            return Optional.of("This password is on the list of passwords that people choose most often, which are "
                    + "the first ones tried by anyone guessing. Choose another.");
        }
        return Optional.empty();
    }

    /** The list, read once when first needed. */
    private static final class Common {

        static final Set<String> PASSWORDS = read();

        private static Set<String> read() {
            InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_LIST);
            if (in == null) {
                throw new IllegalStateException("The list of common passwords is missing from the application: "
                        + COMMON_LIST);
            }
            Set<String> passwords = new HashSet<>(16_384);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        passwords.add(line.strip().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
            return Set.copyOf(passwords);
        }
    }
}

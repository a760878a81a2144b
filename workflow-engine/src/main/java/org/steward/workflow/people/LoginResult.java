package org.steward.workflow.people;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a login: the person, or why not (and for how long further tries are held back); and whether the
 * person must change the password an admin set before doing anything else.
 */
public record LoginResult(Optional<Person> person, Optional<Duration> retryAfter, boolean mustChangePassword) {

    public LoginResult(Optional<Person> person, Optional<Duration> retryAfter) {
        this(person, retryAfter, false);
    }

    static LoginResult success(Person person, boolean mustChangePassword) {
        return new LoginResult(Optional.of(person), Optional.empty(), mustChangePassword);
    }

    static LoginResult refused(Duration retryAfter) {
        return new LoginResult(Optional.empty(), Optional.ofNullable(retryAfter), false);
    }

    public boolean succeeded() {
        return person.isPresent();
    }
}

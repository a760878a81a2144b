package org.steward.workflow.people;

import java.time.Duration;
import java.util.Optional;

/** The outcome of a login: the person, or why not (and for how long further tries are held back). */
public record LoginResult(Optional<Person> person, Optional<Duration> retryAfter) {

    static LoginResult success(Person person) {
        return new LoginResult(Optional.of(person), Optional.empty());
    }

    static LoginResult refused(Duration retryAfter) {
        return new LoginResult(Optional.empty(), Optional.ofNullable(retryAfter));
    }

    public boolean succeeded() {
        return person.isPresent();
    }
}

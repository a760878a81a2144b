package org.steward.workflow.people;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Failed logins under user names that nobody has, held back exactly as the engine holds back a person's: the same
 * growing wait with the same cap, forgotten after the same quiet time. So the answers to a login (wrong, or wait so
 * many seconds) never tell whether a user name exists. Kept in memory, per node, for the newest {@value #NAMES} names.
 */
@Component
class UnknownNames {

    /** How many unknown names are remembered at most; the longest unused goes first. */
    static final int NAMES = 50_000;

    /** Databases whose timestamps the application stores in whole seconds (see application-mysql.properties). */
    private static final Set<String> WHOLE_SECONDS = Set.of("mysql", "mariadb");

    private final ObjectProvider<ProcessEngineConfigurationImpl> engine;
    private final Map<String, Tries> tries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tries> eldest) {
            return size() > NAMES;
        }
    };

    UnknownNames(ObjectProvider<ProcessEngineConfigurationImpl> engine) {
        this.engine = engine;
    }

    /** Failed tries in a row, and until when further tries are held back. */
    private record Tries(int count, Instant heldUntil) {
    }

    /** How long tries under this name are still held back; forgets the name once it has been quiet long enough. */
    synchronized Optional<Duration> heldBackFor(String name, Instant now) {
        Tries known = tries.get(name);
        if (known == null) {
            return Optional.empty();
        }
        if (PeopleService.forgotten(known.heldUntil(), now)) {
            tries.remove(name);
            return Optional.empty();
        }
        return now.isBefore(known.heldUntil()) ? Optional.of(Duration.between(now, known.heldUntil()))
                : Optional.empty();
    }

    /** Counts a failed try, and holds further ones back as the engine would for a person after as many. */
    synchronized void failed(String name, Instant now) {
        Tries before = tries.get(name);
        int count = before == null ? 1 : before.count() + 1;
        tries.put(name, new Tries(count, stored(now.plus(delay(count)))));
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
}

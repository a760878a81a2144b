package org.steward.portal.monitoring;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.steward.workflow.people.PeopleService;

/**
 * The account Prometheus logs in with, made at start-up from {@code steward.metrics.user} and
 * {@code steward.metrics.password} (STEWARD_METRICS_USER, STEWARD_METRICS_PASSWORD) when both are set. It is in the
 * group {@link #GROUP}, which may read /actuator and nothing else; its password follows the setting at every start.
 */
@Component
@Order(3)
public class MetricsAccount implements ApplicationRunner {

    /** Members read /actuator/** and are refused everywhere else, whatever other groups they are in. */
    public static final String GROUP = "metrics-readers";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsAccount.class);
    private static final int MIN_PASSWORD = 12;

    private final PeopleService people;
    private final String userId;
    private final String password;

    MetricsAccount(PeopleService people, MetricsSettings settings) {
        this.people = people;
        this.userId = settings.user().strip();
        this.password = settings.password();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (userId.isEmpty() && password.isEmpty()) {
            return;
        }
        if (userId.isEmpty() || password.isEmpty()) {
            throw new IllegalStateException("Only one of steward.metrics.user and steward.metrics.password "
                    + "(STEWARD_METRICS_USER, STEWARD_METRICS_PASSWORD) is set: set both to make the account "
                    + "Prometheus reads /actuator/prometheus with, or neither.");
        }
        if (!PeopleService.ID.matcher(userId).matches()) {
            throw new IllegalStateException("steward.metrics.user (STEWARD_METRICS_USER) is \"" + userId + "\": use "
                    + "lower-case letters and digits, with single hyphens between parts, such as prometheus.");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalStateException("steward.metrics.password (STEWARD_METRICS_PASSWORD) is shorter than "
                    + MIN_PASSWORD + " characters: choose a longer one.");
        }
        if (people.exists(userId) && !people.groupsOf(userId).contains(GROUP)) {
            Set<String> groups = new HashSet<>(people.groupsOf(userId));
            throw new IllegalStateException("steward.metrics.user (STEWARD_METRICS_USER) names " + userId + ", an "
                    + "account that is not the metrics account (its groups: " + (groups.isEmpty() ? "none" : groups)
                    + "). Choose a user id of its own, such as prometheus.");
        }
        // Two nodes starting together may both make the group or the account: the one that comes second finds it made.
        once(() -> people.createGroup(GROUP, "Metrics readers (Prometheus)"));
        once(() -> {
            if (!people.exists(userId)) {
                people.createPerson(userId, "Metrics", "account", userId + "@localhost", password);
            }
        });
        people.setPassword(userId, password);
        once(() -> people.addToGroup(userId, GROUP));
        LOG.info("The metrics account {} may read /actuator/health and /actuator/prometheus, nothing else.", userId);
    }

    private static void once(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException madeMeanwhile) {
            step.run();
        }
    }
}

package org.steward.portal.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;

/**
 * A request's history lists who did what in the order it happened, also when several steps fall in the same second.
 * On MySQL and MariaDB every time is stored to the whole second (the engine needs sendFractionalSeconds=false, and
 * the connection property applies to our tables too), so steps taken within one second carry the same time. The
 * engine's clock (which the portal's follows) is stopped at a whole second here, so that happens on every database
 * and in every run, not only when a run happens to fall within one second.
 */
class RequestHistoryTest extends IntegrationTest {

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void stepsTakenWithinOneSecondAreListedInTheOrderTheyHappened() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        String reference = submit("Work orders, all within one second", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Which work types?").status())
                .isEqualTo(204);
        runJobs();
        Map<String, Object> revision = requestBody("Work orders, all within one second", "PW-WORK-ORDERS");
        revision.put("datasets", List.of(Map.of("code", "PW-WORK-ORDERS", "elements", List.of("work_type"))));
        assertThat(put("alex", "/api/requests/" + reference, revision).status()).isEqualTo(200);
        assertThat(decide("alex", taskAssignedTo(reference, "alex"), "resubmit", null).status()).isEqualTo(204);
        runJobs();
        assertThat(post("alex", "/api/requests/" + reference + "/withdraw", Map.of("reason", "Not needed")).status())
                .isEqualTo(200);

        assertThat(timeline(reference)).containsExactly("alex:submitted:submitted:api",
                "sam:approveAsSteward:changes:api", "alex:revised:revised:api", "alex:reviseRequest:resubmit:api",
                "alex:withdrawn:withdrawn:api");
    }
}

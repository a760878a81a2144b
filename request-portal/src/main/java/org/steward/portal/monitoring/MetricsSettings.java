package org.steward.portal.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Steward's figures at /actuator/prometheus ({@code steward.metrics.*}).
 *
 * @param user the metrics account's user id (Prometheus logs in with it), created at start-up with the password
 * @param password the metrics account's password; both or neither must be set
 * @param cacheTime figures read from the database are kept this long, so that frequent scrapes do not each query it
 */
@ConfigurationProperties("steward.metrics")
record MetricsSettings(@DefaultValue("") String user, @DefaultValue("") String password,
        @DefaultValue("10s") Duration cacheTime) {
}

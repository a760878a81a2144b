package org.steward.portal.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the health checks tolerate ({@code steward.health.*}).
 *
 * @param outboxMaxWait an email due this long without being sent makes the outbox, and readiness, OUT_OF_SERVICE;
 *     above {@code steward.mail.claim-for}, so that emails a stopped node held are taken over by another node first
 */
@ConfigurationProperties("steward.health")
record HealthSettings(@DefaultValue("15m") Duration outboxMaxWait) {
}

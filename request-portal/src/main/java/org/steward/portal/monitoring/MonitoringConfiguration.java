package org.steward.portal.monitoring;

import org.springframework.boot.actuate.availability.AvailabilityStateHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settings of health and metrics, and readiness's own state read as the proxy needs it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HealthSettings.class, MetricsSettings.class})
class MonitoringConfiguration {

    /**
     * A node that is starting or stopping is DOWN, not OUT_OF_SERVICE as Spring Boot has it: readiness answers 503
     * for DOWN only, since OUT_OF_SERVICE there means email trouble that every node shares (see
     * application.properties), and a node that has not started must still be kept from the proxy.
     */
    @Bean
    HealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
        return new AvailabilityStateHealthIndicator(availability, ReadinessState.class, statuses -> {
            statuses.add(ReadinessState.ACCEPTING_TRAFFIC, Status.UP);
            statuses.add(ReadinessState.REFUSING_TRAFFIC, Status.DOWN);
        });
    }
}

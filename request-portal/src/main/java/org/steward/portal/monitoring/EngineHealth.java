package org.steward.portal.monitoring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.steward.workflow.monitoring.EngineStatus;

/** Whether the process engine reads its tables and has the request process to start requests with. */
@Component("engineHealthIndicator")
class EngineHealth implements HealthIndicator {

    private final EngineStatus status;

    EngineHealth(EngineStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        EngineStatus.Engine engine;
        try {
            engine = status.engine();
        } catch (RuntimeException failure) {
            return Health.down().withDetail("message", "The process engine cannot read its tables: "
                    + failure.getMessage()).build();
        }
        if (engine.requestProcessVersions() == 0) {
            return Health.down().withDetail("message", "The request process is not deployed, so no request can be "
                    + "submitted. The log of the node's start says why its models were not deployed.").build();
        }
        return Health.up().withDetail("message", "The process engine answers; the request process has "
                + engine.requestProcessVersions() + (engine.requestProcessVersions() == 1 ? " version." : " versions."))
                .build();
    }
}

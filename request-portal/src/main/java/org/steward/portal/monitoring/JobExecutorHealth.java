package org.steward.portal.monitoring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.steward.workflow.monitoring.EngineStatus;

/**
 * Whether this node's job executor runs: it takes the engine's due jobs (reminders, escalations, the steps after a
 * decision). Switched off on purpose it is fine, as long as another node runs one.
 */
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

    private final EngineStatus status;

    JobExecutorHealth(EngineStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        EngineStatus.JobExecutorState executor = status.jobExecutor();
        if (!executor.switchedOn()) {
            return Health.up().withDetail("message", "Switched off on this node by camunda.bpm.job-execution."
                    + "enabled=false: another node must run the jobs (reminders, escalations, the steps after a "
                    + "decision).").build();
        }
        if (!executor.running()) {
            return Health.down().withDetail("message", "The job executor is not running on this node: reminders, "
                    + "escalations and the steps after a decision wait for a node that runs one. The node's log says "
                    + "why it stopped; restarting the node starts it again.").build();
        }
        return Health.up().withDetail("message", "Running: takes due jobs (reminders, escalations, the steps after a "
                + "decision), " + executor.jobsPerLook() + " at a time, each held for "
                + executor.lockMillis() / 1000 + " seconds.").build();
    }
}

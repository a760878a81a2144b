package org.steward.workflow.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.steward.workflow.request.RequestStatus;

/**
 * How much work stands where, across every node (they share the database): requests by status, tasks waiting by step,
 * the engine's due and failed jobs, open incidents. One aggregate query for each.
 */
@Component
public class WorkFigures {

    private final NamedParameterJdbcTemplate jdbc;
    private final ManagementService management;
    private final Clock clock;

    WorkFigures(NamedParameterJdbcTemplate jdbc, ManagementService management, Clock clock) {
        this.jdbc = jdbc;
        this.management = management;
        this.clock = clock;
    }

    /** Every figure, read now. */
    @Transactional(readOnly = true)
    public Figures read() {
        Instant now = clock.instant();
        Map<String, Long> requests = new TreeMap<>();
        for (RequestStatus status : RequestStatus.values()) {
            requests.put(status.name(), 0L);
        }
        jdbc.query("select status, count(*) from data_request group by status",
                row -> {
                    requests.put(row.getString(1), row.getLong(2));
                });

        Map<String, StepWaiting> tasks = new TreeMap<>();
        jdbc.query("select TASK_DEF_KEY_, count(*), min(CREATE_TIME_) from "
                + management.getTableName(TaskEntity.class) + " where TASK_DEF_KEY_ is not null group by TASK_DEF_KEY_",
                row -> {
                    Timestamp oldest = row.getTimestamp(3);
                    tasks.put(row.getString(1), new StepWaiting(row.getLong(2),
                            oldest == null ? null : oldest.toInstant()));
                });

        // Due: would be taken by a job executor now (retries left, not suspended, its time has come); failed: no
        // retries left, so it waits for an admin (Cockpit) and shows as an incident.
        long[] jobs = new long[2];
        jdbc.query("select sum(case when RETRIES_ > 0 and SUSPENSION_STATE_ = 1 and (DUEDATE_ is null or DUEDATE_ <= "
                + ":now) then 1 else 0 end), sum(case when RETRIES_ = 0 then 1 else 0 end) from "
                + management.getTableName(JobEntity.class), Map.of("now", Timestamp.from(now)),
                row -> {
                    jobs[0] = row.getLong(1);
                    jobs[1] = row.getLong(2);
                });

        Long incidents = jdbc.queryForObject("select count(*) from "
                + management.getTableName(IncidentEntity.class), Map.of(), Long.class);
        return new Figures(now, requests, tasks, jobs[0], jobs[1], incidents == null ? 0 : incidents);
    }

    /**
     * @param readAt when the figures were read
     * @param requestsByStatus requests in each status, every status of {@link RequestStatus} included
     * @param tasksByStep open tasks by the step (task definition key) they wait on
     * @param jobsDue jobs a job executor would take now
     * @param jobsFailed jobs with no retries left
     * @param incidentsOpen the engine's open incidents
     */
    public record Figures(Instant readAt, Map<String, Long> requestsByStatus, Map<String, StepWaiting> tasksByStep,
            long jobsDue, long jobsFailed, long incidentsOpen) {
    }

    /**
     * @param tasks how many tasks wait on the step
     * @param oldestSince when the one that has waited longest was created
     */
    public record StepWaiting(long tasks, Instant oldestSince) {
    }
}

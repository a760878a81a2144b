package org.steward.workflow.monitoring;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.steward.workflow.request.RequestService;

/** Whether this node's engine answers and its job executor runs, for the health checks. */
@Component
public class EngineStatus {

    private final ProcessEngine engine;
    private final boolean jobExecutorSwitchedOn;

    /**
     * Reads {@code camunda.bpm.job-execution.enabled} as the Camunda starter does when it starts the job executor
     * (unset means on); its properties object reads unset as off.
     */
    EngineStatus(ProcessEngine engine, Environment environment) {
        this.engine = engine;
        this.jobExecutorSwitchedOn = environment.getProperty("camunda.bpm.job-execution.enabled", Boolean.class,
                true);
    }

    /**
     * Asks the engine for the request process through its own tables; throws what the engine throws when it cannot
     * read them.
     */
    public Engine engine() {
        long versions = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(RequestService.PROCESS_KEY).count();
        return new Engine(engine.getName(), versions);
    }

    /** Whether the job executor should run on this node ({@code camunda.bpm.job-execution.enabled}) and does. */
    public JobExecutorState jobExecutor() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getJobExecutor();
        return new JobExecutorState(jobExecutorSwitchedOn, executor != null && executor.isActive(),
                executor == null ? 0 : executor.getMaxJobsPerAcquisition(),
                executor == null ? 0 : executor.getLockTimeInMillis());
    }

    /**
     * @param name the engine's name
     * @param requestProcessVersions how many versions of the request process are deployed (0: none yet)
     */
    public record Engine(String name, long requestProcessVersions) {
    }

    /**
     * @param switchedOn whether the settings ask for it to run on this node
     * @param running whether it is picking up due jobs now
     * @param jobsPerLook how many jobs it takes per look at the database
     * @param lockMillis how long it holds a job it took before another node may take it over
     */
    public record JobExecutorState(boolean switchedOn, boolean running, int jobsPerLook, int lockMillis) {
    }
}

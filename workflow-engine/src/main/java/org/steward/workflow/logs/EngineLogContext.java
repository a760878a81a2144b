package org.steward.workflow.logs;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine names the request on every line it logs while it runs a request's process (a building block, a job of
 * the job executor, a failed job's stack trace): its own logging context puts the process instance's business key,
 * which is the request's reference, under {@link LogContext#REQUEST}, and puts back what the caller had after.
 */
@Configuration(proxyBeanMethods = false)
class EngineLogContext {

    @Bean
    ProcessEnginePlugin requestInEngineLogs() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setLoggingContextBusinessKey(LogContext.REQUEST);
            }
        };
    }
}

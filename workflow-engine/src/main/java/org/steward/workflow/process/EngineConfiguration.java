package org.steward.workflow.process;

import java.time.Clock;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Steward sets up the engine: its clock and which ids it takes (sandbox, passwords and logins: elsewhere). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessSettings.class)
class EngineConfiguration {

    @Bean
    Clock clock(ProcessSettings settings) {
        return new EngineClock(settings.timeZone());
    }

    @Bean
    ProcessEnginePlugin stewardEnginePlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                // Group ids like stewards-fin and staff-cd: letters and digits in parts joined by hyphens.
                configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
            }
        };
    }
}

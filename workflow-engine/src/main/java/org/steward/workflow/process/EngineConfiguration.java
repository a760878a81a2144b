package org.steward.workflow.process;

import java.time.Clock;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Steward sets up the engine: its clock, how logins are held back, which ids it takes (sandbox: elsewhere). */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    Clock clock(@Value("${steward.time-zone:America/Chicago}") ZoneId zone) {
        return new EngineClock(zone);
    }

    @Bean
    ProcessEnginePlugin stewardEnginePlugin(@Value("${steward.login.delay-max-seconds:60}") int delayMaxSeconds) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                // Failed logins hold back further tries for a growing while, capped, and never lock anyone for good.
                configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
                configuration.setLoginDelayMaxTime(delayMaxSeconds);
                // Group ids like stewards-fin and staff-cd: letters and digits in parts joined by hyphens.
                configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
            }
        };
    }
}

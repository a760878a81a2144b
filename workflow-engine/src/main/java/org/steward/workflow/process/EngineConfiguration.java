package org.steward.workflow.process;

import java.time.Clock;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.steward.workflow.people.LoginSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Steward sets up the engine: its clock, how logins are held back, which ids it takes (sandbox: elsewhere). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProcessSettings.class, LoginSettings.class})
class EngineConfiguration {

    @Bean
    Clock clock(ProcessSettings settings) {
        return new EngineClock(settings.timeZone());
    }

    @Bean
    ProcessEnginePlugin stewardEnginePlugin(LoginSettings login) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                // Failed logins hold back further tries for a growing while, capped, and never lock anyone for good.
                configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
                configuration.setLoginDelayMaxTime(login.delayMaxSeconds());
                // Group ids like stewards-fin and staff-cd: letters and digits in parts joined by hyphens.
                configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
            }
        };
    }
}

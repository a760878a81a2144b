package org.steward.workflow.process;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Steward sets up the engine: which beans models may reach, and how logins are held back. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    Clock clock(@Value("${steward.time-zone:America/Chicago}") ZoneId zone) {
        return new EngineClock(zone);
    }

    @Bean
    ProcessEnginePlugin stewardEnginePlugin(ApplicationContext context,
            @Value("${steward.login.delay-max-seconds:60}") int delayMaxSeconds) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                // Expressions in models reach the building blocks and nothing else (no ${environment...}).
                Map<Object, Object> buildingBlocks = new HashMap<>(context.getBeansWithAnnotation(BuildingBlock.class));
                configuration.setBeans(buildingBlocks);
                configuration.setExpressionManager(new SpringExpressionManager(context, buildingBlocks));
                // Failed logins hold back further tries for a growing while, capped, and never lock anyone for good.
                configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
                configuration.setLoginDelayMaxTime(delayMaxSeconds);
                // Group ids like stewards-fin and staff-cd: letters and digits in parts joined by hyphens.
                configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
            }
        };
    }
}

package org.steward.workflow.deployment;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.steward.workflow.audit.AuditTrail;

/**
 * Puts the deployment gate and the deployments' audit into the engine, and deploys the release's models once the
 * engine is built.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelSettings.class)
class DeploymentConfiguration {

    @Bean
    ShippedModels shippedModels(ResourcePatternResolver resolver, ModelSettings settings) {
        return new ShippedModels(resolver, settings.shippedModels());
    }

    @Bean
    ProcessEnginePlugin deploymentGatePlugin(ObjectProvider<ModelCheck> check, ObjectProvider<ShippedModels> shipped,
            ObjectProvider<AuditTrail> audit) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<Deployer> first = new ArrayList<>();
                first.add(new DeploymentGate(check.getObject()));
                if (configuration.getCustomPreDeployers() != null) {
                    first.addAll(configuration.getCustomPreDeployers());
                }
                configuration.setCustomPreDeployers(first);
                List<Deployer> last = new ArrayList<>();
                if (configuration.getCustomPostDeployers() != null) {
                    last.addAll(configuration.getCustomPostDeployers());
                }
                last.add(new DeploymentAudit(audit));
                configuration.setCustomPostDeployers(last);
            }

            @Override
            public void postProcessEngineBuild(ProcessEngine processEngine) {
                shipped.getObject().deploy(processEngine);
            }
        };
    }
}

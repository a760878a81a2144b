package org.steward.workflow.sandbox;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.steward.workflow.process.BuildingBlock;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the engine's sandbox: whatever a deployed model says, at run time it reaches only the request's variables and
 * Steward's building blocks, runs no script and creates no object of a Java class it names. The deployment gate refuses
 * such models early with reasons; this is the guarantee behind it.
 */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

    @Bean
    ProcessEnginePlugin expressionSandboxPlugin(ApplicationContext context) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                Map<Object, Object> buildingBlocks = new HashMap<>(context.getBeansWithAnnotation(BuildingBlock.class));
                configuration.setBeans(buildingBlocks);
                configuration.setExpressionManager(new SandboxedExpressionManager(buildingBlocks));
                configuration.setScriptingEngines(new NoScripts());
                configuration.setArtifactFactory(new NoJavaClasses());
                configuration.setFormValidators(new BuiltInConstraintsOnly());
                configuration.setBpmnParseFactory(new NoFormHandlerClasses());
                configuration.setJavaSerializationFormatEnabled(false);
                configuration.setDeserializationTypeValidationEnabled(true);
                configuration.setDeserializationTypeValidator(new NoObjectsFromJson());
                DefaultDmnEngineConfiguration decisions =
                        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
                decisions.setFeelEngineFactory(
                        new SandboxedFeelEngineFactory(configuration.getDmnFeelCustomFunctionProviders()));
                configuration.setDmnEngineConfiguration(decisions);
            }
        };
    }
}

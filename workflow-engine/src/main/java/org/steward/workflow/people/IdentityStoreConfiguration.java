package org.steward.workflow.people;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the engine's identity service keeps passwords: BCrypt at the cost {@code steward.login.password-hash-cost}, for
 * Cockpit, the engine's REST API and the portal alike, and a password check that never locks an account.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginSettings.class)
class IdentityStoreConfiguration {

    @Bean
    PasswordHash passwordHash(LoginSettings login) {
        return new PasswordHash(login.passwordHashCost());
    }

    @Bean
    ProcessEnginePlugin identityStorePlugin(PasswordHash passwordHash) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                // New passwords get BCrypt; the engine keeps its own checkers of {SHA} and {SHA-512} hashes, so
                // hashes written before still verify (no custom checker needed) until their next login replaces them.
                configuration.setPasswordEncryptor(passwordHash);
                configuration.setIdentityProviderSessionFactory(
                        new GenericManagerFactory(UnlockedIdentityProvider.class));
            }
        };
    }
}

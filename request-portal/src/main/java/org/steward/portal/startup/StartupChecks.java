package org.steward.portal.startup;

import java.time.Clock;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Before any bean is made (the connection pool, Flyway, the engine): refuses to start on a wrong setting and waits for
 * the database, so that what an operator sees is one plain message rather than a failure deep inside the start.
 * Registered in META-INF/spring.factories, so it runs however Steward is started.
 */
public class StartupChecks implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getParent() != null) {
            return;
        }
        SettingsCheck settings = new SettingsCheck(context.getEnvironment());
        StartupSettings startup = settings.startup();
        DatabaseTarget database = settings.check();
        new DatabaseWait(context.getEnvironment(), database, startup.databaseWait(), Clock.systemUTC()).await();
    }
}

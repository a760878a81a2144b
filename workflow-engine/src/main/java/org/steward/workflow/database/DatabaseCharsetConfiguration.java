package org.steward.workflow.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On MySQL/MariaDB, every table in utf8mb4 (see ADR 0002): the engine's once it has created or updated its schema,
 * Steward's once Flyway has migrated them, each whenever the application starts and only where needed.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseCharsetConfiguration {

    /** After the engine's schema operations, before the engine runs anything. */
    @Bean
    ProcessEnginePlugin engineTablesInUtf8mb4(ObjectProvider<DataSource> dataSource) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                try (Connection connection = dataSource.getObject().getConnection()) {
                    Utf8mb4Tables.convert(connection, Utf8mb4Tables::isEngineTable, "the engine");
                } catch (SQLException failed) {
                    throw new IllegalStateException("The engine's tables could not be converted to utf8mb4: "
                            + failed.getMessage(), failed);
                }
            }
        };
    }

    /** After every Flyway migration run, including one that had nothing to do. */
    @Bean
    Callback stewardTablesInUtf8mb4() {
        return new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return false;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    Utf8mb4Tables.convert(context.getConnection(), name -> !Utf8mb4Tables.isEngineTable(name),
                            "Steward");
                } catch (SQLException failed) {
                    throw new IllegalStateException("Steward's tables could not be converted to utf8mb4: "
                            + failed.getMessage(), failed);
                }
            }

            @Override
            public String getCallbackName() {
                return "steward-utf8mb4";
            }
        };
    }
}

package org.steward.portal.monitoring;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether Steward's database answers: without it no page, no decision and no email can be served. */
@Component("databaseHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    private static final int ANSWER_WITHIN_SECONDS = 3;

    private final DataSource dataSource;

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        try (Connection connection = dataSource.getConnection()) {
            String database = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
            if (!connection.isValid(ANSWER_WITHIN_SECONDS)) {
                return Health.down().withDetail("message", "The database did not answer within "
                        + ANSWER_WITHIN_SECONDS + " seconds.").withDetail("database", database).build();
            }
            return Health.up().withDetail("message", "The database answers.").withDetail("database", database)
                    .build();
        } catch (Exception failure) {
            return Health.down().withDetail("message", "The database cannot be reached: " + failure.getMessage()
                    + " Check spring.datasource.url, its user and password, and that the database server runs.")
                    .build();
        }
    }
}

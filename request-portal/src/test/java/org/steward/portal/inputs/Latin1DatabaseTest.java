package org.steward.portal.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.StewardApplication;
import org.steward.workflow.people.PeopleService;

/**
 * A city's DBA created Steward's database with another default than utf8mb4 (latin1 here; the engine makes its own
 * tables utf8mb3 whatever the default): the application's start converts every table, the engine's and ours, so
 * emoji and right-to-left text are kept; a second start finds nothing to convert. MySQL/MariaDB only (the mariadb
 * profile); it starts the application a second and third time in this JVM, on a database of its own.
 */
class Latin1DatabaseTest {

    private static final String TEXT = "مرحبا שלום 👍🏽 data ✅";

    @Test
    void theApplicationsStartConvertsEveryTableToUtf8mb4_once() throws Exception {
        String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
        String user = System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", "");
        String database = System.getProperty("steward.test.recreate-database") + "_latin1";
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET latin1 COLLATE latin1_swedish_ci");
        }

        List<Map<String, Object>> created;
        try (ConfigurableApplicationContext first = start(server + database, user, password)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA "
                    + "WHERE SCHEMA_NAME = DATABASE()", String.class)).as("the DBA's default stays").isEqualTo("latin1");
            assertThat(notUtf8mb4(jdbc)).as("tables or columns not in utf8mb4 after the first start").isEmpty();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                    + "DATABASE() AND TABLE_NAME LIKE 'ACT\\_%'", Integer.class)).as("the engine's tables").isPositive();

            // The engine's table of people, and one of ours, keep what a person types.
            first.getBean(PeopleService.class).createPerson("unicode-latin1", TEXT, TEXT, "u@example.org", "secret-1");
            assertThat(jdbc.queryForObject("SELECT FIRST_ FROM ACT_ID_USER WHERE ID_ = 'unicode-latin1'", String.class))
                    .isEqualTo(TEXT);
            jdbc.update("INSERT INTO request_comment (request_reference, author, body, posted_at) VALUES "
                    + "('DR-2026-0001', 'unicode-latin1', ?, CURRENT_TIMESTAMP(6))", TEXT);
            assertThat(jdbc.queryForObject("SELECT body FROM request_comment WHERE author = 'unicode-latin1'",
                    String.class)).isEqualTo(TEXT);
            created = createTimes(jdbc);
        }

        try (ConfigurableApplicationContext second = start(server + database, user, password)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(createTimes(jdbc)).as("no table rebuilt by a second start").isEqualTo(created);
            assertThat(jdbc.queryForObject("SELECT FIRST_ FROM ACT_ID_USER WHERE ID_ = 'unicode-latin1'", String.class))
                    .isEqualTo(TEXT);
        }
    }

    private static List<String> notUtf8mb4(JdbcTemplate jdbc) {
        List<String> found = new java.util.ArrayList<>(jdbc.queryForList("SELECT CONCAT(TABLE_NAME, ' ', "
                + "TABLE_COLLATION) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = "
                + "'BASE TABLE' AND TABLE_COLLATION NOT LIKE 'utf8mb4%'", String.class));
        found.addAll(jdbc.queryForList("SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME, ' ', CHARACTER_SET_NAME) FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL AND "
                + "CHARACTER_SET_NAME <> 'utf8mb4'", String.class));
        return found;
    }

    /** When each table was (re)built: converting a table rebuilds it. */
    private static List<Map<String, Object>> createTimes(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT TABLE_NAME, CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() ORDER BY TABLE_NAME");
    }

    /** The application as an operator starts it with the mysql profile, without a web server (see FirstRunTest). */
    private static ConfigurableApplicationContext start(String url, String user, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.profiles.active", "mysql");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("steward.admin.user", "latin1admin");
        properties.put("steward.admin.password", "latin1-secret");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("spring.jmx.enabled", "false");
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.autoconfigure.exclude",
                "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");
        properties.put("camunda.bpm.process-engine-name", "latin1");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(StewardApplication.class).run(arguments);
    }
}

package org.steward.portal.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.steward.portal.IntegrationTest;

/** The schema both owners keep (Flyway ours, the engine its own), the isolation level, and reference numbers. */
class DatabaseTest extends IntegrationTest {

    private static final int SUBMITTERS = 4;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Value("${steward.time-zone}")
    private ZoneId cityZone;

    @Test
    void flywayAppliedOurSchemaAndTheEngineCreatedItsTables() throws Exception {
        String history = quotedTable("steward_schema_history");
        String q = quote();
        List<Map<String, Object>> versionOne = jdbc.queryForList("SELECT " + q + "success" + q + " AS ok FROM "
                + history + " WHERE " + q + "version" + q + " = '1'");
        assertThat(versionOne).as("version 1 in %s", history).hasSize(1);
        Object success = versionOne.get(0).get("ok");
        boolean succeeded = success instanceof Boolean b ? b : ((Number) success).intValue() == 1;
        assertThat(succeeded).as("version 1 succeeded").isTrue();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK", Integer.class)).isNotNegative();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = 'data-request'",
                Integer.class)).isPositive();
    }

    @Test
    void onMysqlAndMariadbPooledConnectionsRunAtReadCommitted() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL().toLowerCase(Locale.ROOT);
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            boolean mysql = url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")
                    || product.contains("mysql") || product.contains("mariadb");
            boolean h2 = url.startsWith("jdbc:h2:");
            assertThat(mysql || h2).as("a database the tests know: %s (%s)", url, product).isTrue();
            if (mysql) {
                assertThat(connection.getTransactionIsolation()).as("isolation of a pooled connection")
                        .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    @Test
    void concurrentSubmissionsGetDistinctReferences() throws Exception {
        submit("Centerlines, so this year's counter exists", "PW-STREET-CENTERLINES");

        List<String> references = submitAtTheSameMoment("Centerlines, submitted at once");

        int year = ZonedDateTime.now(cityZone).getYear();
        assertThat(references).hasSize(SUBMITTERS).doesNotHaveDuplicates()
                .allSatisfy(reference -> assertThat(reference).matches("DR-" + year + "-\\d{4}"));
    }

    @Test
    void concurrentFirstSubmissionsOfAYearGetDistinctReferences() throws Exception {
        // A year nobody has submitted in yet: its counter does not exist until the first of them creates it.
        LocalDate newYear = LocalDate.now(cityZone).plusYears(1).withDayOfYear(2);
        ClockUtil.setCurrentTime(Date.from(newYear.atTime(9, 0).atZone(cityZone).toInstant()));
        try {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reference_counter WHERE year_value = ?",
                    Integer.class, newYear.getYear())).isZero();

            List<String> references = submitAtTheSameMoment("Centerlines, first of the year");

            assertThat(references).hasSize(SUBMITTERS).doesNotHaveDuplicates()
                    .allSatisfy(reference -> assertThat(reference).matches("DR-" + newYear.getYear() + "-\\d{4}"));
            assertThat(references).containsExactlyInAnyOrder("DR-" + newYear.getYear() + "-0001",
                    "DR-" + newYear.getYear() + "-0002", "DR-" + newYear.getYear() + "-0003",
                    "DR-" + newYear.getYear() + "-0004");
        } finally {
            ClockUtil.reset();
        }
    }

    /** The table's name as the database stores it (Flyway quotes it, so H2 keeps it lower case), quoted. */
    private String quotedTable(String name) throws Exception {
        try (Connection connection = dataSource.getConnection();
                java.sql.ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, "%",
                        new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return quote() + tables.getString("TABLE_NAME") + quote();
                }
            }
        }
        throw new AssertionError("No table " + name);
    }

    private String quote() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getIdentifierQuoteString().trim();
        }
    }

    /** Submissions by alex from several threads, released together; each must be accepted. */
    private List<String> submitAtTheSameMoment(String title) throws Exception {
        CyclicBarrier start = new CyclicBarrier(SUBMITTERS);
        ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                Object body = requestBody(title + " " + (i + 1), "PW-STREET-CENTERLINES");
                futures.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return post("alex", "/api/requests", body);
                }));
            }
            List<String> references = new ArrayList<>();
            for (Future<Answer> future : futures) {
                Answer answer = future.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(201);
                references.add(answer.body().get("reference").asText());
            }
            return references;
        } finally {
            threads.shutdownNow();
        }
    }
}

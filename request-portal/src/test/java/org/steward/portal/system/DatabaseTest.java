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

        List<String> references = submitAtTheSameMoment("Centerlines, submitted at once", LocalDate.now(cityZone));

        int year = ZonedDateTime.now(cityZone).getYear();
        assertThat(references).hasSize(SUBMITTERS).doesNotHaveDuplicates()
                .allSatisfy(reference -> assertThat(reference).matches("DR-" + year + "-\\d{4}"));
    }

    @Test
    void concurrentFirstSubmissionsOfAYearGetDistinctReferences() throws Exception {
        // Years nobody has submitted in yet: a year's counter does not exist until its first submission creates it.
        // Three years, so three rounds in which the submitters race to create it.
        try {
            for (int ahead = 1; ahead <= 3; ahead++) {
                LocalDate newYear = LocalDate.now(cityZone).plusYears(ahead).withDayOfYear(2);
                int year = newYear.getYear();
                ClockUtil.setCurrentTime(Date.from(newYear.atTime(9, 0).atZone(cityZone).toInstant()));
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reference_counter WHERE year_value = ?",
                        Integer.class, year)).isZero();

                List<String> references = submitAtTheSameMoment("Centerlines, first of " + year, newYear);

                assertThat(references).as("references in %d", year).containsExactlyInAnyOrder(
                        "DR-" + year + "-0001", "DR-" + year + "-0002", "DR-" + year + "-0003", "DR-" + year + "-0004");
            }
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

    /**
     * Submissions by alex from several threads, released together, for data wanted from a month after the given day
     * for a year; each must be accepted.
     */
    private List<String> submitAtTheSameMoment(String title, LocalDate today) throws Exception {
        CyclicBarrier start = new CyclicBarrier(SUBMITTERS);
        ExecutorService threads = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < SUBMITTERS; i++) {
                Map<String, Object> body = requestBody(title + " " + (i + 1), "PW-STREET-CENTERLINES");
                body.put("startDate", today.plusMonths(1).toString());
                body.put("endDate", today.plusMonths(13).toString());
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

package org.steward.portal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;

/**
 * A benchmark, not a check of speed: times one full lifecycle through the API, from submission until the agreement
 * is in force and the data delivered, and prints one line with the database it ran on. It asserts only that the
 * lifecycle got there; a slow machine never fails it.
 */
@Tag("benchmark")
class LifecycleBenchmarkTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void benchmarkFullLifecycleThroughTheApi() throws Exception {
        // One lifecycle untimed first, so the figure is not the JVM's and the engine's first-use warm-up.
        assertThat(fullLifecycle("Benchmark warm-up: utility accounts to in force")).isEqualTo("IN_FORCE");

        long start = System.nanoTime();
        String status = fullLifecycle("Benchmark: utility accounts to in force");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        System.out.println("benchmark full-lifecycle-api: " + millis + " ms (" + databaseKind() + ")");
        assertThat(status).isEqualTo("IN_FORCE");
    }

    /**
     * Personal data, the longest default route: submitted, approved by Finance's steward and the privacy office,
     * signed by both directors, delivered by Finance's custodian; answers the request's status at the end.
     */
    private String fullLifecycle(String title) {
        String reference = submit(title, "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(sign("frank", taskAssignedTo(reference, "frank"), "Frank Franklin", reference).status())
                .isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        return request("alex", reference).get("status").asText();
    }

    /** H2, MariaDB or MySQL: MySQL's driver names a MariaDB server MySQL, but its version says MariaDB. */
    private String databaseKind() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            String version = meta.getDatabaseProductVersion();
            if (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb")) {
                return "MariaDB";
            }
            return product;
        }
    }
}

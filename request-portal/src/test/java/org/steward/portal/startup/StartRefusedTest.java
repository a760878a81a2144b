package org.steward.portal.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.steward.StewardApplication;

/**
 * A node refuses to start, within seconds and before anything else starts, when a setting it needs is missing or
 * wrong, naming the setting and its environment variable; and it waits for its database a while, saying why on each
 * try, before it gives up. Each start here fails in the check, so no bean is made and no engine started.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartRefusedTest {

    @Test
    void aBaseUrlThatIsNotAWebAddressIsRefusedByName(CapturedOutput output) {
        StartRefused refused = refusedStart("--steward.base-url=data.city.example");
        assertThat(refused.getExitCode()).isEqualTo(StartRefused.WRONG_SETTING);
        assertThat(refused.getMessage()).startsWith("steward.base-url (environment variable STEWARD_BASEURL) is "
                + "\"data.city.example\", which does not start with https:// or http://; it was set by");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", refused.getMessage(),
                "Set it to the address people open Steward at");

        assertThat(refusedStart("--steward.base-url=https://").getMessage())
                .contains("steward.base-url", "cannot be read as a web address");
        assertThat(refusedStart("--steward.base-url=https://data.city.example/?x=1").getMessage())
                .contains("holds more than an address");
    }

    @Test
    void aMailHostWithAPortOrSchemeInItIsRefusedByName() {
        StartRefused refused = refusedStart("--spring.mail.host=smtp://mail.city.example:25");
        assertThat(refused.getMessage()).startsWith("spring.mail.host (environment variable SPRING_MAIL_HOST) is "
                + "\"smtp://mail.city.example:25\", which is not the name or address of a mail server");
        assertThat(refused.action()).contains("spring.mail.port (environment variable SPRING_MAIL_PORT)");
        assertThat(refusedStart("--spring.mail.host=mail.city.example", "--spring.mail.port=25x").getMessage())
                .startsWith("spring.mail.port (environment variable SPRING_MAIL_PORT) is \"25x\", which is not a "
                        + "port number");
    }

    @Test
    void theMysqlProfileWithoutADatabaseAddressIsRefused() {
        StartRefused refused = refusedStart("--spring.profiles.active=mysql");
        assertThat(refused.getMessage()).startsWith("spring.datasource.url (environment variable "
                + "SPRING_DATASOURCE_URL) is not set, and the mysql profile has no database of its own");
        assertThat(refused.action()).contains("jdbc:mysql://");
    }

    @Test
    void aDatabaseAddressNoDriverTakesIsRefused() {
        StartRefused refused = refusedStart("--spring.datasource.url=mysql://db.city.example/steward");
        assertThat(refused.getMessage()).startsWith("spring.datasource.url (environment variable "
                + "SPRING_DATASOURCE_URL) is \"mysql://db.city.example/steward\", which is not a database address");
        StartRefused h2OnMysql = refusedStart("--spring.profiles.active=mysql",
                "--spring.datasource.url=jdbc:h2:mem:x;password=secret");
        assertThat(h2OnMysql.getMessage()).contains("does not take").doesNotContain("secret");
    }

    @Test
    void aDatabaseThatNeverAnswersIsWaitedForThenGivenUpOnWithTheSettingNamed(CapturedOutput output)
            throws IOException {
        int port = unusedPort();
        Instant began = Instant.now();
        StartRefused refused = refusedStart("--spring.profiles.active=mysql",
                "--spring.datasource.url=jdbc:mysql://127.0.0.1:" + port + "/steward",
                "--steward.startup.database-wait=2s");
        Duration took = Duration.between(began, Instant.now());
        assertThat(refused.getExitCode()).isEqualTo(StartRefused.DATABASE_UNREACHABLE);
        assertThat(took).as("the wait, and no more").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        List<String> tries = output.getOut().lines().filter(line -> line.contains("Waiting for the database at"))
                .toList();
        assertThat(tries).as("one line a try").hasSizeGreaterThanOrEqualTo(3);
        assertThat(tries.get(0)).contains("Waiting for the database at 127.0.0.1:" + port
                + ": nothing answers at that address (connection refused) (try 1; trying again in",
                "after steward.startup.database-wait=2s)");
        assertThat(refused.getMessage()).startsWith("Steward could not reach its database at 127.0.0.1:" + port
                + " within 2s");
        assertThat(refused.action()).contains("spring.datasource.url (environment variable SPRING_DATASOURCE_URL)",
                "steward.startup.database-wait (environment variable STEWARD_STARTUP_DATABASEWAIT), now 2s");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", refused.action());
    }

    @Test
    void theDemoCityOnAMysqlDatabaseIsRefusedUnlessTheDatabaseIsSaidToBeForADemonstration() throws IOException {
        int port = unusedPort();
        String url = "--spring.datasource.url=jdbc:mysql://127.0.0.1:" + port + "/steward";
        StartRefused refused = refusedStart(url, "--steward.demo-data=true");
        assertThat(refused.getExitCode()).isEqualTo(StartRefused.WRONG_SETTING);
        assertThat(refused.getMessage()).startsWith("steward.demo-data (environment variable STEWARD_DEMODATA) is "
                + "true on a database server (MySQL, MariaDB, or H2 as a server), where a city keeps its real data");
        assertThat(refused.action()).contains("Set it to false", "steward.allow-demo-data-on-production-database "
                + "(environment variable STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE) to true");

        assertThat(refusedStart("--spring.datasource.url=jdbc:mysql:loadbalance://127.0.0.1:" + port + "/steward",
                "--steward.demo-data=TRUE").getMessage()).as("another form of MySQL address")
                .startsWith("steward.demo-data (environment variable STEWARD_DEMODATA) is true on a database server");

        // Allowed, the start goes on to wait for the database (none answers here).
        StartRefused allowed = refusedStart(url, "--steward.demo-data=true",
                "--steward.allow-demo-data-on-production-database=true", "--steward.startup.database-wait=0s");
        assertThat(allowed.getExitCode()).isEqualTo(StartRefused.DATABASE_UNREACHABLE);
        // Without the demo city there is nothing to allow.
        assertThat(refusedStart(url, "--steward.demo-data=false", "--steward.startup.database-wait=0s")
                .getExitCode()).isEqualTo(StartRefused.DATABASE_UNREACHABLE);
    }

    @Test
    void aWaitThatIsNotALengthOfTimeIsRefused() {
        assertThat(refusedStart("--steward.startup.database-wait=five minutes").getMessage())
                .startsWith("steward.startup.database-wait (environment variable STEWARD_STARTUP_DATABASEWAIT) is "
                        + "\"five minutes\", which is not a length of time");
    }

    /** Starts Steward with the arguments (over the embedded defaults, whatever the test run's profile) and fails. */
    static StartRefused refusedStart(String... arguments) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("spring.profiles.active", "default",
                "spring.main.banner-mode", "off", "spring.main.web-application-type", "none"));
        for (String argument : arguments) {
            String[] setting = argument.substring(2).split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        List<String> all = new ArrayList<>();
        settings.forEach((name, value) -> all.add("--" + name + "=" + value));
        Instant began = Instant.now();
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> new SpringApplicationBuilder(StewardApplication.class).run(all.toArray(
                String[]::new))).satisfies(t -> thrown[0] = t).isInstanceOf(StartRefused.class);
        assertThat(Duration.between(began, Instant.now())).as("refused before anything started")
                .isLessThan(Duration.ofSeconds(15));
        return (StartRefused) thrown[0];
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.steward.portal.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.steward.StewardApplication;

/**
 * Attacks on the guard "demo people are never created on a MySQL/MariaDB database unless
 * steward.allow-demo-data-on-production-database is true" (SettingsCheck#checkDemoData against DemoData's
 * {@code @ConditionalOnProperty(name = "steward.demo-data", havingValue = "true")}).
 *
 * <p>Every test asserts the secure behaviour, so a FAILING test is a bypass. The database is pointed at a port where
 * nothing listens with steward.startup.database-wait=0s, so a start that gets past the demo check is refused for the
 * unreachable database (DATABASE_UNREACHABLE) or fails while connecting, rather than running.
 */
class DemoGuardAttackTest {

    private static final String DEMO_REFUSAL = "steward.demo-data (environment variable STEWARD_DEMODATA) is true on "
            + "a database server (MySQL, MariaDB, or H2 as a server)";

    // ---- 1. Spellings and values of steward.demo-data ---------------------------------------------------------

    /**
     * Values DemoData's condition might take but the check might not. Secure: either the check refuses, or DemoData's
     * condition does not match the value either (then no demo person is made, whatever the check said).
     */
    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "tRuE", " true", "true ", "\ttrue", "yes", "on", "1", "y", "t",
            "\"true\"", "true;", "enabled"})
    void demoDataValueIsEitherRefusedOrNotTakenByDemoData(String value) throws IOException {
        assertNoDemoPeopleOnMysql(Map.of("steward.demo-data", value));
    }

    /** Relaxed-binding spellings of the setting's name, given as arguments. */
    @ParameterizedTest
    @ValueSource(strings = {"steward.demoData", "steward.demodata", "STEWARD.DEMO-DATA", "steward.DemoData",
            "steward.demo_data", "STEWARD_DEMODATA", "STEWARD_DEMO_DATA", "steward[demo-data]"})
    void otherSpellingsOfTheNameAreEitherRefusedOrNotTakenByDemoData(String name) throws IOException {
        assertNoDemoPeopleOnMysql(Map.of(name, "true"));
    }

    @Test
    void demoDataFromSpringApplicationJsonIsRefused() throws IOException {
        StartRefused refused = refusedOrFail(mysqlUrl(), "--spring.application.json={\"steward\":{\"demo-data\":true}}",
                "--steward.startup.database-wait=0s");
        assertDemoRefusal(refused);
    }

    @Test
    void databaseUrlFromSpringApplicationJsonIsRefused() throws IOException {
        StartRefused refused = refusedOrFail("--spring.application.json={\"spring\":{\"datasource\":{\"url\":"
                + "\"jdbc:mysql://127.0.0.1:" + StartRefusedTest.unusedPort() + "/steward\"}}}",
                "--steward.startup.database-wait=0s");
        assertDemoRefusal(refused);
    }

    @Test
    void demoDataFromASystemPropertyIsRefused() throws IOException {
        System.setProperty("steward.demo-data", "true");
        try {
            StartRefused refused = refusedOrFail(mysqlUrl(), "--steward.startup.database-wait=0s");
            assertDemoRefusal(refused);
        } finally {
            System.clearProperty("steward.demo-data");
        }
    }

    @Test
    void demoDataThroughAPlaceholderIsRefused() throws IOException {
        StartRefused refused = refusedOrFail(mysqlUrl(), "--x.y=true", "--steward.demo-data=${x.y}",
                "--steward.startup.database-wait=0s");
        assertDemoRefusal(refused);
    }

    // ---- 2. Forms of the database address ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"JDBC:MYSQL://127.0.0.1:%d/steward", " jdbc:mysql://127.0.0.1:%d/steward",
            "jdbc:mysql:loadbalance://127.0.0.1:%d/steward",
            "jdbc:mysql:replication://127.0.0.1:%d,127.0.0.1:%d/steward",
            "jdbc:mysql+srv://127.0.0.1:%d/steward", "jdbc:mariadb://127.0.0.1:%d/steward",
            "mysqlx://127.0.0.1:%d/steward", "jdbc:mysql://address=(host=127.0.0.1)(port=%d)/steward"})
    void otherFormsOfAMysqlAddressAreRefused(String form) throws IOException {
        int port = StartRefusedTest.unusedPort();
        StartRefused refused = refusedOrFail("--spring.datasource.url=" + form.replace("%d", String.valueOf(port)),
                "--steward.demo-data=true", "--steward.startup.database-wait=0s");
        assertThat(refused.getExitCode()).as("exit code for %s: %s", form, refused.getMessage())
                .isEqualTo(StartRefused.WRONG_SETTING);
        // Refused either for the demo data, or because the address is not one Steward can use at all.
        assertThat(refused.getMessage()).satisfiesAnyOf(m -> assertThat(m).startsWith(DEMO_REFUSAL),
                m -> assertThat(m).startsWith("spring.datasource.url"));
    }

    /**
     * The check reads spring.datasource.url only, but Spring Boot binds spring.datasource.hikari.* onto the
     * HikariDataSource after building it, so spring.datasource.hikari.jdbc-url replaces the address the pool really
     * uses. The check (and the database wait) see the embedded H2; DemoData writes to MySQL.
     */
    @Test
    void aMysqlAddressGivenAsTheHikariJdbcUrlIsRefused() throws IOException {
        int port = StartRefusedTest.unusedPort();
        Throwable outcome = start("--spring.datasource.url=jdbc:h2:mem:demo-guard-hikari",
                "--spring.datasource.hikari.jdbc-url=jdbc:mysql://127.0.0.1:" + port + "/steward",
                "--spring.datasource.hikari.driver-class-name=com.mysql.cj.jdbc.Driver",
                "--steward.demo-data=true", "--steward.startup.database-wait=0s");
        assertDemoRefusal(outcome);
    }

    /**
     * As above, with the pool given a MySQL DataSource class and its address as a data source property. The check
     * lets this start through too (it sees only the H2 address), but Hikari then refuses a driver class (derived from
     * the H2 address) together with a DataSource class, so the pool never reaches MySQL: secure by luck, not by the
     * check. Asserts that no connection to MySQL is ever tried.
     */
    @Test
    void aMysqlDataSourceClassInTheHikariSettingsNeverReachesMysql() throws IOException {
        int port = StartRefusedTest.unusedPort();
        Throwable outcome = start("--spring.datasource.url=jdbc:h2:mem:demo-guard-dsclass",
                "--spring.datasource.hikari.data-source-class-name=com.mysql.cj.jdbc.MysqlDataSource",
                "--spring.datasource.hikari.data-source-properties.url=jdbc:mysql://127.0.0.1:" + port + "/steward",
                "--steward.demo-data=true", "--steward.startup.database-wait=0s");
        assertThat(describe(outcome)).as("never connects to MySQL").doesNotContain("Communications link failure");
        // Since the attack: a pool given a DataSource class of its own is not the embedded database.
        assertDemoRefusal(outcome);
    }

    /**
     * A jdbc:h2: address need not be the embedded database: jdbc:h2:tcp:// is an H2 server elsewhere, a database
     * server like any other (not MySQL/MariaDB, so outside the claim's words, but inside the guard's own "any database
     * other than the embedded H2").
     */
    @Test
    void anH2ServerAddressIsRefused() throws IOException {
        int port = StartRefusedTest.unusedPort();
        Throwable outcome = start("--spring.datasource.url=jdbc:h2:tcp://127.0.0.1:" + port + "/steward",
                "--steward.demo-data=true", "--steward.startup.database-wait=0s");
        assertDemoRefusal(outcome);
    }

    // ---- 3. The allowing setting ------------------------------------------------------------------------------

    /** Values an operator might write meaning "no", or that do not plainly say "true": none of them may allow. */
    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "0", "off", "", "maybe", "yes", "on", "1"})
    void anAllowValueOtherThanTrueDoesNotAllow(String value) throws IOException {
        Throwable outcome = start(mysqlUrl(), "--steward.demo-data=true",
                "--steward.allow-demo-data-on-production-database=" + value, "--steward.startup.database-wait=0s");
        assertDemoRefusal(outcome);
    }

    /** An allow value that is an unresolvable placeholder fails the start (closed), never lets the demo city in. */
    @Test
    void anUnresolvableAllowPlaceholderDoesNotAllow() throws IOException {
        Throwable outcome = start(mysqlUrl(), "--steward.demo-data=true",
                "--steward.allow-demo-data-on-production-database=${STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE}",
                "--steward.startup.database-wait=0s");
        assertThat(outcome).as("the start's outcome: %s", describe(outcome)).isNotNull()
                .satisfiesAnyOf(t -> assertThat(t).isNotInstanceOf(StartRefused.class),
                        t -> assertThat(((StartRefused) t).getExitCode()).isEqualTo(StartRefused.WRONG_SETTING));
        assertThat(describe(outcome)).contains("Could not resolve placeholder");
    }

    /** The allow setting of the mysql profile cannot be switched on by the demo setting's own profile defaults. */
    @Test
    void theMysqlProfileWithDemoDataIsRefused() throws IOException {
        Throwable outcome = start("--spring.profiles.active=mysql", mysqlUrl(), "--steward.demo-data=true",
                "--steward.startup.database-wait=0s");
        assertDemoRefusal(outcome);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String mysqlUrl() throws IOException {
        return "--spring.datasource.url=jdbc:mysql://127.0.0.1:" + StartRefusedTest.unusedPort() + "/steward";
    }

    /**
     * With the settings given by name, on a MySQL address: either the check refuses for the demo data, or (if the
     * check lets the start through) DemoData's own condition does not match these settings.
     */
    private static void assertNoDemoPeopleOnMysql(Map<String, String> settings) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(mysqlUrl(), "--steward.startup.database-wait=0s"));
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        Throwable outcome = start(arguments.toArray(String[]::new));
        if (outcome instanceof StartRefused refused && refused.getExitCode() == StartRefused.WRONG_SETTING
                && refused.getMessage().startsWith(DEMO_REFUSAL)) {
            return;
        }
        // The check let it through: DemoData must then not be made with these settings either.
        List<String> pairs = new ArrayList<>();
        settings.forEach((name, value) -> pairs.add(name + "=" + value));
        new ApplicationContextRunner().withPropertyValues(pairs.toArray(String[]::new))
                .withUserConfiguration(LikeDemoData.class)
                .run(context -> assertThat(context).as("the check let %s through (%s), and DemoData's condition "
                        + "takes it", settings, describe(outcome)).doesNotHaveBean("demoData"));
    }

    /** The same condition as DemoData's, on a bean that needs nothing. */
    @Configuration(proxyBeanMethods = false)
    static class LikeDemoData {
        @Bean
        @ConditionalOnProperty(name = "steward.demo-data", havingValue = "true")
        Object demoData() {
            return new Object();
        }
    }

    private static void assertDemoRefusal(Throwable outcome) {
        assertThat(outcome).as("the start's outcome: %s", describe(outcome)).isInstanceOf(StartRefused.class);
        StartRefused refused = (StartRefused) outcome;
        assertThat(refused.getExitCode()).as("exit code; message: %s", refused.getMessage())
                .isEqualTo(StartRefused.WRONG_SETTING);
        assertThat(refused.getMessage()).startsWith(DEMO_REFUSAL);
    }

    private static StartRefused refusedOrFail(String... arguments) {
        Throwable outcome = start(arguments);
        assertThat(outcome).as("the start's outcome: %s", describe(outcome)).isInstanceOf(StartRefused.class);
        return (StartRefused) outcome;
    }

    private static String describe(Throwable outcome) {
        if (outcome == null) {
            return "started";
        }
        Throwable root = outcome;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String exit = outcome instanceof StartRefused refused ? " exit " + refused.getExitCode() : "";
        return outcome.getClass().getSimpleName() + exit + ": " + outcome.getMessage() + " / root: "
                + root.getClass().getName() + ": " + root.getMessage();
    }

    /** Starts Steward like StartRefusedTest does; answers what the start threw, or null (after closing) if it ran. */
    private static Throwable start(String... arguments) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("spring.profiles.active", "default",
                "spring.main.banner-mode", "off", "spring.main.web-application-type", "none"));
        for (String argument : arguments) {
            String[] setting = argument.substring(2).split("=", 2);
            settings.put(setting[0], setting[1]);
        }
        List<String> all = new ArrayList<>();
        settings.forEach((name, value) -> all.add("--" + name + "=" + value));
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(StewardApplication.class)
                    .run(all.toArray(String[]::new));
            context.close();
            return null;
        } catch (Throwable thrown) {
            return thrown;
        }
    }
}

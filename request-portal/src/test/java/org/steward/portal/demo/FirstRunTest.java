package org.steward.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.steward.StewardApplication;
import org.steward.workflow.catalog.CatalogService;
import org.steward.workflow.people.PeopleService;

/**
 * A production-like first start on an empty database: the admin comes from STEWARD_ADMIN_USER and
 * STEWARD_ADMIN_PASSWORD, and there is no demo city. Under the mariadb profile this runs the real {@code mysql}
 * profile on a database of its own; on H2 it runs with the demo data switched off.
 */
class FirstRunTest {

    @Test
    void anEmptyDatabaseGetsItsFirstAdminAndNoDemoCity() {
        boolean mysql = System.getProperty("spring.profiles.active", "").contains("mysql");
        Map<String, Object> properties = new HashMap<>();
        properties.put("steward.admin.user", "firstadmin");
        properties.put("steward.admin.password", "first-secret");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("spring.jmx.enabled", "false");
        properties.put("server.port", "0");
        // No web server: closing a second web application in this JVM would tear down the static runtime
        // delegates of Camunda's webapps (Cockpit, Admin, Tasklist) that the shared test context's /camunda uses.
        properties.put("spring.main.web-application-type", "none");
        properties.put("spring.autoconfigure.exclude",
                "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");
        // Its own engine name, so closing it leaves the shared test context's engine registered.
        properties.put("camunda.bpm.process-engine-name", "firstrun");
        SpringApplicationBuilder application = new SpringApplicationBuilder(StewardApplication.class);
        if (mysql) {
            // application-mysql.properties itself must leave the demo data off.
            String database = System.getProperty("steward.test.recreate-database") + "_first";
            properties.put("spring.datasource.url", System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER",
                    "jdbc:mysql://127.0.0.1:3306/") + database);
            properties.put("spring.datasource.username", System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root"));
            properties.put("spring.datasource.password", System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", ""));
            properties.put("spring.profiles.active", "mysql");
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:mem:first-run;DB_CLOSE_DELAY=-1");
            properties.put("spring.profiles.active", "default");
            properties.put("steward.demo-data", "false");
        }
        // As arguments, they outrank the test profile's files, as an operator's environment outranks ours.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = application.run(arguments)) {
            PeopleService people = context.getBean(PeopleService.class);
            assertThat(people.authenticate("firstadmin", "first-secret").succeeded()).isTrue();
            assertThat(people.groupsOf("firstadmin")).contains("camunda-admin", "admins");
            assertThat(people.exists("alex")).as("a demo person").isFalse();
            assertThat(context.getBean(DemoCity.class).present()).as("the demo banner on every page").isFalse();
            assertThat(context.getBean(CatalogService.class).datasets()).isEmpty();
        }
    }
}

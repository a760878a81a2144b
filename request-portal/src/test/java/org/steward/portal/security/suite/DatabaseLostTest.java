package org.steward.portal.security.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.steward.portal.IntegrationTest;
import org.steward.portal.NodeProcess;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.Reply;

/**
 * The database goes away while a node runs, and comes back: a node in a JVM of its own reaches its database through a
 * relay that the test cuts and restores (the database itself keeps running: on H2 a server in this JVM, under the
 * mariadb profile the machine's MariaDB). While it is away pages, the API and the login answer 503 in plain words, and
 * a request sent then is not saved; once it is back the node works again by itself, its job executor included, with
 * nothing of before lost.
 */
class DatabaseLostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWAY = "Steward cannot reach its database right now";

    @Test
    void whileTheDatabaseIsAwayEveryAnswerIs503InPlainWordsAndTheNodeRecoversByItself() throws Exception {
        boolean mysql = System.getProperty("spring.profiles.active", "").contains("mysql");
        Server h2 = mysql ? null : Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String database = System.getProperty("steward.test.recreate-database", "").isBlank() ? "steward_faults"
                : System.getProperty("steward.test.recreate-database") + "_faults";
        Map<String, String> environment = new HashMap<>();
        TcpProxy proxy;
        String direct;
        String directUser = "sa";
        String directPassword = "";
        if (mysql) {
            String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
            String user = System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root");
            String password = System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", "");
            try (Connection admin = DriverManager.getConnection(server, user, password);
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database);
                statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            String hostAndPort = server.replaceFirst("^jdbc:mysql://", "").replaceFirst("/.*$", "");
            proxy = new TcpProxy(hostAndPort.replaceFirst(":.*$", ""), hostAndPort.contains(":")
                    ? Integer.parseInt(hostAndPort.replaceFirst("^.*:", "")) : 3306);
            environment.put("SPRING_PROFILES_ACTIVE", "mysql");
            environment.put("SPRING_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + database);
            environment.put("SPRING_DATASOURCE_USERNAME", user);
            environment.put("SPRING_DATASOURCE_PASSWORD", password);
            direct = server + database;
            directUser = user;
            directPassword = password;
        } else {
            proxy = new TcpProxy("127.0.0.1", h2.getPort());
            environment.put("SPRING_DATASOURCE_URL", "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:" + database
                    + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            direct = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:" + database;
        }
        int port = NodeProcess.unusedPort();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("STEWARD_DEMODATA", "true");
        environment.put("STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE", "true");
        // A request waits 2 s for a connection before its 503 here (10 s in production), to keep the test short.
        environment.put("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000");
        environment.put("SPRING_JMX_ENABLED", "false");
        Instant began = Instant.now();
        try (NodeProcess node = NodeProcess.start(environment, Path.of("target", "faults", "database-lost.log"))) {
            Client alex = Client.basic(port, "alex");
            Client sam = Client.basic(port, "sam");
            awaitTrue(() -> node.isAlive() && answered(() -> alex.get("/api/datasets").status() == 200),
                    Duration.ofSeconds(120), "the node to start:\n" + node.log());
            Duration startUp = Duration.between(began, Instant.now());
            Client browser = Client.loggedIn(port, "alex");
            String before = submit(alex, "Before the database went away");

            // sam opened the login page before the database went away and sends it after.
            Client samsBrowser = Client.nobody(port);
            String samsToken = Client.csrfOf(samsBrowser.get("/login").text());

            proxy.cut();
            Instant cut = Instant.now();
            Reply page = browser.get("/requests");
            Reply loginPage = Client.nobody(port).get("/login");
            Reply login = samsBrowser.send("POST", "/login", Body.form(Map.of("username", "sam", "password", "demo",
                    "_csrf", samsToken)), Map.of());
            Reply api = alex.get("/api/requests/" + before);
            Reply submitted = alex.send("POST", "/api/requests", Body.json(JSON.writeValueAsString(
                    IntegrationTest.requestBody("Sent while the database was away", "PW-STREET-CENTERLINES"))),
                    Map.of());
            Duration outage = Duration.between(cut, Instant.now());
            System.out.printf("Database lost: page %d, login page %d, login %d, API read %d, API submit %d in %d ms%n"
                    + "  page: %s%n  API: %s%n", page.status(), loginPage.status(), login.status(), api.status(),
                    submitted.status(), outage.toMillis(), page.text(), api.text());

            assertThat(page.status()).as("a page").isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.text()).contains("<h1>Steward cannot reach its database</h1>", AWAY,
                    "nothing you sent was saved", "try again in a few minutes").doesNotContain("Exception", "SQL");
            assertThat(page.headers().firstValue("Retry-After")).contains("60");
            // The login page's form token is kept in the visitor's session, and sessions are kept in the database.
            assertThat(loginPage.status()).as("the login page, whose session the database keeps").isEqualTo(503);
            assertThat(loginPage.text()).contains("<h1>Steward cannot reach its database</h1>", AWAY)
                    .doesNotContain("Whitelabel", "Exception");
            assertThat(login.status()).as("a login, which the database must check").isEqualTo(503);
            assertThat(login.text()).contains(AWAY).doesNotContain("Whitelabel", "Exception");
            for (Reply call : List.of(api, submitted)) {
                assertThat(call.status()).as("an API call").isEqualTo(503);
                assertThat(call.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(call.text());
                assertThat(problem.path("title").asText()).isEqualTo("Steward cannot reach its database");
                assertThat(problem.path("detail").asText()).startsWith(AWAY);
                assertThat(call.text()).doesNotContain("Exception", "SQL", "Hikari");
            }

            proxy.restore();
            Instant restored = Instant.now();
            awaitTrue(() -> alex.get("/api/requests/" + before).status() == 200, Duration.ofSeconds(30),
                    "the node to answer again after the database came back");
            Duration recovered = Duration.between(restored, Instant.now());
            assertThat(browser.get("/requests").status()).as("the same browser's page, same session").isEqualTo(200);
            try (Connection check = DriverManager.getConnection(direct, directUser, directPassword);
                    PreparedStatement count = check.prepareStatement("SELECT COUNT(*) FROM data_request WHERE title = ?")) {
                assertThat(rows(count, "Sent while the database was away")).as("the request sent while the database "
                        + "was away, answered 503").isZero();
                assertThat(rows(count, "Before the database went away")).as("the request of before").isEqualTo(1);
            }
            // The job executor works again: sam's approval is continued by a job (asyncAfter) into the delivery.
            String after = submit(alex, "After the database came back");
            String task = JSON.readTree(alex.get("/api/requests/" + after).text()).path("currentTasks").path(0)
                    .path("id").asText();
            Reply approved = sam.send("POST", "/api/tasks/" + task + "/complete",
                    Body.json("{\"decision\":\"approve\"}"), Map.of());
            assertThat(approved.status()).as("sam approves " + after + ": " + approved.text()).isEqualTo(204);
            Instant approvedAt = Instant.now();
            awaitTrue(() -> JSON.readTree(alex.get("/api/requests/" + after).text()).path("status").asText()
                    .equals("DELIVERY"), Duration.ofSeconds(60), "the job executor to move " + after + " on");
            Duration jobTook = Duration.between(approvedAt, Instant.now());
            System.out.printf("Database lost: node started in %d ms; answered again %d ms after the database came "
                    + "back; the job after an approval ran within %d ms; node log lines about it:%n%s%n",
                    startUp.toMillis(), recovered.toMillis(), jobTook.toMillis(), node.log().lines()
                            .filter(line -> line.contains("Cannot reach the database") || line.contains("WARN")
                                    || line.contains("ERROR")).limit(40).reduce("", (a, b) -> a + "  " + b + "\n"));
            assertThat(node.log()).contains("Cannot reach the database, answered 503 to POST /api/requests");
        } finally {
            proxy.close();
            if (h2 != null) {
                h2.stop();
            }
        }
    }

    private static String submit(Client alex, String title) throws Exception {
        Reply reply = alex.send("POST", "/api/requests", Body.json(JSON.writeValueAsString(
                IntegrationTest.requestBody(title, "PW-STREET-CENTERLINES"))), Map.of());
        assertThat(reply.status()).as("submitting " + title + ": " + reply.text()).isEqualTo(201);
        return JSON.readTree(reply.text()).path("reference").asText();
    }

    private static long rows(PreparedStatement count, String title) throws Exception {
        count.setString(1, title);
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean answered(Supplier<Boolean> call) {
        try {
            return call.get();
        } catch (IllegalStateException notListening) {
            return false;
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration within, String what) throws Exception {
        Instant until = Instant.now().plus(within);
        while (!check.holds()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Waited " + within.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}

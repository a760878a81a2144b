package org.steward.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, one database, one Steward: two real {@code java -jar} processes on one MariaDB/MySQL database, sending to
 * one SMTP server (GreenMail, in this JVM). A session made on node A works on node B; a request submitted on A is
 * decided on B; then 100 lifecycles run over both nodes while node A is killed (SIGKILL) and started again, and every
 * request ends exactly once, every email arrives, and every reminder fires once.
 */
class TwoNodesTest {

    private static final int LIFECYCLES = 100;
    private static final int CLIENTS = 6;
    /** Node A dies once about half the lifecycles have ended. */
    private static final int KILL_AFTER = LIFECYCLES / 2;
    /** Start-up takes ~20 s on a quiet machine and up to 3 min on a loaded build machine; a limit well above that. */
    private static final Duration START_UP = Duration.ofMinutes(6);
    private static final String DATABASE = "steward_cluster";
    /** For this test only: working days of 5 s put reminders at 10 s and escalations at 25 s. */
    private static final String WORKING_DAY = "5s";
    /** For this test only: a dead node's jobs and emails are taken over after 20 s (60 s and 10 min by default). */
    private static final String TAKE_OVER_AFTER_MILLIS = "20000";
    private static final String TAKE_OVER_AFTER = "20s";

    private final String server = System.getenv().getOrDefault("STEWARD_TEST_DB_SERVER",
            "jdbc:mysql://127.0.0.1:3306/");
    private final String dbUser = System.getenv().getOrDefault("STEWARD_TEST_DB_USER", "root");
    private final String dbPassword = System.getenv().getOrDefault("STEWARD_TEST_DB_PASSWORD", "");
    private final Path logs = Path.of(System.getProperty("steward.logs", "target/nodes"));
    private final List<StewardNode> nodes = new ArrayList<>();
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private GreenMail mail;
    private long phaseStart = System.nanoTime();

    @AfterEach
    void stopEverything() throws Exception {
        for (StewardNode node : nodes) {
            node.stop();
        }
        if (mail != null) {
            mail.stop();
        }
        System.out.println("Node logs: " + logs.toAbsolutePath());
    }

    @Test
    void twoNodesShareSessionsRequestsJobsAndEmailsAndSurviveTheDeathOfOne() throws Exception {
        long started = System.nanoTime();
        Path jar = Path.of(System.getProperty("steward.jar", "../request-portal/target/request-portal.jar"));
        assertThat(jar).as("Steward's jar (built by request-portal's package phase: ./mvnw verify -Pmariadb)")
                .exists();
        recreateDatabase();
        int smtpPort = StewardNode.freePort();
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "mysql");
        environment.put("SPRING_DATASOURCE_URL", server + DATABASE);
        environment.put("SPRING_DATASOURCE_USERNAME", dbUser);
        environment.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
        environment.put("STEWARD_DEMODATA", "true");
        environment.put("STEWARD_ALLOW_DEMO_DATA_ON_PRODUCTION_DATABASE", "true");
        environment.put("SPRING_MAIL_HOST", "127.0.0.1");
        environment.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        environment.put("STEWARD_WORKINGDAYLENGTH", WORKING_DAY);
        environment.put("STEWARD_MAIL_CLAIMFOR", TAKE_OVER_AFTER);
        environment.put("STEWARD_MAIL_POLLMILLIS", "250");
        environment.put("CAMUNDA_BPM_JOBEXECUTION_LOCKTIMEINMILLIS", TAKE_OVER_AFTER_MILLIS);
        StewardNode a = new StewardNode("a", jar, StewardNode.freePort(), environment, logs);
        StewardNode b = new StewardNode("b", jar, StewardNode.freePort(), environment, logs);
        nodes.add(a);
        nodes.add(b);
        phase("database and mail server");

        // A new database: the first node creates the schema and the demo city, the second starts on them.
        a.start();
        Duration aStarted = a.awaitReady(START_UP);
        phase("node a started (new database)");
        b.start();
        Duration bStarted = b.awaitReady(START_UP);
        phase("node b started");

        Cluster cluster = new Cluster(List.of(a, b));
        Lifecycle lifecycle = new Lifecycle(cluster);
        aSessionMadeOnOneNodeWorksOnTheOtherAndEndsOnBoth(a, b, lifecycle);
        phase("session on a, used on b");

        // A request that waits on Finance's steward all along: its reminder and escalation must fire once each.
        String waiting = lifecycle.submit("Cluster: waits for its reminders");

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        Map<String, Long> endedAt = new ConcurrentHashMap<>();
        List<String> references = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> work = new ArrayList<>();
        long lifecyclesStarted = System.nanoTime();
        for (int client = 0; client < CLIENTS; client++) {
            work.add(clients.submit(() -> {
                for (int n = next.incrementAndGet(); n <= LIFECYCLES; n = next.incrementAndGet()) {
                    String title = "Cluster lifecycle " + n;
                    inFlight.add(title);
                    references.add(lifecycle.run(title));
                    inFlight.remove(title);
                    endedAt.put(title, System.nanoTime());
                    ended.incrementAndGet();
                }
                return null;
            }));
        }
        while (ended.get() < KILL_AFTER) {
            failIfAnyFailed(work);
            Thread.sleep(50);
        }
        Set<String> caughtByTheKill = Set.copyOf(inFlight);
        int endedAtTheKill = ended.get();
        long killed = System.nanoTime();
        a.kill();
        System.out.printf("Node a killed (SIGKILL) after %d lifecycles, with %d under way%n", endedAtTheKill,
                caughtByTheKill.size());
        a.start();
        Duration aRestarted = a.awaitReady(START_UP);
        clients.shutdown();
        for (Future<?> client : work) {
            result(client, Duration.ofMinutes(10));
        }
        long lifecyclesEnded = System.nanoTime();
        phase(LIFECYCLES + " lifecycles over both nodes, a killed and started again");
        long lastCaught = caughtByTheKill.stream().mapToLong(endedAt::get).max().orElse(killed);
        Duration recovered = Duration.ofNanos(lastCaught - killed);

        awaitOutboxSent();
        phase("outbox sent");

        // Every request ended once, with each decision once.
        assertThat(references).hasSize(LIFECYCLES).doesNotHaveDuplicates();
        Map<String, String> statuses = query("select title, status from data_request "
                + "where title like 'Cluster lifecycle %'");
        assertThat(statuses).hasSize(LIFECYCLES);
        assertThat(Set.copyOf(statuses.values())).containsExactly("IN_FORCE");
        Map<String, List<String>> decisions = new TreeMap<>();
        try (Connection db = database(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select d.request_reference, d.step, d.actor, d.outcome "
                        + "from decision d join data_request r on r.reference = d.request_reference "
                        + "where r.title like 'Cluster lifecycle %' order by d.step, d.actor")) {
            while (rows.next()) {
                decisions.computeIfAbsent(rows.getString(1), r -> new ArrayList<>())
                        .add(rows.getString(2) + ":" + rows.getString(3) + ":" + rows.getString(4));
            }
        }
        assertThat(decisions).hasSize(LIFECYCLES);
        decisions.forEach((reference, made) -> assertThat(made).as("decisions on %s", reference).containsExactly(
                "approveAsSteward:fiona:approve", "deliverData:frank:delivered", "privacyReview:pat:approve",
                "signAgreement:dana:sign", "signAgreement:frank:sign"));
        assertThat(count("select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();
        assertThat(count("select count(*) from ACT_RU_JOB where RETRIES_ = 0")).as("failed jobs").isZero();

        // Every email arrived, at least once; a second copy only of one whose node died while sending it.
        Map<String, Integer> bySteward = new HashMap<>();
        Map<String, List<String>> byMessageId = new TreeMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            String id = message.getHeader("X-Steward-Email", null);
            bySteward.merge(id, 1, Integer::sum);
            byMessageId.computeIfAbsent(message.getMessageID(), m -> new ArrayList<>()).add(id);
        }
        List<Long> sent = ids("select id from outbox_email where status = 'SENT'");
        List<Long> missing = sent.stream().filter(id -> !bySteward.containsKey(Long.toString(id))).toList();
        assertThat(missing).as("emails marked sent that the mail server never received").isEmpty();
        assertThat(ids("select id from outbox_email where status not in ('SENT', 'SKIPPED')"))
                .as("emails not sent").isEmpty();
        Map<String, List<String>> duplicates = new TreeMap<>(byMessageId);
        duplicates.values().removeIf(copies -> copies.size() < 2);
        for (Map.Entry<String, List<String>> duplicate : duplicates.entrySet()) {
            System.out.printf("Duplicate email: Message-ID %s, outbox email %s, %d copies%n", duplicate.getKey(),
                    duplicate.getValue().get(0), duplicate.getValue().size());
            assertThat(count("select attempts from outbox_email where id = " + duplicate.getValue().get(0)))
                    .as("tries of duplicated email %s: sent again only after its node died", duplicate.getValue())
                    .isGreaterThan(1);
        }

        // Reminders and escalations: each fired once for each person, on both nodes together.
        Map<String, String> repeated = query("select concat(request_reference, ' ', kind, ' ', recipient, ' ', "
                + "facts_json), count(*) from outbox_email where kind in ('REMINDER', 'ESCALATION') group by "
                + "request_reference, kind, recipient, facts_json having count(*) > 1");
        assertThat(repeated).as("reminders or escalations sent more than once").isEmpty();
        Map<String, String> waitingReminders = query("select kind, count(*) from outbox_email "
                + "where request_reference = '" + waiting + "' and kind in ('REMINDER', 'ESCALATION') "
                + "and status = 'SENT' group by kind");
        assertThat(waitingReminders).as("reminders of %s, waiting on Finance's steward", waiting)
                .containsEntry("REMINDER", "1").containsEntry("ESCALATION", "1");
        long reminders = count("select count(*) from outbox_email where kind in ('REMINDER', 'ESCALATION') "
                + "and status = 'SENT'");
        long sessions = count("select count(*) from SPRING_SESSION");
        phase("checks");

        System.out.println();
        System.out.println("Two nodes, one database (" + server + DATABASE + "), working day " + WORKING_DAY
                + ", jobs and emails of a dead node taken over after " + TAKE_OVER_AFTER);
        System.out.printf("  start-up: node a %.1f s (new database), node b %.1f s, node a again %.1f s%n",
                seconds(aStarted), seconds(bStarted), seconds(aRestarted));
        System.out.printf("  lifecycles: %d by %d clients over both nodes in %.1f s (%.2f/s); node a killed after "
                + "%d, %d under way then; %d calls went to the other node%n", LIFECYCLES, CLIENTS,
                (lifecyclesEnded - lifecyclesStarted) / 1e9, LIFECYCLES / ((lifecyclesEnded - lifecyclesStarted) / 1e9),
                endedAtTheKill, caughtByTheKill.size(), cluster.failedOver());
        System.out.printf("  recovery: the last lifecycle under way at the kill ended %.1f s after it%n",
                seconds(recovered));
        System.out.printf("  emails: %d sent, %d received by the mail server, %d duplicates by Message-ID; "
                + "%d reminders and escalations, none twice%n", sent.size(), mail.getReceivedMessages().length,
                duplicates.size(), reminders);
        System.out.printf("  sessions in the database at the end: %d%n", sessions);
        phases.forEach((what, took) -> System.out.printf("  phase %-60s %6.1f s%n", what, seconds(took)));
        System.out.printf("  in all %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Logs in through the form on node A and uses that session on node B: pages, the API with the session's CSRF token
     * taken from a page of A, then logs out on B, and the session is gone on A too. A steward decides on B.
     */
    private void aSessionMadeOnOneNodeWorksOnTheOtherAndEndsOnBoth(StewardNode a, StewardNode b, Lifecycle lifecycle)
            throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = browser.send(page(a, "/login").build(), HttpResponse.BodyHandlers.ofString());
        String before = sessionCookie(form);
        HttpResponse<String> login = browser.send(page(a, "/login").header("Cookie", before)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alex&password=demo&_csrf="
                        + URLEncoder.encode(csrf(form.body()), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = sessionCookie(login);
        assertThat(session).as("a new session id at login (session fixation)").isNotEqualTo(before);

        HttpResponse<String> home = browser.send(page(b, "/").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).as("alex's home page on node b").isEqualTo(200);
        assertThat(home.body()).contains("Alex").doesNotContain("name=\"password\"");

        String token = csrf(browser.send(page(a, "/requests/new").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> submitted = browser.send(HttpRequest.newBuilder(b.base().resolve("/api/requests"))
                .header("Cookie", session).header("X-CSRF-TOKEN", token).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                                Lifecycle.requestBody("Cluster: submitted through a session")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as("a submission on b with the session and token of a: %s",
                submitted.body()).isEqualTo(201);
        String reference = Cluster.answer(submitted, b).body().get("reference").asText();

        // fiona decides on node b: the task was made by node a's engine.
        String task = lifecycle.awaitTask("fiona", reference, "approveAsSteward");
        Cluster.Answer decided = Cluster.send(browser, b, "fiona", "POST", "/api/tasks/" + task + "/complete",
                Lifecycle.decision("approve", Map.of()));
        Lifecycle.expect(decided, 204, "fiona approves " + reference + " on node b");
        // The round closes in a job (either node's job executor runs it); alex's session on a reads the outcome.
        String status = null;
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline
                && !"PRIVACY_REVIEW".equals(status); Thread.sleep(200)) {
            HttpResponse<String> read = browser.send(HttpRequest.newBuilder(a.base().resolve("/api/requests/"
                    + reference)).header("Cookie", session).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("alex reads %s on a with the session", reference).isEqualTo(200);
            status = Cluster.answer(read, a).body().path("status").asText();
        }
        assertThat(status).as("%s read on a", reference).isEqualTo("PRIVACY_REVIEW");

        HttpResponse<String> logout = browser.send(page(b, "/logout").header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(302);
        HttpResponse<String> after = browser.send(page(a, "/").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as("node a after logging out on b").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    private static HttpRequest.Builder page(StewardNode node, String path) {
        return HttpRequest.newBuilder(node.base().resolve(path)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30));
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        String cookie = answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("No session cookie in " + answer.headers().map()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        if (!token.find()) {
            throw new AssertionError("No CSRF token in the page: " + html.substring(0, Math.min(500, html.length())));
        }
        return token.group(1);
    }

    private void awaitOutboxSent() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (count("select count(*) from outbox_email where status = 'PENDING'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Emails still waiting in the outbox after 90 s: "
                        + query("select id, concat(kind, ' to ', recipient, ', tries ', attempts, ', claimed by ', "
                        + "coalesce(claimed_by, '-'), ' until ', coalesce(claimed_until, '-')) from outbox_email "
                        + "where status = 'PENDING'"));
            }
            Thread.sleep(250);
        }
    }

    private void recreateDatabase() {
        try (Connection connection = DriverManager.getConnection(server, dbUser, dbPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException unreachable) {
            throw new AssertionError("The MariaDB/MySQL server for the two-node test cannot be reached at " + server
                    + " as " + dbUser + ": " + unreachable.getMessage()
                    + ". Start it (see the README) or set STEWARD_TEST_DB_SERVER.", unreachable);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(server + DATABASE, dbUser, dbPassword);
    }

    private long count(String sql) throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private List<Long> ids(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection db = database(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** The first two columns of a query's rows, as text. */
    private Map<String, String> query(String sql) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (Connection db = database(); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2));
            }
        }
        return found;
    }

    private void phase(String what) {
        long now = System.nanoTime();
        phases.put(what, Duration.ofNanos(now - phaseStart));
        System.out.printf("%s: %.1f s%n", what, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    /** A client that failed fails the test with its own error, before anything else happens. */
    private static void failIfAnyFailed(List<Future<?>> work) throws Exception {
        for (Future<?> client : work) {
            if (client.isDone()) {
                result(client, Duration.ZERO);
            }
        }
    }

    private static void result(Future<?> client, Duration limit) throws Exception {
        try {
            client.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }


}

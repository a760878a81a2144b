package org.steward.portal.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.IntegrationTest;
import org.steward.workflow.people.PeopleService;
import org.steward.workflow.people.Person;

/**
 * What the city's operators and their Prometheus see at /actuator: the probes for anyone, each check in plain words
 * for admins, Steward's figures for admins and the metrics account, and that account nowhere else.
 */
class HealthAndMetricsTest extends IntegrationTest {

    /** The metrics account of the test settings (application-test.properties), as Prometheus would log in. */
    private static final String METRICS_USER = "prometheus";
    private static final String METRICS_PASSWORD = "scrape-the-figures";

    @Autowired
    private EmailOutbox outbox;

    @Autowired
    private PeopleService people;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void theProbesAnswerAnyone_withTheStatusAlone() {
        Answer health = get(null, "/actuator/health");
        assertThat(health.body().get("status").asText()).isIn("UP", "OUT_OF_SERVICE", "DOWN");
        assertThat(health.body().has("components")).isFalse();

        Answer liveness = get(null, "/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.body().toString()).isEqualTo("{\"status\":\"UP\"}");

        Answer readiness = get(null, "/actuator/health/readiness");
        assertThat(readiness.body().has("status")).isTrue();
        assertThat(readiness.body().has("components")).isFalse();

        // A logged-in person who is not an admin sees no more than anyone.
        assertThat(get("alex", "/actuator/health").body().has("components")).isFalse();
        assertThat(get(null, "/actuator/health/database").status()).isEqualTo(401);
    }

    @Test
    void adminsSeeEachCheckNamedAndWorded() {
        JsonNode readiness = get("admin", "/actuator/health/readiness").body().get("components");
        assertThat(names(readiness)).containsExactlyInAnyOrder("readinessState", "database", "engine", "jobExecutor",
                "mailServer", "emailOutbox");
        assertThat(readiness.get("database").get("status").asText()).isEqualTo("UP");
        assertThat(readiness.get("database").get("details").get("message").asText())
                .isEqualTo("The database answers.");
        assertThat(readiness.get("engine").get("details").get("message").asText())
                .startsWith("The process engine answers; the request process has");
        // The tests run jobs themselves, as a node whose job executor is switched off would.
        assertThat(readiness.get("jobExecutor").get("status").asText()).isEqualTo("UP");
        assertThat(readiness.get("jobExecutor").get("details").get("message").asText())
                .startsWith("Switched off on this node by camunda.bpm.job-execution.enabled=false");

        JsonNode liveness = get("admin", "/actuator/health/liveness").body().get("components");
        assertThat(names(liveness)).as("liveness never asks the database").containsExactly("livenessState");
    }

    @Test
    void anEmailDueLongerThanTheLimit_takesReadinessOutOfService_untilItIsDealtWith() {
        String reference = "HEALTH-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        long id = lateEmail(reference, Duration.ofMinutes(20));
        try {
            Answer readiness = get("admin", "/actuator/health/readiness");
            JsonNode emailOutbox = readiness.body().get("components").get("emailOutbox");
            assertThat(emailOutbox.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(emailOutbox.get("details").get("message").asText()).startsWith(
                    "Emails are late: one has waited 20 minutes to be sent (at most 15 minutes is fine, "
                            + "steward.health.outbox-max-wait).");
            assertThat(readiness.body().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            // The node still serves people: email trouble is every node's, so the proxy keeps sending them here.
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(get(null, "/actuator/health/readiness").body().get("status").asText())
                    .isEqualTo("OUT_OF_SERVICE");
            // The overall health tells a monitor that reads only the HTTP status.
            assertThat(get(null, "/actuator/health").status()).isEqualTo(503);
            eventually("the late email's wait among the figures", () -> figure(scrape("admin", "demo"),
                    "steward_emails_oldest_due_seconds") >= 20 * 60);
        } finally {
            outbox.skipped(id, "A test's late email, dealt with.");
        }
        JsonNode emailOutbox = get("admin", "/actuator/health/readiness").body().get("components").get("emailOutbox");
        assertThat(emailOutbox.get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusIsReadByAdminsAndTheMetricsAccount_andNobodyElse() {
        for (String[] reader : List.of(new String[] {"admin", "demo"},
                new String[] {METRICS_USER, METRICS_PASSWORD})) {
            ResponseEntity<String> scrape = raw(reader[0], reader[1], "/actuator/prometheus");
            assertThat(scrape.getStatusCode().value()).as(reader[0]).isEqualTo(200);
            assertThat(scrape.getBody()).contains("steward_requests{status=\"STEWARD_REVIEW\"}",
                    "steward_jobs_due ", "steward_incidents_open ", "steward_emails_queued ",
                    "jvm_memory_used_bytes", "hikaricp_connections_active", "http_server_requests_seconds_count");
            // Prometheus logs in on every scrape; none leaves a session behind.
            assertThat(scrape.getHeaders().get(HttpHeaders.SET_COOKIE)).as(reader[0]).isNull();
        }
        assertThat(raw("alex", "demo", "/actuator/prometheus").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> anonymous = raw(null, null, "/actuator/prometheus");
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        for (String other : List.of("/actuator", "/actuator/env", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/beans", "/actuator/metrics", "/actuator/loggers", "/actuator/threaddump")) {
            assertThat(raw("admin", "demo", other).getStatusCode().value()).as(other).isEqualTo(404);
            assertThat(raw(null, null, other).getStatusCode().value()).as(other).isEqualTo(401);
        }
    }

    @Test
    void theMetricsAccountIsRefusedEverywhereButTheActuator() {
        for (String path : List.of("/", "/requests", "/tasks", "/admin/people", "/dev/mailbox", "/api/requests",
                "/api/tasks", "/camunda/app/cockpit/default/", "/engine-rest/engine", "/engine-rest/deployment")) {
            assertThat(raw(METRICS_USER, METRICS_PASSWORD, path).getStatusCode().value()).as(path).isEqualTo(403);
        }
        assertThat(raw(METRICS_USER, METRICS_PASSWORD, "/actuator/health/readiness").getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void theFiguresMoveWithRealWork() {
        String before = scrape(METRICS_USER, METRICS_PASSWORD);
        String reference = submit("Figures for the operators", "PW-WORK-ORDERS");
        String step = currentTasks(reference).get(0).get("taskDefinitionKey").asText();
        double waitingBefore = figure(before, "steward_tasks_waiting", "step", step);
        double decidedBefore = figure(before, "steward_decisions_total", "step", step, "outcome", "approve");

        eventually("the new task counted among those waiting on " + step, () -> figure(scrape(METRICS_USER,
                METRICS_PASSWORD), "steward_tasks_waiting", "step", step) >= waitingBefore + 1);
        eventually("the task email counted as sent", () -> figure(scrape(METRICS_USER, METRICS_PASSWORD),
                "steward_emails_sent_total") >= figure(before, "steward_emails_sent_total") + 1);

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        assertThat(figure(scrape(METRICS_USER, METRICS_PASSWORD), "steward_decisions_total", "step", step,
                "outcome", "approve")).isEqualTo(decidedBefore + 1);

        double refused = figure(scrape("admin", "demo"), "steward_logins_failed_total", "reason",
                "wrong-name-or-password");
        try {
            assertThat(raw("audrey", "not her password", "/api/requests").getStatusCode().value()).isEqualTo(401);
            assertThat(figure(scrape("admin", "demo"), "steward_logins_failed_total", "reason",
                    "wrong-name-or-password")).isEqualTo(refused + 1);
        } finally {
            // The wrong password holds audrey's logins back for seconds; the next test class logs in as her.
            people.unlock("audrey");
        }
    }

    /**
     * An email written through the real outbox that fell due {@code late} ago and is held by a node that stopped
     * while sending it: due, unsent, and not taken over by another node for {@code steward.mail.claim-for}.
     */
    private long lateEmail(String reference, Duration late) {
        Person dana = new Person("dana", "Dana Dalton", "dana@example.org", Set.of());
        return new TransactionTemplate(transactions).execute(status -> {
            ClockUtil.setCurrentTime(Date.from(Instant.now().minus(late)));
            try {
                outbox.add(EmailKind.values()[0], dana, reference, null, Map.of());
            } finally {
                ClockUtil.reset();
            }
            OutboxEmail email = outbox.about(reference).get(0);
            assertThat(outbox.claim(email.getId(), "a-node-that-stopped")).isTrue();
            return email.getId();
        });
    }

    private String scrape(String user, String password) {
        ResponseEntity<String> scrape = raw(user, password, "/actuator/prometheus");
        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        return scrape.getBody();
    }

    private ResponseEntity<String> raw(String user, String password, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, password);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    /** A figure of a scrape, by name and labels; 0 when the scrape does not list it (a counter not counted yet). */
    private static double figure(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < labels.length; i += 2) {
                matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static List<String> names(JsonNode components) {
        List<String> names = new java.util.ArrayList<>();
        components.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Polls until the condition holds, for figures kept for the cache time (a second in the tests). */
    private static void eventually(String what, Supplier<Boolean> condition) {
        Instant until = Instant.now().plusSeconds(15);
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Waited 15 s in vain for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

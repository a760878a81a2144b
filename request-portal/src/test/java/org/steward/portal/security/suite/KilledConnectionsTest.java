package org.steward.portal.security.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.mail.Mails;
import org.steward.portal.security.suite.Client.Body;
import org.steward.portal.security.suite.Client.Reply;

/**
 * The database drops the application's connections while people work: several threads submit requests and complete
 * tasks over the API, another runs the engine's jobs, and a killer ends every connection of the application a few
 * times (MariaDB: KILL CONNECTION; H2: ABORT_SESSION). Afterwards everything the clients were told succeeded is there
 * in full, nothing is half done, the failures were answered with a problem in plain words, and the application works
 * on without a restart.
 */
class KilledConnectionsTest extends SuiteSupport {

    private static final int KILLS = 4;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ManagementService management;

    private final String run = fresh("killed");
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();
    private final Map<String, String> approved = new ConcurrentHashMap<>();
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> problems = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();

    @Test
    void nothingConfirmedIsLostWhenTheDatabaseDropsConnectionsUnderLoad() throws Exception {
        CyclicBarrier start = new CyclicBarrier(6);
        List<Thread> threads = new ArrayList<>();
        threads.add(worker(start, this::submitOne));
        threads.add(worker(start, this::submitOne));
        threads.add(worker(start, () -> completeOne("sam", "stewards-pw", "approve", approved)));
        threads.add(worker(start, () -> completeOne("wes", "custodians-pw", "delivered", delivered)));
        threads.add(worker(start, this::runSomeJobs));
        threads.forEach(Thread::start);
        start.await();
        Instant began = Instant.now();
        List<String> recovery = new ArrayList<>();
        int kills = 0;
        try (Connection killer = killerConnection()) {
            // Each kill once work is going on (three more successes); a stall of 30 s ends the storm as a finding.
            while (kills < KILLS) {
                int before = successes.get();
                if (!awaitCondition(() -> successes.get() >= before + 3)) {
                    recovery.add("no work got done within 30 s after kill " + kills + " (" + successes.get()
                            + " successes, " + failed.size() + " failures so far)");
                    break;
                }
                killed.addAndGet(killAll(killer));
                kills++;
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(120).toMillis());
            }
        }
        long seconds = Duration.between(began, Instant.now()).toSeconds();

        // Recovery without a restart: within a few seconds new calls succeed, five in a row, and emails go out again.
        try {
            recovery.addAll(recovery());
        } finally {
            // From here on the checks read the database through the same pool; whatever it still holds that the kills
            // ended is let go first (on H2 a dead connection is not recognised by the pool), so that the checks, and
            // the test classes after this one, work on live connections whatever the recovery above found.
            dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        }
        runEveryJobOfOurs();

        List<String> incomplete = new ArrayList<>();
        for (String reference : submitted) {
            if (get("alex", "/api/requests/" + reference).status() != 200) {
                incomplete.add(reference + ": told 201, but not there");
                continue;
            }
            String instance = jdbc.queryForObject("SELECT process_instance_id FROM data_request WHERE reference = ?",
                    String.class, reference);
            if (instance == null || count("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE ID_ = ?", instance) != 1) {
                incomplete.add(reference + ": told 201, but its process is missing");
            }
        }
        approved.forEach((task, reference) -> confirmDecision(incomplete, task, reference, "sam",
                "approveAsSteward", "approve"));
        delivered.forEach((task, reference) -> confirmDecision(incomplete, task, reference, "wes", null,
                "delivered"));
        // Nothing half done, whichever answer its client got: each request of this run has its process, and waits
        // where its status says, or is done.
        List<String> ours = jdbc.queryForList("SELECT reference FROM data_request WHERE title LIKE ?", String.class,
                run + "%");
        for (String reference : ours) {
            JsonNode request = request("alex", reference);
            String status = request.get("status").asText();
            List<String> waiting = request.get("currentTasks").findValuesAsText("taskDefinitionKey");
            String instance = jdbc.queryForObject("SELECT process_instance_id FROM data_request WHERE reference = ?",
                    String.class, reference);
            boolean consistent = instance != null && switch (status) {
                case "STEWARD_REVIEW" -> waiting.equals(List.of("approveAsSteward"));
                case "DELIVERY" -> waiting.size() == 1;
                case "DELIVERED" -> waiting.isEmpty();
                default -> false;
            };
            if (!consistent) {
                incomplete.add(reference + ": " + status + " waiting on " + waiting + ", process " + instance);
            }
        }
        List<String> orphanDecisions = jdbc.queryForList("SELECT d.task_id FROM decision d JOIN data_request r "
                + "ON r.reference = d.request_reference WHERE r.title LIKE ? AND (d.task_id IN (SELECT ID_ FROM "
                + "ACT_RU_TASK) OR d.task_id NOT IN (SELECT ID_ FROM ACT_HI_TASKINST WHERE END_TIME_ IS NOT NULL))",
                String.class, run + "%");
        long incidents = count("SELECT COUNT(*) FROM ACT_RU_INCIDENT i JOIN data_request r ON r.process_instance_id "
                + "= i.PROC_INST_ID_ WHERE r.title LIKE ?", run + "%");

        System.out.printf("Killed connections (%s): %d kills ending %d connections in %d s; %d calls, %d told "
                + "success (%d submitted, %d approved, %d delivered), %d failed (%s); %d requests of the run checked, "
                + "%d incomplete, %d decisions without their task done, %d incidents, %d badly answered, %d recovery "
                + "problems%n", database(), kills, killed.get(), seconds, calls.get(), successes.get(),
                submitted.size(), approved.size(), delivered.size(), failed.size(), statuses(), ours.size(),
                incomplete.size(), orphanDecisions.size(), incidents, badlyAnswered(), recovery.size());
        incomplete.forEach(i -> System.out.println("  KILLED incomplete " + i));
        problems.forEach((p, n) -> System.out.println("  KILLED answer " + n + " x " + p));
        recovery.forEach(r -> System.out.println("  KILLED recovery " + r));
        assertThat(killed.get()).as("connections ended").isGreaterThanOrEqualTo(kills);
        assertThat(incomplete).as("confirmed work lost or half done").isEmpty();
        assertThat(orphanDecisions).as("decisions whose task is not done").isEmpty();
        assertThat(incidents).as("jobs given up on").isZero();
        assertThat(problems.keySet()).as("failures answered otherwise than with a problem in plain words").isEmpty();
        assertThat(recovery).as("the application working on after the kills, without a restart").isEmpty();
    }

    /**
     * What did not work again after the kills: within 15 seconds a submission succeeds, then five in a row, and the
     * task email of the last one is sent. Never throws, so that the checks after it run whatever it finds.
     */
    private List<String> recovery() {
        List<String> found = new ArrayList<>();
        Instant until = Instant.now().plus(Duration.ofSeconds(15));
        Reply first = null;
        int tries = 0;
        while (Instant.now().isBefore(until)) {
            tries++;
            first = api("alex").send("POST", "/api/requests", json(requestBody(run + ": after the kills",
                    "PW-STREET-CENTERLINES")), Map.of());
            if (first.status() == 201) {
                break;
            }
            pause(200);
        }
        if (first == null || first.status() != 201) {
            found.add("no submission succeeded within 15 s of the last kill (" + tries + " tries, last "
                    + (first == null ? "none" : first.status() + " " + first.text()) + ")");
            return found;
        }
        String last = null;
        for (int i = 0; i < 5; i++) {
            Reply again = api("alex").send("POST", "/api/requests", json(requestBody(run + ": again " + i,
                    "PW-STREET-CENTERLINES")), Map.of());
            if (again.status() != 201) {
                found.add("submission " + (i + 1) + " of 5 after recovering answered " + again.status() + " "
                        + again.text());
            } else {
                last = asJson(again.text()).get("reference").asText();
            }
        }
        if (last != null) {
            try {
                Mails.awaitOne("sam@example.org", last);
            } catch (AssertionError notSent) {
                found.add("the task email of " + last + " was not sent: the email sender did not recover ("
                        + notSent.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return found;
    }

    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    // ---- The workers.

    private Thread worker(CyclicBarrier start, Runnable step) {
        return new Thread(() -> {
            try {
                start.await();
                while (!stop.get()) {
                    try {
                        step.run();
                    } catch (RuntimeException e) {
                        problem("a call went unanswered: " + e);
                    }
                }
            } catch (Exception e) {
                problem("worker stopped: " + e);
            }
        });
    }

    private void submitOne() {
        Reply reply = api("alex").send("POST", "/api/requests", json(requestBody(run + ": " + calls.get(),
                "PW-STREET-CENTERLINES")), Map.of());
        answered(reply, "submit");
        if (reply.status() == 201) {
            submitted.add(asJson(reply.text()).get("reference").asText());
        }
    }

    private void completeOne(String user, String group, String decision, Map<String, String> done) {
        Reply tasks = api(user).send("GET", "/api/tasks?sort=newest&size=200", null, Map.of());
        answered(tasks, "tasks of " + user);
        if (tasks.status() != 200) {
            return;
        }
        for (JsonNode task : asJson(tasks.text()).get("items")) {
            String reference = task.path("requestReference").asText();
            String id = task.get("id").asText();
            if (!submitted.contains(reference) || done.containsKey(id)
                    || !task.get("candidateGroups").toString().contains(group)) {
                continue;
            }
            Reply completed = api(user).send("POST", "/api/tasks/" + id + "/complete",
                    Body.json("{\"decision\":\"" + decision + "\"}"), Map.of());
            answered(completed, decision + " by " + user);
            if (completed.status() == 204) {
                done.put(id, reference);
            }
            return;
        }
    }

    private void runSomeJobs() {
        try {
            List<Job> due = management.createJobQuery().executable().listPage(0, 5);
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failedThisTime) {
                    // The engine counts the failure on the job and tries again; the end says whether it gave up.
                }
            }
            if (due.isEmpty()) {
                Thread.onSpinWait();
            }
        } catch (RuntimeException queryFailed) {
            // A killed connection under the query: the next round asks again.
        }
    }

    private int badlyAnswered() {
        return problems.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void problem(String what) {
        problems.computeIfAbsent(what, p -> new AtomicInteger()).incrementAndGet();
    }

    private void answered(Reply reply, String what) {
        calls.incrementAndGet();
        int status = reply.status();
        if (status == 200 || status == 201 || status == 204) {
            if (!what.startsWith("tasks")) {
                successes.incrementAndGet();
            }
            return;
        }
        failed.add(String.valueOf(status));
        // A client that was refused waits a moment before its next call, as people and programs do.
        pause(200);
        JsonNode problem = asJson(reply.text());
        String detail = problem == null ? null : problem.path("detail").asText(null);
        String text = reply.text();
        if (!reply.contentType().startsWith("application/problem+json") || detail == null || detail.isBlank()
                || text.contains("Exception") || text.contains("\tat ") || text.contains("SQL")
                || text.contains("org.") || text.contains("java.")) {
            // Grouped by what was answered: the time and the task aside.
            String answer = text.replaceAll("\"timestamp\":\"[^\"]*\",?", "")
                    .replaceAll("/api/tasks/[^\"/]+", "/api/tasks/{id}");
            problem(what.replaceAll(" by \\w+$", "") + ": " + status + " " + reply.contentType() + " "
                    + answer.substring(0, Math.min(300, answer.length())));
        }
    }

    // ---- The killer: every connection the application holds, on H2 or on MariaDB.

    private Connection killerConnection() throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }

    /** Ends every connection of the application's database but the killer's own; answers how many. */
    private int killAll(Connection killer) throws SQLException {
        boolean h2 = killer.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
        List<Long> victims = new ArrayList<>();
        try (Statement statement = killer.createStatement()) {
            String query = h2 ? "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                    : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()";
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    victims.add(rows.getLong(1));
                }
            }
            int ended = 0;
            for (long victim : victims) {
                try {
                    if (h2) {
                        try (ResultSet done = statement.executeQuery("SELECT ABORT_SESSION(" + victim + ")")) {
                            ended += done.next() && done.getBoolean(1) ? 1 : 0;
                        }
                    } else {
                        statement.execute("KILL CONNECTION " + victim);
                        ended++;
                    }
                } catch (SQLException goneAlready) {
                    // It ended by itself between the query and the kill.
                }
            }
            return ended;
        }
    }

    // ---- Checking afterwards.

    private void runEveryJobOfOurs() {
        // Jobs that failed while connections were dropped wait for their retry; run them now, as time would.
        for (int round = 0; round < 20; round++) {
            List<Job> left = management.createJobQuery().list().stream()
                    .filter(j -> j.getProcessInstanceId() != null && ours(j.getProcessInstanceId())).toList();
            if (left.isEmpty()) {
                return;
            }
            for (Job job : left) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException stillFailing) {
                    problem("a job still fails after the kills: " + stillFailing.getMessage());
                }
            }
        }
    }

    private boolean ours(String processInstanceId) {
        return count("SELECT COUNT(*) FROM data_request WHERE process_instance_id = ? AND title LIKE ?",
                processInstanceId, run + "%") > 0;
    }

    private void confirmDecision(List<String> incomplete, String task, String reference, String actor, String step,
            String outcome) {
        JsonNode history = request("alex", reference).get("history");
        boolean recorded = false;
        for (JsonNode entry : history) {
            recorded |= entry.get("actor").asText().equals(actor) && entry.get("outcome").asText().equals(outcome)
                    && (step == null || entry.get("step").asText().equals(step));
        }
        if (!recorded) {
            incomplete.add(reference + ": " + actor + " was told " + outcome + " was recorded, but the history has "
                    + history);
        }
        if (count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE ID_ = ?", task) != 0) {
            incomplete.add(reference + ": " + actor + "'s task " + task + " is still open after " + outcome);
        }
    }

    private long count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }

    private String statuses() {
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        failed.forEach(s -> byStatus.merge(s, 1, Integer::sum));
        return byStatus.toString();
    }

    private Client api(String user) {
        return Client.basic(port, user);
    }

    private Body json(Object value) {
        try {
            return Body.json(json.writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the condition holds within 30 seconds. */
    private boolean awaitCondition(BooleanSupplier condition) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                return false;
            }
            pause(20);
        }
        return true;
    }
}

package org.steward.benchmarks.volume;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives real requests through Steward's REST API, each person with their own client: submissions, decisions,
 * signatures, revisions, withdrawals, terminations. Timers that would fire months from now (the agreement's
 * expiry) are executed through the engine's REST API as an admin. Everything here is what people and the engine
 * do; nothing is written behind Steward's back.
 */
final class LiveRequests {

    static final String FIN = "FIN-UTILITY-ACCOUNTS";
    static final String WORK_ORDERS = "PW-WORK-ORDERS";
    static final String CENTERLINES = "PW-STREET-CENTERLINES";
    private static final Map<String, String> FULL_NAMES = Map.of("frank", "Frank Franklin", "wes", "Wes Weller",
            "dana", "Dana Dalton");
    private static final long POLL_MILLIS = 100;
    private static final long WAIT_MILLIS = 60_000;

    private final URI base;
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    /** One client per person and thread: clients are cheap, and a person's cookies stay theirs. */
    private final Map<String, StewardClient> clients = new ConcurrentHashMap<>();

    LiveRequests(URI base, String jdbcUrl, String dbUser, String dbPassword) {
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    StewardClient as(String user) {
        return clients.computeIfAbsent(user + "@" + Thread.currentThread().getId(),
                key -> new StewardClient(base, user));
    }

    /** Submits a request by {@code requester} for the datasets; answers its reference. */
    String submit(String requester, List<String> datasets, boolean external) throws Exception {
        StewardClient.Answer answer = as(requester).post("/api/requests", body(datasets, external, "Volume"));
        if (answer.status() != 201) {
            throw new IllegalStateException(requester + " could not submit: " + answer.status() + " "
                    + StewardClient.abbreviate(answer.body()));
        }
        return answer.json().get("reference").asText();
    }

    static Map<String, Object> body(List<String> datasets, boolean external, String titleWord) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", titleWord + " study of utility use and street works by neighbourhood");
        body.put("purpose", "Estimate rental occupancy by neighbourhood for the 2027 housing plan.");
        body.put("legalBasis", "City charter, planning authority");
        List<Map<String, Object>> wanted = new ArrayList<>();
        for (String code : datasets) {
            wanted.add(Map.of("code", code, "elements", List.of()));
        }
        body.put("datasets", wanted);
        body.put("recipient", external
                ? Map.of("type", "EXTERNAL", "organisation", "University of Montana", "signatoryName",
                        "Uma Universe", "signatoryEmail", "uma@example.edu")
                : Map.of("type", "INTERNAL", "department", "CD"));
        body.put("frequency", "ONE_TIME");
        body.put("deliveryMethod", "Encrypted file transfer");
        body.put("retention", "Deleted 12 months after delivery");
        body.put("securityControls", "Stored on the planning file share, access limited to two analysts");
        LocalDate start = LocalDate.now().plusDays(30);
        body.put("startDate", start.toString());
        body.put("endDate", start.plusYears(1).toString());
        return body;
    }

    /** Waits for {@code user}'s task on the request, then completes it with the decision and fields. */
    void decide(String user, String reference, String decision, String comment, Map<String, Object> fields)
            throws Exception {
        String task = awaitTask(user, reference);
        Map<String, Object> completion = new LinkedHashMap<>();
        completion.put("decision", decision);
        if (comment != null) {
            completion.put("comment", comment);
        }
        completion.put("fields", fields == null ? Map.of() : fields);
        StewardClient.Answer answer = as(user).post("/api/tasks/" + task + "/complete", completion);
        if (!answer.ok()) {
            throw new IllegalStateException(user + " could not " + decision + " " + reference + ": "
                    + answer.status() + " " + StewardClient.abbreviate(answer.body()));
        }
    }

    void approve(String steward, String reference) throws Exception {
        decide(steward, reference, "approve", null, null);
    }

    void privacy(String reference, String decision, String comment) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("personalData", "Service addresses of utility account holders");
        fields.put("leavesCity", false);
        fields.put("identifiersRemovable", true);
        fields.put("legalAuthority", "City charter, planning authority");
        fields.put("retentionAcceptable", true);
        fields.put("fullAssessmentNeeded", false);
        if (decision.equals("approve_with_conditions")) {
            fields.put("conditions", "Addresses are aggregated to census blocks before any report is published.");
        }
        decide("pat", reference, decision, comment, fields);
    }

    /** The signatory reads the agreement and signs (or declines, or asks for changes) the text they read. */
    void sign(String signatory, String reference, String decision) throws Exception {
        String task = awaitTask(signatory, reference);
        String sha = as(signatory).getJson("/api/requests/" + reference + "/agreement").get("sha256").asText();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("typedName", FULL_NAMES.get(signatory));
        fields.put("consent", decision.equals("sign"));
        fields.put("documentHash", sha);
        if (!decision.equals("sign")) {
            fields.put("reason", "The retention period is longer than our policy allows.");
        }
        Map<String, Object> completion = Map.of("decision", decision, "fields", fields);
        StewardClient.Answer answer = as(signatory).post("/api/tasks/" + task + "/complete", completion);
        if (!answer.ok()) {
            throw new IllegalStateException(signatory + " could not " + decision + " " + reference + ": "
                    + answer.status() + " " + StewardClient.abbreviate(answer.body()));
        }
    }

    /** The requester saves a revision and sends it round again, or withdraws it at the revise task. */
    void revise(String requester, String reference, boolean resubmit) throws Exception {
        awaitStatus(requester, reference, "CHANGES_REQUESTED");
        if (resubmit) {
            Map<String, Object> text = body(List.of(), false, "Revised");
            JsonNode current = as(requester).getJson("/api/requests/" + reference);
            List<Map<String, Object>> datasets = new ArrayList<>();
            for (JsonNode d : current.path("request").path("datasets")) {
                datasets.add(Map.of("code", d.path("code").asText(), "elements", List.of()));
            }
            text.put("datasets", datasets);
            StewardClient.Answer saved = as(requester).put("/api/requests/" + reference, text);
            if (!saved.ok()) {
                throw new IllegalStateException("Revision of " + reference + ": " + saved.status() + " "
                        + StewardClient.abbreviate(saved.body()));
            }
            decide(requester, reference, "resubmit", "Shorter retention, fewer fields", null);
        } else {
            decide(requester, reference, "withdraw", "No longer needed", null);
        }
    }

    void withdraw(String requester, String reference) throws Exception {
        StewardClient.Answer answer = as(requester).post("/api/requests/" + reference + "/withdraw",
                Map.of("reason", "The study was cancelled"));
        if (!answer.ok()) {
            throw new IllegalStateException("Withdrawal of " + reference + ": " + answer.status());
        }
    }

    /** A steward of a providing department ends the agreement early. */
    void terminate(String steward, String requester, String reference) throws Exception {
        awaitStatus(requester, reference, "IN_FORCE");
        String number = as(steward).getJson("/api/requests/" + reference + "/agreement").get("number").asText();
        StewardClient.Answer answer = as(steward).post("/api/agreements/" + number + "/terminate",
                Map.of("reason", "The study ended early"));
        if (!answer.ok()) {
            throw new IllegalStateException("Termination of " + number + ": " + answer.status() + " "
                    + StewardClient.abbreviate(answer.body()));
        }
    }

    /**
     * Lets the agreement's term run out now: its timers (the reminder 30 days before, then the end) are executed
     * through the engine's REST API as an admin would from Cockpit, instead of waiting a year.
     */
    void expire(String requester, String reference) throws Exception {
        awaitStatus(requester, reference, "IN_FORCE");
        String processInstance = processInstanceOf(reference);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!status(requester, reference).equals("EXPIRED")) {
            JsonNode jobs = as("admin").getJson("/engine-rest/job?processInstanceId=" + processInstance);
            for (JsonNode job : jobs) {
                as("admin").post("/engine-rest/job/" + job.get("id").asText() + "/execute", Map.of());
            }
            pause(deadline, reference + " to expire");
        }
    }

    String status(String user, String reference) throws Exception {
        return as(user).getJson("/api/requests/" + reference).get("status").asText();
    }

    void awaitStatus(String user, String reference, String wanted) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!status(user, reference).equals(wanted)) {
            pause(deadline, reference + " to reach " + wanted);
        }
    }

    /** Waits until the request's process has nothing left to do now: ended, or only timers due later. */
    void awaitSettled(String reference) throws Exception {
        String processInstance = processInstanceOf(reference);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            try (Connection db = connect(); PreparedStatement q = db.prepareStatement(
                    "SELECT (SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ? AND (DUEDATE_ IS NULL "
                            + "OR DUEDATE_ <= NOW())) + (SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?)")) {
                q.setString(1, processInstance);
                q.setString(2, processInstance);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
            }
            pause(deadline, reference + " to settle");
        }
    }

    private String awaitTask(String user, String reference) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            JsonNode items = as(user).getJson("/api/tasks?request=" + reference).path("items");
            if (items.size() > 0) {
                return items.get(0).get("id").asText();
            }
            pause(deadline, "a task of " + user + " on " + reference);
        }
    }

    String processInstanceOf(String reference) throws SQLException {
        try (Connection db = connect(); PreparedStatement q = db.prepareStatement(
                "SELECT process_instance_id FROM data_request WHERE reference = ?")) {
            q.setString(1, reference);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No request " + reference);
                }
                return rs.getString(1);
            }
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    /** The short poll interval: the next task appears once the engine's job after a decision has run. */
    private static void pause(long deadline, String what) throws InterruptedException {
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException("Waited " + WAIT_MILLIS / 1000 + " s for " + what);
        }
        Thread.sleep(POLL_MILLIS);
    }

}

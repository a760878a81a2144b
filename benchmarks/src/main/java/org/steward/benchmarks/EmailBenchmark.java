package org.steward.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * 1,000 emails queued at once in Steward's outbox, by SQL in one transaction (the rows Steward's own outbox writes:
 * a status email about a real request, to alex, at an address in a marker domain), and the time from that commit
 * until the local SMTP server has all 1,000. Only messages to the marker domain count, so the lifecycles' do not.
 */
final class EmailBenchmark {

    static final int EMAILS = 1_000;
    private static final String DOMAIN = "outbox-benchmark.example";

    private final Options options;
    private final Report report;

    EmailBenchmark(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run(StewardProcess steward, String database, GreenMail smtp) throws Exception {
        String reference = submitOne(steward);
        Databases databases = new Databases(options);
        Duration backlog = awaitEmptyOutbox(databases, database);
        smtp.purgeEmailFromAllMailboxes();

        // One address for all of them: the marker is its domain, where no lifecycle email goes.
        String address = "alex+run" + System.currentTimeMillis() + "@" + DOMAIN;
        long committed;
        try (Connection connection = databases.open(database)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_email (kind, recipient,"
                    + " address, request_reference, task_id, facts_json, subject, status, attempts, created_at,"
                    + " next_attempt_at) VALUES ('STATUS_CHANGED', 'alex', ?, ?, NULL, ?, NULL, 'PENDING', 0,"
                    // Due a day ago, whatever time zone Steward writes its instants in: due at once.
                    + " UTC_TIMESTAMP(6) - INTERVAL 1 DAY, UTC_TIMESTAMP(6) - INTERVAL 1 DAY)")) {
                String facts = "{\"topic\":\"SUBMITTED\",\"to\":\"STEWARD_REVIEW\",\"from\":\"\",\"step\":\"\"}";
                for (int i = 0; i < EMAILS; i++) {
                    insert.setString(1, address);
                    insert.setString(2, reference);
                    insert.setString(3, facts);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
            committed = System.nanoTime();
        }
        long deadline = committed + Duration.ofMinutes(10).toNanos();
        int received = 0;
        while (received < EMAILS && System.nanoTime() < deadline) {
            received = smtp.getReceivedMessagesForDomain(DOMAIN).length;
            if (received < EMAILS) {
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - committed) / 1e9;
        Map<String, Integer> statuses = statuses(databases, database, address);

        report.line("");
        report.line("### 1,000 emails queued at once");
        report.line("");
        report.line("| emails | received by the SMTP server | time from commit to the last received | emails/s "
                + "| outbox rows by status | mail batch size, poll |");
        report.line("|---:|---:|---:|---:|---|---|");
        report.line("| %d | %d | %.1f s | %.1f | %s | %s, %s ms |", EMAILS, received, seconds, received / seconds,
                statuses, env("STEWARD_MAIL_BATCHSIZE", "20 (default)"), env("STEWARD_MAIL_POLLMILLIS", "1000"));
        report.line("");
        report.line("(Waited %.1f s first for the lifecycles' own emails to leave the outbox.)",
                backlog.toMillis() / 1000.0);
        if (received < EMAILS) {
            report.line("**Only %d of %d emails arrived within 10 minutes.**", received, EMAILS);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }

    /** A request for the emails to be about: the sender reads it to write each one. */
    private static String submitOne(StewardProcess steward) throws Exception {
        ApiPerson alex = new ApiPerson("alex", steward.baseUrl());
        ApiPerson.Answer answer = alex.post("/api/requests",
                ApiLifecycle.requestBody("Emails benchmark", "PW-WORK-ORDERS"), "submit", new CallStats());
        if (answer.status() != 201) {
            throw new IllegalStateException("Could not submit the request the emails are about: " + answer.status()
                    + " " + answer.text());
        }
        return answer.body().get("reference").asText();
    }

    /**
     * Waits (up to 3 minutes) until no email is waiting for its first try, so that the 1,000 have the sender to
     * themselves; one waiting to be tried again after a failure waits minutes and is not waited for.
     */
    private static Duration awaitEmptyOutbox(Databases databases, String database) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = databases.open(database); Statement sql = connection.createStatement()) {
            while (System.nanoTime() - start < Duration.ofMinutes(3).toNanos()) {
                try (ResultSet row = sql.executeQuery("SELECT COUNT(*) FROM outbox_email WHERE status = 'PENDING'"
                        + " AND attempts = 0")) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Map<String, Integer> statuses(Databases databases, String database, String address)
            throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection connection = databases.open(database);
                PreparedStatement sql = connection.prepareStatement("SELECT status, COUNT(*) FROM outbox_email"
                        + " WHERE address = ? GROUP BY status")) {
            sql.setString(1, address);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }
}

package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.TestMailServer;
import org.steward.workflow.people.Person;

/**
 * Measures, for the closing note of issue 5, how fast the sender delivers to a local SMTP server (GreenMail in this
 * JVM) and how long a task completion takes with the mail server answering, down, or silent. It prints its figures
 * (lines starting with BENCHMARK) and asserts only that everything happened, never a time: the machine is shared.
 */
class EmailBenchmarkTest extends MailTest {

    private static final int EMAILS = 300;
    private static final int WARM_UP = 5;
    private static final int COMPLETIONS = 20;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private JavaMailSender smtp;

    @Test
    void emailsPerSecondDeliveredToALocalSmtpServer() throws Exception {
        String reference = submit("Work orders, the sender's benchmark", "PW-WORK-ORDERS");
        settled(reference);
        Person alex = person("alex");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("topic", "SUBMITTED");
        facts.put("to", "STEWARD_REVIEW");
        facts.put("from", "");
        facts.put("step", "");

        // The rows become visible to the sender at one commit, as a burst of changes would make them.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < EMAILS; i++) {
                outbox.add(EmailKind.STATUS_CHANGED, alex, reference, null, facts);
            }
        });
        long start = System.nanoTime();
        long allSent = waitFor(() -> sent(reference) >= EMAILS + 2);
        List<Long> ids = outbox.about(reference).stream().map(OutboxEmail::getId).toList();
        long allReceived = waitFor(() -> Mails.fromRows(ids).size() >= EMAILS + 2);

        assertThat(sent(reference)).isEqualTo(EMAILS + 2);
        assertThat(Mails.fromRows(ids)).hasSize(EMAILS + 2);
        double seconds = (allSent - start) / 1e9;
        System.out.printf("BENCHMARK sender: %d emails SENT in %.0f ms = %.1f emails/s (SMTP to GreenMail plus the "
                + "in-app mailbox copy of the test profile); all in GreenMail after %.0f ms%n", EMAILS, seconds * 1000,
                EMAILS / seconds, (allReceived - start) / 1e6);

        // For comparison, SMTP alone: the same server, one message per connection as the sender hands them over.
        String marker = "SMTP alone " + System.nanoTime();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom("steward@example.org");
            helper.setTo("benchmark@example.org");
            helper.setSubject(marker + " " + i);
            helper.setText("Plain text", "<p>HTML</p>");
            long one = System.nanoTime();
            smtp.send(message);
            millis.add((System.nanoTime() - one) / 1e6);
        }
        assertThat(Mails.await(50, m -> m.subject().startsWith(marker))).hasSize(50);
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("BENCHMARK SMTP alone (JavaMailSender.send, one message per connection, to GreenMail): "
                + "n=50 median=%.1f ms mean=%.1f ms = %.1f messages/s%n", (sorted.get(24) + sorted.get(25)) / 2,
                millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                1000 / millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    @Test
    void aTaskCompletionTakesAsLongWithTheMailServerDownOrSilentAsWithItUp() throws Exception {
        // Each completion sends a revised request round again: in its own transaction it writes a status email to the
        // requester and a task email to the steward, so a completion that waited on SMTP would show it.
        List<String> references = new ArrayList<>();
        for (int i = 0; i < WARM_UP + 3 * COMPLETIONS; i++) {
            String reference = submit("Work orders, completion benchmark " + i, "PW-WORK-ORDERS");
            assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Say which work types.").status())
                    .isEqualTo(204);
            references.add(reference);
        }
        runJobs();
        List<String> tasks = references.stream().map(ref -> taskAssignedTo(ref, "alex")).toList();
        references.forEach(this::settled);
        long firstRow = jdbc.queryForObject("select coalesce(max(id), 0) from outbox_email", Long.class) + 1;

        for (int i = 0; i < WARM_UP; i++) {
            complete(tasks.get(i));
        }
        // The three conditions take turns, five completions at a time, so that a change in the load of the (shared)
        // machine does not pass for a difference between them.
        Map<String, List<Double>> times = new LinkedHashMap<>();
        times.put("mail server up", new ArrayList<>());
        times.put("mail server down (connection refused)", new ArrayList<>());
        times.put("mail server silent (accepts, never answers)", new ArrayList<>());
        int next = WARM_UP;
        for (int block = 0; block < COMPLETIONS / 5; block++) {
            for (String condition : times.keySet()) {
                try (Outage outage = Outage.of(condition)) {
                    for (int i = 0; i < 5; i++) {
                        times.get(condition).add(complete(tasks.get(next++)));
                    }
                    String last = references.get(next - 1);
                    outage.senderTried(() -> outbox.about(last).stream().anyMatch(row -> row.getAttempts() > 0));
                }
            }
        }
        times.forEach(EmailBenchmarkTest::print);

        // Every email of the benchmark goes out once the server is back (an admin resends any that ran out of tries),
        // once each: the in-app mailbox keeps one copy per successful delivery.
        Person admin = person("admin");
        for (String reference : references) {
            outbox.about(reference).stream().filter(row -> row.getStatus() == OutboxEmail.Status.FAILED)
                    .forEach(row -> outbox.resend(admin, row.getId()));
        }
        for (String reference : references) {
            eventually("every email about " + reference + " sent", () -> outbox.about(reference).stream()
                    .allMatch(row -> row.getStatus() == OutboxEmail.Status.SENT
                            || row.getStatus() == OutboxEmail.Status.SKIPPED));
        }
        List<Long> written = jdbc.queryForList("select id from outbox_email where id >= ? and status = 'SENT'",
                Long.class, firstRow);
        assertThat(written).hasSize(2 * (WARM_UP + 3 * COMPLETIONS));
        assertThat(jdbc.queryForList("select email_id from mailbox_message where email_id >= ?", Long.class, firstRow))
                .containsExactlyInAnyOrderElementsOf(written);
    }

    /**
     * The mail server as one condition of the benchmark has it: up, down (nothing listens: connections are
     * refused at once), or silent (a socket that accepts and never answers, as a hung server does: the sender waits
     * for its read timeout). Closing it brings the test's mail server back.
     */
    private abstract static class Outage implements AutoCloseable {

        static Outage of(String condition) throws IOException {
            if (condition.startsWith("mail server up")) {
                return new Outage() {
                    @Override
                    public void close() {
                    }
                };
            }
            TestMailServer.stop();
            if (condition.contains("down")) {
                return new Outage() {
                    @Override
                    public void close() {
                        restartMailServer();
                    }
                };
            }
            ServerSocket silent = new ServerSocket();
            silent.setReuseAddress(true);
            silent.bind(new InetSocketAddress("127.0.0.1", TestMailServer.port()));
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        Socket connection = silent.accept();
                        // Closed with a reset, not a goodbye, so that the port is free for the mail server at once.
                        connection.setSoLinger(true, 0);
                        held.add(connection);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
            return new Outage() {
                @Override
                void senderTried(java.util.function.BooleanSupplier tried) {
                    eventually("the sender connected to the silent server", () -> !held.isEmpty());
                }

                @Override
                public void close() throws IOException {
                    silent.close();
                    for (Socket socket : held) {
                        socket.close();
                    }
                    restartMailServer();
                }
            };
        }

        /** Waits until the sender met the condition (tried to send while it held). */
        void senderTried(java.util.function.BooleanSupplier tried) {
            eventually("the sender tried", tried::getAsBoolean);
        }

        @Override
        public abstract void close() throws IOException;
    }

    /** Completes a revision with "resubmit" through the API; answers its time in milliseconds. */
    private double complete(String taskId) {
        long start = System.nanoTime();
        Answer answer = decide("alex", taskId, "resubmit", null);
        long end = System.nanoTime();
        assertThat(answer.status()).isIn(200, 204);
        return (end - start) / 1e6;
    }

    private static void print(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double median = (sorted.get((sorted.size() - 1) / 2) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("BENCHMARK task completion via POST /api/tasks/{id}/complete, %s: n=%d mean=%.1f ms "
                + "median=%.1f ms min=%.1f ms max=%.1f ms%n", what, millis.size(), mean, median, sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private int sent(String reference) {
        return jdbc.queryForObject("select count(*) from outbox_email where request_reference = ? and status = 'SENT'",
                Integer.class, reference);
    }

    /** Polls closely (the figure is a time) until the condition holds; answers System.nanoTime() at that moment. */
    private static long waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not done within 120 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return System.nanoTime();
    }
}

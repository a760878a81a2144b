package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.notifications.MailSettings;
import org.steward.notifications.SiteSettings;
import org.steward.notifications.outbox.EmailSender;
import org.steward.notifications.outbox.EmailWriter;
import org.steward.notifications.outbox.MailTransport;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.portal.TestMailServer;
import org.steward.workflow.request.DataRequest;
import org.steward.workflow.request.RequestText;

/**
 * The outbox against a mail server that fails: emails written while it is down go out once it is back, each exactly
 * once; an email that fails every try is kept failed with its error until an admin sends it again; a change that
 * rolls back writes nothing; two nodes sending the same outbox at the same moment send each email once.
 */
class OutboxTest extends MailTest {

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private EmailWriter writer;

    @Autowired
    private ObjectProvider<JavaMailSender> smtp;

    @Autowired
    private List<MailTransport> inApp;

    @Autowired
    private MailSettings settings;

    @Test
    void emailsWrittenWhileTheMailServerIsDown_arriveExactlyOnceWhenItIsBack() {
        List<String> references = new ArrayList<>();
        TestMailServer.stop();
        try {
            for (int i = 1; i <= 3; i++) {
                references.add(submit("Work orders while the mail server is down, " + i, "PW-WORK-ORDERS"));
            }
            eventually("each email tried and failed at least once", () -> references.stream()
                    .flatMap(ref -> outbox.about(ref).stream())
                    .allMatch(row -> row.getAttempts() >= 1 && row.getLastError() != null
                            && row.getStatus() == OutboxEmail.Status.PENDING));
            assertThat(references.stream().mapToLong(ref -> outbox.about(ref).size()).sum()).isEqualTo(6);
            assertThat(references.stream().flatMap(ref -> outbox.about(ref).stream()))
                    .allSatisfy(row -> assertThat(row.getLastError()).contains("MailSendException"));
        } finally {
            restartMailServer();
        }

        List<String> expected = new ArrayList<>();
        for (String reference : references) {
            expected.add("alex@example.org Your request was submitted (" + reference + ")");
            expected.add("sam@example.org Waiting for you: Approve as data steward on " + reference);
        }
        List<Mails.Mail> arrived = new ArrayList<>();
        references.forEach(ref -> arrived.addAll(settled(ref)));
        assertThat(arrived).extracting(m -> m.to().get(0) + " " + m.subject())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(arrived).extracting(Mails.Mail::outboxId).doesNotHaveDuplicates().hasSize(6);
        for (String reference : references) {
            assertThat(outbox.about(reference)).allSatisfy(row -> {
                assertThat(row.getStatus()).isEqualTo(OutboxEmail.Status.SENT);
                assertThat(row.getAttempts()).isGreaterThanOrEqualTo(2);
            });
            // The links minted for the tries that failed died with them; the ones in the email that went out work.
            OutboxEmail task = outbox.about(reference).stream().filter(r -> r.getTaskId() != null).findFirst()
                    .orElseThrow();
            assertThat(jdbc.queryForObject("select count(*) from action_link where email_id = ?"
                    + " and void_reason = 'not-sent'", Integer.class, task.getId()))
                    .isEqualTo(3 * (task.getAttempts() - 1));
            Mails.Mail sams = arrived.stream().filter(m -> task.getId().equals(m.outboxId())).findFirst()
                    .orElseThrow();
            assertThat(sams.actions()).hasSize(3);
            assertThat(new LinkBrowser().open(sams.actions().get("Approve")).status()).isEqualTo(200);
        }
    }

    @Test
    void anEmailThatFailsEveryTry_isFailedWithItsError_andAnAdminSendsItAgain() {
        String reference;
        TestMailServer.stop();
        try {
            reference = submit("Work orders that no mail server takes", "PW-WORK-ORDERS");
            // Six tries, 200 ms to 3.2 s apart in tests: a little over 6 s.
            eventually("every try failed", () -> outbox.about(reference).stream()
                    .allMatch(row -> row.getStatus() == OutboxEmail.Status.FAILED));
        } finally {
            restartMailServer();
        }
        List<OutboxEmail> failed = outbox.recent(person("admin"), true, 50).stream()
                .filter(row -> reference.equals(row.getRequestReference())).toList();
        assertThat(failed).hasSize(2).allSatisfy(row -> {
            assertThat(row.getStatus()).isEqualTo(OutboxEmail.Status.FAILED);
            assertThat(row.getAttempts()).isEqualTo(settings.maxAttempts());
            assertThat(row.getLastError()).contains("MailSendException", "Connection refused");
            assertThat(row.getSubject()).isNotBlank();
        });
        OutboxEmail toSam = failed.stream().filter(r -> r.getRecipient().equals("sam")).findFirst().orElseThrow();
        OutboxEmail toAlex = failed.stream().filter(r -> r.getRecipient().equals("alex")).findFirst().orElseThrow();

        outbox.resend(person("admin"), toSam.getId());

        Mails.Mail resent = awaitEmail(reference, "sam", "Waiting for you");
        assertThat(resent.actions()).containsOnlyKeys("Approve", "Reject", "Ask for changes");
        assertThat(new LinkBrowser().open(resent.actions().get("Approve")).status()).isEqualTo(200);
        assertThat(outbox.find(toSam.getId()).orElseThrow().getStatus()).isEqualTo(OutboxEmail.Status.SENT);
        assertThat(outbox.find(toAlex.getId()).orElseThrow().getStatus()).as("only what the admin chose is sent")
                .isEqualTo(OutboxEmail.Status.FAILED);
        assertThat(Mails.fromRows(Set.of(toAlex.getId()))).isEmpty();

        outbox.resend(person("admin"), toAlex.getId());
        assertThat(awaitEmail(reference, "alex", "Your request was submitted").outboxId()).isEqualTo(toAlex.getId());
    }

    @Test
    void aSubmissionThatRollsBack_writesNoEmail_andSendsNone() {
        String title = "Work orders that were never submitted " + System.nanoTime();
        Long before = jdbc.queryForObject("select coalesce(max(id), 0) from outbox_email", Long.class);
        RequestText text = json.convertValue(requestBody(title, "PW-WORK-ORDERS"), RequestText.class);

        String reference = new TransactionTemplate(transactions).execute(tx -> {
            DataRequest submitted = requests.submit(person("alex"), text, "api");
            assertThat(outbox.about(submitted.getReference())).as("written inside the change's transaction")
                    .extracting(OutboxEmail::getRecipient).containsExactlyInAnyOrder("alex", "sam");
            tx.setRollbackOnly();
            return submitted.getReference();
        });

        assertThat(requests.byReference(reference)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from outbox_email where id > ?", Integer.class, before))
                .isZero();
        // A request submitted after it has its emails sent; by then the sender would have sent the rolled-back ones.
        String after = submit("Work orders submitted after the rollback", "PW-WORK-ORDERS");
        assertThat(settled(after)).hasSize(2);
        assertThat(Mails.all()).noneMatch(m -> m.text().contains(title));
        assertThat(jdbc.queryForObject("select count(*) from outbox_email where id > ?", Integer.class, before))
                .isEqualTo(2);
    }

    @Test
    void twoNodesSendingTheSameOutboxAtTheSameMoment_sendEachEmailOnce() throws Exception {
        EmailSender nodeOne = new EmailSender(outbox, writer, smtp, inApp, settings, new SiteSettings("", true));
        EmailSender nodeTwo = new EmailSender(outbox, writer, smtp, inApp, settings, new SiteSettings("", true));
        List<RequestText> texts = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            texts.add(json.convertValue(requestBody("Work orders for two nodes, " + i, "PW-WORK-ORDERS"),
                    RequestText.class));
        }
        CyclicBarrier together = new CyclicBarrier(3);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<String> references;
        Future<Integer> one;
        Future<Integer> two;
        try {
            one = threads.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return nodeOne.sendDue();
            });
            two = threads.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return nodeTwo.sendDue();
            });
            // Thirty emails become visible at one commit; the two nodes start at that moment, and the scheduled
            // sender of the application (a third node) joins within its 100 ms.
            references = new TransactionTemplate(transactions).execute(tx -> texts.stream()
                    .map(text -> requests.submit(person("alex"), text, "api").getReference()).toList());
            together.await(30, TimeUnit.SECONDS);
            int sentByOne = one.get(60, TimeUnit.SECONDS);
            int sentByTwo = two.get(60, TimeUnit.SECONDS);
            // Each node claims a batch at a time, so which of the three gets how many varies; that at least two of
            // them sent some shows that they raced for the same emails.
            int sentByTheApplication = 30 - sentByOne - sentByTwo;
            assertThat(Stream.of(sentByOne, sentByTwo, sentByTheApplication).filter(n -> n > 0).count())
                    .as("senders that took part (node one %d, node two %d, the application's %d)", sentByOne,
                            sentByTwo, sentByTheApplication)
                    .isGreaterThanOrEqualTo(2);
            System.out.println("Two nodes: node one sent " + sentByOne + ", node two " + sentByTwo
                    + ", the scheduled sender the rest of 30");
        } finally {
            threads.shutdownNow();
        }

        List<Mails.Mail> arrived = new ArrayList<>();
        references.forEach(ref -> arrived.addAll(settled(ref)));
        List<Long> ids = references.stream().flatMap(ref -> outbox.about(ref).stream()).map(OutboxEmail::getId)
                .toList();
        assertThat(ids).hasSize(30);
        Map<Long, Long> copies = arrived.stream()
                .collect(Collectors.groupingBy(Mails.Mail::outboxId, Collectors.counting()));
        assertThat(copies).as("copies received of each email").containsOnlyKeys(ids)
                .allSatisfy((id, count) -> assertThat(count).as("copies of email " + id).isEqualTo(1L));
        assertThat(references.stream().flatMap(ref -> outbox.about(ref).stream()))
                .allSatisfy(row -> assertThat(row.getAttempts()).as("tries of email " + row.getId()).isEqualTo(1));
        Map<String, Long> perSubject = arrived.stream().collect(Collectors.groupingBy(
                m -> m.to().get(0) + " " + m.subject(), Collectors.counting()));
        assertThat(perSubject).hasSize(30).allSatisfy((subject, count) -> assertThat(count).isEqualTo(1L));
    }
}

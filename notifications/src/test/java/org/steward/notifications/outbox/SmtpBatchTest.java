package org.steward.notifications.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.steward.notifications.MailSettings;

/**
 * A batch of emails to a real SMTP server (GreenMail): all on one connection, one that cannot be written fails alone,
 * and with the server down every one of them fails with the reason, so that each waits for its next try.
 */
class SmtpBatchTest {

    private final int port = freePort();
    private GreenMail server;
    private int connections;
    private SmtpTransport transport;

    @BeforeEach
    void aMailServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl() {
            @Override
            protected Transport connectTransport() throws MessagingException {
                connections++;
                return super.connectTransport();
            }
        };
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        transport = new SmtpTransport(sender, new MailSettings("Steward <steward@example.org>", Duration.ofDays(7),
                List.of(Duration.ofSeconds(5)), 1000, Duration.ofMinutes(10), 20, null));
    }

    @AfterEach
    void stopIt() {
        server.stop();
    }

    @Test
    void fiftyEmailsGoOverOneConnection() {
        Map<Long, Exception> failed = transport.deliverAll(emails(50));

        assertThat(failed).isEmpty();
        assertThat(server.getReceivedMessages()).hasSize(50);
        assertThat(connections).isEqualTo(1);
    }

    @Test
    void anEmailWithAnUnusableAddressFailsAloneAndTheOthersArrive() throws Exception {
        List<OutgoingEmail> emails = new java.util.ArrayList<>(emails(3));
        emails.add(1, new OutgoingEmail(99, "someone", "", "Waiting for you", "Text", "<p>Text</p>"));

        Map<Long, Exception> failed = transport.deliverAll(emails);

        assertThat(failed).containsOnlyKeys(99L);
        assertThat(server.getReceivedMessages()).hasSize(3);
        assertThat(server.getReceivedMessages()).extracting(m -> m.getHeader("X-Steward-Email")[0])
                .containsExactly("1", "2", "3");
    }

    @Test
    void withTheServerDownEveryEmailOfTheBatchFailsWithTheReason() {
        server.stop();

        Map<Long, Exception> failed = transport.deliverAll(emails(5));

        assertThat(failed).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
        assertThat(failed.get(3L)).hasMessage("The mail server could not be reached")
                .hasStackTraceContaining("Connection refused");
    }

    @Test
    void anEmailSentAgainCarriesTheSameMessageIdAndAnotherEmailItsOwn() throws Exception {
        java.time.Instant queued = java.time.Instant.parse("2026-03-02T09:15:30.123Z");
        OutgoingEmail email = new OutgoingEmail(7, "alex", "alex@example.org", "Waiting for you", "Text",
                "<p>Text</p>", queued);
        OutgoingEmail other = new OutgoingEmail(8, "alex", "alex@example.org", "Waiting for you", "Text",
                "<p>Text</p>", queued);

        // As after a node died between the server's acceptance and the commit: the same outbox email goes out twice.
        assertThat(transport.deliverAll(List.of(email))).isEmpty();
        assertThat(transport.deliverAll(List.of(email, other))).isEmpty();

        assertThat(server.getReceivedMessages()).extracting(m -> m.getMessageID()).containsExactly(
                "<7." + queued.toEpochMilli() + ".steward@example.org>",
                "<7." + queued.toEpochMilli() + ".steward@example.org>",
                "<8." + queued.toEpochMilli() + ".steward@example.org>");
    }

    private static List<OutgoingEmail> emails(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new OutgoingEmail(i, "alex", "alex@example.org",
                "Waiting for you: DR-2026-" + i, "Plain words " + i, "<p>Plain words " + i + "</p>")).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.steward.notifications.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.steward.notifications.MailSettings;

/** What goes to the SMTP server: the configured sender, one recipient, both bodies, and the outbox row's number. */
class SmtpTransportTest {

    /** A mail sender that keeps what it is given instead of connecting to a server. */
    private static final class Kept extends JavaMailSenderImpl {
        final List<MimeMessage> messages = new ArrayList<>();

        @Override
        public void send(MimeMessage message) {
            messages.add(message);
        }
    }

    @Test
    void anEmailGoesOutFromTheConfiguredSenderWithTextAndHtml() throws Exception {
        Kept server = new Kept();
        MailSettings settings = new MailSettings("City data <data@city.example>", Duration.ofDays(7),
                List.of(Duration.ofSeconds(5)), 1000, Duration.ofMinutes(10), 20, null);
        new SmtpTransport(server, settings).deliver(new OutgoingEmail(42, "alex", "alex@city.example",
                "Waiting for you: Steward review on DR-2026-0042 — ünïcode", "Plain words", "<p>Plain words</p>"));

        assertThat(server.messages).hasSize(1);
        MimeMessage sent = server.messages.get(0);
        assertThat(((InternetAddress) sent.getFrom()[0]).getAddress()).isEqualTo("data@city.example");
        assertThat(((InternetAddress) sent.getFrom()[0]).getPersonal()).isEqualTo("City data");
        assertThat(sent.getAllRecipients()).extracting(Object::toString).containsExactly("alex@city.example");
        assertThat(sent.getSubject()).isEqualTo("Waiting for you: Steward review on DR-2026-0042 — ünïcode");
        assertThat(sent.getHeader("X-Steward-Email")).containsExactly("42");
        sent.saveChanges(); // as a real server connection does before writing the message out
        List<String> types = new ArrayList<>();
        collect((MimeMultipart) sent.getContent(), types);
        assertThat(types).anySatisfy(t -> assertThat(t).startsWith("text/plain"))
                .anySatisfy(t -> assertThat(t).startsWith("text/html"));
        assertThat(bodies((MimeMultipart) sent.getContent())).contains("Plain words", "<p>Plain words</p>");
    }

    private static void collect(MimeMultipart multipart, List<String> types) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            if (content instanceof MimeMultipart inner) {
                collect(inner, types);
            } else {
                types.add(multipart.getBodyPart(i).getContentType());
            }
        }
    }

    private static List<String> bodies(MimeMultipart multipart) throws Exception {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            if (content instanceof MimeMultipart inner) {
                found.addAll(bodies(inner));
            } else {
                found.add(content.toString());
            }
        }
        return found;
    }
}

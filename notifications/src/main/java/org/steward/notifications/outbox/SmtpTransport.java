package org.steward.notifications.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.steward.notifications.MailSettings;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends through the SMTP server of {@code spring.mail.*}, as multipart/alternative: plain text and HTML. A batch
 * goes over one connection: a connection per email costs the server's greeting and handshake every time.
 */
class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;
    private final MailSettings settings;

    SmtpTransport(JavaMailSender sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public void deliver(OutgoingEmail email) throws Exception {
        sender.send(message(email));
    }

    @Override
    public Map<Long, Exception> deliverAll(List<OutgoingEmail> emails) {
        Map<Long, Exception> failed = new LinkedHashMap<>();
        Map<MimeMessage, Long> ids = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        for (OutgoingEmail email : emails) {
            try {
                MimeMessage message = message(email);
                ids.put(message, email.emailId());
                messages.add(message);
            } catch (MessagingException unwritable) {
                failed.put(email.emailId(), unwritable);
            }
        }
        if (messages.isEmpty()) {
            return failed;
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException some) {
            // Names the messages that failed; none named means all went and only closing the connection failed.
            // A cause of its own means the connection failed, and with it every message not yet sent.
            String words = some.getCause() != null ? "The mail server could not be reached"
                    : "The mail server refused the email";
            some.getFailedMessages().forEach((message, why) -> failed.put(ids.get(message),
                    new MailSendException(words, why)));
        } catch (MailException all) {
            // A refused login or a server that cannot be reached: nothing went.
            ids.values().forEach(id -> failed.put(id, all));
        }
        return failed;
    }

    private MimeMessage message(OutgoingEmail email) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(email.address());
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        // Lets a reader of the raw message (and our tests) tie it to its outbox row.
        message.setHeader("X-Steward-Email", Long.toString(email.emailId()));
        if (email.queuedAt() != null) {
            // The same Message-ID at every try of one outbox email (JavaMailSender keeps one set before sending), so
            // that a copy sent again after a node died between the server's acceptance and the commit is known as one.
            message.setHeader("Message-ID", messageId(email));
        }
        return message;
    }

    /** {@code <id.queued-millis.steward@domain of the sender>}: the queue time keeps ids apart across installations. */
    private String messageId(OutgoingEmail email) {
        String from = settings.from();
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "steward.invalid" : from.substring(at + 1).replaceAll("[>\\s]", "");
        return "<" + email.emailId() + "." + email.queuedAt().toEpochMilli() + ".steward@"
                + (domain.isEmpty() ? "steward.invalid" : domain) + ">";
    }
}

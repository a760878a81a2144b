package org.steward.notifications.outbox;

import jakarta.mail.internet.MimeMessage;
import org.steward.notifications.MailSettings;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends through the SMTP server of {@code spring.mail.*}, as multipart/alternative: plain text and HTML. */
class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;
    private final MailSettings settings;

    SmtpTransport(JavaMailSender sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public void deliver(OutgoingEmail email) throws Exception {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(email.address());
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        // Lets a reader of the raw message (and our tests) tie it to its outbox row.
        message.setHeader("X-Steward-Email", Long.toString(email.emailId()));
        sender.send(message);
    }
}

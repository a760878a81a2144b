package org.steward.notifications.outbox;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.steward.notifications.MailSettings;
import org.steward.notifications.SiteSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox after commit: claims each due email for this node (so no two nodes send one email), writes it,
 * hands it to SMTP and/or the in-app mailbox outside any transaction, and records the outcome; a failure waits
 * for its next try (see {@link MailSettings#retryDelays()}) until the last, then the email is failed for admins.
 */
@Component
public class EmailSender {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);

    private final EmailOutbox outbox;
    private final EmailWriter writer;
    private final List<MailTransport> transports = new ArrayList<>();
    private final String node;

    public EmailSender(EmailOutbox outbox, EmailWriter writer, ObjectProvider<JavaMailSender> smtp,
            List<MailTransport> inApp, MailSettings settings, SiteSettings site) {
        this.outbox = outbox;
        this.writer = writer;
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            transports.add(new SmtpTransport(sender, settings));
        }
        if (settings.mailboxOn(sender != null, site.demoData())) {
            transports.addAll(inApp);
        }
        if (transports.isEmpty()) {
            LOG.warn("Emails are not sent: no mail server is set (spring.mail.host) and the in-app mailbox is off "
                    + "(steward.mail.mailbox=true turns it on). They wait in the outbox until one of them is set.");
        }
        this.node = nodeName();
    }

    /**
     * Sends every email due now, batch after batch; answers how many went out. With nowhere to send them, none is
     * taken: they wait in the outbox, unwritten (so no link is made), until a mail server or the mailbox is set.
     */
    @Scheduled(fixedDelayString = "${steward.mail.poll-millis:1000}")
    public int sendDue() {
        if (transports.isEmpty()) {
            return 0;
        }
        int sent = 0;
        while (true) {
            List<Long> due = outbox.due();
            int claimed = 0;
            for (Long id : due) {
                if (outbox.claim(id, node)) {
                    claimed++;
                    if (send(id)) {
                        sent++;
                    }
                }
            }
            if (due.isEmpty() || claimed == 0) {
                return sent;
            }
        }
    }

    /** Whether SMTP or the in-app mailbox (or both, or neither) take the emails. */
    public List<String> transports() {
        return transports.stream().map(t -> t instanceof SmtpTransport ? "smtp" : "mailbox").toList();
    }

    private boolean send(long id) {
        OutboxEmail email = outbox.find(id).orElse(null);
        if (email == null) {
            return false;
        }
        EmailWriter.Written written;
        try {
            written = writer.write(email);
        } catch (RuntimeException failure) {
            LOG.warn("Email {} could not be written", id, failure);
            writer.unsent(id);
            outbox.failed(id, null, "The email could not be written: " + failure);
            return false;
        }
        if (written.skipped() != null) {
            outbox.skipped(id, written.skipped());
            return false;
        }
        try {
            for (MailTransport transport : transports) {
                transport.deliver(written.email());
            }
            outbox.sent(id, written.email().subject());
            return true;
        } catch (Exception failure) {
            LOG.warn("Email {} to {} not sent (try {}): {}", id, email.getAddress(), email.getAttempts(),
                    failure.toString());
            writer.unsent(id);
            outbox.failed(id, written.email().subject(), describe(failure));
            return false;
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 900; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            host = "node";
        }
        String name = host + "-" + UUID.randomUUID();
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }
}
